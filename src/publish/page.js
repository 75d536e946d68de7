// Claimline's published page: select an event by clicking it on the timeline, by Tab
// and the arrow keys, or by a link (page.html#e-…); its details show under the picture.
// Search narrows the list and dims the rest of the picture. Without this script the
// page reads the same, as plain sections. It makes no request and writes no markup:
// text from the dataset is only ever copied as nodes, never parsed as HTML.
(function () {
  "use strict";
  var articles = Array.prototype.slice.call(document.querySelectorAll("article.event"));
  var byEvent = new Map();
  articles.forEach(function (a) { byEvent.set(a.getAttribute("data-event"), a); });
  var groups = Array.prototype.slice.call(document.querySelectorAll("figure.timeline g[data-event]"));
  var panel = document.getElementById("selected");
  var current = null;
  var pressed = [];

  var groupsById = new Map();
  groups.forEach(function (g) {
    var id = g.getAttribute("data-event");
    if (!groupsById.has(id)) { groupsById.set(id, []); }
    groupsById.get(id).push(g);
  });
  function shown(g) { return g.getClientRects().length > 0; }
  function groupsOf(id) { return groupsById.get(id) || []; }

  function select(id, focus) {
    var article = byEvent.get(id);
    if (!article) { return; }
    if (current) { current.classList.remove("chosen"); }
    current = article;
    article.classList.add("chosen");
    pressed.forEach(function (g) {
      g.classList.remove("chosen");
      g.setAttribute("aria-pressed", "false");
      g.setAttribute("tabindex", "-1");
    });
    pressed = groupsOf(id);
    pressed.forEach(function (g) {
      g.classList.add("chosen");
      g.setAttribute("aria-pressed", "true");
      g.setAttribute("tabindex", "0");
    });
    var copy = article.cloneNode(true);
    copy.removeAttribute("id");
    copy.classList.remove("chosen");
    panel.replaceChildren(copy);
    panel.hidden = false;
    if (location.hash !== "#" + article.id) { history.replaceState(null, "", "#" + article.id); }
    if (focus) {
      var g = groupsOf(id).filter(shown)[0];
      if (g) { g.focus(); }
    }
  }

  function step(by) {
    var visible = articles.filter(function (a) { return !a.hidden; });
    if (visible.length === 0) { return; }
    var at = current ? visible.indexOf(current) : -1;
    var next = at < 0 ? (by > 0 ? 0 : visible.length - 1) : Math.min(Math.max(at + by, 0), visible.length - 1);
    select(visible[next].getAttribute("data-event"), true);
  }

  groups.forEach(function (g) {
    var article = byEvent.get(g.getAttribute("data-event"));
    if (!article) { return; }
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", article.getAttribute("data-said") || "");
    g.setAttribute("aria-pressed", "false");
    g.setAttribute("tabindex", "-1");
    g.addEventListener("click", function () { select(g.getAttribute("data-event"), false); });
    g.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { select(g.getAttribute("data-event"), true); ev.preventDefault(); }
      else if (ev.key === "ArrowRight" || ev.key === "ArrowDown") { step(1); ev.preventDefault(); }
      else if (ev.key === "ArrowLeft" || ev.key === "ArrowUp") { step(-1); ev.preventDefault(); }
      else if (ev.key === "Home") { current = null; step(1); ev.preventDefault(); }
      else if (ev.key === "End") { current = null; step(-1); ev.preventDefault(); }
    });
  });
  // Tab enters the timeline at its earliest event.
  var first = articles[0] && groupsOf(articles[0].getAttribute("data-event"));
  if (first) { first.forEach(function (g) { g.setAttribute("tabindex", "0"); }); pressed = first; }

  // Search: titles, summaries, quotes, sources.
  var box = document.createElement("input");
  box.type = "search";
  box.placeholder = "Search titles, summaries, quotes";
  box.setAttribute("aria-label", "Search the events");
  var found = document.createElement("span");
  found.className = "found";
  found.setAttribute("aria-live", "polite");
  var bar = document.createElement("p");
  bar.className = "search";
  bar.append(box, " ", found);
  panel.parentNode.insertBefore(bar, panel);
  box.addEventListener("input", function () {
    var q = box.value.trim().toLowerCase();
    var n = 0;
    articles.forEach(function (a) {
      var hit = q === "" || a.textContent.toLowerCase().indexOf(q) >= 0;
      a.hidden = !hit;
      if (hit) { n += 1; }
      groupsOf(a.getAttribute("data-event")).forEach(function (g) { g.classList.toggle("dim", !hit); });
    });
    found.textContent = q === "" ? "" : n + " of " + articles.length + " events";
  });

  // Deep links and links between events select the event they name.
  function fromHash() {
    var target = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (target && target.classList.contains("event")) { select(target.getAttribute("data-event"), false); }
  }
  window.addEventListener("hashchange", fromHash);
  panel.addEventListener("click", function (ev) {
    var link = ev.target.closest("a[href^='#']");
    if (link) {
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (target && target.classList.contains("event")) {
        ev.preventDefault();
        select(target.getAttribute("data-event"), true);
        panel.scrollIntoView({ block: "nearest" });
      }
    }
  });
  // Opened at an event: show it selected on the picture, its details beneath.
  if (location.hash.length > 1) {
    fromHash();
    if (current) { document.querySelector("figure.timeline").scrollIntoView(); }
  }
})();
