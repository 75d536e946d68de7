//! A Ballista cluster on this machine, from the Ballista project's own scheduler and
//! executor crates (feature `engine`), built with the same DataFusion as Claimline so
//! that it is compiled once: `claimline-cluster scheduler --port 50050` and
//! `claimline-cluster executor --scheduler-port 50050 --port 50051 --grpc-port 50052`.
//! `scripts/cluster.sh` starts and stops one for the tests and the benchmarks; each
//! process logs to standard error at `RUST_LOG` (Ballista's crates at info by default).

use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

/// What to start.
#[derive(Debug, Parser)]
#[command(
    name = "claimline-cluster",
    about = "A Ballista scheduler or executor for Claimline's tests"
)]
struct Cli {
    #[command(subcommand)]
    role: Role,
}

#[derive(Debug, Subcommand)]
enum Role {
    /// The scheduler, which plans queries and hands their tasks to executors.
    Scheduler {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// Port to listen on.
        #[arg(long, default_value_t = 50050)]
        port: u16,
    },
    /// An executor, which runs tasks for the scheduler.
    Executor {
        /// The scheduler's port (on this machine).
        #[arg(long, default_value_t = 50050)]
        scheduler_port: u16,
        /// The executor's data (Arrow Flight) port.
        #[arg(long, default_value_t = 50051)]
        port: u16,
        /// The executor's gRPC port.
        #[arg(long, default_value_t = 50052)]
        grpc_port: u16,
        /// Folder for shuffle files.
        #[arg(long)]
        work_dir: Option<String>,
        /// Task slots.
        #[arg(long, default_value_t = 1)]
        slots: usize,
    },
}

fn main() -> ExitCode {
    // To the log file scripts/cluster.sh gives each process: what the scheduler planned
    // and the executors ran, with job ids, at RUST_LOG.
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or(
        "warn,ballista_scheduler=info,ballista_executor=info,ballista_core=info",
    ))
    .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(32 << 20)
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            report(&format!("could not start a runtime: {e}"));
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.role {
            Role::Scheduler { host, port } => scheduler(&host, port).await,
            Role::Executor {
                scheduler_port,
                port,
                grpc_port,
                work_dir,
                slots,
            } => executor(scheduler_port, port, grpc_port, work_dir, slots).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e);
            ExitCode::FAILURE
        }
    }
}

#[allow(clippy::print_stderr)]
fn report(message: &str) {
    eprintln!("claimline-cluster: {message}");
}

async fn scheduler(host: &str, port: u16) -> Result<(), String> {
    use ballista_scheduler::cluster::BallistaCluster;
    use ballista_scheduler::config::SchedulerConfig;
    // Tables in object storage (s3://…) are planned here: the scheduler reaches them as
    // the client does.
    let sessions: ballista_scheduler::scheduler_server::SessionBuilder = Arc::new(|config| {
        let state = ballista_core::utils::default_session_builder(config)?;
        Ok(
            datafusion::execution::SessionStateBuilder::new_from_existing(state)
                .with_runtime_env(claimline::engine::store::runtime_env()?)
                .build(),
        )
    });
    let config = SchedulerConfig {
        override_session_builder: Some(sessions),
        bind_host: host.to_owned(),
        bind_port: port,
        external_host: host.to_owned(),
        // A killed executor is noticed within seconds, not minutes.
        executor_timeout_seconds: 5,
        expire_dead_executor_interval_seconds: 2,
        ..SchedulerConfig::default()
    };
    let address = format!("{host}:{port}")
        .parse()
        .map_err(|e| format!("{host}:{port} is not an address: {e}"))?;
    let cluster = BallistaCluster::new_from_config(&config)
        .await
        .map_err(|e| e.to_string())?;
    ballista_scheduler::scheduler_process::start_server(cluster, address, Arc::new(config))
        .await
        .map_err(|e| e.to_string())
}

async fn executor(
    scheduler_port: u16,
    port: u16,
    grpc_port: u16,
    work_dir: Option<String>,
    slots: usize,
) -> Result<(), String> {
    use ballista_core::registry::BallistaFunctionRegistry;
    use ballista_executor::executor_process::{ExecutorProcessConfig, start_executor_process};
    // Ballista's executors know DataFusion's scalar functions but not its list
    // functions (make_array, array_has_any, array_intersect…), which lanes by actor and
    // the actor and outlet filters are asked with: they are added here.
    let mut functions = BallistaFunctionRegistry::default();
    for f in datafusion::functions_nested::all_default_nested_functions() {
        functions.scalar_functions.insert(f.name().to_owned(), f);
    }
    let spill_dir = work_dir.clone();
    let config = ExecutorProcessConfig {
        bind_host: "127.0.0.1".to_owned(),
        external_host: Some("127.0.0.1".to_owned()),
        port,
        grpc_port,
        scheduler_host: "127.0.0.1".to_owned(),
        scheduler_port,
        vcores: slots.max(1),
        work_dir,
        executor_heartbeat_interval_seconds: 1,
        override_function_registry: Some(Arc::new(functions)),
        // And its tasks read them, with the credentials of its environment.
        override_runtime_producer: Some(Arc::new(move |_| {
            let mut runtime = datafusion::execution::runtime_env::RuntimeEnvBuilder::new()
                .with_object_store_registry(
                    Arc::new(claimline::engine::store::Registry::default()),
                );
            if let Some(dir) = &spill_dir {
                runtime = runtime.with_temp_file_path(dir.clone());
            }
            runtime.build_arc()
        })),
        ..ExecutorProcessConfig::default()
    };
    start_executor_process(Arc::new(config))
        .await
        .map_err(|e| e.to_string())
}
