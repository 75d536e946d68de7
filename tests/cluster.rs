//! A real Ballista cluster on loopback — a scheduler and two executors, separate
//! processes started by scripts/cluster.sh — answers the timeline's questions as
//! DataFusion on this machine does; killed mid-session (executors, then scheduler), the
//! view keeps its last answers and says the engine is gone; restarted, the view
//! recovers with no restart of its own. The same, through the window: the status bar
//! says the engine is gone and the window goes on answering; back up, it says ready.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

#[cfg(not(feature = "engine"))]
#[test]
fn the_cluster_test_needs_the_cluster_feature() {
    use std::io::Write as _;
    let _ = std::io::stderr().write_all(
        b"\nskipped the Ballista cluster test: it is built with the `engine` feature \
          (cargo test --features engine --test cluster); CI runs it.\n",
    );
}

#[cfg(feature = "engine")]
mod common;

#[cfg(feature = "engine")]
mod with_cluster {
    use super::common;
    use std::path::{Path, PathBuf};
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use claimline::app::{AppOptions, ClaimlineApp};
    use claimline::engine::convert::convert_file;
    use claimline::engine::queries::{Engine, EngineData};
    use claimline::load::table::MappingSpec;
    use claimline::timeline::seam::asking::{Asking, Health};
    use claimline::timeline::seam::{Cancel, TimelineData, ViewAnswers, ViewQuery};
    use claimline::timeline::{Filter, LaneMode, TableAsk};

    /// The cluster's processes, stopped however the test ends.
    struct Cluster {
        dir: PathBuf,
        port: u16,
        /// The environment its processes start with (an S3 server's address).
        env: Vec<(&'static str, String)>,
    }

    impl Cluster {
        fn script(&self, args: &[&str]) -> std::process::Output {
            std::process::Command::new("scripts/cluster.sh")
                .envs(self.env.iter().map(|(k, v)| (*k, v.as_str())))
                .args(args)
                .args(["--dir", &self.dir.to_string_lossy()])
                .output()
                .unwrap_or_else(|e| panic!("scripts/cluster.sh {args:?}: {e}"))
        }

