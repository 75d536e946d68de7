// Claimline's published page: select an event by clicking it on the timeline, by Tab
// and the arrow keys, or by a link (page.html#e-…); its details show beside the picture
// (under it on a middling screen; on a phone the story is already a column of cards).
// The picture zooms and pans (Ctrl + wheel, pinch, drag, + − 0, the buttons) with a strip
// showing where the view is. Search narrows the story and dims the rest of the picture.
// Without this script the page reads the same, as plain sections. It makes no request
// and writes no markup: text from the dataset is only ever copied as nodes.
(function () {
  "use strict";
  // The cards built so far, in story order; a long story keeps the rest in templates
  // (`later`), built in idle time after opening, or at once when a search, a link or the
  // keys need them.
  var articles = [];
  var byEvent = new Map();
  function adopt(cards) {
    Array.prototype.forEach.call(cards, function (a) {
      articles.push(a);
      byEvent.set(a.getAttribute("data-event"), a);
    });
  }
  adopt(document.querySelectorAll("section#events article.event"));
  var later = Array.prototype.slice.call(document.querySelectorAll("section#events script.later"));
  // Builds the first `count` waiting cards' blocks: the page's own markup, made when it
  // was published, with the dataset's text escaped in it.
  function build(count) {
    while (later.length > 0 && count > 0) {
      var block = later.shift();
      var t = document.createElement("template");
      t.innerHTML = block.textContent;
      var cards = t.content.querySelectorAll("article.event");
      block.replaceWith(t.content);
      adopt(cards);
      count -= 1;
    }
  }
  // An event's anchor, as the page writes it: `e-` then the id with every character but
  // ASCII letters, digits and `-` as `_hex_`.
  function anchorOf(id) {
    var out = "e-";
    for (var ch of id) {
      out += /^[A-Za-z0-9-]$/.test(ch) ? ch : "_" + ch.codePointAt(0).toString(16) + "_";
    }
    return out;
  }
  // The element with this id, its block built if it was waiting.
  function element(id) {
    var found = document.getElementById(id);
    if (found) { return found; }
    var marker = 'id="' + id + '"';
    for (var i = 0; i < later.length; i++) {
      if (later[i].textContent.indexOf(marker) >= 0) { build(i + 1); return document.getElementById(id); }
    }
    return null;
  }
  function card(id) { return byEvent.get(id) || element(anchorOf(id)); }
  var figure = document.querySelector("figure.timeline");
  var frame = figure && figure.querySelector(".frame");
  var stage = document.querySelector(".stage");
  // The timeline's events, then the map's: selecting either selects both.
  var groups = Array.prototype.slice.call(document.querySelectorAll("figure.timeline g[data-event], figure.map g[data-event]"));
  var panel = document.getElementById("selected");
  var current = null;
  var focusedId = null;
  var pressed = [];
  var wide = window.matchMedia("(min-width: 100rem)");
  var narrow = window.matchMedia("(max-width: 40rem)");

  var groupsById = new Map();
  groups.forEach(function (g) {
    var id = g.getAttribute("data-event");
    if (!groupsById.has(id)) { groupsById.set(id, []); }
    groupsById.get(id).push(g);
  });
  function shown(g) { return g.getClientRects().length > 0; }
  function groupsOf(id) { return groupsById.get(id) || []; }
  function pictureShown() { return figure && figure.getClientRects().length > 0; }

  function hint() {
    var p = document.createElement("p");
    p.className = "hint";
    p.textContent = "Select an event in the picture (click it, or Tab to it and use the arrow keys) to read its quotes and contradicting reports here.";
    panel.replaceChildren(p);
  }
  function showPanel() {
    panel.hidden = false;
    stage.classList.toggle("with-details", wide.matches);
  }

  function select(id, focus, reveal) {
    var article = card(id);
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
    var heading = document.createElement("h2");
    heading.textContent = "Selected event";
    panel.replaceChildren(heading, copy);
    showPanel();
    if (location.hash !== "#" + article.id) { history.replaceState(null, "", "#" + article.id); }
    var g = groupsOf(id).filter(shown)[0];
    if (g) { keepInView(g); }
    if (focus && g) { g.focus({ preventScroll: !reveal }); }
    if (reveal) {
      if (!pictureShown()) { settle(article); }
      else if (!wide.matches) { panel.scrollIntoView({ block: "nearest" }); }
    }
  }

  // Puts `el` at the top, again each frame for a moment: the cards near the new place
  // take their real heights only once laid out (cards off screen are not, and take a
  // guessed height until they are), which moves `el` away from the top.
  function settle(el) {
    var frames = 0;
    function again() {
      var top = el.getBoundingClientRect().top;
      if (Math.abs(top) > 1) { el.scrollIntoView({ block: "start" }); }
      if (++frames < 20) { requestAnimationFrame(again); }
    }
    el.scrollIntoView({ block: "start" });
    requestAnimationFrame(again);
  }

  function clear() {
    if (current) { current.classList.remove("chosen"); }
    current = null;
    pressed.forEach(function (g) {
      g.classList.remove("chosen");
      g.setAttribute("aria-pressed", "false");
    });
    if (wide.matches) { hint(); } else { panel.hidden = true; }
    if (location.hash) { history.replaceState(null, "", location.pathname + location.search); }
  }

  function step(by) {
    if (by < 0 && (current === null && focusedId === null)) { build(Infinity); }
    var from0 = current || (focusedId && byEvent.get(focusedId)) || null;
    if (from0 && articles.indexOf(from0) >= articles.length - 1) { build(1); }
    var visible = matched === null ? articles : matched.map(function (entry) { return card(entry.id); }).filter(Boolean);
    if (visible.length === 0) { return; }
    var from = current || (focusedId && byEvent.get(focusedId)) || null;
    var at = from ? visible.indexOf(from) : -1;
    var next = at < 0 ? (by > 0 ? 0 : visible.length - 1) : Math.min(Math.max(at + by, 0), visible.length - 1);
    select(visible[next].getAttribute("data-event"), true, false);
  }

  // An event's marks on the picture as a button that selects it.
  function button(g, label) {
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", label);
    g.setAttribute("aria-pressed", "false");
    g.setAttribute("tabindex", "-1");
    g.addEventListener("click", function () { select(g.getAttribute("data-event"), false, true); });
    g.addEventListener("focus", function () { focusedId = g.getAttribute("data-event"); });
    g.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { select(g.getAttribute("data-event"), true, true); ev.preventDefault(); }
      else if (ev.key === "ArrowRight" || ev.key === "ArrowDown") { step(1); ev.preventDefault(); }
      else if (ev.key === "ArrowLeft" || ev.key === "ArrowUp") { step(-1); ev.preventDefault(); }
      else if (ev.key === "Home") { current = null; focusedId = null; step(1); ev.preventDefault(); }
      else if (ev.key === "End") { current = null; focusedId = null; step(-1); ev.preventDefault(); }
    });
  }
  groups.forEach(function (g) {
    var article = byEvent.get(g.getAttribute("data-event"));
    var title = g.querySelector("title");
    button(g, article ? article.getAttribute("data-said") || "" : title ? title.textContent : "");
  });
  // Tab enters the timeline at its earliest event.
  var first = articles[0] && groupsOf(articles[0].getAttribute("data-event"));
  if (first) { first.forEach(function (g) { g.setAttribute("tabindex", "0"); }); pressed = first; }
  // A card's title selects its event too (a tap on a phone).
  articles.forEach(function (a) {
    var title = a.querySelector("h3");
    if (title) { title.addEventListener("click", function () { select(a.getAttribute("data-event"), false, false); }); }
  });

  // Zoom and pan: both pictures (light and dark) share one view box.
  var svgs = frame ? Array.prototype.slice.call(frame.querySelectorAll(":scope > div > svg")) : [];
  var box = svgs[0] && svgs[0].viewBox && svgs[0].viewBox.baseVal;
  var W = box ? box.width : 0, H = box ? box.height : 0;
  var view = { z: 1, cx: W / 2, cy: H / 2 };
  var strip = null, windowMark = null, zoomLabel = null;
  // A picture drawn as density zooms in time only (as the app does): its lanes stay in
  // view, and the events in view are marked once there are few enough (`detail`).
  var timeOnly = document.getElementById("positions") !== null;
  if (timeOnly) { svgs.forEach(function (s) { s.setAttribute("preserveAspectRatio", "none"); }); }
  function bounds() {
    var w = W / view.z, h = timeOnly ? H : H / view.z;
    var x = Math.min(Math.max(view.cx - w / 2, 0), W - w);
    var y = Math.min(Math.max(view.cy - h / 2, 0), H - h);
    return { x: x, y: y, w: w, h: h };
  }
  function apply() {
    var b = bounds();
    view.cx = b.x + b.w / 2;
    view.cy = b.y + b.h / 2;
    var text = b.x + " " + b.y + " " + b.w + " " + b.h;
    svgs.forEach(function (s) { s.setAttribute("viewBox", text); });
    frame.classList.toggle("zoomed", view.z > 1);
    // Words stretched in time only cannot be read: the marks' own names stand in.
    frame.classList.toggle("stretched", timeOnly && view.z > 1);
    strip.hidden = view.z <= 1;
    windowMark.style.left = (100 * b.x / W) + "%";
    windowMark.style.width = (100 * b.w / W) + "%";
    zoomLabel.textContent = view.z > 1 ? "Zoomed " + Math.round(view.z * 10) / 10 + "×" : "Whole timeline";
    detail(b);
  }

  // A picture drawn as density: zoomed in far enough, the events in view are marked from
  // where the page says each sits (`#positions`), each a button as on a smaller picture.
  var positionsData = document.getElementById("positions");
  var spots = null, overlay = [], MOST_MARKED = 500;
  function detail(b) {
    if (!positionsData) { return; }
    if (spots === null) {
      try { spots = JSON.parse(positionsData.textContent); } catch (e) { positionsData = null; return; }
    }
    overlay.forEach(function (g) {
      var list = groupsById.get(g.getAttribute("data-event")) || [];
      groupsById.set(g.getAttribute("data-event"), list.filter(function (x) { return x !== g; }));
      g.remove();
    });
    overlay = [];
    svgs.forEach(function (svg) { var old = svg.querySelector("g.detail"); if (old) { old.remove(); } });
    if (view.z < 2) { zoomHint(""); return; }
    var inView = spots.events.filter(function (e) { return e[1] >= b.x && e[0] <= b.x + b.w; });
    if (inView.length > MOST_MARKED) {
      zoomHint(inView.length + " events here: zoom in further to see each");
      return;
    }
    zoomHint(inView.length === 0 ? "" : inView.length + " events marked");
    // Markers 22 px across on screen, whatever the zoom (in time only: a point of the
    // picture is wider than it is high).
    var box = visibleSvg().getBoundingClientRect();
    var px = box.width / b.w, py = box.height / b.h;
    var r = 11 / px, ry = 11 / py;
    var gap = 2 / px;
    var rows = {};
    inView.sort(function (p, q) { return p[0] - q[0]; });
    svgs.forEach(function (svg) {
      var layer = document.createElementNS("http://www.w3.org/2000/svg", "g");
      layer.setAttribute("class", "detail");
      var shade = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      var top = spots.lanes.length ? spots.lanes[0][0] : 0;
      var bottom = spots.lanes.length ? spots.lanes[spots.lanes.length - 1][1] : 0;
      shade.setAttribute("x", b.x); shade.setAttribute("width", b.w);
      shade.setAttribute("y", top); shade.setAttribute("height", Math.max(0, bottom - top));
      shade.setAttribute("fill", "Canvas"); shade.setAttribute("fill-opacity", "0.82");
      layer.append(shade);
      svg.append(layer);
    });
    inView.forEach(function (e) {
      var lane = spots.lanes[e[2]];
      if (!lane) { return; }
      var height = lane[1] - lane[0];
      var count = Math.max(1, Math.floor(height / (2 * ry + 2 / py)));
      var ends = rows[e[2]] || (rows[e[2]] = []);
      var row = -1;
      for (var k = 0; k < count; k++) { if (!(ends[k] > e[0] - r)) { row = k; break; } }
      if (row < 0) { return; }
      ends[row] = Math.max(e[1], e[0] + r) + gap;
      var cy = lane[0] + (row + 0.5) * (height / count);
      svgs.forEach(function (svg) {
        var g = document.createElementNS("http://www.w3.org/2000/svg", "g");
        g.setAttribute("data-event", e[4]);
        if (e[1] - e[0] > 2 * r) {
          var bar = document.createElementNS("http://www.w3.org/2000/svg", "rect");
          bar.setAttribute("x", e[0]); bar.setAttribute("width", e[1] - e[0]);
          bar.setAttribute("y", cy - ry / 3); bar.setAttribute("height", 2 * ry / 3); bar.setAttribute("fill", "GrayText"); bar.setAttribute("fill-opacity", "0.35");
          g.append(bar);
        }
        var use = document.createElementNS("http://www.w3.org/2000/svg", "use");
        use.setAttribute("href", "#" + spots.glyphs[e[3]]);
        use.setAttribute("x", Math.max(e[0], b.x + r) - r); use.setAttribute("y", cy - ry);
        use.setAttribute("width", 2 * r); use.setAttribute("height", 2 * ry);
        g.append(use);
        var title = document.createElementNS("http://www.w3.org/2000/svg", "title");
        title.textContent = e[5];
        g.append(title);
        svg.querySelector("g.detail").append(g);
        button(g, e[5]);
        overlay.push(g);
        if (!groupsById.has(e[4])) { groupsById.set(e[4], []); }
        groupsById.get(e[4]).push(g);
        if (current && current.getAttribute("data-event") === e[4]) { g.classList.add("chosen"); }
      });
    });
  }
  function zoomHint(text) { if (detailHint) { detailHint.textContent = text; } }
  var detailHint = null;
  function visibleSvg() { return svgs.filter(function (s) { return s.getClientRects().length > 0; })[0] || svgs[0]; }
  // A point on screen in the picture's units.
  function toPicture(clientX, clientY) {
    var r = visibleSvg().getBoundingClientRect(), b = bounds();
    return { x: b.x + (clientX - r.left) / r.width * b.w, y: b.y + (clientY - r.top) / r.height * b.h };
  }
  function zoomAt(factor, p) {
    var b = bounds();
    var z = Math.min(Math.max(view.z * factor, 1), 400);
    var fx = (p.x - b.x) / b.w, fy = (p.y - b.y) / b.h;
    var w = W / z, h = timeOnly ? H : H / z;
    view.z = z;
    view.cx = p.x - fx * w + w / 2;
    view.cy = p.y - fy * h + h / 2;
    apply();
  }
  function centre() { return { x: view.cx, y: view.cy }; }
  function panBy(dx, dy) { view.cx += dx; view.cy += dy; apply(); }
  // Brings an event's marks into the view when zoomed.
  function keepInView(g) {
    if (!frame || view.z <= 1) { return; }
    var f = frame.getBoundingClientRect(), r = g.getBoundingClientRect();
    var b = bounds(), k = b.w / f.width;
    var dx = r.left < f.left ? r.left - f.left - 20 : r.right > f.right ? r.right - f.right + 20 : 0;
    var dy = r.top < f.top ? r.top - f.top - 20 : r.bottom > f.bottom ? r.bottom - f.bottom + 20 : 0;
    if (dx || dy) { panBy(dx * k, dy * k); }
  }
  if (frame && W > 0 && H > 0) {
    var bar = document.getElementById("zoom");
    function button(label, name, act) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = label;
      b.setAttribute("aria-label", name);
      b.addEventListener("click", act);
      bar.append(b);
    }
    button("+", "Zoom in", function () { zoomAt(2, centre()); });
    button("−", "Zoom out", function () { zoomAt(0.5, centre()); });
    button("Whole", "Show the whole timeline", function () { view.z = 1; apply(); });
    zoomLabel = document.createElement("span");
    zoomLabel.className = "meta";
    var how = document.createElement("span");
    how.className = "meta";
    how.textContent = "· Ctrl + wheel or pinch to zoom, drag to pan, + − 0 keys on the picture";
    detailHint = document.createElement("span");
    detailHint.className = "meta";
    detailHint.setAttribute("aria-live", "polite");
    bar.append(zoomLabel, " ", how, " ", detailHint);
    strip = document.createElement("div");
    strip.className = "overview";
    strip.setAttribute("aria-hidden", "true");
    windowMark = document.createElement("div");
    windowMark.className = "window";
    strip.append(windowMark);
    frame.after(strip);

    frame.addEventListener("wheel", function (ev) {
      if (ev.ctrlKey) {
        zoomAt(Math.exp(-ev.deltaY / 300), toPicture(ev.clientX, ev.clientY));
        ev.preventDefault();
      } else if (view.z > 1 && (ev.shiftKey || Math.abs(ev.deltaX) > Math.abs(ev.deltaY))) {
        var k = bounds().w / frame.getBoundingClientRect().width;
        panBy((ev.deltaX || ev.deltaY) * k, 0);
        ev.preventDefault();
      }
    }, { passive: false });
    // Drag pans; two fingers pinch.
    var pointers = new Map(), dragged = false, pinchFrom = 0;
    frame.addEventListener("pointerdown", function (ev) {
      if (ev.pointerType === "mouse" && ev.button !== 0) { return; }
      pointers.set(ev.pointerId, { x: ev.clientX, y: ev.clientY, x0: ev.clientX, y0: ev.clientY });
      dragged = false;
      if (pointers.size === 2) {
        var p = Array.from(pointers.values());
        pinchFrom = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
      }
    });
    frame.addEventListener("pointermove", function (ev) {
      var at = pointers.get(ev.pointerId);
      if (!at) { return; }
      if (pointers.size === 2) {
        at.x = ev.clientX; at.y = ev.clientY;
        var p = Array.from(pointers.values());
        var d = Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
        if (pinchFrom > 0 && d > 0) { zoomAt(d / pinchFrom, toPicture((p[0].x + p[1].x) / 2, (p[0].y + p[1].y) / 2)); }
        pinchFrom = d;
        dragged = true;
        return;
      }
      if (view.z <= 1) { return; }
      if (!dragged && Math.hypot(ev.clientX - at.x0, ev.clientY - at.y0) < 5) { return; }
      if (!dragged) { frame.setPointerCapture(ev.pointerId); frame.classList.add("dragging"); }
      dragged = true;
      var k = bounds().w / frame.getBoundingClientRect().width;
      panBy((at.x - ev.clientX) * k, (at.y - ev.clientY) * k);
      at.x = ev.clientX; at.y = ev.clientY;
    });
    function up(ev) {
      pointers.delete(ev.pointerId);
      frame.classList.remove("dragging");
      if (pointers.size < 2) { pinchFrom = 0; }
    }
    frame.addEventListener("pointerup", up);
    frame.addEventListener("pointercancel", up);
    // A drag is not a click on what it ended over.
    frame.addEventListener("click", function (ev) { if (dragged) { ev.stopPropagation(); dragged = false; } }, true);
    frame.addEventListener("keydown", function (ev) {
      var at = document.activeElement && document.activeElement.closest && document.activeElement.closest("g[data-event]");
      var p = centre();
      if (at) { var r = at.getBoundingClientRect(); p = toPicture(r.left + r.width / 2, r.top + r.height / 2); }
      if (ev.key === "+" || ev.key === "=") { zoomAt(2, p); }
      else if (ev.key === "-" || ev.key === "_") { zoomAt(0.5, p); }
      else if (ev.key === "0") { view.z = 1; apply(); }
      else { return; }
      ev.preventDefault();
    });
    // The strip: drag or click the window to move the view across the whole timeline.
    strip.addEventListener("pointerdown", function (ev) {
      strip.setPointerCapture(ev.pointerId);
      function move(e) {
        var r = strip.getBoundingClientRect();
        view.cx = (e.clientX - r.left) / r.width * W;
        apply();
      }
      move(ev);
      strip.onpointermove = move;
      strip.onpointerup = function () { strip.onpointermove = null; };
    });
    apply();
  }

  // Search: titles, summaries, quotes, sources, over an index of every card's text made
  // once, when first asked (a waiting card's text is read from its markup, without
  // building it). The story stays as it is; the matches show as a list of their own in
  // its place, a page of them at a time, and the picture dims the rest.
  var searchBox = document.createElement("input");
  searchBox.type = "search";
  searchBox.placeholder = "Search titles, summaries, quotes";
  searchBox.setAttribute("aria-label", "Search the events");
  var found = document.createElement("span");
  found.className = "found";
  found.setAttribute("aria-live", "polite");
  document.getElementById("search").append(searchBox, " ", found);
  var index = null;
  var story = document.querySelector("section#events ol.story");
  var results = null, matched = null, RESULTS_PAGE = 200;
  var entities = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&apos;": "'" };
  function unescapeText(t) { return t.replace(/&(amp|lt|gt|quot|apos);/g, function (m) { return entities[m]; }); }
  // The index is made in idle time once the page is open, a block at a time, or at once
  // by the first search that comes before it is done.
  var blocks = later.slice(), liveAtOpen = articles.slice(), indexedBlocks = 0;
  function indexSome() {
    if (index === null) {
      index = liveAtOpen.map(function (a) { return { id: a.getAttribute("data-event"), text: a.textContent.toLowerCase(), markup: null }; });
      return;
    }
    var start = '<article class="event"';
    blocks[indexedBlocks++].textContent.split(start).slice(1).forEach(function (chunk) {
      var end = chunk.lastIndexOf("</article>");
      if (end < 0) { return; }
      var markup = start + chunk.slice(0, end) + "</article>";
      var id = /data-event="([^"]*)"/.exec(markup);
      index.push({ id: id ? unescapeText(id[1]) : "", text: unescapeText(markup.replace(/<[^>]*>/g, " ")).toLowerCase(), markup: markup });
    });
  }
  function indexed() { return index !== null && indexedBlocks >= blocks.length; }
  // A match's card for the results: a copy of the built one, or built from its markup;
  // without its id (the story keeps it).
  function resultCard(entry) {
    var built = byEvent.get(entry.id), copy;
    if (built) { copy = built.cloneNode(true); }
    else {
      var t = document.createElement("template");
      t.innerHTML = entry.markup;
      copy = t.content.firstElementChild;
    }
    copy.removeAttribute("id");
    copy.classList.remove("chosen");
    var li = document.createElement("li");
    li.append(copy);
    return li;
  }
  function showResults(from) {
    var more = results.querySelector("li.more");
    if (more) { more.remove(); }
    var to = Math.min(from + RESULTS_PAGE, matched.length);
    for (var i = from; i < to; i++) { results.append(resultCard(matched[i])); }
    if (to < matched.length) {
      var li = document.createElement("li");
      li.className = "more";
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = "Show " + Math.min(RESULTS_PAGE, matched.length - to) + " more of " + matched.length;
      b.addEventListener("click", function () { showResults(to); });
      li.append(b);
      results.append(li);
    }
  }
  function endSearch() {
    if (results) { results.remove(); results = null; }
    matched = null;
    story.hidden = false;
    groups.forEach(function (g) { g.classList.remove("dim"); });
  }
  // The index not made yet (a search in the first seconds of a very long story): made
  // now in slices of about 40 ms, the search waiting, so that no frame waits long.
  var searching = 0;
  function search() {
    var mine = ++searching;
    // The cards built at opening are indexed at once (a thousand at most).
    if (searchBox.value.trim() !== "" && index === null) { indexSome(); }
    if (searchBox.value.trim() !== "" && !indexed()) {
      found.textContent = "Searching…";
      var until = performance.now() + 40;
      while (!indexed() && performance.now() < until) { indexSome(); }
      setTimeout(function () { if (mine === searching) { search(); } }, 0);
      return;
    }
    var q = searchBox.value.trim().toLowerCase();
    if (q === "") {
      endSearch();
    } else {
      matched = index.filter(function (entry) { return entry.text.indexOf(q) >= 0; });
      var hits = new Set(matched.map(function (entry) { return entry.id; }));
      if (results) { results.remove(); }
      results = document.createElement("ol");
      results.className = "story results";
      results.setAttribute("aria-label", "Events that mention " + searchBox.value.trim());
      story.hidden = true;
      story.before(results);
      showResults(0);
      groups.forEach(function (g) { g.classList.toggle("dim", !hits.has(g.getAttribute("data-event"))); });
    }
    found.textContent = q === "" ? "" : matched.length + " of " + index.length + " events";
    found.setAttribute("data-for", q);
  }
  var pending = 0;
  searchBox.addEventListener("input", function () {
    clearTimeout(pending);
    pending = setTimeout(search, articles.length > 2000 ? 150 : 0);
  });
  // A result's title selects its event.
  document.querySelector("section#events").addEventListener("click", function (ev) {
    var title = ev.target.closest("ol.results article.event h3");
    if (title) { select(title.closest("article").getAttribute("data-event"), false, false); }
  });

  // Escape clears the selection (and, in the search box, the search first).
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape" || ev.defaultPrevented) { return; }
    if (ev.target === searchBox && searchBox.value !== "") { return; }
    if (current) { clear(); ev.preventDefault(); }
  });

  // Deep links and links between events select the event they name; a malformed one
  // is ignored.
  function named(hash) {
    if (hash.length < 2) { return null; }
    var id;
    try { id = decodeURIComponent(hash.slice(1)); } catch (e) { return null; }
    var target = element(id);
    return target && target.classList.contains("event") ? target : null;
  }
  function fromHash() {
    var target = named(location.hash);
    if (target && matched !== null) { searchBox.value = ""; search(); }
    // On a phone the card itself is the place to go (it may have been built just now).
    if (target) { select(target.getAttribute("data-event"), false, !pictureShown()); }
  }
  window.addEventListener("hashchange", fromHash);
  panel.addEventListener("click", function (ev) {
    var link = ev.target.closest("a[href^='#']");
    if (!link) { return; }
    var target = named(link.getAttribute("href"));
    if (target) {
      ev.preventDefault();
      select(target.getAttribute("data-event"), true, true);
    }
  });
  if (stage && wide.matches) { showPanel(); hint(); }
  // Opened at an event: show it selected, and the picture where it is (after the
  // browser's own scroll to the fragment, which would land on the list).
  if (location.hash.length > 1) {
    fromHash();
    if (current) {
      var land = function () {
        if (pictureShown()) {
          figure.scrollIntoView({ block: "start" });
          var g = groupsOf(current.getAttribute("data-event")).filter(shown)[0];
          if (g) { g.focus({ preventScroll: true }); }
        } else {
          settle(current);
        }
      };
      if (document.readyState === "complete") { setTimeout(land, 0); }
      else { window.addEventListener("load", function () { setTimeout(land, 0); }); }
    }
  }
  // The waiting cards, a template at a time while the reader's browser is idle.
  var soon = window.requestIdleCallback || function (f) { return setTimeout(f, 50); };
  function buildLater() {
    if (!indexed()) { indexSome(); soon(buildLater); }
    else if (later.length > 0) { build(1); soon(buildLater); }
  }
  if (later.length > 0) { soon(buildLater); }
  // For benchmarks and tests: when the page became usable.
  if (window.performance && performance.mark) { performance.mark("claimline-ready"); }
})();
