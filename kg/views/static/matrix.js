/* cypkg responsibility matrix: builds the grid from the JSON block with textContent only,
   sorts by any column, filters rows by text and to the gaps, and fits one A4 landscape page in print. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("view-data").textContent);
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  var roles = {};
  data.roles.forEach(function (r) { roles[r.role] = r; });
  var gapWords = { none: "no owner", one: "one owner" };

  document.title = data.title;
  document.getElementById("view-title").textContent = data.title;
  document.getElementById("plan-owners").textContent = data.planOwners.length ? "The plan itself — " + data.planOwners.join("; ") : "";
  document.getElementById("caption").textContent = data.caption;
  document.getElementById("rule").textContent = "Overload rule — " + data.rule;
  if (data.notice) {
    document.getElementById("notice").hidden = false;
    document.getElementById("notice-heading").textContent = data.notice.heading;
    document.getElementById("notice-text").textContent = data.notice.text;
  }
  var legend = document.getElementById("legend-list");
  data.roles.forEach(function (r) {
    var li = el("li");
    li.setAttribute("data-legend", r.label);
    li.setAttribute("data-colour", r.colour);
    var sym = el("span", r.symbol, "symbol");
    sym.style.color = r.colour;
    li.appendChild(sym);
    li.appendChild(el("span", r.label));
    legend.appendChild(li);
  });
  [["none", "row with no owner named (a gap)"], ["one", "row with one owner only"]].forEach(function (pair) {
    var li = el("li");
    li.setAttribute("data-legend", pair[1]);
    li.setAttribute("data-colour", data.gaps[pair[0]]);
    var sym = el("span", "▌", "symbol");
    sym.style.color = data.gaps[pair[0]];
    li.appendChild(sym);
    li.appendChild(el("span", pair[1]));
    legend.appendChild(li);
  });

  var head = document.getElementById("head");
  var headers = ["outcome / priority"].concat(data.columns.map(function (c) { return c.label; })).concat(["owners"]);
  headers.forEach(function (h, i) {
    var th = el("th", h);
    th.setAttribute("data-col", String(i));
    if (i > 0 && i <= data.columns.length) th.title = data.columns[i - 1].group;
    th.addEventListener("click", function () { sortBy(i); });
    head.appendChild(th);
  });

  var rows = [];
  data.groups.forEach(function (group, gi) {
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
      rows.push({ tr: tr, row: r, group: group.label, groupIndex: gi, text: (group.label + " " + r.label).toLowerCase() });
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

  var sort = { col: null, asc: true };
  function sortBy(i) {
    sort = { col: i, asc: sort.col === i ? !sort.asc : i === 0 };
    Array.prototype.forEach.call(head.children, function (th, k) {
      th.classList.toggle("sorted", k === i);
      th.classList.toggle("asc", k === i && sort.asc);
    });
    render();
  }
  function value(item, i) {
    if (i === 0) return item.row.label.toLowerCase();
    if (i === data.columns.length + 1) return item.row.owners;
    var role = item.row.cells[data.columns[i - 1].id];
    return role === "lead" || role === "owner" ? 3 : role === "contributing" ? 2 : role === "champion" ? 1 : 0;
  }

  var filter = document.getElementById("filter");
  var gapsOnly = document.getElementById("gaps-only");
  var shown = [];
  function render() {
    var q = filter.value.trim().toLowerCase();
    var partnerMatch = data.columns.filter(function (c) { return q && c.label.toLowerCase().indexOf(q) >= 0; }).map(function (c) { return c.id; });
    shown = rows.filter(function (item) {
      if (gapsOnly.checked && !item.row.gap) return false;
      if (!q) return true;
      return item.text.indexOf(q) >= 0 || partnerMatch.some(function (id) { return item.row.cells[id]; });
    });
    var body = document.getElementById("body");
    body.replaceChildren();
    if (sort.col === null) {
      var last = null;
      shown.forEach(function (item) {
        if (item.group !== last) {
          var tr = el("tr", null, "group");
          var th = el("th", item.group);
          th.colSpan = headers.length;
          tr.appendChild(th);
          body.appendChild(tr);
          last = item.group;
        }
        body.appendChild(item.tr);
      });
    } else {
      var ordered = shown.slice().sort(function (a, b) {
        var x = value(a, sort.col), y = value(b, sort.col);
        var c = x < y ? -1 : x > y ? 1 : 0;
        return sort.asc ? c : -c;
      });
      ordered.forEach(function (item) { body.appendChild(item.tr); });
    }
    var gaps = shown.filter(function (i) { return i.row.gap; }).length;
    document.getElementById("status").textContent = "Showing " + shown.length + " of " + rows.length + " rows; " + gaps + " with no owner or one owner";
  }
  filter.addEventListener("input", render);
  gapsOnly.addEventListener("change", render);
  document.getElementById("reset").addEventListener("click", function () {
    filter.value = ""; gapsOnly.checked = false; sort = { col: null, asc: true };
    Array.prototype.forEach.call(head.children, function (th) { th.classList.remove("sorted", "asc"); });
    render();
  });
  render();
  window.cypkgView = {
    total: rows.length,
    shownIds: function () { return shown.map(function (i) { return i.row.id; }); },
    sortBy: sortBy
  };
})();
