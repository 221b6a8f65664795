/* cypkg council × theme matrix: builds the grid from the JSON block with textContent only, each number a
   link to the page that states it; sorts councils by a theme, filters by text and region. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("view-data").textContent);
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function link(href, text, cls) {
    var a = el("a", text, cls);
    a.href = href;
    a.rel = "noopener noreferrer";
    return a;
  }
  document.title = data.title;
  document.getElementById("view-title").textContent = data.title;
  document.getElementById("caption").textContent = data.caption;
  if (data.notice) {
    document.getElementById("notice").hidden = false;
    document.getElementById("notice-heading").textContent = data.notice.heading;
    document.getElementById("notice-text").textContent = data.notice.text;
  }
  var legend = document.getElementById("legend-list");
  data.legend.forEach(function (item) {
    var li = el("li");
    li.setAttribute("data-legend", item.label);
    var sw = el("span", null, "swatch");
    sw.style.background = item.fill;
    li.appendChild(sw);
    li.appendChild(el("span", item.label));
    legend.appendChild(li);
  });
  var note = el("li", "Each number is how many of the council's priorities map to the theme, and links to the page that states one; ↗ links are the council's pages");
  note.setAttribute("data-legend", "links");
  legend.appendChild(note);

  var head = document.getElementById("head");
  var headers = ["council"].concat(data.columns.map(function (c) { return c.label; })).concat(["themes"]);
  headers.forEach(function (h, i) {
    var th = el("th", h);
    th.scope = "col";
    th.setAttribute("data-col", String(i));
    if (i > 0 && i <= data.columns.length) {
      var c = data.columns[i - 1];
      th.appendChild(el("small", c.councils + (c.councils === 1 ? " council" : " councils")));
      th.title = c.label + ": named by " + c.councils + " council(s) shown";
    }
    th.tabIndex = 0;
    th.addEventListener("click", function () { sortBy(i); });
    th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(i); } });
    head.appendChild(th);
  });

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
        var a = link(src, "↗" + (r.sources.length > 1 ? String(k + 1) : ""), "src");
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
          var content = cell.source ? link(cell.source, cell.priorities) : el("span", cell.priorities);
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
    if (i === data.columns.length + 1) return Object.keys(item.row.cells).length;
    var cell = item.row.cells[data.columns[i - 1].id];
    return cell ? cell.priorities : 0;
  }
  var filter = document.getElementById("filter");
  var shown = [];
  function render() {
    var q = filter.value.trim().toLowerCase();
    var region = regionSelect.value;
    shown = rows.filter(function (item) {
      return (!region || item.group === region) && (!q || item.text.indexOf(q) >= 0);
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
          th.scope = "rowgroup";
          tr.appendChild(th);
          body.appendChild(tr);
          last = item.group;
        }
        body.appendChild(item.tr);
      });
    } else {
      shown = shown.slice().sort(function (a, b) {
        var x = value(a, sort.col), y = value(b, sort.col);
        var c = x < y ? -1 : x > y ? 1 : 0;
        if (!c) return a.row.label < b.row.label ? -1 : a.row.label > b.row.label ? 1 : 0;
        return sort.asc ? c : -c;
      });
      shown.forEach(function (item) { body.appendChild(item.tr); });
    }
    document.getElementById("status").textContent = "Showing " + shown.length + " of " + rows.length + " councils, " + data.columns.length + " themes";
  }
  filter.addEventListener("input", render);
  regionSelect.addEventListener("change", render);
  document.getElementById("reset").addEventListener("click", function () {
    filter.value = ""; regionSelect.value = ""; sort = { col: null, asc: true };
    Array.prototype.forEach.call(head.children, function (th) { th.classList.remove("sorted", "asc"); });
    render();
  });
  render();
  function box(node, id) {
    var r = node.getBoundingClientRect();
    return { id: id, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  }
  window.cypkgView = {
    total: rows.length,
    shownIds: function () { return shown.map(function (i) { return i.row.id; }); },
    sortBy: sortBy,
    /* every heading and council name as drawn, for the overlap check */
    labelBoxes: function () {
      var out = [];
      Array.prototype.forEach.call(head.children, function (th, i) { out.push(box(th, "col-" + i)); });
      shown.forEach(function (item) { out.push(box(item.tr.firstChild, item.row.id)); });
      return out;
    }
  };
})();
