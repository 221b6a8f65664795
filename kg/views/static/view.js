/* cypkg view: search, filters, tooltips and details for a vis-network drawn with precomputed positions.
   Every string from the data is set with textContent or handed to vis-network as a DOM element,
   never as HTML, so a label like <img src=x onerror=...> shows as text and runs nothing. */
(function () {
  "use strict";
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

  function edgeTip(e) {
    var a = byId.get(e.from), b = byId.get(e.to);
    return el("div", a.fullLabel + " — " + (e.label || "linked") + " — " + b.fullLabel);
  }

  var showEdgeLabels = data.edges.length <= 80;
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return {
      id: n.id, label: n.label, x: n.x, y: n.y, shape: n.shape, size: n.size,
      color: { background: n.color, border: "#333333", highlight: { background: n.color, border: "#000000" } },
      borderWidth: 1, title: describe(n, false), hidden: false
    };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return { id: i, from: e.from, to: e.to, width: e.width, label: showEdgeLabels ? e.label : undefined, title: edgeTip(e) };
  }));
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 120, navigationButtons: false, keyboard: true },
    nodes: { font: { size: 14, face: "DejaVu Sans, Arial, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: { smooth: false, color: { color: "#9a9a9a", highlight: "#333333" }, font: { size: 10, align: "middle" } }
  });

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

  var legend = document.getElementById("legend-list");
  data.legend.forEach(function (item) {
    var li = el("li");
    var swatch = el("span", null, "swatch " + item.shape);
    swatch.style.background = item.colour;
    li.appendChild(swatch);
    li.appendChild(el("span", item.group));
    legend.appendChild(li);
  });

  var state = { shown: [], matched: [] };

  function apply() {
    var query = search.value.trim().toLowerCase();
    var shown = new Set();
    data.nodes.forEach(function (n) {
      var ok = Object.keys(selects).every(function (facet) {
        var want = selects[facet].value;
        return !want || n[facet].indexOf(want) >= 0;
      });
      if (ok) shown.add(n.id);
    });
    var matched = new Set();
    if (query) {
      var keep = new Set();
      shown.forEach(function (id) {
        if (byId.get(id).search.indexOf(query) >= 0) {
          matched.add(id);
          keep.add(id);
          neighbours.get(id).forEach(function (nb) { if (shown.has(nb)) keep.add(nb); });
        }
      });
      shown = keep;
    }
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, hidden: !shown.has(n.id), borderWidth: matched.has(n.id) ? 5 : 1 };
    }));
    state.shown = Array.from(shown);
    state.matched = Array.from(matched);
    var text = "Showing " + shown.size + " of " + data.nodes.length + " nodes";
    if (query) text += "; " + matched.size + " match the search";
    if (data.aggregated) text += "; " + data.aggregated + " less-connected nodes are folded into group nodes";
    document.getElementById("status").textContent = text;
    if (shown.size) network.fit({ nodes: state.shown, animation: false });
  }

  search.addEventListener("input", apply);
  document.getElementById("reset").addEventListener("click", function () {
    search.value = "";
    Object.keys(selects).forEach(function (facet) { selects[facet].value = ""; });
    apply();
  });

  var details = document.getElementById("details");
  network.on("click", function (params) {
    if (!params.nodes.length) return;
    details.replaceChildren(describe(byId.get(params.nodes[0]), true));
  });

  apply();
  window.cypkgView = {
    network: network,
    total: data.nodes.length,
    edgeCount: data.edges.length,
    shownIds: function () { return state.shown.slice(); },
    matchedIds: function () { return state.matched.slice(); },
    renderedCount: function () { return nodes.get({ filter: function (n) { return !n.hidden; } }).length; }
  };
})();
