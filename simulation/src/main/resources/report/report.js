// Governor report: draws the time-series charts from the data embedded in the page (no network).
// When it has drawn everything it sets <body data-status="ok" data-points="N">; any script error
// sets data-status="error" and is listed in data-errors (the browser test reads both).
(function () {
  'use strict';
  var body = document.body;
  var errors = [];
  function fail(msg) {
    errors.push(String(msg));
    body.setAttribute('data-errors', errors.join(' | '));
    body.setAttribute('data-status', 'error');
  }
  window.addEventListener('error', function (e) { fail(e.message || e); });
  window.addEventListener('unhandledrejection', function (e) { fail(e.reason); });

  var SVG = 'http://www.w3.org/2000/svg';
  var W = 1000, H = 190, L = 58, R = 10, T = 12, B = 24;
  var DAY = 86400000, WEEK = 7 * DAY;
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var state = {focus: 'all', span: 0, from: 0};
  var points = 0;

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    for (var k in attrs) { e.setAttribute(k, attrs[k]); }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function fmtTime(ms, span) {
    var d = new Date(ms), iso = d.toISOString();
    return span <= 2 * DAY ? iso.substring(5, 10) + ' ' + iso.substring(11, 16) : iso.substring(0, 10) + ' ' +
        ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  }
  function fmtVal(v) {
    if (v >= 1e6) { return (v / 1e6).toFixed(1) + 'M'; }
    if (v >= 1e4) { return Math.round(v / 1e3) + 'k'; }
    return Math.abs(v - Math.round(v)) < 1e-9 ? String(Math.round(v)) : v.toFixed(1);
  }
  function niceCeil(v) {
    if (v <= 0) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var ms = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < ms.length; i++) { if (ms[i] * p >= v) { return ms[i] * p; } }
    return 10 * p;
  }

  // One chart: lines = [{values, color, width, opacity, dash, label}], opts = {log, unit, hline, hlabel}
  function chart(host, tr, lines, opts) {
    var from = state.from, to = state.span > 0 ? state.from + state.span : tr.end;
    var i0 = Math.max(0, Math.floor((from - tr.start) / tr.stepMs));
    var i1 = Math.min(tr.n, Math.ceil((to - tr.start) / tr.stepMs));
    var count = Math.max(1, i1 - i0);
    var px = Math.min(count, W - L - R);
    var reduced = [], max = opts.hline || 0;
    lines.forEach(function (ln) {
      var ys = new Array(px);
      for (var b = 0; b < px; b++) {
        var a = i0 + Math.floor(b * count / px), z = Math.max(a + 1, i0 + Math.floor((b + 1) * count / px));
        var m = 0;
        for (var k = a; k < z && k < tr.n; k++) { if (ln.values[k] > m) { m = ln.values[k]; } }
        ys[b] = m;
        if (m > max) { max = m; }
      }
      reduced.push(ys);
    });
    var f = opts.log ? function (v) { return Math.log10(1 + v); } : function (v) { return v; };
    var top = opts.log ? Math.max(1, Math.ceil(Math.log10(1 + max))) : niceCeil(max);
    var pw = W - L - R, ph = H - T - B;
    var svg = el('svg', {viewBox: '0 0 ' + W + ' ' + H, width: '100%', 'font-size': '11', role: 'img'});
    var grid = opts.log ? top : 4;
    for (var g = 0; g <= grid; g++) {
      var v = opts.log ? Math.pow(10, g) - (g === 0 ? 1 : 0) : top * g / 4;
      var y = T + ph - ph * g / grid;
      el('line', {x1: L, y1: y, x2: W - R, y2: y, stroke: '#e6e6e6'}, svg);
      el('text', {x: L - 4, y: y + 4, 'text-anchor': 'end', fill: '#555'}, svg).textContent = fmtVal(v);
    }
    for (var x = 0; x <= 5; x++) {
      var t = from + (to - from) * x / 5;
      el('text', {x: L + pw * x / 5, y: H - 6, 'text-anchor': x === 0 ? 'start' : x === 5 ? 'end' : 'middle',
        fill: '#555'}, svg).textContent = fmtTime(t, to - from);
    }
    el('text', {x: 2, y: 10, fill: '#555'}, svg).textContent = opts.unit;
    if (opts.hline) {
      var hy = T + ph - ph * f(opts.hline) / top;
      el('line', {x1: L, y1: hy, x2: W - R, y2: hy, stroke: '#000', 'stroke-dasharray': '6 4', 'stroke-width': 1.2,
        'class': 'deadline'}, svg);
      el('text', {x: W - R - 4, y: hy - 4, 'text-anchor': 'end'}, svg).textContent = opts.hlabel;
    }
    lines.forEach(function (ln, li) {
      var ys = reduced[li], pts = [];
      for (var b = 0; b < ys.length; b++) {
        var xx = L + (ys.length === 1 ? 0 : pw * b / (ys.length - 1));
        var yy = T + ph - ph * f(ys[b]) / top;
        pts.push(xx.toFixed(1) + ',' + yy.toFixed(1));
      }
      points += pts.length;
      var p = el('polyline', {fill: 'none', stroke: ln.color, 'stroke-width': ln.width || 1.2,
        'stroke-opacity': ln.opacity == null ? 1 : ln.opacity, points: pts.join(' ')}, svg);
      if (ln.dash) { p.setAttribute('stroke-dasharray', ln.dash); }
      el('title', {}, p).textContent = ln.label;
    });
    host.appendChild(svg);
  }

  function policyLines(tr, pick) {
    var out = [];
    var ordered = tr.policies.slice();
    var top = state.focus === 'all' ? 'governor' : state.focus; // drawn last, so on top
    ordered.sort(function (a, b) { return (a.name === top) - (b.name === top); });
    ordered.forEach(function (p) {
      var focused = state.focus === 'all' || state.focus === p.name;
      out.push({values: pick(p), color: p.color, dash: p.dash, label: p.name,
        width: state.focus !== 'all' && focused ? 2.2 : 1.2, opacity: focused ? 1 : 0.18});
    });
    return out;
  }

  function draw() {
    points = 0;
    D.traces.forEach(function (tr, ti) {
      var host = document.getElementById('charts-' + ti);
      host.textContent = '';
      function section(title) {
        var h = document.createElement('h4');
        h.textContent = title;
        host.appendChild(h);
        var d = document.createElement('div');
        host.appendChild(d);
        return d;
      }
      var arr = [];
      tr.classes.forEach(function (c, ci) {
        arr.push({values: tr.arrivals[ci], color: ['#333', '#888', '#b8860b', '#4682b4', '#6b8e23'][ci % 5], label: c.name});
      });
      chart(section('Arrivals per tick, by class (' + tr.classes.map(function (c) { return c.name; }).join(', ') +
          '; log scale)'), tr, arr, {unit: 'jobs', log: true});
      var sup = policyLines(tr, function (p) { return p.running; });
      sup.unshift({values: tr.demand, color: '#000', width: 1, dash: '2 2', label: 'demand'});
      chart(section('RUNNING instances per policy; dotted black: demand (work at 100 % busy)'), tr, sup,
          {unit: 'instances'});
      chart(section('Backlog: jobs waiting at each tick (log scale)'), tr,
          policyLines(tr, function (p) { return p.backlog; }), {unit: 'jobs', log: true});
      tr.classes.forEach(function (c, ci) {
        chart(section('Queue wait p99 of ' + c.name + ' jobs started in each tick (log scale); dashed: its deadline ' +
            c.deadlineLabel), tr, policyLines(tr, function (p) { return p.wait[ci]; }),
            {unit: 'seconds', log: true, hline: c.deadline, hlabel: 'deadline ' + c.deadlineLabel});
      });
      drawLog(tr, ti);
    });
    var label = state.span === 0 ? 'whole run' : state.span === DAY ? 'one day' : 'one week';
    document.querySelectorAll('.range-label').forEach(function (e) {
      e.textContent = label + (state.span === 0 ? '' : ' from ' + new Date(state.from).toISOString().substring(0, 16) + 'Z');
    });
    body.setAttribute('data-points', String(points));
  }

  function drawLog(tr, ti) {
    var host = document.getElementById('log-' + ti);
    if (!host || !tr.log) { return; }
    var from = state.from, to = state.span > 0 ? state.from + state.span : tr.end;
    var shown = [], total = 0, LIMIT = 1500;
    for (var i = 0; i < tr.log.t.length; i++) {
      if (tr.log.t[i] >= from && tr.log.t[i] < to) {
        total++;
        if (shown.length < LIMIT) { shown.push(tr.log.lines[i]); }
      }
    }
    host.textContent = shown.join('\n');
    var note = document.getElementById('lognote-' + ti);
    note.textContent = total + ' ticks in the range' + (total > LIMIT ? ', the first ' + LIMIT + ' shown' : '') +
        '; every tick of the run as TickReport JSON lines: ' + tr.log.file;
  }

  function setRange(span, from) {
    var tr = D.traces[0];
    state.span = span;
    if (span === 0) {
      state.from = tr.start;
    } else {
      var last = Math.max(tr.start, tr.end - span);
      state.from = Math.min(Math.max(tr.start, from), last);
    }
    draw();
  }

  try {
    var tr0 = D.traces[0];
    state.from = tr0.start;
    document.querySelectorAll('[data-range]').forEach(function (b) {
      b.addEventListener('click', function () {
        var r = b.getAttribute('data-range');
        if (r === 'all') { setRange(0, tr0.start); }
        else if (r === 'week') { setRange(WEEK, state.span ? state.from : tr0.start); }
        else if (r === 'day') { setRange(DAY, state.span ? state.from : tr0.start); }
        else if (r === 'prev') { setRange(state.span || WEEK, state.from - (state.span || WEEK)); }
        else if (r === 'next') { setRange(state.span || WEEK, state.from + (state.span || WEEK)); }
      });
    });
    var sel = document.getElementById('focus');
    if (sel) {
      sel.addEventListener('change', function () { state.focus = sel.value; draw(); });
    }
    draw();
    if (!errors.length) { body.setAttribute('data-status', 'ok'); }
  } catch (e) {
    fail(e && e.stack ? e.stack : e);
  }
})();
