/* cypkg responsibility matrix: builds the grid from the JSON block with textContent only (cypkgPage),
   sorts by any column, filters rows by text and to the gaps, and fits one A4 landscape page in print. */
(function () {
  "use strict";
  var P = cypkgPage, el = P.el;
  var data = P.data();
  var roles = {};
  data.roles.forEach(function (r) { roles[r.role] = r; });
  var gapWords = { none: "no owner", one: "one owner" };

  P.frame(data);
  document.getElementById("plan-owners").textContent = data.planOwners.length ? "The plan itself — " + data.planOwners.join("; ") : "";
  document.getElementById("rule").textContent = "Overload rule — " + data.rule;
  var legend = document.getElementById("legend-list");
  function mark(symbol, colour) {
    var sym = el("span", symbol, "symbol");
    sym.style.color = colour;
    return sym;
  }
  data.roles.forEach(function (r) {
    legend.appendChild(P.legendItem(r.label, mark(r.symbol, r.colour), { "data-colour": r.colour }));
  });
  [["none", "row with no owner named (a gap)"], ["one", "row with one owner only"]].forEach(function (pair) {
    legend.appendChild(P.legendItem(pair[1], mark("▌", data.gaps[pair[0]]), { "data-colour": data.gaps[pair[0]] }));
  });

  var rows = [];
  data.groups.forEach(function (group) {
    group.rows.forEach(function (r) {
      var tr = el("tr", null, r.gap ? "gap-" + r.gap : "");
      tr.setAttribute("data-id", r.id);
      tr.appendChild(el("td", (r.kind === "outcome" ? "Outcome: " : "") + r.label, "item"));
      data.columns.forEach(function (c) {
        var role = r.cells[c.id];
        var td = el("td", role ? roles[role].symbol : "", "cell");
        if (role) { td.style.color = roles[role].colour; td.title = roles[role].label; td.setAttribute("data-role", role); }
        tr.appendChild(td);
      });
      tr.appendChild(el("td", r.owners + (r.gap ? " (" + gapWords[r.gap] + ")" : ""), "owners"));
      rows.push({ tr: tr, row: r, group: group.label, text: (group.label + " " + r.label).toLowerCase() });
    });
  });

  var foot = document.getElementById("foot");
  [["total leads", "leads"], ["total contributions", "contributions"], ["champion roles", "champions"]].forEach(function (pair) {
    var tr = el("tr");
    tr.appendChild(el("th", pair[0]));
    data.columns.forEach(function (c) { tr.appendChild(el("td", c[pair[1]])); });
    tr.appendChild(el("td", ""));
    foot.appendChild(tr);
  });
  var flags = el("tr");
  flags.appendChild(el("th", "overloaded"));
  data.columns.forEach(function (c) {
    var td = el("td", c.overloaded ? "⚑ yes" : "", c.overloaded ? "overloaded" : "");
    if (c.overloaded) td.title = data.rule;
    flags.appendChild(td);
  });
  flags.appendChild(el("td", ""));
  foot.appendChild(flags);

  var filter = document.getElementById("filter");
  var gapsOnly = document.getElementById("gaps-only");
  var partnerMatch = [];
  var table = P.sortableTable({
    headers: ["outcome / priority"].concat(data.columns.map(function (c) { return c.label; })).concat(["owners"]),
    heading: function (th, i) { if (i > 0 && i <= data.columns.length) th.title = data.columns[i - 1].group; },
    rows: rows,
    value: function (item, i) {
      if (i === 0) return item.row.label.toLowerCase();
      if (i === data.columns.length + 1) return item.row.owners;
      var role = item.row.cells[data.columns[i - 1].id];
      return role === "lead" || role === "owner" ? 3 : role === "contributing" ? 2 : role === "champion" ? 1 : 0;
    },
    keep: function (item) {
      var q = filter.value.trim().toLowerCase();
      if (gapsOnly.checked && !item.row.gap) return false;
      if (!q) return true;
      return item.text.indexOf(q) >= 0 || partnerMatch.some(function (id) { return item.row.cells[id]; });
    },
    status: function (shown) {
      var gaps = shown.filter(function (i) { return i.row.gap; }).length;
      P.status("Showing " + shown.length + " of " + rows.length + " rows; " + gaps + " with no owner or one owner");
    }
  });
  function render() {
    var q = filter.value.trim().toLowerCase();
    partnerMatch = data.columns.filter(function (c) { return q && c.label.toLowerCase().indexOf(q) >= 0; }).map(function (c) { return c.id; });
    table.render();
  }
  filter.addEventListener("input", render);
  gapsOnly.addEventListener("change", render);
  document.getElementById("reset").addEventListener("click", function () {
    filter.value = ""; gapsOnly.checked = false; partnerMatch = [];
    table.reset();
  });
  window.cypkgView = { total: rows.length, shownIds: table.shownIds, sortBy: table.sortBy };
})();
