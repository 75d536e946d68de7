//! A headless Chromium driven over the DevTools protocol (tungstenite on its WebSocket):
//! pages opened as a reader opens them, real clicks, taps and keys, what the page says
//! back, the requests it makes and the errors it throws; a phone's screen or a dark
//! theme emulated as Chromium's DevTools do.

use std::process::Command;

/// A headless Chromium driven over the DevTools protocol: real clicks and keys on a
/// page, what the page says back, and every request it makes.
pub struct Browser {
    /// The browser, killed with this.
    _child: Killed,
    ws: tungstenite::WebSocket<std::net::TcpStream>,
    next: u64,
    /// Events received while waiting for answers.
    pub events: Vec<serde_json::Value>,
    _profile: tempfile::TempDir,
}

/// A child process killed when dropped, even by a failing assertion.
pub struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Browser {
    pub fn start() -> Self {
        use std::io::{BufRead as _, Read as _, Write as _};
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--remote-debugging-port=0",
                "--window-size=1280,1000",
                &format!("--user-data-dir={}", profile.path().display()),
                "about:blank",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut child = Killed(child);
        // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/…"
        let stderr = child.0.stderr.take().unwrap();
        let mut lines = std::io::BufReader::new(stderr).lines();
        let port = loop {
            let line = lines
                .next()
                .expect("chromium said where DevTools listen")
                .unwrap();
            if let Some(at) = line.find("ws://127.0.0.1:") {
                let rest = &line[at + "ws://127.0.0.1:".len()..];
                break rest[..rest.find('/').unwrap()].parse::<u16>().unwrap();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        // The page's own endpoint, from the target list.
        let mut http = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            http,
            "GET /json/list HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        // The answer's length is in its head; the connection is left open.
        let mut reply: Vec<u8> = Vec::new();
        let mut byte = [0_u8; 1];
        while !reply.ends_with(b"\r\n\r\n") {
            http.read_exact(&mut byte).unwrap();
            reply.push(byte[0]);
        }
        let head = String::from_utf8(reply).unwrap();
        let length: usize = head
            .lines()
            .find_map(|l| {
                l.to_ascii_lowercase()
                    .strip_prefix("content-length:")
                    .map(|v| v.trim().parse().unwrap())
            })
            .unwrap();
        let mut body = vec![0_u8; length];
        http.read_exact(&mut body).unwrap();
        let targets: serde_json::Value = serde_json::from_slice(&body).unwrap();
        let url = targets
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["type"] == "page")
            .and_then(|t| t["webSocketDebuggerUrl"].as_str())
            .unwrap()
            .to_owned();
        let stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(30)))
            .unwrap();
        let (ws, _) = tungstenite::client(url.as_str(), stream).unwrap();
        let mut browser = Self {
            _child: child,
            ws,
            next: 0,
            events: Vec::new(),
            _profile: profile,
        };
        for domain in ["Page", "Network", "Runtime"] {
            browser.call(&format!("{domain}.enable"), serde_json::json!({}));
        }
        browser
    }

    pub fn read(&mut self) -> serde_json::Value {
        loop {
            match self.ws.read().unwrap() {
                tungstenite::Message::Text(text) => return serde_json::from_str(&text).unwrap(),
                tungstenite::Message::Close(_) => panic!("the browser closed the connection"),
                _ => {}
            }
        }
    }

    pub fn call(&mut self, method: &str, params: serde_json::Value) -> serde_json::Value {
        self.next += 1;
        let id = self.next;
        let message = serde_json::json!({"id": id, "method": method, "params": params});
        self.ws
            .send(tungstenite::Message::text(message.to_string()))
            .unwrap();
        loop {
            let reply = self.read();
            if reply["id"] == id {
                assert!(reply.get("error").is_none(), "{method}: {reply}");
                return reply["result"].clone();
            }
            self.events.push(reply);
        }
    }

    /// Waits for an event of this method (one already received counts).
    pub fn wait(&mut self, method: &str) {
        if let Some(at) = self.events.iter().position(|e| e["method"] == method) {
            self.events.remove(at);
            return;
        }
        loop {
            let event = self.read();
            if event["method"] == method {
                return;
            }
            self.events.push(event);
        }
    }

    /// Opens `url` afresh (by way of a blank page, so that a link into the page open
    /// now loads it again rather than only scrolling).
    pub fn open(&mut self, url: &str) {
        for to in ["about:blank", url] {
            self.events.clear();
            self.call("Page.navigate", serde_json::json!({"url": to}));
            self.wait("Page.loadEventFired");
        }
    }

    /// A value the page computes (DevTools' evaluation is not the page's script).
    pub fn eval(&mut self, expression: &str) -> serde_json::Value {
        let result = self.call(
            "Runtime.evaluate",
            serde_json::json!({"expression": expression, "returnByValue": true}),
        );
        result["result"]["value"].clone()
    }

    /// A real click (pointer pressed and released) in the middle of what `selector`
    /// finds, scrolled into view first.
    pub fn click(&mut self, selector: &str) {
        let at = self.eval(&format!(
            "(() => {{ const e = document.querySelector({selector:?}); e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        ));
        let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                serde_json::json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    pub fn key(&mut self, key: &str, code: i64) {
        for kind in ["keyDown", "keyUp"] {
            self.call(
                "Input.dispatchKeyEvent",
                serde_json::json!({"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code}),
            );
        }
    }

    /// Every URL the page asked for since it was opened.
    pub fn requests(&mut self) -> Vec<String> {
        // Flush what is pending with a call that answers at once.
        self.eval("1");
        self.events
            .iter()
            .filter(|e| e["method"] == "Network.requestWillBeSent")
            .filter_map(|e| e["params"]["request"]["url"].as_str().map(str::to_owned))
            .collect()
    }

    /// What the page's own code gives when `expression`'s promise settles.
    pub fn eval_async(&mut self, expression: &str) -> serde_json::Value {
        let result = self.call(
            "Runtime.evaluate",
            serde_json::json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        result["result"]["value"].clone()
    }

    /// Shows what follows as a screen of `width`×`height` CSS pixels: a phone's (touch,
    /// three device pixels to one, the page laid out at the screen's width) or a
    /// desktop's.
    pub fn device(&mut self, width: u32, height: u32, phone: bool) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({"width": width, "height": height, "deviceScaleFactor": if phone { 3 } else { 1 }, "mobile": phone}),
        );
        self.call(
            "Emulation.setTouchEmulationEnabled",
            serde_json::json!({"enabled": phone, "maxTouchPoints": if phone { 5 } else { 1 }}),
        );
    }

    /// The reader's colour scheme.
    pub fn scheme(&mut self, dark: bool) {
        self.call(
            "Emulation.setEmulatedMedia",
            serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": if dark { "dark" } else { "light" }}]}),
        );
    }

    /// A finger's tap in the middle of what `selector` finds, scrolled into view first.
    pub fn tap(&mut self, selector: &str) {
        let at = self.eval(&format!(
            "(() => {{ const e = document.querySelector({selector:?}); e.scrollIntoView({{block: 'center'}}); const r = e.getClientRects()[0]; return [r.x + Math.min(r.width / 2, 20), r.y + r.height / 2]; }})()"
        ));
        let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
        self.call(
            "Input.dispatchTouchEvent",
            serde_json::json!({"type": "touchStart", "touchPoints": [{"x": x, "y": y}]}),
        );
        self.call(
            "Input.dispatchTouchEvent",
            serde_json::json!({"type": "touchEnd", "touchPoints": []}),
        );
    }

    /// The errors the page's scripts threw, uncaught, since it was opened.
    pub fn exceptions(&mut self) -> Vec<String> {
        self.eval("1");
        self.events
            .iter()
            .filter(|e| e["method"] == "Runtime.exceptionThrown")
            .map(|e| e["params"]["exceptionDetails"].to_string())
            .collect()
    }

    /// How long to wait for the browser's answer to any one question before failing.
    pub fn patience(&mut self, seconds: u64) {
        self.ws
            .get_ref()
            .set_read_timeout(Some(std::time::Duration::from_secs(seconds)))
            .unwrap();
    }
}
