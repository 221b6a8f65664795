/* cypkg view: vis-network draws the nodes and edges pyvis built, at the positions the layered layout gave
   them (physics off), and this script adds what vis-network does not do: the labels beside symbols, where
   the layout (and the picture) put them, fitting the drawing with those labels, search, filters,
   "gaps only", regions, the details panel, the legend, and a print copy of the drawing.
   Every string from the data is set with textContent (cypkgPage) or drawn on the canvas, never parsed as markup,
   and vis-network sets hover titles with innerText, so a label like <img src=x onerror=...> shows as
   text and runs nothing. */
(function () {
  "use strict";
  var LINE = 16, FONT_PX = 13, LABEL_GAP = 6, FIT_PAD = 24, MAX_SCALE = 1.6;
  var LABEL_FONT = FONT_PX + "px DejaVu Sans, Verdana, Arial, sans-serif";
  var PRINT_SIZE = { width: 797, height: 567 };  /* the print stylesheet's drawing box, 211 x 150 mm, in CSS px */
  var PRINT_SCALE = 2;  /* the print copy is drawn at twice that, so it stays sharp on paper */
  var P = cypkgPage, el = P.el, svg = P.svg;
  var page = P.data();
  var data = page;  /* the drawing shown: the whole view, or one region of a national view (page.levels) */
  var byId, neighbours;
  function index() {
    byId = new Map();
    neighbours = new Map();
    data.nodes.forEach(function (n) {
      byId.set(n.id, n);
      neighbours.set(n.id, []);
      n.search = (n.fullLabel + " " + n.details.id).toLowerCase();
    });
    data.edges.forEach(function (e) {
      neighbours.get(e.from).push(e.to);
      neighbours.get(e.to).push(e.from);
    });
  }
  index();

  /* A symbol's outline centred on (x, y) with radius r, as the picture draws it (the legend's swatches). */
  function symbolPoints(shape, x, y, r) {
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
      case "square": return [[x - r * 0.86, y - r * 0.86], [x + r * 0.86, y - r * 0.86], [x + r * 0.86, y + r * 0.86], [x - r * 0.86, y + r * 0.86]];
      case "triangle": return regular(3, up, r * 1.15);
      case "triangleDown": return regular(3, Math.PI / 2, r * 1.15);
      case "diamond": return [[x, y - r * 1.1], [x + r * 0.8, y], [x, y + r * 1.1], [x - r * 0.8, y]];
      case "pentagon": return regular(5, up, r * 1.05);
      case "hexagon": return regular(6, up, r * 1.02);
      case "star":
        var pts = [];
        for (var i = 0; i < 10; i++) {
          var a = up + i * Math.PI / 5, rad = i % 2 ? r * 0.5 : r * 1.25;
          pts.push([x + rad * Math.cos(a), y + rad * Math.sin(a)]);
        }
        return pts;
      default: return regular(32, 0, r);
    }
  }
  function pathOf(points) {
    return "M" + points.map(function (p) { return p[0].toFixed(2) + "," + p[1].toFixed(2); }).join("L") + "Z";
  }

  /* vis-network has no pentagon: it draws ours through a custom renderer. */
  function pentagon(args) {
    var ctx = args.ctx, style = args.style;
    return {
      drawNode: function () {
        var pts = symbolPoints("pentagon", args.x, args.y, style.size);
        ctx.beginPath();
        pts.forEach(function (p, i) { if (i) ctx.lineTo(p[0], p[1]); else ctx.moveTo(p[0], p[1]); });
        ctx.closePath();
        ctx.fillStyle = style.color;
        ctx.fill();
        ctx.lineWidth = style.borderWidth;
        ctx.strokeStyle = style.borderColor;
        ctx.stroke();
      },
      nodeDimensions: { width: 2 * style.size, height: 2 * style.size }
    };
  }

  /* ---- the network ---- */
  var nodes, edges, baseBorder;
  function visData() {
    nodes = new vis.DataSet(data.vis.nodes.map(function (n) {
      if (n.shape === "custom") n.ctxRenderer = pentagon;
      return n;
    }));
    edges = new vis.DataSet(data.vis.edges);
    baseBorder = new Map(data.vis.nodes.map(function (n) { return [n.id, n.borderWidth]; }));
    return { nodes: nodes, edges: edges };
  }
  var drawing = document.getElementById("drawing");
  var network = new vis.Network(drawing, visData(), data.vis.options);
  var hidden = new Set();
  var labelBoxes = new Map();  /* node id -> [left, top, right, bottom] of its label, in drawing coordinates */

  /* Labels beside symbols, where the layout put them: an opaque box, then the wrapped lines. */
  network.on("afterDrawing", function (ctx) {
    ctx.save();
    ctx.font = LABEL_FONT;
    ctx.textBaseline = "alphabetic";
    data.nodes.forEach(function (n) {
      if (n.boxed || hidden.has(n.id)) return;
      var widths = n.lines.map(function (line) { return ctx.measureText(line).width; });
      var width = Math.max.apply(null, widths);
      var height = LINE * n.lines.length;
      var left = n.labelSide === "left" ? n.x - n.r - LABEL_GAP - width : n.x + n.r + LABEL_GAP;
      var top = n.y - height / 2;
      ctx.fillStyle = "rgba(255,255,255,0.92)";
      ctx.fillRect(left - 2, top - 1, width + 4, height + 2);
      ctx.fillStyle = "#222222";
      ctx.textAlign = n.labelSide === "left" ? "right" : "left";
      n.lines.forEach(function (line, i) {
        ctx.fillText(line, n.labelSide === "left" ? left + width : left, top + LINE * i + LINE * 0.78);
      });
      labelBoxes.set(n.id, [left, top, left + width, top + height]);
    });
    ctx.restore();
  });

  /* The drawing's extent for some nodes, labels included (vis-network's own fit leaves labels out). */
  function extent(ids) {
    var l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
    ids.forEach(function (id) {
      var n = byId.get(id), box = n.labelBox;
      var halfW = n.boxed ? n.w / 2 : n.r, halfH = n.boxed ? n.h / 2 : n.r;
      l = Math.min(l, n.x - halfW, box[0]); r = Math.max(r, n.x + halfW, box[2]);
      t = Math.min(t, n.y - halfH, box[1]); b = Math.max(b, n.y + halfH, box[3]);
    });
    if (!isFinite(l)) return { left: -50, top: -50, right: 50, bottom: 50 };
    return { left: l, top: t, right: r, bottom: b };
  }
  function fit(ids, width, height, maxScale) {
    var box = extent(ids);
    var w = width || drawing.clientWidth, h = height || drawing.clientHeight;
    var scale = Math.min(w / (box.right - box.left + 2 * FIT_PAD), h / (box.bottom - box.top + 2 * FIT_PAD), maxScale || MAX_SCALE);
    network.moveTo({ position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 }, scale: scale, animation: false });
  }

  /* ---- details panel ---- */
  function describe(n) {
    var box = el("div");
    box.appendChild(el("h2", n.fullLabel));
    n.details.lines.forEach(function (line) { box.appendChild(el("div", line, "kind")); });
    if (n.details.links.length) {
      var list = el("ul");
      n.details.links.forEach(function (link) { list.appendChild(el("li", link)); });
      box.appendChild(list);
    }
    n.details.paragraphs.forEach(function (p) {
      var source = (p.report ? p.report + ", " : "") + "paragraph " + p.number;
      box.appendChild(el("div", source, "para-source"));
      box.appendChild(el("div", p.text, "para"));
    });
    box.appendChild(el("div", "id: " + n.details.id, "hint"));
    return box;
  }
  var details = document.getElementById("details");
  function select(id) {
    network.selectNodes([id], false);
    details.replaceChildren(describe(byId.get(id)));
  }
  network.on("click", function (params) { if (params.nodes.length) select(params.nodes[0]); });

  /* ---- legend ---- */
  function swatch(width, height, draw) {
    var s = svg("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height, "aria-hidden": "true" });
    draw(s);
    return s;
  }
  function dashAttr(dash) { return dash && dash.length ? dash.join(" ") : "none"; }
  var legendBody = document.getElementById("legend-body");
  function legendList(title, items, draw) {
    if (!items.length) return;
    var body = legendBody;
    body.appendChild(el("h3", title));
    var list = el("ul");
    items.forEach(function (item) {
      var attrs = {};
      if (item.colour || item.fill) attrs["data-colour"] = item.colour || item.border;
      if (item.shape) attrs["data-shape"] = item.shape;
      list.appendChild(P.legendItem(item.label, draw(item), attrs));
    });
    body.appendChild(list);
  }
  function legend() {
  legendBody.replaceChildren();
  legendList("Organisations (colour and shape)", data.legend.symbols, function (item) {
    return swatch(22, 22, function (s) { s.appendChild(svg("path", { d: pathOf(symbolPoints(item.shape, 11, 11, 7)), fill: item.colour, stroke: "#333", "stroke-width": 1 })); });
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
    legendBody.appendChild(el("p", data.legend.sizeNote, "hint"));
  }
  }
  legend();

  /* ---- notice, title, caption ---- */
  P.frame(page);

  /* ---- filters, search, gaps only, regions ---- */
  var search = document.getElementById("search");
  var selects = {
    plans: document.getElementById("filter-plan"),
    outcomes: document.getElementById("filter-outcome"),
    partnerTypes: document.getElementById("filter-partner-type")
  };
  function menus() {
    Object.keys(selects).forEach(function (facet) {
      var options = data.facets[facet] || [];
      var label = document.querySelector('[data-facet="' + facet + '"]');
      var select = selects[facet];
      while (select.options.length > 1) select.remove(1);
      select.value = "";
      label.hidden = options.length < 1;
      options.forEach(function (pair) { select.appendChild(new Option(pair[1], pair[0])); });
    });
    document.getElementById("gaps-control").hidden = !data.nodes.some(function (n) { return n.gap; });
  }
  menus();
  Object.keys(selects).forEach(function (facet) { selects[facet].addEventListener("change", apply); });
  var gapsOnly = document.getElementById("gaps-only");
  gapsOnly.addEventListener("change", apply);
  var region = null;
  var regionRows = document.getElementById("summary-rows");
  /* A region's own drawing (its councils and all their partners, laid out on their own) when the page
     carries one; otherwise the national drawing filtered to that region's nodes. */
  function show(level) {
    data = level;
    index();
    network.setData(visData());
    P.title(data.title);
    legend();
    menus();
  }
  function chooseRegion(id) {
    region = region === id ? null : id;
    Array.prototype.forEach.call(regionRows.children, function (r) { r.classList.toggle("active", r.getAttribute("data-region") === region); });
    var level = region && page.levels && page.levels[region] ? page.levels[region] : page;
    if (level !== data) show(level);
    apply();
  }
  if (page.summary && page.summary.length) {
    document.getElementById("summary").hidden = false;
    document.getElementById("summary-other").textContent = page.summaryOther;
    document.getElementById("summary-other-hint").textContent = page.summaryOther;
    page.summary.forEach(function (s) {
      var tr = el("tr", null, "region");
      tr.setAttribute("data-region", s.id);
      tr.tabIndex = 0;
      [s.label, s.councils, s.partners, s.shared].forEach(function (v) { tr.appendChild(el("td", v)); });
      tr.addEventListener("click", function () { chooseRegion(s.id); });
      tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter") chooseRegion(s.id); });
      regionRows.appendChild(tr);
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
      if (ok && region && data === page) ok = (n.regions || []).indexOf(region) >= 0;
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
    hidden = new Set();
    nodes.update(data.nodes.map(function (n) {
      if (!shown.has(n.id)) hidden.add(n.id);
      return { id: n.id, hidden: !shown.has(n.id), borderWidth: matched.has(n.id) ? baseBorder.get(n.id) + 3 : baseBorder.get(n.id) };
    }));
    edges.update(data.vis.edges.map(function (e) {
      return { id: e.id, hidden: !(shown.has(e.from) && shown.has(e.to)) };
    }));
    state.shown = Array.from(shown);
    state.matched = Array.from(matched);
    var text = "Showing " + shown.size + " of " + data.nodes.length + " nodes";
    if (query) text += "; " + matched.size + " match the search";
    if (gapsOnly.checked) {
      var none = 0, one = 0;
      shown.forEach(function (id) { var g = byId.get(id).gap; if (g === "none") none++; if (g === "one") one++; });
      text += "; gaps: " + none + " with no owner, " + one + " with one owner";
    }
    if (region) text += "; region: " + page.summary.filter(function (s) { return s.id === region; })[0].label + " (click it again for all regions)";
    if (data.aggregated) text += "; " + data.aggregated + " less-connected nodes are folded into group nodes";
    P.status(text);
    fit(visible());
    network.redraw();
  }
  function visible() { return state.shown.length ? state.shown : data.nodes.map(function (n) { return n.id; }); }

  search.addEventListener("input", apply);
  document.getElementById("reset").addEventListener("click", function () {
    search.value = "";
    gapsOnly.checked = false;
    region = null;
    Array.prototype.forEach.call(regionRows.children, function (r) { r.classList.remove("active"); });
    Object.keys(selects).forEach(function (facet) { selects[facet].value = ""; });
    if (data !== page) show(page);
    apply();
  });
  document.getElementById("zoom-fit").addEventListener("click", function () { fit(visible()); });

  /* ---- print: a copy of the canvas, drawn at the print box's shape and twice its size, then the page as it was ---- */
  var printCanvas = document.getElementById("print-drawing");
  function drawForPrint() {
    var width = PRINT_SIZE.width * PRINT_SCALE, height = PRINT_SIZE.height * PRINT_SCALE;
    var view = { position: network.getViewPosition(), scale: network.getScale() };
    network.setSize(width + "px", height + "px");
    fit(visible(), width, height, MAX_SCALE * PRINT_SCALE);
    network.redraw();
    var source = drawing.querySelector("canvas");
    printCanvas.width = source.width;
    printCanvas.height = source.height;
    var ctx = printCanvas.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, source.width, source.height);
    ctx.drawImage(source, 0, 0);
    network.setSize("100%", "100%");
    network.moveTo({ position: view.position, scale: view.scale, animation: false });
    network.redraw();
  }
  window.addEventListener("beforeprint", drawForPrint);

  apply();
  window.cypkgView = {
    network: network,
    total: data.nodes.length,
    edgeCount: data.edges.length,
    shownTotal: function () { return data.nodes.length; },
    chooseRegion: chooseRegion,
    shownIds: function () { return state.shown.slice(); },
    matchedIds: function () { return state.matched.slice(); },
    renderedCount: function () { return nodes.get({ filter: function (n) { return !n.hidden; } }).length; },
    /* Where a node's centre is on the screen (page coordinates), for pointing at it. */
    pointAt: function (id) {
      var p = network.canvasToDOM(network.getPosition(id)), rect = drawing.getBoundingClientRect();
      return { x: rect.left + p.x, y: rect.top + p.y };
    },
    /* Every shown node's label on the screen: inside its box (vis-network's bounding box), or beside its symbol. */
    labelBoxes: function () {
      network.redraw();
      var rect = drawing.getBoundingClientRect(), out = [];
      data.nodes.forEach(function (n) {
        if (hidden.has(n.id)) return;
        var box;
        if (n.boxed) {  /* vis-network pads a box's bounding box by its corner radius */
          var b = network.getBoundingBox(n.id), pad = nodes.get(n.id).shapeProperties.borderRadius || 0;
          box = [b.left + pad, b.top + pad, b.right - pad, b.bottom - pad];
        } else {
          box = labelBoxes.get(n.id);
        }
        var a = network.canvasToDOM({ x: box[0], y: box[1] }), z = network.canvasToDOM({ x: box[2], y: box[3] });
        out.push({ id: n.id, left: rect.left + a.x, top: rect.top + a.y, right: rect.left + z.x, bottom: rect.top + z.y });
      });
      return out;
    },
    edgeDashes: function () {
      var out = {};
      data.edges.forEach(function (e, i) { out[e.label] = edges.get(i).dashes; });
      return out;
    },
    drawForPrint: drawForPrint
  };
})();