        fn start(&self) {
            let port = self.port.to_string();
            let out = self.script(&[
                "start",
                "--port",
                &port,
                "--executors",
                "2",
                "--bin",
                env!("CARGO_BIN_EXE_claimline-cluster"),
            ]);
            assert!(
                out.status.success(),
                "the cluster did not start: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }

        /// Kills executor `i` and starts it again on its ports.
        fn restart_executor(&self, i: &str) {
            let port = self.port.to_string();
            let out = self.script(&[
                "restart-executor",
                i,
                "--port",
                &port,
                "--bin",
                env!("CARGO_BIN_EXE_claimline-cluster"),
            ]);
            assert!(
                out.status.success(),
                "executor {i} did not start again: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }

        fn url(&self) -> String {
            format!("df://127.0.0.1:{}", self.port)
        }
    }

    impl Drop for Cluster {
        fn drop(&mut self) {
            let _ = self.script(&["stop"]);
        }
    }

    fn query(d0: i32, width: i32, step: i32) -> ViewQuery {
        ViewQuery::even(d0, width, step, 1_500, 40)
    }

    fn eventually(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
        let until = Instant::now() + limit;
        while !done() {
            assert!(Instant::now() < until, "never happened: {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn converted(dir: &Path) -> PathBuf {
        let csv = dir.join("t.csv");
        let mut file = std::fs::File::create(&csv).unwrap_or_else(|e| panic!("{e}"));
        claimline::generate::table::write_table(50_000, 11, &mut file)
            .unwrap_or_else(|e| panic!("{e}"));
        drop(file);
        let parquet = dir.join("t.parquet");
        convert_file(&csv, &parquet, &MappingSpec::default()).unwrap_or_else(|e| panic!("{e}"));
        parquet
    }

    #[test]
    fn a_ballista_cluster_answers_as_datafusion_does_and_survives_being_killed() {
        let tmp = tempfile::tempdir().unwrap();
        let parquet = converted(tmp.path());
        // Ports of our own, away from a cluster someone runs on the defaults.
        let port = 50_300 + (std::process::id() % 500) as u16 * 8;
        // A bucket on loopback the scheduler and executors reach (tables in object
        // storage are how a real cluster's executors share them).
        let s3 = common::needs::require(
            "a_ballista_cluster_answers_as_datafusion_does_and_survives_being_killed",
            &[common::needs::Need::S3Server],
        )
        .then(common::s3::start);
        let cluster = Cluster {
            dir: tmp.path().join("cluster"),
            port,
            env: s3.as_ref().map(common::s3::Server::env).unwrap_or_default(),
        };
        cluster.start();
        let f = Filter::default();
        let local = EngineData::open(&parquet, Engine::Embedded, &TableAsk::plain(&f)).unwrap();
        // Executors register with the scheduler on their first heartbeat.
        let mut remote = None;
        eventually(
            "the cluster answers",
            Duration::from_secs(60),
            || match EngineData::open(
                &parquet,
                Engine::Cluster(cluster.url()),
                &TableAsk::plain(&f),
            ) {
                Ok(s) => {
                    remote = Some(s);
                    true
                }
                Err(_) => false,
            },
        );
        let remote = remote.unwrap();
        assert_eq!(remote.lanes().unwrap(), local.lanes().unwrap());
        let first = local.page(0, 1).unwrap()[0].row.start;
        let views = [
            query(first, 30, 1),
            query(first + 2_000, 400, 2),
            query(first, 13_000, 40),
        ];
        for q in &views {
            assert_eq!(
                remote.view(q, &Cancel::new()).unwrap(),
                local.view(q, &Cancel::new()).unwrap(),
                "a view of {} days",
                q.days.1 - q.days.0 + 1
            );
        }

        filters_answer_as_here(&cluster, tmp.path());
        render_draws_as_memory_does(&cluster, tmp.path());
        if let Some(s3) = &s3 {
            a_table_in_a_bucket_draws_on_the_cluster(&cluster, s3, tmp.path());
        }
        one_executor_restarted_answers_again(&cluster, &parquet, &local);
        hung_executors_are_said_and_answer_once_woken(&cluster, &parquet, &local, first);

        // The window's front on the cluster: a view answered, then the cluster killed.
        let front = Asking::new(Arc::new(remote), Box::new(|| {}));
        let seen = query(first + 100, 300, 3);
        eventually("the view is answered", Duration::from_secs(60), || {
            front.answer(&seen).is_some() && front.status().health == Health::Ready
        });
        let shown = front.answer(&seen);

        let out = cluster.script(&["stop-executors"]);
        assert!(out.status.success());
        let elsewhere = query(first + 6_000, 300, 3);
        front.answer(&elsewhere);
        eventually(
            "the front says the engine is gone",
            Duration::from_secs(90),
            || matches!(front.status().health, Health::Gone(_)),
        );
        let out = cluster.script(&["stop-scheduler"]);
        assert!(out.status.success());
        let Health::Gone(why) = front.status().health else {
            unreachable!()
        };
        assert!(why.contains(&cluster.url()), "{why}");
        // Nothing hangs and nothing is lost: the last answers are still drawn.
        assert_eq!(front.answer(&seen), shown);

        // Back up: the view wanted is answered, with no restart of the front.
        cluster.start();
        front.answer(&elsewhere);
        eventually(
            "the view recovers once the cluster is back",
            Duration::from_secs(120),
            || front.answer(&elsewhere).is_some() && front.status().health == Health::Ready,
        );
        let parts: Vec<_> = claimline::timeline::seam::tiles::tiles_for(&elsewhere)
            .into_iter()
            .map(|t| (t, local.view(&t.query(&elsewhere), &Cancel::new()).unwrap()))
            .collect();
        let refs: Vec<_> = parts.iter().map(|(t, a)| (*t, a)).collect();
        assert_eq!(
            front.answer(&elsewhere),
            claimline::timeline::seam::tiles::combine(&elsewhere, &refs)
        );
        drop(front);

        the_window_survives_the_cluster_dying(&cluster, &parquet);
    }

    /// Executors that hang (stopped, their sockets open: `cluster.sh hang-executors`)
    /// answer nothing: a question is given up after the documented 20 s, saying so in
    /// words. The scheduler drops an executor silent for 5 s and does not take it back
    /// when it wakes: restarted, the executors answer as DataFusion here does.
    fn hung_executors_are_said_and_answer_once_woken(
        cluster: &Cluster,
        parquet: &Path,
        local: &EngineData,
        first: i32,
    ) {
        let remote = EngineData::open(
            parquet,
            Engine::Cluster(cluster.url()),
            &TableAsk::plain(&Filter::default()),
        )
        .unwrap();
        assert!(cluster.script(&["hang-executors"]).status.success());
        let q = query(first + 3_000, 200, 2);
        let asked = Instant::now();
        let said = remote.view(&q, &Cancel::new());
        let waited = asked.elapsed();
        assert!(cluster.script(&["wake-executors"]).status.success());
        cluster.restart_executor("1");
        cluster.restart_executor("2");
        let Err(why) = said else {
            panic!("hung executors answered");
        };
        assert!(
            why.to_string().contains(&format!(
                "the Ballista cluster at {} did not answer within 20 s: are its executors running, and not hung?",
                cluster.url()
            )),
            "{why}"
        );
        assert!(
            waited >= Duration::from_secs(20) && waited < Duration::from_secs(40),
            "given up after the documented 20 s, not {waited:?}"
        );
        let mut answer = None;
        eventually(
            "restarted, the cluster answers",
            Duration::from_secs(60),
            || {
                answer = remote.view(&q, &Cancel::new()).ok();
                answer.is_some()
            },
        );
        assert_eq!(answer, Some(local.view(&q, &Cancel::new()).unwrap()));
    }

    /// The cluster can be watched and mended: its processes log what they planned and
    /// ran, with job ids; one executor restarted (`cluster.sh restart-executor 1`), the
    /// cluster answers as before.
    fn one_executor_restarted_answers_again(cluster: &Cluster, parquet: &Path, local: &EngineData) {
        let log = |name: &str| std::fs::read_to_string(cluster.dir.join(name)).unwrap_or_default();
        assert!(
            log("scheduler.log").contains("Job queued"),
            "the scheduler logs its jobs:\n{}",
            log("scheduler.log")
        );
        cluster.restart_executor("1");
        let mut answered = None;
        eventually(
            "the cluster answers after an executor's restart",
            Duration::from_secs(60),
            || {
                answered = EngineData::open(
                    parquet,
                    Engine::Cluster(cluster.url()),
                    &TableAsk::plain(&Filter::default()),
                )
                .ok()
                .and_then(|remote| remote.lanes().ok());
                answered.is_some()
            },
        );
        assert_eq!(answered, Some(local.lanes().unwrap()));
        let restarted = log("executor-1.log");
        assert!(
            restarted.matches("Ballista Executor").count() >= 2,
            "the executor's log holds both of its starts:\n{restarted}"
        );
    }

    /// `claimline render` through the cluster of a converted dataset draws the picture
    /// `render` of the dataset draws, byte for byte: the built-in story (eras, links,
    /// month bars) and 3,000 generated events with relations (compressed axis, labels,
    /// the overview's disputed share).
    fn render_draws_as_memory_does(cluster: &Cluster, dir: &Path) {
        let claimline = |args: &[&str]| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimline"))
                .args(args)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "claimline {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        let s = |p: &Path| p.to_string_lossy().into_owned();
        let generated = dir.join("g.ron");
        claimline(&[
            "generate",
            "--events",
            "3000",
            "--seed",
            "5",
            &s(&generated),
        ]);
        for (i, dataset) in [Path::new("data/trump-putin.ron"), &generated]
            .into_iter()
            .enumerate()
        {
            let table = dir.join(format!("r{i}.parquet"));
            convert_file(dataset, &table, &MappingSpec::default()).unwrap();
            let (memory, engine) = (dir.join(format!("m{i}.svg")), dir.join(format!("e{i}.svg")));
            claimline(&["render", &s(dataset), "-o", &s(&memory)]);
            claimline(&[
                "render",
                &s(&table),
                "--engine",
                &cluster.url(),
                "-o",
                &s(&engine),
            ]);
            let (m, e) = (
                std::fs::read(&memory).unwrap(),
                std::fs::read(&engine).unwrap(),
            );
            let at = m.iter().zip(&e).take_while(|(a, b)| a == b).count();
            assert!(
                m == e,
                "{}: through Ballista the picture differs at byte {at}: {:?} / {:?}",
                dataset.display(),
                String::from_utf8_lossy(&m[at.saturating_sub(60)..(at + 60).min(m.len())]),
                String::from_utf8_lossy(&e[at.saturating_sub(60)..(at + 60).min(e.len())])
            );
        }
    }

    /// A table converted into a bucket, drawn through the cluster (its scheduler plans
    /// from the bucket, its executors read it): the picture the dataset gives in memory.
    fn a_table_in_a_bucket_draws_on_the_cluster(
        cluster: &Cluster,
        s3: &common::s3::Server,
        dir: &Path,
    ) {
        assert_eq!(s3.http("PUT", "/cluster", b""), 200, "the bucket is made");
        let claimline = |args: &[&str]| {
            let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_claimline"));
            common::s3::with_env(&mut c, s3);
            let out = c.args(args).output().unwrap();
            assert!(
                out.status.success(),
                "claimline {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        let (memory, engine) = (dir.join("s3-m.svg"), dir.join("s3-e.svg"));
        let s = |p: &Path| p.to_string_lossy().into_owned();
        claimline(&[
            "convert",
            "data/trump-putin.ron",
            "-o",
            "s3://cluster/tp.parquet",
        ]);
        claimline(&["render", "data/trump-putin.ron", "-o", &s(&memory)]);
        claimline(&[
            "render",
            "s3://cluster/tp.parquet",
            "--engine",
            &cluster.url(),
            "-o",
            &s(&engine),
        ]);
        assert!(
            std::fs::read(&memory).unwrap() == std::fs::read(&engine).unwrap(),
            "the bucket's table draws on the cluster as the dataset in memory"
        );
    }

    /// Filters the day counts cannot answer, on the cluster: a search (its counts asked
    /// once, in one reading of the table by the executors, its rows through the
    /// search column), "disputed only" (through the relations table) and both; the
    /// lanes, the overview, views, a page and the disputes on screen answer as here.
    fn filters_answer_as_here(cluster: &Cluster, dir: &Path) {
        let ds = claimline::generate::generate(claimline::generate::GenerateOptions {
            events: 6_000,
            seed: 5,
        })
        .unwrap();
        let ron = dir.join("related.ron");
        std::fs::write(
            &ron,
            claimline::save::to_ron(&ds, claimline::save::Layout::Compact).unwrap(),
        )
        .unwrap();
        let parquet = dir.join("related.parquet");
        convert_file(&ron, &parquet, &MappingSpec::default()).unwrap();
        let search = Filter {
            text: "Ceasefire".to_owned(),
            ..Filter::default()
        };
        let disputed = Filter {
            disputed_only: true,
            ..Filter::default()
        };
        let both = Filter {
            disputed_only: true,
            ..search.clone()
        };
        // Lanes by actor and the actor and outlet filters, asked with DataFusion's list
        // functions (claimline-cluster's executors register them).
        let doc = claimline::timeline::Document::new(
            claimline::load::load_file(&ron, claimline::load::LoadOptions::default(), None)
                .unwrap(),
            claimline::timeline::Origin::File(ron.clone()),
        );
        let mut by_actor = Filter::default();
        by_actor.actors.push(doc.actor_facets[1].key);
        let mut by_outlet = Filter::default();
        by_outlet.outlets.push(doc.outlet_facets[0].key);
        let asks = [
            TableAsk::plain(&search),
            TableAsk::plain(&disputed),
            TableAsk::plain(&both),
            TableAsk::of(&doc, &by_actor, LaneMode::Kind),
            TableAsk::of(&doc, &by_outlet, LaneMode::Actor),
            TableAsk::of(&doc, &search, LaneMode::Group),
        ];
        for ask in asks {
            let f = ask.filter.clone();
            let local = EngineData::open(&parquet, Engine::Embedded, &ask).unwrap();
            let remote = EngineData::open(&parquet, Engine::Cluster(cluster.url()), &ask)
                .unwrap_or_else(|e| panic!("{ask:?}: {e}"));
            let lanes = local.lanes().unwrap();
            let passing: usize = lanes.iter().map(|l| l.count).sum();
            assert!(
                passing > 0 && passing < ds.events.len(),
                "the filter {f:?} lets some events through, not all: {passing}"
            );
            assert_eq!(remote.lanes().unwrap(), lanes, "{f:?}");
            let overview = local.overview().unwrap();
            assert_eq!(remote.overview().unwrap(), overview, "{f:?}");
            let (first, last) = overview.0.unwrap();
            for q in [
                query(first, last - first + 1, 30),
                query(first + (last - first) / 3, 200, 2),
            ] {
                assert_eq!(
                    remote.view(&q, &Cancel::new()).unwrap(),
                    local.view(&q, &Cancel::new()).unwrap(),
                    "{f:?}: a view of {} days",
                    q.days.1 - q.days.0 + 1
                );
            }
            assert_eq!(remote.page(0, 50).unwrap(), local.page(0, 50).unwrap());
            let disputes = local.disputes_in((first, last), 100).unwrap();
            assert!(!disputes.is_empty(), "{f:?}: disputes on screen");
            assert_eq!(remote.disputes_in((first, last), 100).unwrap(), disputes);
        }
    }

    /// Steps the window until `done` holds (a generous limit: never a measure of speed).
    fn until(
        h: &mut egui_kittest::Harness<'_, ClaimlineApp>,
        what: &str,
        limit: Duration,
        done: impl Fn(&ClaimlineApp) -> bool,
    ) {
        let until = Instant::now() + limit;
        while Instant::now() < until {
            h.step();
            if done(h.state()) {
                h.run_steps(2);
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let st = h.state();
        panic!(
            "the window never got to: {what} (opening: {}, health: {:?}, other: {:?})",
            st.is_opening_big(),
            health(st),
            st.big_table().and_then(|b| b.other_failure())
        );
    }

    fn health(app: &ClaimlineApp) -> Option<Health> {
        app.big_table().map(|b| b.status().health)
    }

    /// The window on the cluster: killed, the status bar says the engine is gone while
    /// the window goes on drawing its last answers and taking commands; started again,
    /// it says ready, with no reopening.
    fn the_window_survives_the_cluster_dying(cluster: &Cluster, parquet: &Path) {
        use claimline::app::big_open::{BigStart, engine_opener};
        use claimline::app::command::{Command, UiCommand};
        use egui_kittest::kittest::{NodeT as _, Queryable as _};

        let mut h = common::harness(AppOptions {
            big: Some(BigStart {
                path: parquet.to_owned(),
                opener: engine_opener(parquet.to_owned(), Engine::Cluster(cluster.url())),
            }),
            ..AppOptions::default()
        });
        until(
            &mut h,
            "the cluster's first answers",
            Duration::from_secs(60),
            |app| !app.is_opening_big() && health(app) == Some(Health::Ready),
        );
        assert!(h.query_by_label("Engine: ready").is_some());
        let events_shown = h.state().big_table().map(|b| b.describe.clone());
        // The map beside the timeline, asked of the cluster too.
        h.key_press(egui::Key::M);
        until(
            &mut h,
            "the map's first answer",
            Duration::from_secs(60),
            |app| app.map().answer().is_some() && app.map().failure().is_none(),
        );

        let out = cluster.script(&["stop-executors"]);
        assert!(out.status.success());
        let out = cluster.script(&["stop-scheduler"]);
        assert!(out.status.success());
        // A view not asked yet: the window asks the dead cluster for it.
        let ctx = h.ctx.clone();
        for _ in 0..3 {
            h.state_mut().execute(&ctx, Command::Ui(UiCommand::ZoomIn));
        }
        until(
            &mut h,
            "the engine is said to be gone",
            Duration::from_secs(90),
            |app| matches!(health(app), Some(Health::Gone(_))),
        );
        if let Ok(dir) = std::env::var("CLAIMLINE_SHOTS") {
            h.render()
                .unwrap()
                .save(Path::new(&dir).join("engine-gone.png"))
                .unwrap();
        }
        // A label's text is its node's value.
        let gone: String = h
            .query_all_by(|n| n.value().is_some_and(|v| v.starts_with("Engine gone")))
            .filter_map(|n| n.accesskit_node().value())
            .next()
            .expect("the status bar says the engine is gone");
        assert!(gone.contains(&cluster.url()), "{gone}");
        // Nothing hangs: frames go on, the window still takes commands, and the table
        // stays open with its last answers.
        let started = Instant::now();
        h.run_steps(5);
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "frames kept coming"
        );
        h.state_mut().execute(&ctx, Command::Ui(UiCommand::ZoomOut));
        h.run_steps(2);
        assert_eq!(
            h.state().big_table().map(|b| b.describe.clone()),
            events_shown
        );
        assert!(h.state().document().is_some());
        // The map, following the timeline to days it was not asked for, says why it has
        // no answer for them.
        until(
            &mut h,
            "the map says the cluster did not answer",
            Duration::from_secs(90),
            |app| app.map().failure().is_some(),
        );

        cluster.start();
        let limit = Instant::now() + Duration::from_secs(120);
        while health(h.state()) != Some(Health::Ready) {
            assert!(
                Instant::now() < limit,
                "the window never recovered: {:?}",
                h.state().big_table().map(|b| b.status())
            );
            h.step();
            std::thread::sleep(Duration::from_millis(20));
        }
        h.run_steps(2);
        assert!(h.query_by_label("Engine: ready").is_some());
        // The map asks again by itself and recovers with the cluster.
        until(
            &mut h,
            "the map answers again",
            Duration::from_secs(120),
            |app| app.map().failure().is_none() && app.map().answer().is_some(),
        );
    }
}
