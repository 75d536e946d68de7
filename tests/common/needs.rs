//! What a test needs from outside Rust (an X server, a GPU or Mesa's software driver),
//! whether this machine has it, and what happens when it does not.
//!
//! On a machine with nothing but Rust, a test that needs more is skipped, and says so
//! on the terminal of whoever runs `cargo test` — without `--nocapture`, since it writes
//! to the process's standard error directly rather than through the captured `eprintln!`
//! — naming what is missing and the one command that installs it. Where `CI` is set,
//! nothing is skipped: the test fails and names the package to install, so CI can never
//! pass by skipping.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The script that installs every optional system package the tests use.
pub const INSTALL: &str = "sudo scripts/install-test-deps.sh";

/// Something outside Rust that a test needs.
#[derive(Clone, Copy, Debug)]
pub enum Need {
    /// An X server to start: `Xvfb` (Debian package `xvfb`).
    Xvfb,
    /// The X clients `xprop` and `xwininfo` (Debian package `x11-utils`), to look at a
    /// window's properties.
    XClients,
    /// `xdotool`, to press keys in a window (Debian package `xdotool`).
    XDoTool,
    /// A graphics adapter wgpu can draw a window with: a GPU driver, or Mesa's software
    /// rasterizer (Debian packages `mesa-vulkan-drivers`, `libgl1-mesa-dri`, `libegl1`).
    Adapter,
    /// A headless browser: `chromium` (Debian package `chromium`), for published pages.
    Chromium,
    /// The archiving tools people capture with: PyPI's `warcio`, `wacz` and `bagit`
    /// (the Library of Congress' validator), under `python3`.
    ArchiveTools,
    /// The Orca screen reader on an AT-SPI bus of its own: `orca`, `dbus-run-session`
    /// and at-spi2-core's bus launcher (Debian packages `orca`, `dbus`, `at-spi2-core`).
    Orca,
    /// The web teams' page audits: npm's `lighthouse` and `axe-core` in
    /// tests/page-audit (`npm ci` there), under `node`.
    PageAudit,
    /// An S3-compatible server to start on loopback: PyPI's moto (`moto_server`).
    S3Server,
}

impl Need {
    fn what(self) -> &'static str {
        match self {
            Self::Xvfb => "an X server (Xvfb, Debian package xvfb)",
            Self::XClients => "xprop and xwininfo (Debian package x11-utils)",
            Self::XDoTool => "xdotool (Debian package xdotool)",
            Self::Chromium => "a headless browser (chromium, Debian package chromium)",
            Self::ArchiveTools => {
                "python3 with PyPI's warcio, wacz and bagit (pip install warcio wacz bagit)"
            }
            Self::PageAudit => "node with Lighthouse and axe-core (`npm ci` in tests/page-audit)",
            Self::S3Server => "an S3-compatible server (moto_server: pip install 'moto[server]')",
            Self::Orca => "the Orca screen reader (Debian packages orca, dbus, at-spi2-core)",
            Self::Adapter => {
                "a graphics adapter (a GPU driver, or Mesa: Debian packages mesa-vulkan-drivers, libgl1-mesa-dri, libegl1)"
            }
        }
    }

    /// Why it is missing, or `None` when it is here.
    fn missing(self) -> Option<String> {
        match self {
            Self::Xvfb => on_path("Xvfb")
                .is_none()
                .then(|| "no `Xvfb` on the PATH".to_owned()),
            Self::S3Server => on_path("moto_server")
                .is_none()
                .then(|| "no `moto_server` on the PATH".to_owned()),
            Self::Chromium => on_path("chromium")
                .is_none()
                .then(|| "no `chromium` on the PATH".to_owned()),
            Self::ArchiveTools => {
                let ok = std::process::Command::new("python3")
                    .args(["-c", "import warcio, wacz, bagit"])
                    .output()
                    .is_ok_and(|o| o.status.success());
                (!ok || on_path("wacz").is_none()).then(|| {
                    "python3 cannot import warcio, wacz and bagit, or `wacz` is not on the PATH"
                        .to_owned()
                })
            }
            Self::PageAudit => {
                let audit =
                    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/page-audit/node_modules");
                if on_path("node").is_none() {
                    Some("no `node` on the PATH".to_owned())
                } else if !audit.join("lighthouse").is_dir() || !audit.join("axe-core").is_dir() {
                    Some("tests/page-audit has no node_modules/lighthouse or axe-core".to_owned())
                } else {
                    None
                }
            }
            Self::Orca => ["orca", "dbus-run-session", "dbus-send"]
                .into_iter()
                .find(|p| on_path(p).is_none())
                .map(|p| format!("no `{p}` on the PATH"))
                .or_else(|| {
                    (!Path::new("/usr/libexec/at-spi-bus-launcher").exists())
                        .then(|| "no /usr/libexec/at-spi-bus-launcher".to_owned())
                }),
            Self::XDoTool => on_path("xdotool")
                .is_none()
                .then(|| "no `xdotool` on the PATH".to_owned()),
            Self::XClients => ["xprop", "xwininfo"]
                .into_iter()
                .find(|p| on_path(p).is_none())
                .map(|p| format!("no `{p}` on the PATH")),
            Self::Adapter => {
                use eframe::wgpu;
                let instance = wgpu::Instance::new(
                    wgpu::InstanceDescriptor::new_without_display_handle_from_env(),
                );
                let adapters = pollster::block_on(
                    instance.enumerate_adapters(wgpu::Backends::VULKAN | wgpu::Backends::GL),
                );
                adapters
                    .is_empty()
                    .then(|| "wgpu finds no Vulkan or OpenGL adapter".to_owned())
            }
        }
    }
}

/// True when `CI` is set to anything but "", "0" or "false".
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "0" | "false"))
}

/// The full path of `program` if it is on the `PATH`.
pub fn on_path(program: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

/// Whether `test` can run here. When something it needs is missing: under CI, fails
/// the test naming it; otherwise prints a visible "skipped" line and returns false.
pub fn require(test: &str, needs: &[Need]) -> bool {
    for &need in needs {
        let Some(why) = need.missing() else {
            continue;
        };
        let what = need.what();
        assert!(
            !in_ci(),
            "{test} needs {what}, but {why}. CI must not skip it: install it with `{INSTALL}`."
        );
        let line = format!(
            "\nskipped {test}: it needs {what}, but {why}.\n  install what the tests use with: {INSTALL}\n"
        );
        // Straight to the process's stderr: libtest captures `eprintln!`, not this.
        let _ = std::io::stderr().write_all(line.as_bytes());
        return false;
    }
    true
}
