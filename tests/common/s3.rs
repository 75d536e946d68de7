//! An S3-compatible server on loopback for the tests of tables in object storage:
//! moto's (PyPI `moto[server]`), started on a free port and stopped when dropped, with
//! the environment a client needs to reach it.

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A moto S3 server on a free loopback port, stopped when dropped.
pub struct Server {
    child: Child,
    /// Its port.
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

/// Starts moto's server; returns once it listens.
pub fn start() -> Server {
    let port = free_port();
    let child = Command::new("moto_server")
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("moto_server starts");
    let server = Server { child, port };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "moto_server did not listen on {port} within 60 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    server
}

impl Server {
    /// One plain HTTP request (moto takes unsigned ones); its status code.
    pub fn http(&self, method: &str, path: &str, body: &[u8]) -> u16 {
        let port = self.port;
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .unwrap();
        s.write_all(body).unwrap();
        let mut answer = String::new();
        let _ = s.read_to_string(&mut answer);
        answer
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0)
    }

    /// The environment a client reaches this server with (test credentials).
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ACCESS_KEY_ID", "claimline".to_owned()),
            ("AWS_SECRET_ACCESS_KEY", "claimline-secret".to_owned()),
            ("AWS_REGION", "us-east-1".to_owned()),
            (
                "AWS_ENDPOINT_URL",
                format!("http://127.0.0.1:{}", self.port),
            ),
            ("AWS_ALLOW_HTTP", "true".to_owned()),
        ]
    }
}

/// `command` with the AWS_* variables of this process removed and `server`'s set.
pub fn with_env(command: &mut Command, server: &Server) {
    for (k, _) in std::env::vars().filter(|(k, _)| k.starts_with("AWS_")) {
        command.env_remove(k);
    }
    for (k, v) in server.env() {
        command.env(k, v);
    }
}
