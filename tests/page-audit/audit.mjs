// Audits a page Claimline published with tools its makers did not write: Lighthouse
// (mobile and desktop, all four categories) over HTTP, as a reader's browser gets it.
// Usage: node audit.mjs PAGE.html  → one JSON line per form factor on stdout:
// {"form":"mobile","scores":{"performance":0.99,…},"failed":[{"id":…,"score":…,"value":…}]}
import http from "node:http";
import fs from "node:fs";
import zlib from "node:zlib";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const file = process.argv[2];
if (!file) {
  console.error("usage: node audit.mjs PAGE.html");
  process.exit(2);
}
// Served as a web server would serve it: compressed, cacheable, beside a robots.txt.
const body = fs.readFileSync(file);
const gzipped = zlib.gzipSync(body, { level: 9 });
const server = http.createServer((req, res) => {
  const path = req.url.split(/[?#]/)[0];
  if (path === "/") {
    const gzip = /\bgzip\b/.test(req.headers["accept-encoding"] || "");
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "max-age=3600",
      ...(gzip ? { "content-encoding": "gzip" } : {}),
    });
    res.end(gzip ? gzipped : body);
  } else if (path === "/robots.txt") {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("User-agent: *\nAllow: /\n");
  } else {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const url = `http://127.0.0.1:${server.address().port}/`;
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  for (const form of ["mobile", "desktop"]) {
    const config = form === "desktop" ? (await import("lighthouse/core/config/desktop-config.js")).default : undefined;
    const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error" }, config);
    const lhr = result.lhr;
    const scores = {};
    for (const [id, c] of Object.entries(lhr.categories)) scores[id] = c.score;
    const failed = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && !["informative", "notApplicable", "manual"].includes(a.scoreDisplayMode))
      .map((a) => ({ id: a.id, score: a.score, value: a.displayValue || "", why: a.explanation || "" }));
    console.log(JSON.stringify({ form, scores, failed }));
  }
} finally {
  await chrome.kill();
  server.close();
}
