/* cypkg page: what every offline view page shares, inlined before the page's own script. It reads the
   JSON data block, builds elements with every string set as text (textContent or an attribute, never
   parsed as markup), fills the frame the base template gives each page (title, caption, notice, status,
   legend rows) and sorts and filters the table pages' rows. */
var cypkgPage = (function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";

  function data() { return JSON.parse(document.getElementById("view-data").textContent); }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  /* A link out to a source page, which gets no opener and no referrer. */
  function link(href, text, cls) {
    var a = el("a", text, cls);
    a.href = href;
    a.rel = "noopener noreferrer";
    return a;
  }

  function title(text) {
    document.title = text;
    document.getElementById("view-title").textContent = text;
  }

  function notice(found) {
    if (!found) return;
    document.getElementById("notice").hidden = false;
    document.getElementById("notice-heading").textContent = found.heading;
    document.getElementById("notice-text").textContent = found.text;
  }

  /* The base template's frame: title, caption under the page, and the notice when the data has one. */
  function frame(d) {
    title(d.title);
    document.getElementById("caption").textContent = d.caption;
    notice(d.notice);
  }

  function status(text) { document.getElementById("status").textContent = text; }

  /* One legend row: its mark, then its words; `attrs` are data attributes the tests read. */
  function legendItem(label, mark, attrs) {
    var li = el("li");
    li.setAttribute("data-legend", label);
    Object.keys(attrs || {}).forEach(function (k) { li.setAttribute(k, attrs[k]); });
    if (mark) li.appendChild(mark);
    li.appendChild(el("span", label));
    return li;
  }

  /* Where a node is drawn on the screen, for the label-overlap checks. */
  function box(node, id) {
    var r = node.getBoundingClientRect();
    return { id: id, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  }

  /* A table whose headings sort its rows (click or Enter; again to reverse) and whose rows a filter keeps.
     spec.headers: heading texts; spec.heading(th, i): adds to a heading; spec.rows: {tr, row, group, text}
     in listed order; spec.value(item, i): what column i sorts by; spec.keep(item): whether a row shows;
     spec.status(shown): the status line. Unsorted rows show under their group's heading row; sorted ones
     do not, and ties go by the row's label. */
  function sortableTable(spec) {
    var head = document.getElementById("head"), body = document.getElementById("body");
    var sort = { col: null, asc: true }, shown = [];
    spec.headers.forEach(function (h, i) {
      var th = el("th", h);
      th.scope = "col";
      th.setAttribute("data-col", String(i));
      if (spec.heading) spec.heading(th, i);
      th.tabIndex = 0;
      th.addEventListener("click", function () { sortBy(i); });
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(i); } });
      head.appendChild(th);
    });
    function marks() {
      Array.prototype.forEach.call(head.children, function (th, k) {
        th.classList.toggle("sorted", k === sort.col);
        th.classList.toggle("asc", k === sort.col && sort.asc);
      });
    }
    function sortBy(i) {
      sort = { col: i, asc: sort.col === i ? !sort.asc : i === 0 };
      marks();
      render();
    }
    function byLabel(a, b) { return a.row.label < b.row.label ? -1 : a.row.label > b.row.label ? 1 : 0; }
    function render() {
      shown = spec.rows.filter(spec.keep);
      body.replaceChildren();
      if (sort.col === null) {
        var last = null;
        shown.forEach(function (item) {
          if (item.group !== last) {
            var tr = el("tr", null, "group");
            var th = el("th", item.group);
            th.colSpan = spec.headers.length;
            th.scope = "rowgroup";
            tr.appendChild(th);
            body.appendChild(tr);
            last = item.group;
          }
          body.appendChild(item.tr);
        });
      } else {
        shown = shown.slice().sort(function (a, b) {
          var x = spec.value(a, sort.col), y = spec.value(b, sort.col);
          var c = x < y ? -1 : x > y ? 1 : 0;
          return c ? (sort.asc ? c : -c) : byLabel(a, b);
        });
        shown.forEach(function (item) { body.appendChild(item.tr); });
      }
      spec.status(shown);
    }
    function reset() {
      sort = { col: null, asc: true };
      marks();
      render();
    }
    render();
    return {
      head: head,
      render: render,
      reset: reset,
      sortBy: sortBy,
      shownIds: function () { return shown.map(function (item) { return item.row.id; }); },
      shown: function () { return shown.slice(); }
    };
  }

  return {
    data: data, el: el, svg: svg, link: link, title: title, notice: notice, frame: frame, status: status,
    legendItem: legendItem, box: box, sortableTable: sortableTable
  };
})();
