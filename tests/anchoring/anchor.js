// Places every Web Annotation of a Claimline export in its source's text with anchoring
// libraries Claimline did not write: dom-anchor-text-quote (TextQuoteSelector: exact,
// prefix, suffix) and dom-anchor-text-position (TextPositionSelector), over a DOM that
// jsdom builds from the source's text.
//
// usage: node anchor.js ANNOTATIONS.jsonld SOURCE_URL=TEXT_FILE...
// prints one JSON line: {"total", "byQuote", "byPosition", "failures": [...]}
"use strict";
const fs = require("fs");
const { JSDOM } = require("jsdom");
const textQuote = require("dom-anchor-text-quote");
const textPosition = require("dom-anchor-text-position");

const [annotationsFile, ...pairs] = process.argv.slice(2);
const texts = new Map(pairs.map((p) => {
  const at = p.indexOf("=");
  return [p.slice(0, at), fs.readFileSync(p.slice(at + 1), "utf8")];
}));
const collection = JSON.parse(fs.readFileSync(annotationsFile, "utf8"));
const items = collection.first.items;
// One document, as in a browser: the libraries use the DOM's globals.
const dom = new JSDOM("<!doctype html><html><body></body></html>");
for (const name of ["window", "document", "Node", "NodeFilter", "Range", "Text"]) {
  global[name] = name === "window" ? dom.window : dom.window[name];
}
const roots = new Map();
function rootFor(source) {
  if (!roots.has(source)) {
    const text = texts.get(source);
    if (text === undefined) return null;
    const pre = dom.window.document.createElement("pre");
    pre.textContent = text;
    dom.window.document.body.appendChild(pre);
    roots.set(source, pre);
  }
  return roots.get(source);
}
let byQuote = 0;
let byPosition = 0;
const failures = [];
for (const a of items) {
  const target = a.target;
  const quote = target.selector.find((s) => s.type === "TextQuoteSelector");
  const position = target.selector.find((s) => s.type === "TextPositionSelector");
  const root = rootFor(target.source);
  if (!root) {
    failures.push({ id: a.id, why: `no text for ${target.source}` });
    continue;
  }
  try {
    const range = textQuote.toRange(root, { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix });
    if (range && range.toString() === quote.exact) {
      const at = textPosition.fromRange(root, range);
      if (position && at.start === position.start && at.end === position.end) byQuote += 1;
      else failures.push({ id: a.id, why: `quote found at ${at.start}..${at.end}, position says ${position && position.start}..${position && position.end}` });
    } else {
      failures.push({ id: a.id, why: `quote selector placed ${range ? JSON.stringify(range.toString().slice(0, 60)) : "nothing"}` });
    }
  } catch (e) {
    failures.push({ id: a.id, why: `quote selector: ${e}` });
  }
  if (position) {
    try {
      const range = textPosition.toRange(root, { start: position.start, end: position.end });
      if (range && range.toString() === quote.exact) byPosition += 1;
      else failures.push({ id: a.id, why: `position selector holds ${range ? JSON.stringify(range.toString().slice(0, 60)) : "nothing"}` });
    } catch (e) {
      failures.push({ id: a.id, why: `position selector: ${e}` });
    }
  }
}
console.log(JSON.stringify({ total: items.length, byQuote, byPosition, failures }));
