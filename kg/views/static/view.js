/* cypkg view: draws the network as SVG from positions and looks computed in Python (the picture uses the
   same ones), and adds search, filters, "gaps only", tooltips, details, zoom and pan.
   Every string from the data is set with textContent, never as markup, so a label like
   <img src=x onerror=...> shows as text and runs nothing. */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var LINE = 16, FONT = 13;
  var data = JSON.parse(document.getElementById("view-data").textContent);
  var byId = new Map();
  var neighbours = new Map();
  data.nodes.forEach(function (n) {
    byId.set(n.id, n);
    neighbours.set(n.id, []);
    n.search = (n.fullLabel + " " + n.details.id).toLowerCase();
  });
  data.edges.forEach(function (e) {
    neighbours.get(e.from).push(e.to);
    neighbours.get(e.to).push(e.from);
  });

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  /* A symbol's outline centred on (x, y) with radius r, the same shapes as the picture's markers. */
  function symbolPath(shape, x, y, r) {
    function poly(points) { return "M" + points.map(function (p) { return p[0].toFixed(2) + "," + p[1].toFixed(2); }).join("L") + "Z"; }
    function regular(n, start, radius) {
      var pts = [];
      for (var i = 0; i < n; i++) {
        var a = start + i * 2 * Math.PI / n;
        pts.push([x + radius * Math.cos(a), y + radius * Math.sin(a)]);
      }
      return pts;
    }
    var up = -Math.PI / 2;
    switch (shape) {
      case "square": return poly([[x - r * 0.86, y - r * 0.86], [x + r * 0.86, y - r * 0.86], [x + r * 0.86, y + r * 0.86], [x - r * 0.86, y + r * 0.86]]);
      case "triangle": return poly(regular(3, up, r * 1.15));
      case "triangleDown": return poly(regular(3, Math.PI / 2, r * 1.15));
      case "diamond": return poly([[x, y - r * 1.1], [x + r * 0.8, y], [x, y + r * 1.1], [x - r * 0.8, y]]);
      case "pentagon": return poly(regular(5, up, r * 1.05));
      case "hexagon": return poly(regular(6, up, r * 1.02));
      case "star":
        var pts = [];
        for (var i = 0; i < 10; i++) {
          var a = up + i * Math.PI / 5, rad = i % 2 ? r * 0.5 : r * 1.25;
          pts.push([x + rad * Math.cos(a), y + rad * Math.sin(a)]);
        }
        return poly(pts);
      default: return "M" + (x - r) + "," + y + "a" + r + "," + r + " 0 1,0 " + 2 * r + ",0a" + r + "," + r + " 0 1,0 " + -2 * r + ",0Z";
    }
  }

  function dashAttr(dash) { return dash && dash.length ? dash.join(" ") : "none"; }

  /* ---- the drawing ---- */
  var drawing = document.getElementById("drawing");
  var edgeLayer = svg("g", { "class": "edges" });
  var nodeLayer = svg("g", { "class": "nodes" });
  drawing.appendChild(edgeLayer);
  drawing.appendChild(nodeLayer);
  var edgeEls = [], nodeEls = new Map();

  data.edges.forEach(function (e) {
    var a = byId.get(e.from), b = byId.get(e.to);
    var line = svg("line", {
      x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: e.colour, "stroke-width": e.width,
      "stroke-dasharray": dashAttr(e.dash), "stroke-linecap": e.dash && e.dash.length && e.dash[0] < 2 ? "round" : "butt",
      "class": "edge", "data-role": e.label
    });
    var tip = svg("title");
    tip.textContent = a.fullLabel + " — " + (e.label || "linked") + " — " + b.fullLabel;
    line.appendChild(tip);
    edgeLayer.appendChild(line);
    edgeEls.push({ el: line, edge: e });
  });

  function addLabel(group, n) {
    var box = n.labelBox;
    if (!n.boxed) {
      group.appendChild(svg("rect", { x: box[0] - 2, y: box[1] - 1, width: box[2] - box[0] + 4, height: box[3] - box[1] + 2, "class": "label-bg", rx: 2 }));
    }
    var anchor = n.labelSide === "inside" ? "middle" : n.labelSide === "left" ? "end" : "start";
    var x = n.labelSide === "inside" ? (box[0] + box[2]) / 2 : n.labelSide === "left" ? box[2] : box[0];
    var text = svg("text", { x: x, y: box[1], "text-anchor": anchor, "class": "label" });
    if (n.bold) text.setAttribute("font-weight", "bold");
    n.lines.forEach(function (line, i) {
      var span = svg("tspan", { x: x, y: (box[1] + LINE * i + LINE * 0.78).toFixed(1) });
      span.textContent = line;
      text.appendChild(span);
    });
    group.appendChild(text);
  }

  data.nodes.forEach(function (n) {
    var group = svg("g", { "class": "node", "data-id": n.id, tabindex: "0" });
    var mark;
    if (n.boxed) {
      mark = svg("rect", { x: n.x - n.w / 2, y: n.y - n.h / 2, width: n.w, height: n.h, rx: n.kind === "outcome" ? 8 : 2,
        fill: n.fill, stroke: n.border, "stroke-width": n.borderWidth, "stroke-dasharray": dashAttr(n.dash), "class": "mark" });
    } else {
      mark = svg("path", { d: symbolPath(n.shape, n.x, n.y, n.r), fill: n.fill, stroke: "#333333", "stroke-width": 1, "class": "mark" });
    }
    group.appendChild(mark);
    addLabel(group, n);
    group.addEventListener("mouseenter", function (ev) { showTip(n, ev); });
    group.addEventListener("mousemove", function (ev) { moveTip(ev); });
    group.addEventListener("mouseleave", hideTip);
    group.addEventListener("click", function () { select(n.id); });
    group.addEventListener("keydown", function (ev) { if (ev.key === "Enter") select(n.id); });
    nodeLayer.appendChild(group);
    nodeEls.set(n.id, group);
  });

  /* ---- view box: fit, zoom, pan ---- */
  var view = { x: 0, y: 0, w: 1, h: 1 };
  function setView(v) {
    view = v;
    drawing.setAttribute("viewBox", [v.x, v.y, v.w, v.h].map(function (t) { return t.toFixed(1); }).join(" "));
  }
  function fit(ids) {
    var l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
    ids.forEach(function (id) {
      var n = byId.get(id), box = n.labelBox;
      var half = n.boxed ? n.w / 2 : n.r, halfH = n.boxed ? n.h / 2 : n.r;
      l = Math.min(l, n.x - half, box[0]); r = Math.max(r, n.x + half, box[2]);
      t = Math.min(t, n.y - halfH, box[1]); b = Math.max(b, n.y + halfH, box[3]);
    });
    if (!isFinite(l)) { l = 0; t = 0; r = 100; b = 100; }
    var pad = 24;
    setView({ x: l - pad, y: t - pad, w: r - l + 2 * pad, h: b - t + 2 * pad });
  }
  drawing.setAttribute("preserveAspectRatio", "xMidYMid meet");
  drawing.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var rect = drawing.getBoundingClientRect();
    var scale = Math.max(view.w / rect.width, view.h / rect.height);
    var cx = view.x + (ev.clientX - rect.left - (rect.width - view.w / scale) / 2) * scale;
    var cy = view.y + (ev.clientY - rect.top - (rect.height - view.h / scale) / 2) * scale;
    var k = ev.deltaY > 0 ? 1.15 : 1 / 1.15;
    setView({ x: cx - (cx - view.x) * k, y: cy - (cy - view.y) * k, w: view.w * k, h: view.h * k });
  }, { passive: false });
  var drag = null;
  drawing.addEventListener("mousedown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, view: view }; });
  window.addEventListener("mouseup", function () { drag = null; });
  window.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    var rect = drawing.getBoundingClientRect();
    var scale = Math.max(drag.view.w / rect.width, drag.view.h / rect.height);
    setView({ x: drag.view.x - (ev.clientX - drag.x) * scale, y: drag.view.y - (ev.clientY - drag.y) * scale, w: drag.view.w, h: drag.view.h });
  });

  /* ---- tooltip and details ---- */
  function describe(n, full) {
    var box = el("div");
    box.appendChild(el(full ? "h2" : "strong", n.fullLabel));
    n.details.lines.forEach(function (line) { box.appendChild(el("div", line, "kind")); });
    if (full && n.details.links.length) {
      var list = el("ul");
      n.details.links.forEach(function (link) { list.appendChild(el("li", link)); });
      box.appendChild(list);
    }
    n.details.paragraphs.forEach(function (p) {
      var source = (p.report ? p.report + ", " : "") + "paragraph " + p.number;
      box.appendChild(el("div", source, "para-source"));
      box.appendChild(el("div", p.text, "para"));
    });
    if (full) box.appendChild(el("div", "id: " + n.details.id, "hint"));
    return box;
  }
  var tooltip = document.getElementById("tooltip");
  var container = document.getElementById("network");
  function showTip(n, ev) { tooltip.replaceChildren(describe(n, false)); tooltip.hidden = false; moveTip(ev); }
  function moveTip(ev) {
    var rect = container.getBoundingClientRect();
    var x = ev.clientX - rect.left + 14, y = ev.clientY - rect.top + 14;
    if (x + tooltip.offsetWidth > rect.width) x = Math.max(0, x - tooltip.offsetWidth - 28);
    if (y + tooltip.offsetHeight > rect.height) y = Math.max(0, y - tooltip.offsetHeight - 28);
    tooltip.style.left = x + "px"; tooltip.style.top = y + "px";
  }
  function hideTip() { tooltip.hidden = true; }
  var details = document.getElementById("details");
  var selected = null;
  function select(id) {
    if (selected) nodeEls.get(selected).classList.remove("selected");
    selected = id;
    nodeEls.get(id).classList.add("selected");
    details.replaceChildren(describe(byId.get(id), true));
  }

  /* ---- legend ---- */
  function swatch(width, height, draw) {
    var s = svg("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height, "aria-hidden": "true" });
    draw(s);
    return s;
  }
  function legendList(title, items, draw) {
    if (!items.length) return;
    var body = document.getElementById("legend-body");
    body.appendChild(el("h3", title));
    var list = el("ul");
    items.forEach(function (item) {
      var li = el("li");
      li.setAttribute("data-legend", item.label);
      if (item.colour || item.fill) li.setAttribute("data-colour", item.colour || item.border);
      if (item.shape) li.setAttribute("data-shape", item.shape);
      li.appendChild(draw(item));
      li.appendChild(el("span", item.label));
      list.appendChild(li);
    });
    body.appendChild(list);
  }
  legendList("Organisations (colour and shape)", data.legend.symbols, function (item) {
    return swatch(22, 22, function (s) { s.appendChild(svg("path", { d: symbolPath(item.shape, 11, 11, 7), fill: item.colour, stroke: "#333", "stroke-width": 1 })); });
  });
  legendList("Plans and their parts", data.legend.boxes, function (item) {
    return swatch(30, 18, function (s) {
      s.appendChild(svg("rect", { x: 2, y: 2, width: 26, height: 14, fill: item.fill, stroke: item.border, "stroke-width": item.width, "stroke-dasharray": dashAttr(item.dash) }));
    });
  });
  legendList("Links", data.legend.lines, function (item) {
    return swatch(44, 12, function (s) {
      s.appendChild(svg("line", { x1: 2, y1: 6, x2: 42, y2: 6, stroke: item.colour, "stroke-width": item.width, "stroke-dasharray": dashAttr(item.dash), "stroke-linecap": item.dash.length && item.dash[0] < 2 ? "round" : "butt" }));
    });
  });
  if (data.legend.sizes.length) {
    legendList("Size: number of leads", data.legend.sizes, function (item) {
      return swatch(54, 54, function (s) { s.appendChild(svg("circle", { cx: 27, cy: 27, r: item.r, fill: "#dddddd", stroke: "#333" })); });
    });
    document.getElementById("legend-body").appendChild(el("p", data.legend.sizeNote, "hint"));
  }

  /* ---- notice, title, caption ---- */
  document.title = data.title;
  document.getElementById("view-title").textContent = data.title;
  document.getElementById("caption").textContent = data.caption;
  if (data.notice) {
    document.getElementById("notice").hidden = false;
    document.getElementById("notice-heading").textContent = data.notice.heading;
    document.getElementById("notice-text").textContent = data.notice.text;
  }

  /* ---- filters, search, gaps only, regions ---- */
  var search = document.getElementById("search");
  var selects = {
    plans: document.getElementById("filter-plan"),
    outcomes: document.getElementById("filter-outcome"),
    partnerTypes: document.getElementById("filter-partner-type")
  };
  Object.keys(selects).forEach(function (facet) {
    var options = data.facets[facet] || [];
    var label = document.querySelector('[data-facet="' + facet + '"]');
    if (options.length < 1) { label.hidden = true; return; }
    options.forEach(function (pair) { selects[facet].appendChild(new Option(pair[1], pair[0])); });
    selects[facet].addEventListener("change", apply);
  });
  var gapsOnly = document.getElementById("gaps-only");
  var hasGaps = data.nodes.some(function (n) { return n.gap; });
  document.getElementById("gaps-control").hidden = !hasGaps;
  gapsOnly.addEventListener("change", apply);
  var region = null;
  if (data.summary && data.summary.length) {
    document.getElementById("summary").hidden = false;
    var rows = document.getElementById("summary-rows");
    data.summary.forEach(function (s) {
      var tr = el("tr", null, "region");
      tr.setAttribute("data-region", s.id);
      [s.label, s.councils, s.partners, s.shared].forEach(function (v) { tr.appendChild(el("td", v)); });
      tr.addEventListener("click", function () {
        region = region === s.id ? null : s.id;
        Array.prototype.forEach.call(rows.children, function (r) { r.classList.toggle("active", r.getAttribute("data-region") === region); });
        apply();
      });
      rows.appendChild(tr);
    });
  }

  var state = { shown: [], matched: [] };

  function apply() {
    var query = search.value.trim().toLowerCase();
    var shown = new Set();
    data.nodes.forEach(function (n) {
      var ok = Object.keys(selects).every(function (facet) {
        var want = selects[facet].value;
        return !want || n[facet].indexOf(want) >= 0;
      });
      if (ok && region) ok = (n.regions || []).indexOf(region) >= 0;
      if (ok) shown.add(n.id);
    });
    if (gapsOnly.checked) {
      var keep = new Set();
      shown.forEach(function (id) {
        var n = byId.get(id);
        if (!n.gap) return;
        keep.add(id);
        neighbours.get(id).forEach(function (nb) {
          var other = byId.get(nb);
          if (shown.has(nb) && (other.kind === "outcome" || other.kind === "plan" || !other.boxed)) keep.add(nb);
        });
      });
      shown = keep;
    }
    var matched = new Set();
    if (query) {
      var found = new Set();
      shown.forEach(function (id) {
        if (byId.get(id).search.indexOf(query) >= 0) {
          matched.add(id);
          found.add(id);
          neighbours.get(id).forEach(function (nb) { if (shown.has(nb)) found.add(nb); });
        }
      });
      shown = found;
    }
    nodeEls.forEach(function (g, id) {
      g.setAttribute("data-hidden", shown.has(id) ? "false" : "true");
      g.classList.toggle("matched", matched.has(id));
    });
    edgeEls.forEach(function (item) {
      item.el.setAttribute("data-hidden", shown.has(item.edge.from) && shown.has(item.edge.to) ? "false" : "true");
    });
    state.shown = Array.from(shown);
    state.matched = Array.from(matched);
    var text = "Showing " + shown.size + " of " + data.nodes.length + " nodes";
    if (query) text += "; " + matched.size + " match the search";
    if (gapsOnly.checked) {
      var none = 0, one = 0;
      shown.forEach(function (id) { var g = byId.get(id).gap; if (g === "none") none++; if (g === "one") one++; });
      text += "; gaps: " + none + " with no owner, " + one + " with one owner";
    }
    if (data.aggregated) text += "; " + data.aggregated + " less-connected nodes are folded into group nodes";
    document.getElementById("status").textContent = text;
    fit(state.shown.length ? state.shown : data.nodes.map(function (n) { return n.id; }));
  }

  search.addEventListener("input", apply);
  document.getElementById("reset").addEventListener("click", function () {
    search.value = "";
    gapsOnly.checked = false;
    region = null;
    Object.keys(selects).forEach(function (facet) { selects[facet].value = ""; });
    apply();
  });
  document.getElementById("zoom-fit").addEventListener("click", function () { fit(state.shown); });
  window.addEventListener("beforeprint", function () { fit(state.shown.length ? state.shown : data.nodes.map(function (n) { return n.id; })); });

  apply();
  window.cypkgView = {
    total: data.nodes.length,
    edgeCount: data.edges.length,
    shownIds: function () { return state.shown.slice(); },
    matchedIds: function () { return state.matched.slice(); },
    renderedCount: function () {
      var count = 0;
      nodeEls.forEach(function (g) { if (g.getAttribute("data-hidden") !== "true") count++; });
      return count;
    },
    labelBoxes: function () {
      var out = [];
      nodeEls.forEach(function (g, id) {
        if (g.getAttribute("data-hidden") === "true") return;
        var r = g.querySelector("text.label").getBoundingClientRect();
        out.push({ id: id, left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      });
      return out;
    },
    nodeElement: function (id) { return nodeEls.get(id); }
  };
})();
