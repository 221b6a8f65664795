/* cypkg council × theme matrix: builds the grid from the JSON block with textContent only (cypkgPage), each
   number a link to the page that states it; sorts councils by a theme, filters by text and region. */
(function () {
  "use strict";
  var P = cypkgPage, el = P.el;
  var data = P.data();
  P.frame(data);
  var legend = document.getElementById("legend-list");
  data.legend.forEach(function (item) {
    var sw = el("span", null, "swatch");
    sw.style.background = item.fill;
    legend.appendChild(P.legendItem(item.label, sw));
  });
  var note = el("li", "Each number is how many of the council's priorities map to the theme, and links to the page that states one; ↗ links are the council's pages");
  note.setAttribute("data-legend", "links");
  legend.appendChild(note);

  var regionSelect = document.getElementById("filter-region");
  var rows = [];
  data.groups.forEach(function (group) {
    var opt = el("option", group.label);
    opt.value = group.label;
    regionSelect.appendChild(opt);
    group.rows.forEach(function (r) {
      var tr = el("tr");
      tr.setAttribute("data-id", r.id);
      var th = el("th", r.label, "council");
      th.scope = "row";
      r.sources.forEach(function (src, k) {
        var a = P.link(src, "↗" + (r.sources.length > 1 ? String(k + 1) : ""), "src");
        a.title = "Source: " + src;
        th.appendChild(a);
      });
      tr.appendChild(th);
      data.columns.forEach(function (c) {
        var cell = r.cells[c.id];
        var td = el("td", null, "cell");
        if (cell) {
          td.style.background = cell.fill;
          td.style.color = cell.ink;
          td.setAttribute("data-priorities", String(cell.priorities));
          var what = r.label + " — " + c.label + ": " + cell.priorities + " priorit" + (cell.priorities === 1 ? "y" : "ies") +
            " in " + cell.plans + " plan" + (cell.plans === 1 ? "" : "s") + (cell.start ? ", latest starting " + cell.start : "") +
            (cell.source ? ". Source: " + cell.source : ". No source page recorded");
          var content = cell.source ? P.link(cell.source, cell.priorities) : el("span", cell.priorities);
          content.title = what;
          content.setAttribute("aria-label", what);
          td.appendChild(content);
        }
        tr.appendChild(td);
      });
      tr.appendChild(el("td", Object.keys(r.cells).length, "owners"));
      rows.push({ tr: tr, row: r, group: group.label, text: (group.label + " " + r.label).toLowerCase() });
    });
  });
  var foot = document.getElementById("foot");
  var totals = el("tr");
  totals.appendChild(el("th", "councils naming the theme"));
  data.columns.forEach(function (c) { totals.appendChild(el("td", c.councils)); });
  totals.appendChild(el("td", ""));
  foot.appendChild(totals);

  var filter = document.getElementById("filter");
  var table = P.sortableTable({
    headers: ["council"].concat(data.columns.map(function (c) { return c.label; })).concat(["themes"]),
    heading: function (th, i) {
      if (i < 1 || i > data.columns.length) return;
      var c = data.columns[i - 1];
      th.appendChild(el("small", c.councils + (c.councils === 1 ? " council" : " councils")));
      th.title = c.label + ": named by " + c.councils + " council(s) shown";
    },
    rows: rows,
    value: function (item, i) {
      if (i === 0) return item.row.label.toLowerCase();
      if (i === data.columns.length + 1) return Object.keys(item.row.cells).length;
      var cell = item.row.cells[data.columns[i - 1].id];
      return cell ? cell.priorities : 0;
    },
    keep: function (item) {
      var q = filter.value.trim().toLowerCase(), region = regionSelect.value;
      return (!region || item.group === region) && (!q || item.text.indexOf(q) >= 0);
    },
    status: function (shown) {
      P.status("Showing " + shown.length + " of " + rows.length + " councils, " + data.columns.length + " themes");
    }
  });
  filter.addEventListener("input", table.render);
  regionSelect.addEventListener("change", table.render);
  document.getElementById("reset").addEventListener("click", function () {
    filter.value = ""; regionSelect.value = "";
    table.reset();
  });
  window.cypkgView = {
    total: rows.length,
    shownIds: table.shownIds,
    sortBy: table.sortBy,
    /* every heading and council name as drawn, for the overlap check */
    labelBoxes: function () {
      var out = [];
      Array.prototype.forEach.call(table.head.children, function (th, i) { out.push(P.box(th, "col-" + i)); });
      table.shown().forEach(function (item) { out.push(P.box(item.tr.firstChild, item.row.id)); });
      return out;
    }
  };
})();
