/* cypkg council timeline: plans as bars over the years they state, dated meetings as dots on their plan's line,
   and every event (undated ones too) as a table row linking to its source. Built with textContent only (cypkgPage). */
(function () {
  "use strict";
  var P = cypkgPage, el = P.el, sv = P.svg;
  var data = P.data();
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  function niceDate(iso) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso || "");
    if (!m) return iso || "undated";
    if (m[3]) return Number(m[3]) + " " + MONTHS[Number(m[2]) - 1] + " " + m[1];
    if (m[2]) return MONTHS[Number(m[2]) - 1] + " " + m[1];
    return m[1];
  }
  /* a date at the precision given, as a fractional year: a bare year sits at its middle */
  function yearOf(iso) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso || "");
    if (!m) return null;
    var y = Number(m[1]);
    if (!m[2]) return y + 0.5;
    return y + (Number(m[2]) - 1 + (m[3] ? (Number(m[3]) - 1) / 31 : 0.5)) / 12;
  }
  P.frame(data);
  var events = data.events;
  var legendItems = [
    ["bar", "plan: the years its source states", data.colours.plan, ""],
    ["open", "plan with no end year stated (drawn one year long, dashed)", data.colours.open, "4 3"],
    ["dot", "meeting that considered the plan, on the date printed", data.colours.meeting, ""],
    ["text", "undated meetings and plans with no period: listed in the table only, marked undated", "#a33f00", ""]
  ];
  var legend = document.getElementById("legend-list");
  legendItems.forEach(function (item) {
    var key = sv("svg", { width: 26, height: 14, "aria-hidden": "true" });
    if (item[0] === "dot") key.appendChild(sv("circle", { cx: 13, cy: 7, r: 5, fill: item[2], stroke: "#333" }));
    else if (item[0] === "text") key.appendChild(sv("text", { x: 0, y: 11, fill: item[2], "font-size": 10, "font-style": "italic" }, "abc"));
    else key.appendChild(sv("rect", { x: 1, y: 2, width: 24, height: 10, fill: item[0] === "open" ? "#fff" : item[2], "fill-opacity": item[0] === "open" ? 1 : 0.35, stroke: item[2], "stroke-width": 2, "stroke-dasharray": item[3] }));
    legend.appendChild(P.legendItem(item[1], key));
  });

  /* the table: every event, in the query's order */
  var body = document.getElementById("body");
  events.forEach(function (e, i) {
    var tr = el("tr", null, e.when ? "" : "undated");
    tr.id = "event-" + (i + 1);
    tr.setAttribute("data-event", e.event);
    tr.appendChild(el("td", i + 1));
    tr.appendChild(el("td", e.when ? niceDate(e.when) : "undated", "when"));
    tr.appendChild(el("td", e.event));
    tr.appendChild(el("td", e.title));
    var what;
    if (e.event === "plan") {
      var period = e.periodStart ? e.periodStart + "–" + (e.periodEnd || "end not stated") : "no period stated";
      what = period + "; " + e.kind + (e.status ? "; status: " + e.status : "");
    } else {
      what = e.body + (e.what ? ": " + e.what : "") + (e.status ? " (decision recorded: " + e.status + ")" : "");
    }
    tr.appendChild(el("td", what));
    var td = el("td");
    if (e.source) {
      var a = P.link(e.source, e.source.replace(/^https?:\/\//, "").slice(0, 60) + (e.source.length > 68 ? "…" : ""));
      a.title = e.source;
      td.appendChild(a);
    } else {
      td.appendChild(el("span", "no source page recorded", "hint"));
    }
    tr.appendChild(td);
    body.appendChild(tr);
  });

  /* the chart: one line per plan, bars for stated periods, dots for dated meetings */
  var plans = [];
  var byPlan = {};
  events.forEach(function (e) {
    if (!byPlan[e.plan]) { byPlan[e.plan] = { id: e.plan, title: e.title, start: null, end: null, meetings: [] }; plans.push(byPlan[e.plan]); }
    var p = byPlan[e.plan];
    if (e.periodStart) p.start = Number(e.periodStart.slice(0, 4));
    if (e.periodEnd) p.end = Number(e.periodEnd.slice(0, 4));
  });
  events.forEach(function (e, i) { if (e.event === "meeting" && e.when) byPlan[e.plan].meetings.push({ at: yearOf(e.when), e: e, n: i + 1 }); });
  var years = [];
  plans.forEach(function (p) {
    if (p.start !== null) years.push(p.start, (p.end !== null ? p.end : p.start + 1));
    p.meetings.forEach(function (m) { years.push(Math.floor(m.at), Math.floor(m.at) + 1); });
  });
  var labels = [];
  var svg = document.getElementById("axis");
  if (years.length) {
    document.getElementById("chart").hidden = false;
    var lo = Math.min.apply(null, years), hi = Math.max.apply(null, years);
    if (hi === lo) hi = lo + 1;
    var W = 1000, gutter = 300, right = 20, lane = 30, top = 34;
    var H = top + lane * plans.length + 10;
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    svg.setAttribute("width", W);
    svg.setAttribute("height", H);
    var x = function (y) { return gutter + (y - lo) / (hi - lo) * (W - gutter - right); };
    var per = (W - gutter - right) / (hi - lo);
    var step = [1, 2, 5, 10, 20].filter(function (s) { return s * per >= 46; })[0] || 50;
    for (var y = Math.ceil(lo / step) * step; y <= hi; y += step) {
      var g = sv("g", { "class": "tick" });
      g.appendChild(sv("line", { x1: x(y), x2: x(y), y1: top - 6, y2: H - 6 }));
      var t = sv("text", { x: x(y), y: top - 12, "text-anchor": "middle" }, y);
      g.appendChild(t);
      svg.appendChild(g);
      labels.push({ node: t, id: "year-" + y });
    }
    plans.forEach(function (p, i) {
      var cy = top + lane * i + lane / 2;
      var label = sv("text", { x: gutter - 10, y: cy + 4, "text-anchor": "end" }, p.title);
      label.appendChild(sv("title", {}, p.title));
      svg.appendChild(label);
      var full = p.title;
      while (label.getComputedTextLength() > gutter - 16 && full.length > 4) {
        full = full.slice(0, -2);
        label.firstChild.textContent = full + "…";
      }
      labels.push({ node: label, id: "plan-" + p.id });
      if (p.start !== null) {
        var open = p.end === null;
        var bar = sv("rect", { x: x(p.start), y: cy - 8, width: Math.max(3, x(open ? p.start + 1 : p.end) - x(p.start)), height: 16,
          fill: open ? "#fff" : data.colours.plan, "fill-opacity": open ? 1 : 0.35, stroke: open ? data.colours.open : data.colours.plan,
          "stroke-width": 2, "stroke-dasharray": open ? "4 3" : "" });
        bar.appendChild(sv("title", {}, p.title + ": " + p.start + "–" + (open ? "end not stated" : p.end)));
        svg.appendChild(bar);
      } else {
        var none = sv("text", { x: gutter + 4, y: cy + 4, "font-style": "italic", fill: "#a33f00" }, "no period stated");
        svg.appendChild(none);
        labels.push({ node: none, id: "no-period-" + p.id });
      }
      p.meetings.forEach(function (m) {
        var a = sv("a", { href: "#event-" + m.n });
        var dot = sv("circle", { cx: x(m.at), cy: cy, r: 6, fill: data.colours.meeting, stroke: "#333", "stroke-width": 1 });
        dot.appendChild(sv("title", {}, niceDate(m.e.when) + " — " + m.e.body + (m.e.what ? ": " + m.e.what : "")));
        a.appendChild(dot);
        svg.appendChild(a);
      });
    });
  }
  var undated = events.filter(function (e) { return !e.when; }).length;
  P.status(events.length + " events: " +
    events.filter(function (e) { return e.event === "plan"; }).length + " plans, " +
    events.filter(function (e) { return e.event === "meeting"; }).length + " meetings; " + undated + " undated");
  window.cypkgView = {
    total: events.length,
    events: function () {
      return Array.prototype.map.call(body.children, function (tr) {
        return [tr.children[1].textContent, tr.getAttribute("data-event"), tr.children[3].textContent];
      });
    },
    sources: function () {
      return Array.prototype.map.call(body.children, function (tr) { var a = tr.querySelector("a"); return a ? a.href : ""; });
    },
    labelBoxes: function () {
      return labels.map(function (l) { return P.box(l.node, l.id); });
    }
  };
})();
