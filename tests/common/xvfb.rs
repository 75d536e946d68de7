//! A private virtual X display (Xvfb) for end-to-end tests, and running the real
//! binary on it: to completion ([`Xvfb::run`]) or in the background while the test looks
//! at its window ([`Xvfb::spawn`], [`Xvfb::x`]).

use std::io::{BufRead as _, BufReader, Read as _};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::needs::{self, Need};

/// Longest wait for Xvfb to report its display, and for one run of the app.
const XVFB_START: Duration = Duration::from_secs(20);
const RUN_LIMIT: Duration = Duration::from_secs(90);

/// A private X server for one test, stopped when dropped (also when the test fails).
pub struct Xvfb {
    child: Child,
    display: String,
    runtime_dir: tempfile::TempDir,
}

impl Xvfb {
    /// Starts Xvfb, or `None` (after a visible note) where the test cannot run here.
    pub fn start(test: &str, needs: &[Need]) -> Option<Self> {
        if !needs::require(test, needs) {
            return None;
        }
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "2000x1200x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start Xvfb ({e}); install it: {}", needs::INSTALL));
        // Read the display number on a thread, so a server that never answers cannot
        // hang the test; it is killed below.
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(XVFB_START).unwrap_or_default();
        let number = line.trim();
        if number.is_empty() {
            let _ = child.kill();
            let _ = child.wait();
            panic!("Xvfb did not report a display within {XVFB_START:?}");
        }
        Some(Self {
            child,
            display: format!(":{number}"),
            runtime_dir: tempfile::tempdir().unwrap(),
        })
    }

    /// The app on this display, with its own empty data and settings folders.
    fn app(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_claimline"));
        command
            .args(args)
            .env("DISPLAY", &self.display)
            .env_remove("WAYLAND_DISPLAY")
            .env("XDG_RUNTIME_DIR", self.runtime_dir.path())
            .env("XDG_DATA_HOME", self.runtime_dir.path())
            .env("XDG_STATE_HOME", self.runtime_dir.path());
        command
    }

    /// The app's state folder on this display (where its recovery file goes).
    pub fn state_dir(&self) -> std::path::PathBuf {
        self.runtime_dir.path().join("claimline")
    }

    /// Starts the app on this display and leaves it running until the returned handle
    /// is dropped.
    pub fn spawn(&self, args: &[&str]) -> Running {
        let child = self
            .app(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        Running(child)
    }

    /// Runs an X client (`xprop`, `xwininfo`…) on this display; its standard output.
    pub fn x(&self, program: &str, args: &[&str]) -> String {
        let output = Command::new(program)
            .args(args)
            .env("DISPLAY", &self.display)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {program} ({e})"));
        assert!(
            output.status.success(),
            "{program} {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Runs the app on this display; kills it if it runs past [`RUN_LIMIT`].
    pub fn run(&self, args: &[&str]) -> Output {
        let mut child = self
            .app(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Drain both pipes on threads, so a chatty process cannot block on a full pipe.
        let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                let _ = pipe.read_to_end(&mut bytes);
                bytes
            })
        };
        let stdout = drain(Box::new(child.stdout.take().unwrap()));
        let stderr = drain(Box::new(child.stderr.take().unwrap()));
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > RUN_LIMIT {
                let _ = child.kill();
                let _ = child.wait();
                panic!("claimline {args:?} did not exit within {RUN_LIMIT:?}");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        Output {
            status,
            stdout: stdout.join().unwrap(),
            stderr: stderr.join().unwrap(),
        }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An app left running on a display; killed when dropped.
pub struct Running(Child);

impl Running {
    /// Kills the app at once (SIGKILL: no chance to save or clean up).
    pub fn kill(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }

    /// Whether the app is still running.
    pub fn alive(&mut self) -> bool {
        self.0.try_wait().is_ok_and(|status| status.is_none())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
