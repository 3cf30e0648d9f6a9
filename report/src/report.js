// The tumen report page: draws the report document (the JSON in #report-data, built by
// tumen::output::report_document) with uPlot and plain canvas. It computes no statistics: every
// figure, interval and sentence comes from the document.
//
// For tests and for curious readers, window.__report holds the document, one entry per chart
// ({id, kind, key, marks, expected}: marks is what the renderer drew, counted while drawing;
// ink() counts the inked pixels of each plot area) and the animation's state ({time, playing,
// frames, vehicles, shown, counters}).
//
// Other pages draw a document into a container of their own with the same code (the workbench,
// report/src/workbench.js, after each run):
//
//   window.tumenReport.render(doc, container, { toc, subtitle })   // toc, subtitle: optional elements
//
// Each call replaces what the previous one drew; window.__report then describes the new drawing.
(function () {
  'use strict';

  const state = { doc: null, charts: [], animation: null, ready: false, errors: [] };
  // Where the sections go: the report page's own elements, or a caller's container (render()).
  let target = { main: null, toc: null, title: null, subtitle: null, generator: null };
  // Inked pixels in each chart's plot area, by chart id (tests call this; the page never does).
  state.ink = () => Object.fromEntries(state.charts.map((c) => [c.id, c.inkArea()]));
  window.__report = state;

  // ---------------------------------------------------------------------------------------
  // Small helpers
  // ---------------------------------------------------------------------------------------
  const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#59a14f', '#b07aa1', '#edc948', '#76b7b2', '#ff9da7',
    '#9c755f', '#7f7f7f'];
  const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  const finite = (x) => typeof x === 'number' && Number.isFinite(x);

  function fmtNumber(x) {
    if (!finite(x)) return '–';
    const a = Math.abs(x);
    if (a === 0) return '0';
    if (a < 10) return x.toFixed(2);
    if (a < 100) return x.toFixed(1);
    return Math.round(x).toLocaleString('en-US');
  }

  function fmtDuration(s) {
    if (!finite(s)) return '–';
    const a = Math.abs(s);
    if (a < 100) return `${s.toFixed(0)} s`;
    if (a < 100 * 60) return `${(s / 60).toFixed(1)} min`;
    if (a < 48 * 3600) return `${(s / 3600).toFixed(2)} h`;
    return `${(s / 86400).toFixed(2)} d`;
  }

  function fmtValue(x, unit) {
    if (unit === 's') return fmtDuration(x);
    if (unit === 'share') return finite(x) ? `${(x * 100).toFixed(1)} %` : '–';
    return fmtNumber(x);
  }

  function fmtInterval(iv, unit) {
    if (!iv || !finite(iv.mean)) return '–';
    let s = fmtValue(iv.mean, unit);
    if (finite(iv.half_width)) s += ` ± ${unit === 'share' ? (iv.half_width * 100).toFixed(1) + ' %' : fmtValue(iv.half_width, unit)}`;
    return s;
  }

  // A duration scale for a set of seconds: minutes unless the largest is over 3 h.
  function durationScale(values) {
    const max = Math.max(0, ...values.filter(finite));
    if (max > 3 * 3600) return { div: 3600, unit: 'h' };
    if (max >= 120) return { div: 60, unit: 'min' };
    return { div: 1, unit: 's' };
  }

  const scaleArr = (arr, div) => arr.map((v) => (finite(v) ? v / div : null));
  const hh = (h) => String(h).padStart(2, '0');

  function clockText(t, startWeekday) {
    const day = Math.floor(t / 86400);
    const sod = t - day * 86400;
    const h = Math.floor(sod / 3600), m = Math.floor((sod % 3600) / 60), s = Math.floor(sod % 60);
    return `Day ${day + 1} (${WEEKDAYS[(startWeekday + day) % 7]}) ${hh(h)}:${hh(m)}:${hh(s)}`;
  }

  function section(id, title, toc) {
    const s = el('section', { id });
    s.append(el('h2', { text: title }));
    toc.append(el('a', { href: `#${id}`, text: title }));
    target.main.append(s);
    return s;
  }

  function guard(where, fn) {
    try {
      return fn();
    } catch (e) {
      state.errors.push(`${where}: ${e && e.message}`);
      console.error(`tumen report: ${where}:`, e);
      return null;
    }
  }

  // Pixels with any ink inside a rectangle of a canvas (device pixels). Read from a copy, so the
  // chart's own canvas is never read back (reading back slows a canvas down). For tests.
  function inkIn(canvas, rect) {
    const r = rect || { left: 0, top: 0, width: canvas.width, height: canvas.height };
    const w = Math.ceil(r.width), h = Math.ceil(r.height);
    if (w <= 0 || h <= 0) return 0;
    const copy = document.createElement('canvas');
    copy.width = w;
    copy.height = h;
    const ctx = copy.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(canvas, Math.floor(r.left), Math.floor(r.top), w, h, 0, 0, w, h);
    const data = ctx.getImageData(0, 0, w, h).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  }

  // ---------------------------------------------------------------------------------------
  // Chart registry and uPlot helpers
  // ---------------------------------------------------------------------------------------
  function register(kind, key, expected) {
    const c = { id: `chart-${state.charts.length + 1}`, kind, key, expected, marks: 0, drawn: false, inkArea: () => 0 };
    state.charts.push(c);
    return c;
  }

  // A points path builder that counts the points it draws (non-null y within [i0, i1]).
  function countingPoints(entry, perSeries) {
    const inner = uPlot.paths.points();
    return (u, si, i0, i1, filtIdxs) => {
      const ys = u.data[si];
      let n = 0;
      if (filtIdxs) filtIdxs.forEach((i) => { if (finite(ys[i])) n++; });
      else for (let i = i0; i <= i1; i++) if (finite(ys[i])) n++;
      perSeries[si] = n;
      entry.marks = Object.values(perSeries).reduce((a, b) => a + b, 0);
      return inner(u, si, i0, i1, filtIdxs);
    };
  }

  // The drawing width for a chart card: its content box (cards have 10 px padding and a border).
  function chartWidth(container) {
    const mini = container.classList.contains('mini');
    return Math.max(mini ? 140 : 260, Math.floor(container.getBoundingClientRect().width) - (mini ? 0 : 22));
  }

  // Makes a uPlot chart in a new card; `build(entry, counted)` returns {opts, data}.
  function uplotCard(parent, kind, key, expected, title, sub, build, extraClass) {
    const card = el('div', { class: `chart ${extraClass || ''}`.trim(), 'data-chart-kind': kind });
    if (title) card.append(el('h4', { text: title }));
    if (sub) card.append(el('p', { class: 'sub', text: sub }));
    parent.append(card);
    const entry = register(kind, key, expected);
    card.id = entry.id;
    const per = {};
    const counted = countingPoints(entry, per);
    const { opts, data, legend, hover } = build(entry, counted);
    if (legend) card.append(legend);
    opts.width = chartWidth(card);
    opts.hooks = opts.hooks || {};
    // Values on hover: a line of text over the chart for the point under the pointer.
    const tip = el('div', { class: 'tip', hidden: '' });
    card.append(tip);
    opts.hooks.setCursor = (opts.hooks.setCursor || []).concat([(u) => {
      const i = u.cursor.idx;
      const text = i === null || i === undefined ? null : (hover || hoverText)(u, i);
      tip.hidden = !text;
      if (!text) return;
      tip.textContent = text;
      const o = u.over.getBoundingClientRect(), c = card.getBoundingClientRect();
      const left = o.left - c.left + u.cursor.left, top = o.top - c.top + u.cursor.top;
      tip.style.left = `${Math.max(0, Math.min(left + 12, card.clientWidth - tip.offsetWidth - 4))}px`;
      tip.style.top = `${Math.max(0, top - tip.offsetHeight - 8)}px`;
    }]);
    opts.hooks.draw = (opts.hooks.draw || []).concat([(u) => {
      entry.drawn = true;
      entry.inkArea = () => inkIn(u.ctx.canvas, u.bbox);
      card.setAttribute('data-marks', String(entry.marks));
    }]);
    const u = new uPlot(opts, data, card);
    entry.resize = () => u.setSize({ width: chartWidth(card), height: opts.height });
    entry.plot = u;
    return entry;
  }

  // The default hover text: the x value, then each named series' value; a series followed by
  // its "low" and "high" band series reads "mean 4.2 (95 % 3.1–5.3)".
  function hoverText(u, i) {
    const parts = [];
    for (let k = 1; k < u.series.length; k++) {
      const se = u.series[k], v = u.data[k] && u.data[k][i];
      if (!se.label || se.label === 'low' || se.label === 'high' || !finite(v)) continue;
      let t = `${se.label} ${fmtNumber(v)}`;
      const lo = u.series[k + 1], hi = u.series[k + 2];
      if (lo && hi && lo.label === 'low' && hi.label === 'high' && finite(u.data[k + 1][i]) && finite(u.data[k + 2][i]))
        t += ` (95 % ${fmtNumber(u.data[k + 1][i])}–${fmtNumber(u.data[k + 2][i])})`;
      parts.push(t);
    }
    const x = u.data[0][i];
    return parts.length ? `${u.axes[0].label || 'x'} ${fmtNumber(x)}: ${parts.join(' · ')}` : null;
  }

  const bandFill = (hex, a) => {
    const n = parseInt(hex.slice(1), 16);
    return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${a})`;
  };

  function swatch(color, text, kind) {
    const mark = kind === 'line' ? el('span', { class: 'ln', style: `border-color:${color}` })
      : kind === 'dash' ? el('span', { class: 'ln dash', style: `border-color:${color}` })
        : el('span', { class: 'sw', style: `background:${color}` });
    return el('span', null, mark, text);
  }

  // Draws a horizontal line at y (scale units) across the plot, for design figures and limits.
  function hline(u, y, color, dash) {
    if (!finite(y)) return;
    const ctx = u.ctx;
    const py = u.valToPos(y, 'y', true);
    if (py < u.bbox.top - 1 || py > u.bbox.top + u.bbox.height + 1) return;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = 2 * devicePixelRatio;
    if (dash) ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(u.bbox.left, py);
    ctx.lineTo(u.bbox.left + u.bbox.width, py);
    ctx.stroke();
    ctx.restore();
  }

  function vline(u, x, color, dash) {
    if (!finite(x)) return;
    const ctx = u.ctx;
    const px = u.valToPos(x, 'x', true);
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = 2 * devicePixelRatio;
    if (dash) ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
    ctx.beginPath();
    ctx.moveTo(px, u.bbox.top);
    ctx.lineTo(px, u.bbox.top + u.bbox.height);
    ctx.stroke();
    ctx.restore();
  }

  // Vertical whiskers from lo[i] to hi[i] at each x (scale units).
  function whiskers(u, xs, lo, hi, color) {
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5 * devicePixelRatio;
    const cap = 4 * devicePixelRatio;
    for (let i = 0; i < xs.length; i++) {
      if (!finite(lo[i]) || !finite(hi[i])) continue;
      const px = u.valToPos(xs[i], 'x', true);
      const a = u.valToPos(lo[i], 'y', true), b = u.valToPos(hi[i], 'y', true);
      ctx.beginPath();
      ctx.moveTo(px, a); ctx.lineTo(px, b);
      ctx.moveTo(px - cap, a); ctx.lineTo(px + cap, a);
      ctx.moveTo(px - cap, b); ctx.lineTo(px + cap, b);
      ctx.stroke();
    }
    ctx.restore();
  }

  const countFinite = (arr) => (arr || []).filter(finite).length;

  // Rings in red round the points (xs[i], ys[i]) whose share of replications saturated is above 0:
  // their queues kept growing, so their waits describe only the vehicles served.
  const SATURATED = '#c0392b';
  function saturatedRings(u, xs, ys, shares) {
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = SATURATED;
    ctx.lineWidth = 2 * devicePixelRatio;
    const r = 7 * devicePixelRatio;
    for (let i = 0; i < xs.length; i++) {
      if (!(shares && shares[i] > 0) || !finite(ys[i])) continue;
      ctx.beginPath();
      ctx.arc(u.valToPos(xs[i], 'x', true), u.valToPos(ys[i], 'y', true), r, 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.restore();
  }
  // " — saturated in 40 % of replications" after the name of a stage or yard whose verdict was
  // saturated in some replications; "" otherwise.
  const saturatedLabel = (e) => (e.saturated && e.saturated.mean > 0 ? ` — saturated in ${Math.round(100 * e.saturated.mean)} % of replications` : '');
  const saturatedNote = (points) => {
    const sat = (points || []).filter((p) => p.saturated > 0);
    return sat.length ? el('p', { class: 'saturated-points', text: `Saturated (ringed in red): ${sat.map((p) => `${p.label || `point ${p.point}`} in ${Math.round(100 * p.saturated)} % of replications`).join('; ')}. A queue there kept growing, so the waits shown describe only the vehicles served.` }) : null;
  };

  // A mean line with points and its interval band: series 1 mean, 2 low, 3 high (per group).
  function bandSeries(groups, counted) {
    const series = [{}];
    const bands = [];
    groups.forEach((g, k) => {
      const color = PALETTE[k % PALETTE.length];
      const base = series.length;
      series.push({ label: g.label || 'mean', stroke: color, width: 2, spanGaps: false,
        points: { show: true, size: 5, fill: color, paths: counted } });
      series.push({ label: 'low', stroke: 'transparent', width: 0, points: { show: false } });
      series.push({ label: 'high', stroke: 'transparent', width: 0, points: { show: false } });
      bands.push({ series: [base + 2, base + 1], fill: bandFill(color, 0.18) });
    });
    return { series, bands };
  }

  // ---------------------------------------------------------------------------------------
  // Header, summary, headline
  // ---------------------------------------------------------------------------------------
  function renderHeader(doc) {
    const run = doc.run || {};
    if (target.title) target.title.textContent = run.scenario || 'tumen report';
    const bits = [];
    bits.push(run.kind === 'run' ? 'Run' : `${run.kind[0].toUpperCase()}${run.kind.slice(1)}`);
    if (run.id !== null && run.id !== undefined) bits[0] += ` ${run.id}`;
    if (run.points > 1) bits.push(`${run.points} design points`);
    bits.push(`${run.replications} replication${run.replications === 1 ? '' : 's'}`);
    if (finite(run.days)) bits.push(`${run.days} days`);
    bits.push(`seed ${run.seed}`);
    if (run.source) bits.push(run.source);
    if (run.variant) bits.push(`variant ${run.variant}`);
    if (run.started_at) bits.push(run.started_at);
    if (target.subtitle) target.subtitle.textContent = bits.join(' · ');
    if (target.generator) target.generator.textContent = doc.generator || 'tumen';
  }

  function renderSummary(doc, toc) {
    const s = section('summary', 'Summary', toc);
    const words = el('div', { class: 'summary' });
    for (const sentence of doc.summary || []) words.append(el('p', { text: sentence }));
    s.append(words);
    const warnings = doc.warnings || [];
    if (warnings.length) {
      const ul = el('ul', { class: 'warnings', id: 'warnings' });
      for (const w of warnings) ul.append(el('li', { class: w.level, 'data-element': w.element || null, text: w.text }));
      s.append(ul);
    }
    const cards = el('div', { class: 'cards' });
    const designs = {};
    for (const t of doc.throughput || []) designs[t.metric] = t.design;
    for (const h of doc.headline || []) {
      const detail = [];
      if (finite(h.half_width)) detail.push(`± ${h.unit === 'share' ? (h.half_width * 100).toFixed(1) + ' %' : fmtValue(h.half_width, h.unit)} (95 %, n = ${h.n})`);
      if (finite(designs[h.metric])) detail.push(`design ${fmtNumber(designs[h.metric])}`);
      cards.append(el('div', { class: 'card' },
        el('div', { class: 'label', text: h.label }),
        el('div', { class: 'value', text: fmtValue(h.mean, h.unit) }),
        el('div', { class: 'detail', text: detail.join(' · ') || '\u00a0' })));
    }
    s.append(cards);
    if (doc.layout_problem) s.append(el('p', { class: 'problem', text: doc.layout_problem }));
  }

  // ---------------------------------------------------------------------------------------
  // Throughput against design
  // ---------------------------------------------------------------------------------------
  function renderThroughput(doc, toc) {
    const rows = doc.throughput || [];
    if (!rows.length) return;
    const s = section('throughput', 'Cleared per day against the design', toc);
    s.append(el('p', { class: 'note', text: 'Each dot is one replication\u2019s figure per measured day; the band is the 95 % interval of the mean (solid line); the dashed red line is the design figure from the scenario\u2019s [design].' }));
    const grid = el('div', { class: 'grid' });
    s.append(grid);
    for (const t of rows) {
      const values = t.values || [];
      uplotCard(grid, 'throughput', t.metric, countFinite(values), t.label,
        `mean ${fmtInterval(t, '')}${finite(t.design) ? ` · design ${fmtNumber(t.design)}` : ''}`,
        (entry, counted) => {
          const xs = values.map((_, i) => i + 1);
          const all = values.filter(finite).concat([t.design, t.low, t.high].filter(finite));
          const top = Math.max(1, ...all) * 1.12;
          const legend = el('div', { class: 'legend' }, swatch(PALETTE[0], 'replications'), swatch('#333', 'mean', 'line'),
            swatch(bandFill(PALETTE[0], 0.25), '95 % interval'), finite(t.design) ? swatch('#c0392b', 'design', 'dash') : null);
          return {
            legend,
            data: [xs, values.map((v) => (finite(v) ? v : null))],
            opts: {
              height: 200,
              legend: { show: false },
              scales: { x: { time: false, range: [0.5, Math.max(1, values.length) + 0.5] }, y: { range: [0, top] } },
              axes: [{ label: 'replication', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], values: (u, sp) => sp.map((v) => (Number.isInteger(v) ? String(v) : '')) },
                { size: 60, values: (u, sp) => sp.map((v) => fmtNumber(v)) }],
              series: [{}, { label: t.label, stroke: PALETTE[0], width: 0, paths: () => null,
                points: { show: true, size: 7, fill: PALETTE[0], paths: counted } }],
              hooks: {
                drawClear: [(u) => {
                  if (finite(t.low) && finite(t.high)) {
                    const ctx = u.ctx;
                    const a = u.valToPos(t.high, 'y', true), b = u.valToPos(t.low, 'y', true);
                    ctx.save();
                    ctx.fillStyle = bandFill(PALETTE[0], 0.18);
                    ctx.fillRect(u.bbox.left, a, u.bbox.width, b - a);
                    ctx.restore();
                  }
                }],
                draw: [(u) => { hline(u, t.mean, '#333', false); hline(u, t.design, '#c0392b', true); }],
              },
            },
          };
        });
    }
  }

  // ---------------------------------------------------------------------------------------
  // Queues and waits by hour of day
  // ---------------------------------------------------------------------------------------
  const hourSpan = (i) => `${hh(i)}:00–${hh(i + 1)}:00`;

  // The top of the wait chart's scale, in seconds. Vehicles that join just before a stage closes
  // wait overnight (10–13 h), and a scale set by them flattens the daytime waits of minutes onto
  // the axis. A log scale would show both, but a planner reads "twice as high" off a linear one
  // and a log scale cannot show a wait of zero; so the scale stops at 3 × the 75th percentile of
  // the hourly means, and at no less than 15 minutes (plus a tenth for headroom), and each hour
  // above it is marked at the top edge with its value. Not the 90th percentile: a stage open
  // twelve hours has two late hours in twelve, and that percentile would be one of them. When no
  // hour is above that top, the scale shows everything.
  const CLIP_QUANTILE = 0.75, CLIP_FACTOR = 3, CLIP_FLOOR = 900;
  function readableTop(mean, high) {
    const all = Math.max(0, ...mean.concat(high || []).filter(finite));
    const v = mean.filter(finite).sort((x, y) => x - y);
    if (v.length < 4) return all;
    const cap = Math.max(CLIP_FLOOR, v[Math.ceil(CLIP_QUANTILE * v.length) - 1] * CLIP_FACTOR);
    return v[v.length - 1] > cap ? cap : all;
  }

  // Marks each point above the plot (ys[i] > the scale's top) at the top edge: a red triangle
  // pointing up with the value in words. Returns the hours marked.
  function clippedMarks(u, ys, text) {
    const top = u.scales.y.max, hours = [];
    const ctx = u.ctx, dpr = devicePixelRatio;
    ctx.save();
    ctx.fillStyle = SATURATED;
    ctx.font = `${10 * dpr}px system-ui, sans-serif`;
    ctx.textAlign = 'center';
    for (let i = 0; i < ys.length; i++) {
      if (!finite(ys[i]) || ys[i] <= top) continue;
      const px = u.valToPos(i, 'x', true), py = u.bbox.top;
      ctx.beginPath();
      ctx.moveTo(px, py); ctx.lineTo(px - 4 * dpr, py + 7 * dpr); ctx.lineTo(px + 4 * dpr, py + 7 * dpr);
      ctx.closePath();
      ctx.fill();
      ctx.fillText(text(i), Math.min(Math.max(px, u.bbox.left + 14 * dpr), u.bbox.left + u.bbox.width - 14 * dpr), py + 17 * dpr);
      hours.push(i);
    }
    ctx.restore();
    return hours;
  }

  const HOUR_AXIS = { label: 'hour of day', labelSize: 16, incrs: [3, 6, 12], space: 24, values: (u, sp) => sp.map((v) => hh(v)), size: 24 };
  const valueAxis = (unit) => ({ label: unit, labelSize: 16, size: 44, values: (u, sp) => sp.map((v) => fmtNumber(v)) });

  function hourlyChart(parent, stage, series, title) {
    const h = stage.hourly && stage.hourly[series];
    if (!h) return;
    let mean = h.mean, low = h.low, high = h.high, unitLabel = 'vehicles', div = 1, raw = mean;
    let top = Math.max(...mean.concat(high).filter(finite), 0);
    // An hour in which nobody joined has no wait: a gap, not a wait of zero.
    const arrivals = stage.hourly.arrivals_per_day && stage.hourly.arrivals_per_day.mean;
    const none = (i) => series === 'wait_mean' && arrivals && finite(arrivals[i]) && arrivals[i] <= 0;
    if (series === 'wait_mean') {
      raw = mean = mean.map((x, i) => (none(i) ? null : x));
      low = (low || []).map((x, i) => (none(i) ? null : x));
      high = (high || []).map((x, i) => (none(i) ? null : x));
      top = readableTop(mean, high);
      const sc = durationScale([top]);
      div = sc.div;
      mean = scaleArr(mean, div); low = scaleArr(low, div); high = scaleArr(high, div);
      top /= div;
      unitLabel = sc.unit;
    }
    uplotCard(parent, 'hourly', `${stage.id}/${series}`, countFinite(mean), `${title} (${unitLabel})`, null, (e, counted) => {
      const { series: ser, bands } = bandSeries([{ label: 'mean' }], counted);
      return {
        data: [Array.from({ length: 24 }, (_, i) => i), mean, low, high],
        hover: (u, i) => {
          if (none(i)) return `${hourSpan(i)}: no arrivals`;
          if (!finite(mean[i])) return null;
          const band = finite(low[i]) && finite(high[i]) ? ` (95 % ${fmtNumber(low[i])}–${fmtNumber(high[i])})` : '';
          return `${hourSpan(i)}: mean ${fmtNumber(mean[i])} ${unitLabel}${band}`;
        },
        opts: {
          height: 175,
          legend: { show: false },
          scales: { x: { time: false, range: [0, 23] }, y: { range: [0, top > 0 ? top * 1.1 : 1] } },
          axes: [HOUR_AXIS, valueAxis(unitLabel)],
          series: ser,
          bands,
          hooks: {
            draw: [(u) => {
              // for tests: the scale's top, its unit (seconds per unit) and the hours marked above it
              e.yMax = u.scales.y.max;
              e.unitSeconds = series === 'wait_mean' ? div : null;
              e.clipped = clippedMarks(u, mean, (i) => (series === 'wait_mean' ? fmtDuration(raw[i]) : fmtNumber(mean[i])));
            }],
          },
        },
      };
    }, 'mini');
  }

  // Each hour's arrivals (per day, with their interval) against what the stage can serve in that
  // hour (open lanes × 3600 s / mean service time, from the document), as a step line. Hours in
  // which more arrive than it can serve are shaded: the queue builds there.
  function capacityChart(parent, stage) {
    const arr = stage.hourly && stage.hourly.arrivals_per_day;
    if (!arr) return;
    const cap = (stage.hourly.capacity && stage.hourly.capacity.mean) || new Array(24).fill(null);
    const mean = arr.mean, low = arr.low || [], high = arr.high || [];
    const top = Math.max(1, ...mean.concat(high, cap).filter(finite)) * 1.1;
    const over = (i) => finite(mean[i]) && finite(cap[i]) && mean[i] > cap[i];
    const expected = countFinite(mean) + countFinite(cap);
    uplotCard(parent, 'hourly_capacity', stage.id, expected, 'Arrivals against capacity (vehicles per hour)', null, (e, counted) => {
      const { series: ser, bands } = bandSeries([{ label: 'arrivals' }], counted);
      ser.push({ label: 'capacity', stroke: SATURATED, width: 1.5, dash: [5, 3], paths: uPlot.paths.stepped({ align: 1 }),
        points: { show: true, size: 4, fill: SATURATED, paths: counted } });
      const legend = el('div', { class: 'legend' }, swatch(PALETTE[0], 'arrivals (mean, 95 % band)'),
        swatch(SATURATED, 'capacity: open lanes × 3600 s / mean service', 'dash'), swatch('rgba(192,57,43,0.15)', 'more arrive than it serves'));
      return {
        legend,
        data: [Array.from({ length: 24 }, (_, i) => i), mean, low, high, cap],
        hover: (u, i) => {
          const band = finite(low[i]) && finite(high[i]) ? ` (95 % ${fmtNumber(low[i])}–${fmtNumber(high[i])})` : '';
          return `${hourSpan(i)}: arrivals ${fmtNumber(mean[i])}${band} · capacity ${fmtNumber(cap[i])} vehicles/h`;
        },
        opts: {
          height: 180,
          legend: { show: false },
          scales: { x: { time: false, range: [0, 23] }, y: { range: [0, top] } },
          axes: [HOUR_AXIS, valueAxis('vehicles / h')],
          series: ser,
          bands,
          hooks: {
            drawClear: [(u) => {
              const ctx = u.ctx;
              ctx.save();
              ctx.fillStyle = 'rgba(192,57,43,0.15)';
              const w = u.valToPos(1, 'x', true) - u.valToPos(0, 'x', true);
              for (let i = 0; i < 24; i++) if (over(i)) ctx.fillRect(u.valToPos(i, 'x', true), u.bbox.top, Math.min(w, u.bbox.left + u.bbox.width - u.valToPos(i, 'x', true)), u.bbox.height);
              ctx.restore();
            }],
          },
        },
      };
    }, 'mini capacity');
  }

  function renderHourly(doc, toc) {
    const stages = doc.stages || [];
    if (!stages.length) return;
    // A comparison's page details one side (its point): say which, as A and B are drawn together above.
    const side = doc.compare ? ` — ${doc.point.index === 1 ? doc.compare.b : doc.compare.a}` : '';
    const s = section('hourly', `Queues and waits by hour of day${side}`, toc);
    s.append(el('p', { class: 'note', text: 'For each stage: the time-average number of vehicles waiting, and the mean wait of the vehicles that joined the queue in each hour of the day. Lines are means across replications; bands are 95 % intervals.' }));
    if (!stages.some((st) => st.hourly.queue_mean || st.hourly.wait_mean))
      s.append(el('p', { class: 'note', text: 'This run stored no hourly figures (a capacity search keeps only what its targets need), so each stage shows its overall figures only.' }));
    const groups = [];
    const dirs = (doc.scenario && doc.scenario.directions) || [];
    for (const d of dirs) groups.push({ id: d.id, label: d.label });
    if (stages.some((st) => !groups.find((g) => g.id === st.direction))) groups.push({ id: 'all', label: 'Stages' });
    for (const g of groups) {
      const members = stages.filter((st) => st.direction === g.id);
      if (!members.length) continue;
      s.append(el('h3', { text: g.label }));
      const grid = el('div', { class: 'grid' });
      s.append(grid);
      for (const st of members) {
        const box = el('div', { class: 'chart stage-card' });
        box.append(el('h4', { text: `${st.name}${saturatedLabel(st)}`, class: st.saturated && st.saturated.mean > 0 ? 'saturated-element' : null }));
        box.append(el('p', { class: 'sub', text: `wait ${fmtInterval(st.wait_mean, 's')} (p95 ${fmtValue(st.wait_p95 && st.wait_p95.mean, 's')}) · queue ${fmtInterval(st.queue_mean, '')} · busy ${fmtInterval(st.utilisation, 'share')}` }));
        if (st.by_class && st.by_class.length > 1)
          box.append(el('p', { class: 'sub by-class', text: `by class: ${st.by_class.map((c) => `${c.class} wait ${fmtInterval(c.wait_mean, 's')} (p95 ${fmtValue(c.wait_p95 && c.wait_p95.mean, 's')})`).join(' · ')}` }));
        const pair = el('div', { class: 'stage-pair' });
        box.append(pair);
        grid.append(box);
        hourlyChart(pair, st, 'queue_mean', 'Queue length');
        hourlyChart(pair, st, 'wait_mean', 'Mean wait');
        capacityChart(box, st);
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Utilisation heat map (plain canvas)
  // ---------------------------------------------------------------------------------------
  function heatColor(v) {
    // white → amber → red as utilisation goes 0 → 0.7 → 1
    const stops = [[0, [247, 251, 255]], [0.4, [254, 224, 139]], [0.7, [253, 174, 97]], [0.9, [215, 48, 39]], [1, [140, 16, 26]]];
    const x = Math.max(0, Math.min(1, v));
    for (let i = 1; i < stops.length; i++) {
      if (x <= stops[i][0]) {
        const [a, ca] = stops[i - 1], [b, cb] = stops[i];
        const f = (x - a) / (b - a);
        const c = ca.map((q, k) => Math.round(q + (cb[k] - q) * f));
        return `rgb(${c[0]},${c[1]},${c[2]})`;
      }
    }
    return 'rgb(140,16,26)';
  }

  function renderHeatmap(doc, toc) {
    const rows = [];
    for (const st of doc.stages || []) {
      const u = st.hourly && st.hourly.utilisation;
      if (u) rows.push({ name: `${st.name}${saturatedLabel(st)}`, values: u.mean, open: st.hourly.open_lanes ? st.hourly.open_lanes.mean : null });
    }
    // A yard's hours come from its opening hours: an hour it is closed on every weekday is
    // hatched like a stage's hour with no lane open.
    const yardOpen = (id) => {
      const def = ((doc.scenario && doc.scenario.yards) || []).find((d) => d.id === id);
      if (!def || !def.hours) return null;
      return Array.from({ length: 24 }, (_, h) => (def.hours.some((spans) => spans.some(([a, b]) => a < (h + 1) * 3600 && b > h * 3600)) ? 1 : 0));
    };
    for (const y of doc.yards || []) {
      const u = y.hourly && y.hourly.utilisation;
      if (u) rows.push({ name: `${y.name} (yard)${saturatedLabel(y)}`, values: u.mean, open: yardOpen(y.id), yard: true });
    }
    if (!rows.length) return;
    const s = section('utilisation', 'Utilisation by hour of day', toc);
    s.append(el('p', { class: 'note', text: 'Busy lanes as a share of open lanes, for each stage (and yard) and hour of the day, mean across replications. Hatched cells: closed all hour. A share above 100 % is possible: a lane that closes (its schedule, or closing time) while busy finishes its vehicle, so in that hour more lanes are busy than are open.' }));
    const card = el('div', { class: 'chart wide', 'data-chart-kind': 'heatmap' });
    s.append(card);
    const expected = rows.reduce((n, r) => n + countFinite(r.values), 0);
    const entry = register('heatmap', 'utilisation', expected);
    card.id = entry.id;
    const canvas = el('canvas');
    card.append(canvas);
    const draw = () => {
      const dpr = window.devicePixelRatio || 1;
      const width = chartWidth(card);
      const labelW = Math.min(360, Math.max(160, width * 0.3));
      const cellH = 20, top = 26, legendH = 40;
      const height = top + rows.length * cellH + legendH;
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      const ctx = canvas.getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, width, height);
      const cellW = (width - labelW - 8) / 24;
      ctx.font = '12px system-ui, sans-serif';
      ctx.fillStyle = '#5c6476';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'bottom';
      for (let h = 0; h < 24; h += 1) if (h % 2 === 0 || cellW > 30) ctx.fillText(hh(h), labelW + (h + 0.5) * cellW, top - 6);
      let drawn = 0;
      entry.hatchedYardCells = 0;
      rows.forEach((r, i) => {
        const y = top + i * cellH;
        ctx.fillStyle = '#1d2330';
        ctx.textAlign = 'right';
        ctx.textBaseline = 'middle';
        let name = r.name;
        while (ctx.measureText(name).width > labelW - 10 && name.length > 4) name = `${name.slice(0, -2)}…`.replace(/……$/, '…');
        ctx.fillText(name, labelW - 8, y + cellH / 2);
        for (let h = 0; h < 24; h++) {
          const v = r.values[h];
          const x = labelW + h * cellW;
          const closed = r.open && finite(r.open[h]) && r.open[h] === 0;
          if (closed) {
            if (r.yard) entry.hatchedYardCells++;
            ctx.fillStyle = '#eceef2';
            ctx.fillRect(x + 1, y + 1, cellW - 2, cellH - 2);
            ctx.strokeStyle = '#c5cad4';
            ctx.beginPath();
            for (let k = -cellH; k < cellW; k += 6) { ctx.moveTo(x + 1 + Math.max(0, k), y + 1 + Math.max(0, -k)); ctx.lineTo(x + 1 + Math.min(cellW - 2, k + cellH - 2), y + 1 + Math.min(cellH - 2, cellW - 2 - k)); }
            ctx.stroke();
          }
          if (!finite(v)) continue;
          if (!closed) {
            ctx.fillStyle = heatColor(v);
            ctx.fillRect(x + 1, y + 1, cellW - 2, cellH - 2);
          }
          drawn++;
          if (cellW > 34 && !closed) {
            ctx.fillStyle = v > 0.75 ? '#fff' : '#1d2330';
            ctx.textAlign = 'center';
            ctx.font = '10px system-ui, sans-serif';
            ctx.fillText(`${Math.round(v * 100)}`, x + cellW / 2, y + cellH / 2);
            ctx.font = '12px system-ui, sans-serif';
          }
        }
      });
      // colour legend
      const ly = top + rows.length * cellH + 14;
      const lw = Math.min(300, width - labelW - 20);
      for (let i = 0; i < lw; i++) {
        ctx.fillStyle = heatColor(i / (lw - 1));
        ctx.fillRect(labelW + i, ly, 1, 10);
      }
      ctx.fillStyle = '#5c6476';
      ctx.textBaseline = 'top';
      ctx.textAlign = 'left';
      ctx.fillText('0 %', labelW, ly + 12);
      ctx.textAlign = 'right';
      ctx.fillText('100 % busy', labelW + lw, ly + 12);
      entry.marks = drawn;
      entry.drawn = true;
      entry.inkArea = () => inkIn(canvas, { left: labelW * dpr, top: top * dpr, width: 24 * cellW * dpr, height: rows.length * cellH * dpr });
      card.setAttribute('data-marks', String(drawn));
    };
    entry.resize = draw;
    draw();
  }

  // ---------------------------------------------------------------------------------------
  // Time in system per flow (dot plot of the stored quantiles, log scale)
  // ---------------------------------------------------------------------------------------
  function renderTimeInSystem(doc, toc) {
    const flows = (doc.time_in_system || []).filter((f) => (f.stats || []).length);
    if (!flows.length) return;
    const s = section('time-in-system', 'Time in system by vehicle class', toc);
    s.append(el('p', { class: 'note', text: 'From arrival at the crossing to leaving it, for trips cleared after the warm-up, by class and route. Dots are the quantiles the results hold (mean across replications), whiskers their 95 % intervals. Logarithmic scale.' }));
    const stats = ['mean', 'p50', 'p90', 'p95', 'p99', 'max'].filter((k) => flows.some((f) => f.stats.some((x) => x.stat === k)));
    const names = { mean: 'mean', p50: 'median', p90: '90th percentile', p95: '95th percentile', p99: '99th percentile', max: 'maximum' };
    const all = [];
    flows.forEach((f) => f.stats.forEach((x) => { all.push(x.mean); all.push(x.high); }));
    const sc = durationScale(all);
    const expected = flows.reduce((n, f) => n + f.stats.filter((x) => finite(x.mean) && x.mean > 0).length, 0);
    uplotCard(s, 'time_in_system', 'flows', expected, 'Time in system', `unit: ${sc.unit}`, (entry, counted) => {
      const xs = flows.map((_, i) => i);
      const pick = (k, field) => flows.map((f) => {
        const x = f.stats.find((q) => q.stat === k);
        const v = x ? x[field] : null;
        return finite(v) && v > 0 ? v / sc.div : null;
      });
      const series = [{}];
      const data = [xs];
      const legend = el('div', { class: 'legend' });
      stats.forEach((k, i) => {
        const color = PALETTE[i % PALETTE.length];
        series.push({ label: names[k], stroke: color, width: 0, paths: () => null,
          points: { show: true, size: 8, fill: color, paths: counted } });
        data.push(pick(k, 'mean'));
        legend.append(swatch(color, names[k]));
      });
      const ranges = stats.map((k) => ({ lo: pick(k, 'low'), hi: pick(k, 'high') }));
      return {
        legend,
        data,
        opts: {
          height: 300,
          legend: { show: false },
          scales: { x: { time: false, range: [-0.6, flows.length - 0.4] }, y: { distr: 3, log: 10 } },
          padding: [12, 60, 0, 0],
          axes: [{ splits: () => xs, values: (u, sp) => sp.map((v) => (flows[v] ? flows[v].label : '')), size: flows.length > 4 ? 90 : 40, rotate: flows.length > 4 ? -20 : 0, gap: 4 },
            { size: 56, label: sc.unit, values: (u, sp) => sp.map((v) => fmtNumber(v)) }],
          series,
          hooks: {
            draw: [(u) => stats.forEach((k, i) => whiskers(u, xs, ranges[i].lo, ranges[i].hi, PALETTE[i % PALETTE.length]))],
          },
        },
      };
    }, 'wide');
  }

  // ---------------------------------------------------------------------------------------
  // Sweeps, capacity searches, comparisons
  // ---------------------------------------------------------------------------------------
  function xAxis(axis, xs) {
    const ticks = axis.ticks;
    // a few whole-number values (lanes, crews): a tick at each, none between
    const whole = !ticks && xs && xs.length <= 12 && xs.every((x) => Number.isInteger(x));
    if (whole) return { label: `${axis.name}${axis.unit ? ` (${axis.unit})` : ''}`, splits: () => xs, values: (u, sp) => sp.map((v) => String(v)) };
    return {
      label: `${axis.name}${axis.unit ? ` (${axis.unit})` : ''}`,
      values: ticks ? (u, sp) => sp.map((v) => (Number.isInteger(v) && ticks[v] !== undefined ? ticks[v] : '')) : (u, sp) => sp.map((v) => fmtNumber(v)),
      splits: ticks ? () => ticks.map((_, i) => i) : undefined,
    };
  }

  // uPlot wants one shared x array: merge the groups' x values and align each series on it.
  function alignGroups(series) {
    const xs = Array.from(new Set(series.flatMap((g) => g.x))).sort((a, b) => a - b);
    const align = (g, field) => xs.map((x) => { const i = g.x.indexOf(x); return i < 0 ? null : (finite(g[field][i]) ? g[field][i] : null); });
    return { xs, align };
  }

  function renderSweep(doc, toc) {
    const sw = doc.sweep;
    if (!sw || !(sw.metrics || []).length) return;
    const s = section('sweep', `Sweep over ${sw.x.name}`, toc);
    s.append(el('p', { class: 'note', text: `Each figure against the varied parameter ${sw.x.name}${sw.variables.length > 1 ? ` (one line per value of ${sw.variables.slice(1).join(', ')})` : ''}: mean across replications with its 95 % interval.` }));
    const note = saturatedNote(sw.points);
    if (note) s.append(note);
    const grid = el('div', { class: 'grid' });
    s.append(grid);
    for (const m of sw.metrics) {
      const expected = m.series.reduce((n, g) => n + countFinite(g.mean), 0);
      uplotCard(grid, 'sweep', m.metric, expected, m.label, null, (entry, counted) => {
        const { xs, align } = alignGroups(m.series);
        let div = 1, unit = '';
        if (m.unit === 's') { const sc = durationScale(m.series.flatMap((g) => g.high.concat(g.mean))); div = sc.div; unit = sc.unit; }
        if (m.unit === 'share') { div = 0.01; unit = '%'; }
        const groups = m.series.map((g) => ({ label: g.group || m.label }));
        const { series, bands } = bandSeries(groups, counted);
        const data = [xs];
        m.series.forEach((g) => { data.push(scaleArr(align(g, 'mean'), div)); data.push(scaleArr(align(g, 'low'), div)); data.push(scaleArr(align(g, 'high'), div)); });
        const anySaturated = m.series.some((g) => (g.saturated || []).some((q) => q > 0));
        const swatches = m.series.length > 1 ? m.series.map((g, k) => swatch(PALETTE[k % PALETTE.length], g.group)) : [];
        if (anySaturated) swatches.push(swatch(SATURATED, 'saturated', 'line'));
        const legend = swatches.length ? el('div', { class: 'legend' }, ...swatches) : null;
        return {
          legend,
          data,
          opts: {
            height: 220,
            legend: { show: false },
            scales: { x: { time: false } },
            axes: [xAxis(sw.x, xs), { size: 56, label: unit, values: (u, sp) => sp.map((v) => fmtNumber(v)) }],
            series,
            bands,
            hooks: { draw: [(u) => { m.series.forEach((g) => saturatedRings(u, xs, scaleArr(align(g, 'mean'), div), align(g, 'saturated'))); }] },
          },
        };
      });
    }
  }

  // A sweep's stages by hour of day: each point's hourly mean wait as a line of its own (an hour
  // nobody joined is a gap), so the hours a design changes stand out.
  function renderSweepHourly(doc, toc) {
    const sw = doc.sweep;
    if (!sw || !(sw.hourly || []).length) return;
    const s = section('sweep-hourly', 'Waits by hour of day, every point', toc);
    s.append(el('p', { class: 'note', text: `For each stage, the mean wait of the vehicles that joined the queue in each hour, one line per point of the sweep (means across replications; the charts further down give point ${doc.point.index}'s intervals).` }));
    const grid = el('div', { class: 'grid' });
    s.append(grid);
    const hours = Array.from({ length: 24 }, (_, i) => i);
    for (const st of sw.hourly) {
      const lines = st.points.map((p) => (p.wait_mean || []).map((x, h) => (p.arrivals && finite(p.arrivals[h]) && p.arrivals[h] <= 0 ? null : (finite(x) ? x : null))));
      // A saturated point (its waits grow by hours a day) must not flatten the others: the scale is
      // set by the points that kept up (all of them if none did), read as a single study's wait
      // chart is, and the hours above it are marked at the top edge.
      const saturatedAt = (p) => { const q = (sw.points || []).find((x) => x.point === p.point); return q && finite(q.saturated) && q.saturated > 0; };
      const kept = lines.filter((l, k) => !saturatedAt(st.points[k]));
      let top = readableTop((kept.length ? kept : lines).flat(), []);
      const sc = durationScale([top]);
      const scaled = lines.map((l) => scaleArr(l, sc.div));
      top /= sc.div;
      const name = (p) => p.label || `point ${p.point}`;
      const above = st.points.filter((p, k) => scaled[k].some((x) => finite(x) && x > top * 1.1)).map(name);
      const expected = scaled.reduce((n, l) => n + countFinite(l), 0);
      uplotCard(grid, 'sweep_hourly', st.id, expected, `${st.name}: mean wait (${sc.unit})`,
        above.length ? `above the scale (▲ at the top edge): ${above.join('; ')}` : null, (entry, counted) => {
          const legend = el('div', { class: 'legend' }, ...st.points.map((p, k) => swatch(PALETTE[k % PALETTE.length], name(p), 'line')));
          return {
            legend,
            data: [hours, ...scaled],
            hover: (u, i) => `${hourSpan(i)}: ${st.points.map((p, k) => `${name(p)} ${finite(lines[k][i]) ? fmtDuration(lines[k][i]) : '–'}`).join(' · ')}`,
            opts: {
              height: 220,
              legend: { show: false },
              scales: { x: { time: false, range: [0, 23] }, y: { range: [0, top > 0 ? top * 1.1 : 1] } },
              axes: [HOUR_AXIS, valueAxis(sc.unit)],
              series: [{}, ...st.points.map((p, k) => ({ label: name(p), stroke: PALETTE[k % PALETTE.length], width: 2, spanGaps: false,
                points: { show: true, size: 4, fill: PALETTE[k % PALETTE.length], paths: counted } }))],
              hooks: { draw: [(u) => { scaled.forEach((l) => clippedMarks(u, l, () => '')); }] },
            },
          };
        }, 'wide');
    }
  }

  function renderCapacity(doc, toc) {
    const c = doc.capacity;
    if (!c) return;
    const s = section('capacity', 'Capacity', toc);
    const targets = (c.targets || []).join('; ') || 'the targets';
    const text = c.verdict === 'none' ? `No demand scale tried meets ${targets}.`
      : finite(c.capacity) ? `${targets}: met up to ${c.parameter} = ${fmtNumber(c.capacity)}${c.verdict === 'at_least' ? ' or more (the search stopped at its largest scale)' : ''}${finite(c.failed_above) ? `; ${fmtNumber(c.failed_above)} fails` : ''}. A target counts as met when the whole 95 % interval is on its side of the bound.`
        : `The search stored no answer for ${targets}.`;
    s.append(el('p', { class: 'summary', text }));
    const grid = el('div', { class: 'grid' });
    s.append(grid);
    for (const ch of c.charts || []) {
      const v = ch.values;
      const positive = (arr) => arr.map((q) => (finite(q) && (!ch.log_scale || q > 0) ? q : null));
      uplotCard(grid, 'capacity', ch.metric, countFinite(positive(v.mean)), `${ch.label} against ${c.parameter}`,
        `${ch.target || ''}${ch.log_scale ? ' · logarithmic scale' : ''}`, (entry, counted) => {
        let div = 1, unit = '';
        if (ch.unit === 's') { const sc = durationScale(v.high.concat(v.mean, [ch.bound])); div = sc.div; unit = sc.unit; }
        if (ch.unit === 'share') { div = 0.01; unit = '%'; }
        const { series, bands } = bandSeries([{ label: ch.label }], counted);
        const legend = el('div', { class: 'legend' }, swatch(PALETTE[0], 'mean', 'line'), swatch(bandFill(PALETTE[0], 0.3), '95 % interval'),
          finite(ch.bound) ? swatch('#c0392b', 'target bound', 'dash') : null, finite(c.capacity) ? swatch('#2e7d32', 'capacity', 'line') : null,
          (v.saturated || []).some((q) => q > 0) ? swatch(SATURATED, 'saturated (fails)', 'line') : null);
        const top = Math.max(0, ...v.high.concat(v.mean).filter(finite).map((q) => q / div), finite(ch.bound) ? ch.bound / div : 0);
        return {
          legend,
          data: [v.x, scaleArr(positive(v.mean), div), scaleArr(positive(v.low), div), scaleArr(positive(v.high), div)],
          opts: {
            height: 280,
            legend: { show: false },
            scales: { x: { time: false }, y: ch.log_scale ? { distr: 3, log: 10 } : { range: [0, top > 0 ? top * 1.1 : 1] } },
            axes: [xAxis(c.x), { size: 56, label: unit, values: (u, sp) => sp.map((q) => fmtNumber(q)) }],
            series,
            bands,
            hooks: { draw: [(u) => { hline(u, finite(ch.bound) ? ch.bound / div : null, '#c0392b', true); vline(u, c.capacity, '#2e7d32', false); saturatedRings(u, v.x, scaleArr(positive(v.mean), div), v.saturated); }] },
          },
        };
      }, 'wide');
    }
  }

  // A calibration: the fitted values with their uncertainty, the fit per series, and each series'
  // observed and simulated values by hour (held-out hours drawn hollow).
  function renderCalibration(doc, toc) {
    const c = doc.calibration;
    if (!c) return;
    const s = section('calibration', 'Calibration: observed against simulated', toc);
    const params = (c.parameters || []).map((p) => `${p.key} = ${fmtNumber(p.value)}` +
      (finite(p.std_error) ? ` ± ${fmtNumber(p.std_error)} (95 % ${fmtNumber(p.low)} … ${fmtNumber(p.high)})` : ' (not identifiable)') +
      (p.at_bound ? ', at a bound of the search' : ''));
    s.append(el('p', { class: 'summary', text: `Fitted: ${params.join('; ')}. The page's other figures are those of the best evaluation (point ${c.best_evaluation}).` }));
    s.append(el('p', { class: 'note', text: `Held-out hours (${(c.holdout_hours || []).join(', ') || 'none'}) were scored, not fitted. ${c.stop_reason ? `The search stopped because ${c.stop_reason}.` : ''} A standard error adds the misfit, the simulation's own noise and the search's precision; against real data the model's own error comes on top.` }));
    const table = el('table', { class: 'figures' });
    table.append(el('tr', null, ...['series', 'fitted hours', 'MAE', 'bias', 'correlation', 'held out', 'MAE', 'bias', 'correlation'].map((t) => el('th', { text: t }))));
    const cell = (v, unit) => (finite(v) ? (unit === 's' ? fmtDuration(v) : fmtNumber(v)) : '–');
    for (const sr of c.series || []) {
      const u = sr.value_unit;
      const part = (f) => [String(f.n), cell(f.mae, u), cell(f.bias, u), finite(f.correlation) ? f.correlation.toFixed(2) : '–'];
      table.append(el('tr', null, ...[sr.series, ...part(sr.fit), ...part(sr.holdout)].map((t) => el('td', { text: t }))));
    }
    s.append(table);
    const grid = el('div', { class: 'grid' });
    s.append(grid);
    for (const sr of c.series || []) {
      const hours = sr.hours || [];
      const at = (field, held) => Array.from({ length: 24 }, (_, h) => {
        const row = hours.find((r) => r.hour === h);
        return row && (held === undefined || row.held_out === held) && finite(row[field]) ? row[field] : null;
      });
      let observed = at('observed', false), heldOut = at('observed', true), simulated = at('simulated');
      let unit = '';
      if (sr.value_unit === 's') {
        const sc = durationScale(observed.concat(heldOut, simulated).filter(finite));
        observed = scaleArr(observed, sc.div); heldOut = scaleArr(heldOut, sc.div); simulated = scaleArr(simulated, sc.div);
        unit = sc.unit;
      }
      const expected = countFinite(observed) + countFinite(heldOut) + countFinite(simulated);
      uplotCard(grid, 'calibration', sr.series, expected, `${sr.series}${unit ? ` (${unit})` : ''}`,
        `MAE ${cell(sr.fit.mae, sr.value_unit)} fitted, ${cell(sr.holdout.mae, sr.value_unit)} held out`, (entry, counted) => {
          const legend = el('div', { class: 'legend' }, swatch(PALETTE[0], 'simulated', 'line'), swatch('#222', 'observed'), swatch('#bbb', 'observed, held out'));
          const top = Math.max(0, ...observed.concat(heldOut, simulated).filter(finite));
          return {
            legend,
            data: [Array.from({ length: 24 }, (_, i) => i), simulated, observed, heldOut],
            opts: {
              height: 220,
              legend: { show: false },
              scales: { x: { time: false, range: [0, 23] }, y: { range: [0, top > 0 ? top * 1.1 : 1] } },
              axes: [{ incrs: [3, 6], values: (u, sp) => sp.map((v) => hh(v)), size: 28 },
                { size: 52, label: unit, values: (u, sp) => sp.map((v) => fmtNumber(v)) }],
              series: [{},
                { label: 'simulated', stroke: PALETTE[0], width: 2, spanGaps: false, points: { show: true, size: 5, fill: PALETTE[0], paths: counted } },
                { label: 'observed', stroke: 'transparent', width: 0, points: { show: true, size: 7, fill: '#222', stroke: '#222', paths: counted } },
                { label: 'held out', stroke: 'transparent', width: 0, points: { show: true, size: 7, fill: '#fff', stroke: '#888', width: 2, paths: counted } }],
            },
          };
        }, 'wide');
    }
  }

  // A forest plot of B − A as a share of A, with intervals (plain canvas), and a table.
  function renderCompare(doc, toc) {
    const cmp = doc.compare;
    if (!cmp) return;
    const s = section('compare', 'Comparison', toc);
    s.append(el('p', { class: 'note', text: `B − A for each figure, paired replication by replication (common random numbers), as a share of A with its 95 % interval. A: ${cmp.a}; B: ${cmp.b}. Bold rows: the interval excludes zero.` }));
    const sat = cmp.saturated || {};
    const satSides = ['a', 'b'].filter((k) => sat[k] > 0);
    if (satSides.length) s.append(el('p', { class: 'saturated-points', text: `Saturated: ${satSides.map((k) => `${k.toUpperCase()} in ${Math.round(100 * sat[k])} % of replications`).join('; ')}. A queue there kept growing, so its waits describe only the vehicles served: compare backlogs, not waits.` }));
    const rows = cmp.rows.filter((r) => finite(r.a) && r.a !== 0 && finite(r.mean)).slice(0, 60);
    const card = el('div', { class: 'chart wide', 'data-chart-kind': 'compare' });
    s.append(card);
    const entry = register('compare', 'differences', rows.length);
    card.id = entry.id;
    const canvas = el('canvas');
    card.append(canvas);
    const draw = () => {
      const dpr = window.devicePixelRatio || 1;
      const width = chartWidth(card);
      const labelW = Math.min(420, width * 0.42), rowH = 20, top = 24;
      const height = top + rows.length * rowH + 24;
      canvas.style.width = `${width}px`; canvas.style.height = `${height}px`;
      canvas.width = Math.round(width * dpr); canvas.height = Math.round(height * dpr);
      const ctx = canvas.getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.clearRect(0, 0, width, height);
      const rel = rows.map((r) => ({ m: r.mean / Math.abs(r.a), lo: finite(r.low) ? r.low / Math.abs(r.a) : null, hi: finite(r.high) ? r.high / Math.abs(r.a) : null }));
      let ext = Math.max(0.05, ...rel.flatMap((r) => [r.m, r.lo, r.hi].filter(finite).map(Math.abs)));
      ext = Math.min(ext * 1.1, 10);
      const x0 = labelW + 10, x1 = width - 16;
      const px = (v) => x0 + ((Math.max(-ext, Math.min(ext, v)) + ext) / (2 * ext)) * (x1 - x0);
      ctx.strokeStyle = '#9aa1ad';
      ctx.beginPath(); ctx.moveTo(px(0), top - 6); ctx.lineTo(px(0), top + rows.length * rowH); ctx.stroke();
      ctx.fillStyle = '#5c6476'; ctx.font = '11px system-ui, sans-serif'; ctx.textAlign = 'center'; ctx.textBaseline = 'bottom';
      for (const f of [-1, -0.5, 0, 0.5, 1]) ctx.fillText(`${(f * ext * 100).toFixed(0)} %`, px(f * ext), top - 8);
      let drawn = 0;
      rows.forEach((r, i) => {
        const y = top + i * rowH + rowH / 2;
        ctx.font = `${r.significant ? '600 ' : ''}12px system-ui, sans-serif`;
        ctx.fillStyle = '#1d2330'; ctx.textAlign = 'right'; ctx.textBaseline = 'middle';
        let name = r.label;
        while (ctx.measureText(name).width > labelW - 6 && name.length > 4) name = `${name.slice(0, -2)}…`.replace(/……$/, '…');
        ctx.fillText(name, labelW, y);
        const q = rel[i];
        const color = r.significant ? (q.m > 0 ? '#c0392b' : '#2e7d32') : '#4e79a7';
        ctx.strokeStyle = color; ctx.fillStyle = color; ctx.lineWidth = 1.5;
        if (finite(q.lo) && finite(q.hi)) { ctx.beginPath(); ctx.moveTo(px(q.lo), y); ctx.lineTo(px(q.hi), y); ctx.stroke(); }
        ctx.beginPath(); ctx.arc(px(q.m), y, 4, 0, Math.PI * 2); ctx.fill();
        drawn++;
      });
      entry.marks = drawn; entry.drawn = true;
      entry.inkArea = () => inkIn(canvas, { left: x0 * dpr, top: top * dpr, width: (x1 - x0) * dpr, height: rows.length * rowH * dpr });
      card.setAttribute('data-marks', String(drawn));
    };
    entry.resize = draw;
    draw();
    const table = el('table', { class: 'figures' });
    table.append(el('tr', null, el('th', { text: 'figure' }), el('th', { text: 'A' }), el('th', { text: 'B' }), el('th', { text: 'B − A (95 %)' })));
    for (const r of cmp.rows) {
      const iv = finite(r.low) && finite(r.high) ? ` [${fmtValue(r.low, r.unit)}, ${fmtValue(r.high, r.unit)}]` : '';
      table.append(el('tr', { class: r.significant ? 'sig' : null }, el('td', { text: r.label }), el('td', { text: fmtValue(r.a, r.unit) }),
        el('td', { text: fmtValue(r.b, r.unit) }), el('td', { text: `${fmtValue(r.mean, r.unit)}${iv}` })));
    }
    s.append(table);
  }

  // A comparison by hour of day: for each stage, side A and side B on one chart per series (queue
  // length, mean wait), each mean with its 95 % band, and a triangle over each hour whose paired
  // difference B − A has an interval that excludes zero (up: B higher, down: B lower).
  const SIDE_COLORS = [PALETTE[0], PALETTE[1]];
  function compareHourlyChart(parent, stage, series, title) {
    const c = stage[series];
    if (!c) return;
    const empty = { mean: Array(24).fill(null), low: Array(24).fill(null), high: Array(24).fill(null) };
    const a = c.a || empty, b = c.b || empty, diff = c.difference;
    let div = 1, unitLabel = 'vehicles';
    if (series === 'wait_mean') {
      const sc = durationScale([...a.mean, ...a.high, ...b.mean, ...b.high]);
      div = sc.div;
      unitLabel = sc.unit;
    }
    const hours = diff.significant.map((sig, h) => (sig && finite(diff.mean[h]) ? h : -1)).filter((h) => h >= 0);
    const fmtDiff = (v) => `${v > 0 ? '+' : ''}${series === 'wait_mean' ? fmtDuration(v) : fmtNumber(v)}`;
    const sub = !hours.length ? 'B − A: no hour differs significantly'
      : hours.length <= 4 ? `B − A differs at ${hours.map((h) => `${hh(h)} h (${fmtDiff(diff.mean[h])})`).join(', ')}`
        : `B − A differs in ${hours.length} hours (${hours.map(hh).join(', ')})`;
    const entry = uplotCard(parent, 'compare_hourly', `${stage.id}/${series}`, countFinite(a.mean) + countFinite(b.mean),
      `${title} (${unitLabel})`, sub, (e, counted) => {
        const { series: ser, bands } = bandSeries([{ label: 'A' }, { label: 'B' }], counted);
        const data = [Array.from({ length: 24 }, (_, i) => i)];
        for (const side of [a, b]) for (const part of ['mean', 'low', 'high']) data.push(scaleArr(side[part], div));
        const top = Math.max(0, ...data.slice(1).flat().filter(finite));
        return {
          data,
          opts: {
            height: 170,
            legend: { show: false },
            padding: [14, 8, 0, 0],
            scales: { x: { time: false, range: [-0.5, 23.5] }, y: { range: [0, top > 0 ? top * 1.1 : 1] } },
            axes: [{ incrs: [3, 6, 12], space: 24, values: (u, sp) => sp.map((v) => (Number.isInteger(v) ? hh(v) : '')), size: 26 },
              { size: 48, values: (u, sp) => sp.map((v) => fmtNumber(v)) }],
            series: ser,
            bands,
            hooks: {
              draw: [(u) => {
                const ctx = u.ctx, r = 5 * devicePixelRatio;
                let drawn = 0;
                ctx.save();
                for (const h of hours) {
                  const x = u.valToPos(h, 'x', true), y = u.bbox.top + r;
                  const up = diff.mean[h] > 0;
                  ctx.fillStyle = up ? '#c0392b' : '#2e7d32';
                  ctx.beginPath();
                  ctx.moveTo(x - r, up ? y + r * 0.8 : y - r * 0.8);
                  ctx.lineTo(x + r, up ? y + r * 0.8 : y - r * 0.8);
                  ctx.lineTo(x, up ? y - r * 0.8 : y + r * 0.8);
                  ctx.closePath();
                  ctx.fill();
                  drawn++;
                }
                ctx.restore();
                e.significantHours = drawn;
              }],
            },
          },
        };
      }, 'mini');
    entry.significantExpected = hours.length;
  }

  function renderCompareHourly(doc, toc) {
    const cmp = doc.compare;
    const stages = (cmp && cmp.hourly) || [];
    if (!stages.length) return;
    const s = section('compare-hourly', 'A and B by hour of day', toc);
    s.append(el('p', { class: 'note', text: `For each stage, both sides on one chart: the time-average number of vehicles waiting, and the mean wait of the vehicles that joined the queue in each hour of the day (means across replications, bands 95 % intervals). A triangle above an hour: the difference B − A, paired replication by replication, has a 95 % interval that excludes zero (▲ B higher, ▼ B lower). The sections below detail side ${doc.point.index === 1 ? 'B' : 'A'} alone.` }));
    s.append(el('div', { class: 'legend' }, swatch(SIDE_COLORS[0], `A: ${cmp.a}`, 'line'), swatch(SIDE_COLORS[1], `B: ${cmp.b}`, 'line'),
      swatch('#c0392b', '▲ B higher'), swatch('#2e7d32', '▼ B lower')));
    const grid = el('div', { class: 'grid' });
    s.append(grid);
    for (const st of stages) {
      const box = el('div', { class: 'chart stage-card' });
      box.append(el('h4', { text: st.name }));
      const pair = el('div', { class: 'stage-pair' });
      box.append(pair);
      grid.append(box);
      compareHourlyChart(pair, st, 'queue_mean', 'Queue length');
      compareHourlyChart(pair, st, 'wait_mean', 'Mean wait');
    }
  }

  // ---------------------------------------------------------------------------------------
  // The rail line
  // ---------------------------------------------------------------------------------------
  // The rail charts: one series per direction (or per element for the waits), each
  // replication's value as a point. Returns [{key, title, sub, unit, series: [{label, values}]}].
  function railCharts(rail) {
    const charts = [];
    const dirs = rail.directions || [];
    for (const [key, title] of [['tonnes_per_day', 'Tonnes a day by rail, by direction'], ['persons_per_day', 'Persons a day by rail, by direction']]) {
      const series = dirs.filter((d) => d[key] && (d[key].values || []).length).map((d) => ({ label: d.label, values: d[key].values }));
      if (series.some((x) => countFinite(x.values) > 0)) charts.push({ key, title, sub: 'each replication\u2019s figure per measured day', unit: '', series });
    }
    const waits = [];
    for (const [list, what] of [[rail.stations, 'station'], [rail.bridges, 'bridge'], [rail.gauge_changes, 'gauge change']])
      for (const e of list || []) if (e.wait_mean && (e.wait_mean.values || []).length) waits.push({ label: `${e.name} (${what})`, values: e.wait_mean.values });
    if (waits.some((x) => countFinite(x.values) > 0)) charts.push({ key: 'waits', title: 'Mean wait of a train, by rail element', sub: 'each replication\u2019s mean wait before inspection, the bridge or gauge change', unit: 's', series: waits });
    return charts;
  }

  function renderRail(doc, toc) {
    const rail = doc.rail;
    if (!rail) return;
    const s = section('rail', 'The rail line', toc);
    s.append(el('p', { class: 'note', text: 'Trains run on their own line beside the road: border stations inspect them, the rail bridge takes one direction at a time when it is single track, and the gauge-change yard moves the cargo between the 1,520 mm and 1,435 mm gauges. Throughput (the first table and the charts) is per measured day; the table of elements counts trains and tonnes over the whole run. Each figure is the mean across replications ± the 95 % half-width.' }));
    const cards = el('table', { class: 'figures', id: 'rail-totals' });
    cards.append(el('tr', null, el('th', { text: 'figure' }), el('th', { text: 'all directions' }),
      ...(rail.directions || []).map((d) => el('th', { text: d.label }))));
    for (const t of rail.totals || []) {
      const key = t.metric.replace(/^rail\./, '');
      cards.append(el('tr', null, el('td', { text: t.label }), el('td', { text: fmtInterval(t, '') }),
        ...(rail.directions || []).map((d) => el('td', { text: d[key] ? fmtInterval(d[key], '') : '–' }))));
    }
    s.append(cards);
    const grid = el('div', { class: 'grid' });
    s.append(grid);
    for (const c of railCharts(rail)) {
      const n = Math.max(0, ...c.series.map((x) => x.values.length));
      const expected = c.series.reduce((a, x) => a + countFinite(x.values), 0);
      const sc = c.unit === 's' ? durationScale(c.series.flatMap((x) => x.values)) : { div: 1, unit: '' };
      uplotCard(grid, 'rail', c.key, expected, c.title, `${c.sub}${sc.unit ? ` (${sc.unit})` : ''}`, (entry, counted) => {
        const xs = Array.from({ length: n }, (_, i) => i + 1);
        const data = [xs];
        const series = [{}];
        const legend = el('div', { class: 'legend' });
        c.series.forEach((x, k) => {
          const color = PALETTE[k % PALETTE.length];
          data.push(xs.map((_, i) => (finite(x.values[i]) ? x.values[i] / sc.div : null)));
          series.push({ label: x.label, stroke: color, width: 0, paths: () => null, points: { show: true, size: 7, fill: color, paths: counted } });
          legend.append(swatch(color, x.label));
        });
        const top = Math.max(1, ...data.slice(1).flat().filter(finite)) * 1.12;
        return {
          legend,
          data,
          opts: {
            height: 200,
            legend: { show: false },
            scales: { x: { time: false, range: [0.5, Math.max(1, n) + 0.5] }, y: { range: [0, top] } },
            axes: [{ label: 'replication', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], values: (u, sp) => sp.map((v) => (Number.isInteger(v) ? String(v) : '')) },
              { size: 60, values: (u, sp) => sp.map((v) => fmtNumber(v)) }],
            series,
          },
        };
      });
    }
    const table = el('table', { class: 'figures', id: 'rail-elements' });
    table.append(el('tr', null, el('th', { text: 'element' }), el('th', { text: 'trains (whole run)' }), el('th', { text: 'mean wait' }),
      el('th', { text: 'wait, 95th percentile' }), el('th', { text: 'busy' })));
    for (const st of rail.stations || [])
      table.append(el('tr', null, el('td', { text: `${st.name} (station, inspection ${fmtInterval(st.inspection_mean, 's')})` }), el('td', { text: fmtInterval(st.inspected, '') }),
        el('td', { text: fmtInterval(st.wait_mean, 's') }), el('td', { text: fmtInterval(st.wait_p95, 's') }), el('td', { text: fmtInterval(st.utilisation, 'share') })));
    for (const b of rail.bridges || [])
      table.append(el('tr', null, el('td', { text: `${b.name} (bridge, ${fmtInterval(b.reversals, '')} reversals)` }), el('td', { text: fmtInterval(b.crossings, '') }),
        el('td', { text: fmtInterval(b.wait_mean, 's') }), el('td', { text: fmtInterval(b.wait_p95, 's') }), el('td', { text: `${fmtInterval(b.occupied_share, 'share')} occupied` })));
    for (const g of rail.gauge_changes || [])
      table.append(el('tr', null, el('td', { text: `${g.name} (gauge change, ${fmtInterval(g.tonnes, '')} t, work ${fmtInterval(g.work_mean, 's')})` }), el('td', { text: fmtInterval(g.trains, '') }),
        el('td', { text: fmtInterval(g.wait_mean, 's') }), el('td', { text: fmtInterval(g.wait_p95, 's') }), el('td', { text: fmtInterval(g.utilisation, 'share') })));
    s.append(table);
  }

  // ---------------------------------------------------------------------------------------
  // The animated crossing
  // ---------------------------------------------------------------------------------------

  // Places every element of the scenario: columns by position along the routes (oriented so
  // that the first side is on the left), bands by direction (first → second side on top, the
  // other way at the bottom, elements used both ways in the middle).
  function layoutCrossing(sc) {
    const sides = sc.sides || [];
    const left = sides[0] ? sides[0].id : null, right = sides[1] ? sides[1].id : null;
    const byId = {};
    const add = (kind, list) => list.forEach((x) => { byId[x.id] = Object.assign({ kind }, x); });
    add('link', sc.links); add('holding', sc.holding); add('stage', sc.stages); add('yard', sc.yards);
    const routes = sc.routes.filter((r) => r.used);
    const reversed = (r) => left !== null && right !== null && r.from === right && r.to === left;
    const branchesOf = {};
    for (const b of sc.branches || []) (branchesOf[b.from] = branchesOf[b.from] || []).push(b.to);
    const ways = {}; // element id → Set of 'f' / 'r'
    const mark = (id, w) => { (ways[id] = ways[id] || new Set()).add(w); };
    const edges = [];
    for (const r of routes) {
      const w = reversed(r) ? 'r' : 'f';
      const ids = r.path.map((p) => p.id);
      const seq = w === 'r' ? ids.slice().reverse() : ids;
      seq.forEach((id) => mark(id, w));
      for (let i = 1; i < seq.length; i++) edges.push([seq[i - 1], seq[i]]);
      // stages reached by branches take their parent's direction
      const visit = (id, seen) => { for (const t of branchesOf[id] || []) if (!seen.has(t)) { seen.add(t); mark(t, w); visit(t, seen); } };
      ids.forEach((id) => visit(id, new Set()));
    }
    const rank = {};
    Object.keys(ways).forEach((id) => { rank[id] = 0; });
    for (let pass = 0; pass < Object.keys(rank).length + 1; pass++) {
      let changed = false;
      for (const [a, b] of edges) if (rank[b] < rank[a] + 1) { rank[b] = rank[a] + 1; changed = true; }
      if (!changed) break;
    }
    // Branch-only stages sit at the mean column of the stages that send vehicles to them.
    const onPath = new Set(edges.flat().concat(routes.flatMap((r) => r.path.map((p) => p.id))));
    for (const id of Object.keys(ways)) {
      if (onPath.has(id)) continue;
      const parents = (sc.branches || []).filter((b) => b.to === id && rank[b.from] !== undefined).map((b) => rank[b.from]);
      rank[id] = parents.length ? Math.round(parents.reduce((a, b) => a + b, 0) / parents.length) : 0;
    }
    const band = (id) => { const w = ways[id]; return w.size > 1 ? 'm' : (w.has('r') ? 'r' : 'f'); };
    const maxRank = Math.max(0, ...Object.values(rank));
    const cells = {}; // band:col → ids
    for (const id of Object.keys(ways)) {
      const key = `${band(id)}:${rank[id]}`;
      (cells[key] = cells[key] || []).push(id);
    }
    // The bridge: the longest link between the last element on the left side and the first on
    // the right side of an oriented route.
    let bridge = null;
    for (const r of routes) {
      const seq = (reversed(r) ? r.path.slice().reverse() : r.path).map((p) => byId[p.id]);
      let lastLeft = -1, firstRight = -1;
      seq.forEach((e, i) => { if (e.side === left) lastLeft = i; });
      seq.forEach((e, i) => { if (firstRight < 0 && i > lastLeft && e.side === right) firstRight = i; });
      if (lastLeft < 0 || firstRight < 0) continue;
      for (let i = lastLeft + 1; i < firstRight; i++)
        if (seq[i].kind === 'link' && (!bridge || seq[i].length_m > bridge.length_m)) bridge = seq[i];
    }
    return { byId, rank, band, cells, maxRank, bridge, reversed, left, right, routes };
  }

  function elementHeight(e) {
    if (e.kind === 'link') return 22;
    if (e.kind === 'stage') return Math.max(44, Math.min(e.lanes, 10) * 9 + 22);
    if (e.kind === 'holding') return Math.max(44, Math.min(70, 22 + Math.ceil(Math.min(e.capacity, 80) / 8) * 7));
    if (e.kind === 'yard') return Math.max(70, 30 + Math.ceil(Math.min(e.bays, 30) / 6) * 10 + Math.ceil(Math.min(e.parking, 60) / 10) * 7);
    return 40;
  }

  function placeElements(L, width) {
    const cols = L.maxRank + 1;
    const margin = 70; // entry and exit roads at either end
    const colW = Math.min(170, (width - 2 * margin) / cols);
    const x0 = (width - colW * cols) / 2;
    const boxes = {};
    const bandHeight = {};
    for (const b of ['f', 'm', 'r']) {
      let h = 0;
      for (let c = 0; c < cols; c++) {
        const ids = L.cells[`${b}:${c}`] || [];
        h = Math.max(h, ids.reduce((s, id) => s + elementHeight(L.byId[id]) + 22, 0));
      }
      bandHeight[b] = h;
    }
    const top = 34;
    const gap = 26;
    const bandTop = { f: top };
    bandTop.m = bandTop.f + bandHeight.f + (bandHeight.f ? gap : 0);
    bandTop.r = bandTop.m + bandHeight.m + (bandHeight.m ? gap : 0);
    const height = bandTop.r + bandHeight.r + 40;
    for (const [key, ids] of Object.entries(L.cells)) {
      const [b, c] = key.split(':');
      let y = bandTop[b] + 16;
      const stackH = ids.reduce((s, id) => s + elementHeight(L.byId[id]) + 22, 0);
      y += (bandHeight[b] - stackH) / 2;
      for (const id of ids) {
        const e = L.byId[id];
        const h = elementHeight(e);
        boxes[id] = { x: x0 + Number(c) * colW + colW * 0.08, y, w: colW * 0.84, h, e, band: b };
        y += h + 22;
      }
    }
    return { boxes, width, height, colW, x0, cols, bandTop, bandHeight };
  }

  // Slot positions inside a box: a grid of n cells filling the box from `from` ('left'/'right').
  function gridSlot(box, area, k, n, from) {
    const cols = Math.max(1, Math.floor(area.w / 7));
    const col = k % cols, row = Math.floor(k / cols);
    const x = from === 'right' ? area.x + area.w - 4 - col * 7 : area.x + 4 + col * 7;
    return { x, y: area.y + 4 + row * 7, over: row * 7 + 8 > area.h };
  }

  // The rail line's elements in the order a train from the first side passes them.
  const RAIL_COLORS = ['#7b4b2a', '#1f9eb0', '#9c27b0', '#6d7a1e', '#455a64'];
  function layoutRail(sc) {
    const r = sc.rail;
    if (!r) return null;
    const left = sc.sides[0] ? sc.sides[0].id : null;
    const els = {};
    (r.stations || []).forEach((x) => { els[x.id] = Object.assign({ kind: 'station' }, x); });
    (r.bridges || []).forEach((x) => { els[x.id] = Object.assign({ kind: 'bridge' }, x); });
    (r.gauge_changes || []).forEach((x) => { els[x.id] = Object.assign({ kind: 'gauge_change' }, x); });
    const reversed = (rt) => left !== null && rt.to === left && rt.from !== left;
    const order = [];
    const routes = (r.routes || []).slice().sort((a, b) => b.path.length - a.path.length);
    for (const rt of routes) {
      const ids = rt.path.map((p) => p.id).filter((id) => els[id]);
      const seq = reversed(rt) ? ids.reverse() : ids;
      seq.forEach((id, i) => {
        if (order.includes(id)) return;
        let at = 0;
        for (let j = i - 1; j >= 0; j--) { const k = order.indexOf(seq[j]); if (k >= 0) { at = k + 1; break; } }
        order.splice(at, 0, id);
      });
    }
    Object.keys(els).forEach((id) => { if (!order.includes(id)) order.push(id); });
    const routeById = {};
    (r.routes || []).forEach((rt) => { routeById[rt.id] = rt; });
    const kindIds = (r.kinds || []).map((k) => k.id);
    return { els, order, reversed, routeById, kinds: r.kinds || [], color: (id) => RAIL_COLORS[Math.max(0, kindIds.indexOf(id)) % RAIL_COLORS.length] };
  }

  // Places the rail elements in a band under the road: the rail bridge over the same river as
  // the road bridge, the elements of each side spread out on that side.
  function placeRail(R, L, g) {
    const top = g.height - 4;
    const trackY = top + 66;
    const rb = L.bridge && g.boxes[L.bridge.id];
    const cx = rb ? rb.x + rb.w / 2 : g.width / 2;
    const half = rb ? rb.w * 0.34 : 60;
    const boxes = {};
    const put = (id, x, w) => {
      const e = R.els[id];
      const h = e.kind === 'bridge' ? 14 : Math.max(30, Math.min(e.tracks || 1, 6) * 9 + 12);
      boxes[id] = { x, w, y: trackY - h / 2, h, e };
    };
    const spread = (ids, a, b) => {
      if (!ids.length) return;
      const step = (b - a) / ids.length;
      const w = Math.max(30, Math.min(150, step * 0.8));
      ids.forEach((id, k) => put(id, a + step * k + (step - w) / 2, w));
    };
    const bi = R.order.findIndex((id) => R.els[id].kind === 'bridge');
    if (bi >= 0) {
      spread(R.order.slice(0, bi), 70, cx - half - 8);
      put(R.order[bi], cx - half, 2 * half);
      spread(R.order.slice(bi + 1), cx + half + 8, g.width - 70);
    } else {
      spread(R.order, 70, g.width - 70);
    }
    return { top, trackY, boxes, height: 120 };
  }

  // A vehicle at (d.x, d.y) in its class's colour, facing its direction of travel (d.rev: right
  // to left): a car a small rounded rectangle, a bus a longer one with a band of windows, a truck
  // a long trailer with a darker cab in front.
  function drawVehicle(ctx, d) {
    const dir = d.rev ? -1 : 1;
    const box = (from, w, y, h) => ctx.fillRect(dir > 0 ? d.x + from : d.x - from - w, d.y + y, w, h);
    ctx.fillStyle = d.c;
    if (d.shape === 'truck') {
      box(-3.8, 5.2, -1.8, 3.6);
      box(1.8, 2, -1.6, 3.2);
      ctx.fillStyle = 'rgba(0,0,0,0.35)';
      box(1.8, 2, -1.6, 3.2);
    } else if (d.shape === 'bus') {
      box(-3.4, 6.8, -1.8, 3.6);
      ctx.fillStyle = 'rgba(255,255,255,0.75)';
      box(-2.8, 5.6, -1, 0.9);
    } else {
      ctx.beginPath();
      ctx.roundRect(d.x - 2.4, d.y - 1.6, 4.8, 3.2, 1.2);
      ctx.fill();
    }
  }

  function buildAnimation(doc, parent, toc) {
    const sc = doc.scenario, tr = doc.trace;
    const s = section('animation', 'The crossing, replayed', toc);
    if (!sc) { s.append(el('p', { class: 'note', text: 'The scenario could not be read, so there is no layout to animate.' })); return; }
    const L = layoutCrossing(sc);
    const R = layoutRail(sc);
    const note = tr
      ? `Replaying ${tr.vehicles.toLocaleString('en-US')} vehicles (${tr.visits.toLocaleString('en-US')} stage visits) from ${tr.source || 'the trace'}${tr.truncated ? `, ${tr.window_start > 0 ? `from ${fmtDuration(tr.window_start)} into the run (the end of the warm-up, which the statistics leave out) to ${fmtDuration(tr.window_end)}` : `the first ${fmtDuration(tr.window_end)} of the run`} (the report carries at most ${tr.limits.days} days or ${tr.limits.max_visits.toLocaleString('en-US')} visits)` : ''}. Vehicles are drawn by their class’s shape and colour (car, bus, truck with its cab in front); queued vehicles wait in the holding area before a stage or in its queue zone, served ones sit in a lane. Between stages and on the approach roads positions are interpolated from the link travel times.${tr.rail ? ` Below the road, the rail line: ${tr.rail.trains.toLocaleString('en-US')} trains (${tr.rail.visits.toLocaleString('en-US')} visits) run through the stations, over the rail bridge and through the gauge-change yard; a train waiting for an element stands on the line in front of it.` : ''}`
      : 'No trace was given, so this shows the layout only. Make one with `tumen run --trace trace.csv --report report.html` (or `tumen report results.db --trace trace.csv`) to replay the vehicles.';
    s.append(el('p', { class: 'note', text: note }));
    const controls = el('div', { class: 'anim-controls' });
    const play = el('button', { id: 'anim-play', type: 'button', class: 'paused', text: '▶ Play' });
    const speed = el('select', { id: 'anim-speed', title: 'simulated time per second' });
    for (const [v, label] of [[60, '1 min / s'], [300, '5 min / s'], [900, '15 min / s'], [3600, '1 h / s'], [14400, '4 h / s']])
      speed.append(el('option', { value: String(v), text: label, selected: v === 900 ? 'selected' : null }));
    const seek = el('input', { id: 'anim-seek', type: 'range', min: '0', max: '1000', value: '0', step: '1', title: 'simulated time' });
    const clock = el('span', { id: 'anim-clock', text: '' });
    const reset = el('button', { id: 'anim-reset', type: 'button', class: 'paused', text: 'Reset view', title: 'back to the whole crossing' });
    controls.append(play, el('label', null, 'Speed ', speed), seek, clock, reset);
    if (!tr) { play.disabled = true; seek.disabled = true; speed.disabled = true; }
    s.append(controls);
    const counters = el('div', { id: 'anim-counters' });
    s.append(counters);
    const classLegend = el('div', { class: 'legend' });
    const classIds = sc.classes.map((c) => c.id);
    const classColor = (id) => PALETTE[Math.max(0, classIds.indexOf(id)) % PALETTE.length];
    const classShape = (id) => (sc.classes.find((c) => c.id === id) || {}).shape || 'car';
    // the legend: each class's shape in its colour, drawn as on the canvas, four times larger
    sc.classes.forEach((c) => {
      const key = el('canvas', { class: 'shape-key', width: '64', height: '28', 'data-shape': classShape(c.id) });
      const kx = key.getContext('2d');
      kx.scale(4, 4);
      drawVehicle(kx, { x: 8, y: 3.5, c: classColor(c.id), shape: classShape(c.id), rev: false });
      classLegend.append(el('span', { class: 'shape-item' }, key, `${c.name} (${classShape(c.id)})`));
    });
    s.append(classLegend);
    if (R) {
      const railLegend = el('div', { class: 'legend', id: 'rail-legend' }, el('b', { text: 'Trains: ' }));
      R.kinds.forEach((k) => railLegend.append(swatch(R.color(k.id), k.name)));
      s.append(railLegend);
    }
    const canvas = el('canvas', { id: 'anim-canvas', title: 'wheel: zoom · drag: pan · click a vehicle or a stage' });
    s.append(canvas);
    const info = el('div', { id: 'anim-info', class: 'anim-info' },
      el('p', { class: 'note', text: 'Click a vehicle to see its story, or a stage or yard to see its figures. Wheel to zoom around the pointer, drag to pan, Reset view to see the whole crossing again.' }));
    s.append(info);

    // --- the vehicles: visits decoded, grouped, turned into timed segments ---
    const vehicles = [];
    let t0 = 0, t1 = 0;
    if (tr) {
      const c = tr.columns;
      const n = c.vehicle.length;
      const byVehicle = new Map();
      let q10 = 0;
      for (let i = 0; i < n; i++) {
        q10 += c.queue_join_step[i];
        const q = q10 / 10, st = q + c.wait[i] / 10, en = st + c.service[i] / 10;
        const v = { el: tr.elements[c.element[i]], lane: c.lane[i], q, s: st, e: en, out: tr.outcomes[c.outcome[i]] };
        let rec = byVehicle.get(c.vehicle[i]);
        if (!rec) { rec = { id: c.vehicle[i], cls: tr.classes[c.class[i]], route: tr.directions[c.direction[i]], visits: [] }; byVehicle.set(c.vehicle[i], rec); }
        rec.visits.push(v);
      }
      // Where each visit is served. The trace names the server: at a yard none (bays are
      // interchangeable), at a stage with one shared queue per lane group the group, at a stage
      // with a queue per lane the lane. Within a yard or a group, each visit takes the first slot
      // free when its service starts.
      const pools = {};
      const slotted = [];
      byVehicle.forEach((rec) => rec.visits.forEach((v) => {
        const e = L.byId[v.el];
        if (!e) return;
        if (e.kind === 'yard') { v.pool = `${v.el}`; v.poolSize = Math.max(1, e.bays); v.offset = 0; slotted.push(v); return; }
        if (e.kind !== 'stage') return;
        if (e.queue === 'shared' && finite(v.lane) && e.groups[v.lane]) {
          v.pool = `${v.el}/${v.lane}`;
          v.poolSize = e.groups[v.lane].count;
          v.offset = e.groups.slice(0, v.lane).reduce((n, g) => n + g.count, 0);
          slotted.push(v);
        } else {
          v.slot = finite(v.lane) ? v.lane : 0;
        }
      }));
      slotted.sort((x, y) => x.s - y.s);
      for (const v of slotted) {
        const free = (pools[v.pool] = pools[v.pool] || new Array(v.poolSize).fill(-Infinity));
        let k = free.findIndex((t) => t <= v.s);
        if (k < 0) k = free.indexOf(Math.min(...free));
        free[k] = v.e;
        v.slot = v.offset + k;
      }
      const routeById = {};
      sc.routes.forEach((r) => { routeById[r.id] = r; });
      const travel = (r, from, to) => {
        let t = 0;
        for (let i = Math.max(0, from); i < Math.min(r.path.length, to); i++) {
          const e = L.byId[r.path[i].id];
          if (e && e.kind === 'link') t += e.travel_time || 0;
        }
        return t;
      };
      // The yard a vehicle's trip begins at: a receiving truck takes the cargo on from its yard,
      // along the yard's onward route or the rest of the route after the yard.
      const startYard = (rec, r, iFirst) => {
        for (const y of sc.yards || []) {
          if (y.receiving_class !== rec.cls) continue;
          if (y.onward_route) { if (y.onward_route === rec.route) return { id: y.id, from: 0 }; continue; }
          const j = r ? r.path.findIndex((p) => p.id === y.id) : -1;
          if (j >= 0 && j < iFirst) return { id: y.id, from: j + 1 };
        }
        return null;
      };
      byVehicle.forEach((rec) => {
        rec.visits.sort((a, b) => a.q - b.q);
        const r = routeById[rec.route];
        const first = rec.visits[0], last = rec.visits[rec.visits.length - 1];
        const iFirst = r ? r.path.findIndex((p) => p.id === first.el) : -1;
        const iLast = r ? r.path.findIndex((p) => p.id === last.el) : -1;
        const yardStart = startYard(rec, r, iFirst);
        rec.fromYard = yardStart ? yardStart.id : null;
        const approach = yardStart
          ? Math.min(900, Math.max(30, r && iFirst >= 0 ? travel(r, yardStart.from, iFirst) : 30))
          : Math.min(900, Math.max(45, r && iFirst >= 0 ? travel(r, 0, iFirst) : 60));
        const leaves = last.out === 'served' && r;
        const depart = leaves ? Math.min(900, Math.max(45, iLast >= 0 ? travel(r, iLast + 1, r.path.length) : 60)) : 0;
        rec.start = first.q - approach;
        rec.end = last.e + depart;
        rec.reversed = r ? L.reversed(r) : false;
        // a vehicle that was served at its last stage drives on; one handed over at a yard or
        // that gave up leaves at once
        rec.leaves = !!leaves;
        // the holding area right before each visited element on the route, if any
        rec.visits.forEach((v) => {
          const i = r ? r.path.findIndex((p) => p.id === v.el) : -1;
          v.hold = i > 0 && r.path[i - 1].kind === 'holding' ? r.path[i - 1].id : null;
        });
        vehicles.push(rec);
      });
      vehicles.sort((a, b) => a.start - b.start);
      t0 = vehicles.length ? Math.max(0, Math.floor(vehicles[0].start / 3600) * 3600) : 0;
      t1 = Math.max(tr.window_end || 0, ...vehicles.map((v) => v.end));
    }
    // --- the trains: visits of the rail line, each a timed segment on the track ---
    const trains = [];
    if (tr && tr.rail && R) {
      const c = tr.rail.columns;
      const byTrain = new Map();
      for (let i = 0; i < c.train.length; i++) {
        const q = c.queue_join[i] / 10, st = q + c.wait[i] / 10, en = st + c.service[i] / 10;
        let rec = byTrain.get(c.train[i]);
        if (!rec) { rec = { kind: tr.rail.kinds[c.kind[i]], route: tr.rail.routes[c.route[i]], visits: [] }; byTrain.set(c.train[i], rec); }
        rec.visits.push({ el: tr.rail.elements[c.element[i]], q, s: st, e: en });
      }
      byTrain.forEach((rec) => {
        rec.visits.sort((a, b) => a.q - b.q);
        const rt = R.routeById[rec.route];
        rec.reversed = rt ? R.reversed(rt) : false;
        rec.start = rec.visits[0].q - 900;  // the approach: a quarter of an hour on the line
        rec.end = rec.visits[rec.visits.length - 1].e + 900;
        trains.push(rec);
      });
      trains.sort((a, b) => a.start - b.start);
      if (trains.length) {
        const first = Math.max(0, Math.floor(trains[0].start / 3600) * 3600);
        t0 = vehicles.length ? Math.min(t0, first) : first;
        t1 = Math.max(t1, ...trains.map((x) => x.end));
      }
    }
    // Vehicles active in each hour, so a frame looks at a few hundred, not all.
    const buckets = new Map();
    vehicles.forEach((v, i) => {
      for (let h = Math.floor(v.start / 3600); h <= Math.floor(v.end / 3600); h++) {
        if (!buckets.has(h)) buckets.set(h, []);
        buckets.get(h).push(i);
      }
    });

    const anim = { time: t0, start: t0, end: t1, playing: false, frames: 0, speed: 900, vehicles: vehicles.length,
      view: { k: 1, x: 0, y: 0 }, selected: null,
      fromYardVehicles: vehicles.filter((v) => v.fromYard).length,
      shown: 0, counters: {},
      rail: R ? { elements: 0, track: false, trains: trains.length, shown: 0, onLine: 0 } : null };
    state.animation = anim;

    let geo = null, lastDots = [], width0 = null;
    const resize = () => {
      const width = Math.max(640, Math.floor(s.getBoundingClientRect().width));
      geo = placeElements(L, width);
      if (R) {
        geo.rail = placeRail(R, L, geo);
        geo.height += geo.rail.height;
      }
      const dpr = window.devicePixelRatio || 1;
      canvas.style.height = `${geo.height}px`;
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(geo.height * dpr);
      geo.dpr = dpr;
      // a new width places the layout anew: back to the whole crossing; else keep the view
      if (geo.width !== width0) { anim.view.k = 1; anim.view.x = 0; anim.view.y = 0; }
      width0 = geo.width;
    };

    // Where a box's vehicles enter and leave, given the direction of travel.
    const entryPoint = (b, rev) => ({ x: rev ? b.x + b.w : b.x, y: b.y + b.h / 2 });
    const exitPoint = (b, rev) => ({ x: rev ? b.x : b.x + b.w, y: b.y + b.h / 2 });

    function stageAreas(b, rev) {
      const qW = b.w * 0.42;
      const queue = { x: rev ? b.x + b.w - qW : b.x, y: b.y + 16, w: qW - 2, h: b.h - 18 };
      const lanes = { x: rev ? b.x : b.x + qW, y: b.y + 16, w: b.w - qW, h: b.h - 18 };
      return { queue, lanes };
    }
    function yardAreas(b) {
      const baysRows = Math.ceil(Math.min(b.e.bays, 30) / 6);
      const bays = { x: b.x + 2, y: b.y + 16, w: b.w - 4, h: baysRows * 10 + 2 };
      const parking = { x: b.x + 2, y: bays.y + bays.h + 4, w: b.w - 4, h: b.y + b.h - bays.y - bays.h - 6 };
      return { bays, parking };
    }

    function drawStatic(ctx) {
      const g = geo;
      ctx.clearRect(0, 0, g.width, g.height);
      ctx.font = '11px system-ui, sans-serif';
      // the river / border under the bridge
      if (L.bridge && g.boxes[L.bridge.id]) {
        const b = g.boxes[L.bridge.id];
        ctx.fillStyle = 'rgba(120,170,220,0.28)';
        ctx.fillRect(b.x + b.w * 0.2, 0, b.w * 0.6, g.height);
        ctx.fillStyle = '#3b6ea5';
        ctx.textAlign = 'center';
        ctx.fillText('border', b.x + b.w / 2, 12);
        const sides = sc.sides;
        ctx.font = '600 13px system-ui, sans-serif';
        ctx.fillStyle = '#5c6476';
        ctx.textAlign = 'right';
        if (sides[0]) ctx.fillText(`◀ ${sides[0].short}`, b.x + b.w * 0.2 - 8, 14);
        ctx.textAlign = 'left';
        if (sides[1]) ctx.fillText(`${sides[1].short} ▶`, b.x + b.w * 0.8 + 8, 14);
        ctx.font = '11px system-ui, sans-serif';
      }
      // roads: consecutive elements of each route joined by a grey line
      ctx.strokeStyle = '#c9ccd3';
      ctx.lineWidth = 3;
      for (const r of L.routes) {
        const rev = L.reversed(r);
        const seq = r.path.map((p) => g.boxes[p.id]).filter(Boolean);
        for (let i = 1; i < seq.length; i++) {
          const a = exitPoint(seq[i - 1], rev), b = entryPoint(seq[i], rev);
          ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y); ctx.stroke();
        }
        if (seq.length) {
          const a = entryPoint(seq[0], rev), z = exitPoint(seq[seq.length - 1], rev);
          ctx.beginPath(); ctx.moveTo(rev ? g.width - 6 : 6, a.y); ctx.lineTo(a.x, a.y); ctx.stroke();
          ctx.beginPath(); ctx.moveTo(z.x, z.y); ctx.lineTo(rev ? 6 : g.width - 6, z.y); ctx.stroke();
        }
      }
      // band labels
      ctx.fillStyle = '#8a91a0';
      ctx.textAlign = 'left';
      const dirName = (w) => {
        const r = L.routes.find((x) => (L.reversed(x) ? 'r' : 'f') === w);
        if (!r) return '';
        const side = (id) => (sc.sides.find((q) => q.id === id) || {}).short || id;
        if (!(r.from && r.to)) return r.name;
        // the bottom band runs right to left: name its sides in the order they are drawn
        return w === 'r' ? `${side(r.to)} ← ${side(r.from)}` : `${side(r.from)} → ${side(r.to)}`;
      };
      if (g.bandHeight.f) ctx.fillText(dirName('f'), 6, g.bandTop.f + 4);
      if (g.bandHeight.m) ctx.fillText('used in both directions', 6, g.bandTop.m + 4);
      if (g.bandHeight.r) ctx.fillText(dirName('r'), 6, g.bandTop.r + 4);
      // elements
      const fit = (text, width) => {
        if (ctx.measureText(text).width <= width) return text;
        let t = text;
        while (t.length > 3 && ctx.measureText(`${t}…`).width > width) t = t.slice(0, -1);
        return `${t}…`;
      };
      // Boxes are labelled with the element's name (its id when it has none), without a
      // parenthesised remark, cut to the box: "RU exit: passport control", not "ru_exit_pas…".
      const nameOf = (e) => (e.name || e.id).replace(/\s*\([^)]*\)\s*/g, ' ').trim() || e.id;
      g.labels = {};
      g.saturated = [];
      for (const b of Object.values(g.boxes)) {
        const e = b.e;
        const label = fit(e.kind === 'link' && L.bridge && e.id === L.bridge.id ? `${nameOf(e)} (bridge)` : nameOf(e), b.w + 4);
        g.labels[e.id] = label;
        ctx.textAlign = 'center';
        if (e.kind === 'link') {
          const isBridge = L.bridge && e.id === L.bridge.id;
          ctx.fillStyle = isBridge ? '#8d99ae' : '#d5d8de';
          ctx.fillRect(b.x, b.y + b.h / 2 - 4, b.w, 8);
          ctx.fillStyle = '#5c6476';
          ctx.fillText(label, b.x + b.w / 2, b.y + b.h / 2 - 8);
          continue;
        }
        const fill = { stage: '#ffffff', holding: '#f1f3f6', yard: '#fdf6e9' }[e.kind];
        const stroke = { stage: '#4a5568', holding: '#9aa1ad', yard: '#b7791f' }[e.kind];
        // An element whose verdict was saturated in some replication (its backlog grew) is
        // outlined in the saturated colour and says so under its box.
        const sat = saturatedShare(e);
        ctx.fillStyle = fill; ctx.strokeStyle = sat > 0 ? SATURATED : stroke; ctx.lineWidth = sat > 0 ? 3 : 1.2;
        ctx.fillRect(b.x, b.y, b.w, b.h); ctx.strokeRect(b.x, b.y, b.w, b.h);
        ctx.lineWidth = 1.2;
        if (sat > 0) {
          g.saturated.push(e.id);
          ctx.fillStyle = SATURATED;
          ctx.fillText(`saturated ${Math.round(100 * sat)} %`, b.x + b.w / 2, b.y + b.h + 24);
        }
        ctx.fillStyle = '#1d2330';
        ctx.fillText(label, b.x + b.w / 2, b.y + 11);
        if (e.kind === 'stage') {
          const { queue, lanes } = stageAreas(b, b.band === 'r');
          ctx.fillStyle = '#f6f7f9';
          ctx.fillRect(queue.x, queue.y, queue.w, queue.h);
          const n = Math.min(e.lanes, 10);
          const lh = lanes.h / n;
          ctx.strokeStyle = '#d0d4db';
          for (let i = 0; i < n; i++) {
            ctx.strokeRect(lanes.x + 2, lanes.y + i * lh + 1, lanes.w - 4, lh - 2);
          }
        } else if (e.kind === 'yard') {
          const { bays, parking } = yardAreas(b);
          ctx.strokeStyle = '#e2c48f';
          const n = Math.min(e.bays, 30);
          const bw = bays.w / Math.min(6, n);
          for (let i = 0; i < n; i++) ctx.strokeRect(bays.x + (i % 6) * bw + 1, bays.y + Math.floor(i / 6) * 10 + 1, bw - 2, 8);
          ctx.fillStyle = '#f7ecd6';
          ctx.fillRect(parking.x, parking.y, parking.w, parking.h);
        }
      }
      if (R && g.rail) drawRail(ctx, g.rail, fit);
    }

    // The rail line: a track from edge to edge, the bridge as one track over the river,
    // stations and the gauge-change yard as boxes with their tracks.
    function drawRail(ctx, gr, fit) {
      const y = gr.trackY;
      ctx.fillStyle = '#8a91a0';
      ctx.textAlign = 'left';
      ctx.fillText('Rail line', 6, gr.top + 14);
      const bridgeBoxes = Object.values(gr.boxes).filter((b) => b.e.kind === 'bridge');
      const onBridge = (x) => bridgeBoxes.some((b) => x >= b.x && x <= b.x + b.w);
      ctx.strokeStyle = '#b9a48f';
      ctx.lineWidth = 1;
      for (let x = 8; x < geo.width - 6; x += 7) {
        if (onBridge(x)) continue;
        ctx.beginPath(); ctx.moveTo(x, y - 5); ctx.lineTo(x, y + 5); ctx.stroke();
      }
      ctx.strokeStyle = '#5b4636';
      ctx.lineWidth = 1.5;
      for (const dy of [-2.5, 2.5]) { ctx.beginPath(); ctx.moveTo(6, y + dy); ctx.lineTo(geo.width - 6, y + dy); ctx.stroke(); }
      let drawn = 0;
      for (const b of Object.values(gr.boxes)) {
        const e = b.e;
        ctx.textAlign = 'center';
        if (e.kind === 'bridge') {
          ctx.fillStyle = '#8d99ae';
          ctx.fillRect(b.x, y - 7, b.w, 14);
          ctx.strokeStyle = '#2d3748';
          ctx.lineWidth = 1.5;
          for (const dy of [-2.5, 2.5]) { ctx.beginPath(); ctx.moveTo(b.x, y + dy); ctx.lineTo(b.x + b.w, y + dy); ctx.stroke(); }
          ctx.fillStyle = '#1d2330';
          ctx.fillText(fit(`${e.id} (${e.single_track ? 'single track' : 'double track'})`, Math.max(b.w + 40, 190)), b.x + b.w / 2, y - 12);
          drawn++;
          continue;
        }
        const gauge = e.kind === 'gauge_change';
        ctx.fillStyle = gauge ? '#eef5e9' : '#ffffff';
        ctx.strokeStyle = gauge ? '#3a7d44' : '#2f4858';
        ctx.lineWidth = 1.2;
        ctx.fillRect(b.x, b.y, b.w, b.h); ctx.strokeRect(b.x, b.y, b.w, b.h);
        const n = Math.min(e.tracks || 1, 6);
        const lh = (b.h - 8) / n;
        ctx.strokeStyle = '#9c8b7a';
        ctx.lineWidth = 1;
        for (let i = 0; i < n; i++) {
          const ty = b.y + 4 + lh * (i + 0.5);
          ctx.beginPath(); ctx.moveTo(b.x + 3, ty); ctx.lineTo(b.x + b.w - 3, ty); ctx.stroke();
        }
        if (gauge) {
          ctx.setLineDash([3, 3]);
          ctx.strokeStyle = '#3a7d44';
          ctx.beginPath(); ctx.moveTo(b.x + b.w / 2, b.y); ctx.lineTo(b.x + b.w / 2, b.y + b.h); ctx.stroke();
          ctx.setLineDash([]);
        }
        ctx.fillStyle = '#1d2330';
        ctx.fillText(fit(gauge ? `${e.id} (gauge change)` : e.id, b.w + 30), b.x + b.w / 2, b.y - 4);
        drawn++;
      }
      if (anim.rail) { anim.rail.elements = drawn; anim.rail.track = true; }
    }

    // Where a train is at time t, or null when it is not on the line.
    function trainAt(v, t, gr, inService) {
      if (t < v.start || t >= v.end) return null;
      const rev = v.reversed;
      const edgeIn = rev ? geo.width - 6 : 6, edgeOut = rev ? 6 : geo.width - 6;
      const entry = (b) => (rev ? b.x + b.w : b.x), exit = (b) => (rev ? b.x : b.x + b.w);
      const vs = v.visits;
      const lerp = (a, b, f) => a + (b - a) * Math.max(0, Math.min(1, f));
      for (let k = 0; k < vs.length; k++) {
        const x = vs[k];
        const b = gr.boxes[x.el];
        if (!b) return null;
        if (t < x.q) {
          const from = k === 0 ? edgeIn : (gr.boxes[vs[k - 1].el] ? exit(gr.boxes[vs[k - 1].el]) : entry(b));
          const ta = k === 0 ? v.start : vs[k - 1].e;
          return { x: lerp(from, entry(b), (t - ta) / Math.max(1, x.q - ta)), y: gr.trackY, state: 'moving' };
        }
        if (t < x.s) {
          // waiting to enter: on the line in front of the element
          const key = x.el + (rev ? '<' : '>');
          const n = (inService[key] = (inService[key] || 0) + 1) - 1;
          return { x: entry(b) + (rev ? 14 : -14), y: gr.trackY - 9 - n * 8, state: 'waiting' };
        }
        if (t < x.e) {
          if (b.e.kind === 'bridge') return { x: lerp(entry(b), exit(b), (t - x.s) / Math.max(1, x.e - x.s)), y: gr.trackY, state: 'moving' };
          const key = x.el;
          const n = (inService[key] = (inService[key] || 0) + 1) - 1;
          const tracks = Math.min(b.e.tracks || 1, 6);
          const lh = (b.h - 8) / tracks;
          return { x: b.x + b.w / 2, y: b.y + 4 + lh * ((n % tracks) + 0.5), state: 'served' };
        }
      }
      const lastB = gr.boxes[vs[vs.length - 1].el];
      const te = vs[vs.length - 1].e;
      return { x: lerp(exit(lastB), edgeOut, (t - te) / Math.max(1, v.end - te)), y: gr.trackY, state: 'moving' };
    }

    const closedNow = (e, t) => {
      if (!e.hours) return false;
      const day = Math.floor(t / 86400), sod = t - day * 86400;
      const spans = e.hours[(sc.start_weekday + day) % 7] || [];
      return !spans.some(([a, b]) => sod >= a && sod < b);
    };

    function frame(t) {
      if (!geo) resize();
      const g = geo;
      const ctx = canvas.getContext('2d');
      ctx.setTransform(g.dpr, 0, 0, g.dpr, 0, 0);
      ctx.clearRect(0, 0, g.width, g.height);
      const vw = anim.view;
      ctx.setTransform(g.dpr * vw.k, 0, 0, g.dpr * vw.k, g.dpr * vw.x, g.dpr * vw.y);
      drawStatic(ctx);
      // closed stages greyed
      for (const b of Object.values(g.boxes)) {
        if ((b.e.kind === 'stage' || b.e.kind === 'yard') && closedNow(b.e, t)) {
          ctx.fillStyle = 'rgba(90,96,110,0.18)';
          ctx.fillRect(b.x, b.y, b.w, b.h);
          ctx.fillStyle = '#5c6476';
          ctx.textAlign = 'center';
          ctx.fillText('closed', b.x + b.w / 2, b.y + b.h - 4);
        }
      }
      const active = buckets.get(Math.floor(t / 3600)) || [];
      const queued = new Map(); // place id → [{v, q}]
      const dots = [];
      let inSystem = 0, inQueue = 0, inService = 0, moving = 0, fromYard = 0, fromYardWrong = 0;
      const byClass = {};
      for (const i of active) {
        const v = vehicles[i];
        if (t < v.start || t >= v.end) continue;
        inSystem++;
        byClass[v.cls] = (byClass[v.cls] || 0) + 1;
        const rev = v.reversed;
        const vs = v.visits;
        let pos = null;
        for (let k = 0; k < vs.length; k++) {
          const x = vs[k];
          if (t < x.q) {
            // travelling towards visit k
            const b = g.boxes[x.el];
            if (!b) break;
            const to = entryPoint(x.hold && g.boxes[x.hold] ? g.boxes[x.hold] : b, rev);
            let from, ta;
            if (k === 0) {
              // from the yard it starts at (a receiving truck), else from the road's far end
              const yb = v.fromYard ? g.boxes[v.fromYard] : null;
              from = yb ? exitPoint(yb, rev) : { x: rev ? g.width - 6 : 6, y: to.y };
              ta = v.start;
            } else {
              const pb = g.boxes[vs[k - 1].el];
              from = pb ? exitPoint(pb, rev) : to; ta = vs[k - 1].e;
            }
            const f = Math.max(0, Math.min(1, (t - ta) / Math.max(1, x.q - ta)));
            pos = { x: from.x + (to.x - from.x) * f, y: from.y + (to.y - from.y) * f };
            moving++;
            if (k === 0 && v.fromYard && g.boxes[v.fromYard]) {
              // a receiving truck on its way from its yard: never drawn beyond the yard, on the
              // far side of the border, nor beyond the element it drives to
              fromYard++;
              const yb = g.boxes[v.fromYard];
              const lo = Math.min(yb.x, to.x) - 1, hi = Math.max(yb.x + yb.w, to.x) + 1;
              if (pos.x < lo || pos.x > hi) fromYardWrong++;
            }
            break;
          }
          if (t < x.s) {
            const place = x.hold && g.boxes[x.hold] ? x.hold : x.el;
            if (!queued.has(place)) queued.set(place, []);
            queued.get(place).push({ v, q: x.q, rev, el: x.el });
            inQueue++;
            pos = 'queued';
            break;
          }
          if (t < x.e) {
            const b = g.boxes[x.el];
            if (!b) break;
            if (b.e.kind === 'yard') {
              const { bays } = yardAreas(b);
              const n = Math.min(b.e.bays, 30), bw = bays.w / Math.min(6, n);
              const k2 = (x.slot || 0) % n;
              pos = { x: bays.x + (k2 % 6) * bw + bw / 2, y: bays.y + Math.floor(k2 / 6) * 10 + 5 };
            } else {
              const { lanes } = stageAreas(b, b.band === 'r');
              const n = Math.min(b.e.lanes, 10);
              const lane = Math.min(n - 1, Math.max(0, x.slot || 0));
              const lh = lanes.h / n;
              pos = { x: lanes.x + lanes.w / 2, y: lanes.y + lane * lh + lh / 2 };
            }
            inService++;
            break;
          }
          if (k === vs.length - 1) {
            // leaving: from the last element towards the route's end
            const b = g.boxes[x.el];
            if (!b) break;
            const from = exitPoint(b, rev);
            const to = { x: rev ? 6 : g.width - 6, y: from.y };
            const f = Math.max(0, Math.min(1, (t - x.e) / Math.max(1, v.end - x.e)));
            pos = { x: from.x + (to.x - from.x) * f, y: from.y };
            moving++;
          }
        }
        if (pos && pos !== 'queued') dots.push({ x: pos.x, y: pos.y, c: classColor(v.cls), shape: classShape(v.cls), rev, v });
      }
      // queued vehicles fill their place's grid in order of joining
      for (const [place, list] of queued) {
        const b = g.boxes[place];
        list.sort((a, c) => a.q - c.q);
        let area, from;
        if (b.e.kind === 'stage') { area = stageAreas(b, b.band === 'r').queue; from = b.band === 'r' ? 'left' : 'right'; } else if (b.e.kind === 'yard') { area = yardAreas(b).parking; from = 'left'; } else { area = { x: b.x, y: b.y + 14, w: b.w, h: b.h - 16 }; from = list[0].rev ? 'left' : 'right'; }
        let over = 0;
        list.forEach((item, k) => {
          const p = gridSlot(b, area, k, list.length, from);
          if (p.over) { over++; return; }
          dots.push({ x: p.x, y: p.y, c: classColor(item.v.cls), shape: classShape(item.v.cls), rev: item.rev, v: item.v });
        });
        if (over) {
          ctx.fillStyle = '#b3261e';
          ctx.font = '600 11px system-ui, sans-serif';
          ctx.textAlign = 'right';
          ctx.fillText(`+${over}`, b.x + b.w - 2, b.y + b.h + 11);
          ctx.font = '11px system-ui, sans-serif';
        }
        ctx.fillStyle = '#5c6476';
        ctx.textAlign = 'left';
        ctx.fillText(`${list.length} waiting`, b.x, b.y + b.h + 11);
      }
      for (const d of dots) drawVehicle(ctx, d);
      const picked = anim.selected && anim.selected.vehicle !== undefined ? dots.find((d) => d.v.id === anim.selected.vehicle) : null;
      if (picked) {
        ctx.strokeStyle = '#1d2330';
        ctx.lineWidth = 1.2;
        ctx.beginPath(); ctx.arc(picked.x, picked.y, 6, 0, Math.PI * 2); ctx.stroke();
      }
      lastDots = dots;
      // trains on the rail line (closed stations and yards greyed)
      let trainsShown = 0;
      if (R && geo.rail) {
        for (const b of Object.values(geo.rail.boxes)) {
          if (b.e.kind === 'bridge' || !closedNow(b.e, t)) continue;
          ctx.fillStyle = 'rgba(90,96,110,0.18)';
          ctx.fillRect(b.x, b.y, b.w, b.h);
        }
        const slots = {};
        for (const v of trains) {
          if (v.start > t) break;
          const p = trainAt(v, t, geo.rail, slots);
          if (!p) continue;
          ctx.fillStyle = R.color(v.kind);
          ctx.fillRect(p.x - 9, p.y - 3, 18, 6);
          ctx.strokeStyle = '#1d2330';
          ctx.lineWidth = 0.8;
          ctx.strokeRect(p.x - 9, p.y - 3, 18, 6);
          trainsShown++;
        }
        anim.rail.shown = trainsShown;
      }
      // trips finished so far: vehicles whose trip ended before t
      let done = 0;
      for (const v of vehicles) { if (v.start > t) break; if (v.end <= t && v.leaves) done++; }
      anim.time = t;
      anim.frames++;
      anim.shown = dots.length;
      anim.counters = { inSystem, inQueue, inService, moving, done, byClass, fromYard, fromYardWrong };
      anim.labels = g.labels;
      clock.textContent = clockText(t, sc.start_weekday || 0);
      counters.replaceChildren(
        el('span', null, 'In the crossing ', el('b', { text: String(inSystem) })),
        el('span', null, 'queued ', el('b', { text: String(inQueue) })),
        el('span', null, 'being served ', el('b', { text: String(inService) })),
        el('span', null, 'on the road ', el('b', { text: String(moving) })),
        el('span', null, 'cleared so far ', el('b', { text: String(done) })),
        ...sc.classes.filter((c) => byClass[c.id]).map((c) => el('span', null, swatch(classColor(c.id), `${c.id} `), el('b', { text: String(byClass[c.id]) }))),
        ...(R ? [el('span', { id: 'anim-trains' }, 'trains on the rail line ', el('b', { text: String(trainsShown) }))] : []));
      if (anim.end > anim.start) seek.value = String(Math.round(((t - anim.start) / (anim.end - anim.start)) * 1000));
    }

    // --- zoom, pan and picking: the view maps the layout (world) to the canvas (screen) ---
    const view = anim.view;
    const toWorld = (sx, sy) => ({ x: (sx - view.x) / view.k, y: (sy - view.y) / view.k });
    const toScreen = (x, y) => ({ x: x * view.k + view.x, y: y * view.k + view.y });
    const clampView = () => {
      // the layout always covers the canvas: no panning off into the void
      view.x = Math.min(0, Math.max(geo.width - geo.width * view.k, view.x));
      view.y = Math.min(0, Math.max(geo.height - geo.height * view.k, view.y));
    };
    const pointer = (ev) => { const r = canvas.getBoundingClientRect(); return { x: ev.clientX - r.left, y: ev.clientY - r.top }; };
    canvas.addEventListener('wheel', (ev) => {
      ev.preventDefault();
      const p = pointer(ev), w = toWorld(p.x, p.y);
      const k = Math.max(1, Math.min(16, view.k * Math.exp(-ev.deltaY * 0.0015)));
      view.x = p.x - w.x * k; view.y = p.y - w.y * k; view.k = k;
      clampView();
      frame(anim.time);
    }, { passive: false });
    let drag = null;
    canvas.addEventListener('pointerdown', (ev) => {
      const p = pointer(ev);
      drag = { p, x: view.x, y: view.y, moved: false };
      canvas.setPointerCapture(ev.pointerId);
    });
    canvas.addEventListener('pointermove', (ev) => {
      if (!drag) return;
      const p = pointer(ev);
      if (Math.abs(p.x - drag.p.x) + Math.abs(p.y - drag.p.y) > 3) drag.moved = true;
      if (!drag.moved) return;
      view.x = drag.x + p.x - drag.p.x; view.y = drag.y + p.y - drag.p.y;
      clampView();
      canvas.classList.add('dragging');
      frame(anim.time);
    });
    canvas.addEventListener('pointerup', (ev) => {
      if (!drag) return;
      const click = !drag.moved;
      drag = null;
      canvas.classList.remove('dragging');
      if (click) { const p = pointer(ev); pick(p.x, p.y); }
    });
    reset.addEventListener('click', () => { view.k = 1; view.x = 0; view.y = 0; frame(anim.time); });

    const nameOfElement = (id) => { const e = L.byId[id]; return e ? e.name || id : id; };
    // A vehicle's story: its class and route, then each stage or yard it visited.
    function showVehicle(v) {
      const cls = sc.classes.find((c) => c.id === v.cls);
      const route = sc.routes.find((r) => r.id === v.route);
      anim.selected = { vehicle: v.id, cls: v.cls, route: v.route };
      const rows = v.visits.map((x) => el('tr', null, el('td', { text: nameOfElement(x.el) }), el('td', { text: clockText(x.q, sc.start_weekday || 0) }),
        el('td', { text: fmtDuration(x.s - x.q) }), el('td', { text: fmtDuration(x.e - x.s) }), el('td', { text: x.out || '' })));
      info.replaceChildren(
        el('h4', { text: `Vehicle ${v.id}: ${cls ? cls.name : v.cls} · route ${route ? route.name : v.route}` }),
        el('p', { class: 'sub', text: v.fromYard ? `takes its cargo on at ${nameOfElement(v.fromYard)}` : `class ${v.cls}, route ${v.route}` }),
        el('table', { class: 'figures' }, el('tr', null, ...['stage or yard', 'joined the queue', 'waited', 'served for', 'outcome'].map((h) => el('th', { text: h }))), ...rows));
      frame(anim.time);
    }
    // The share of replications in which a stage, yard or holding area was saturated (0 when
    // the document has no verdict for it).
    function saturatedShare(e) {
      const list = e.kind === 'stage' ? doc.stages : e.kind === 'yard' ? doc.yards : doc.holding;
      const f = (list || []).find((x) => x.id === e.id);
      return f && f.saturated && finite(f.saturated.mean) ? f.saturated.mean : 0;
    }
    // A stage's or yard's figures, from the document.
    function showElement(e) {
      const list = e.kind === 'stage' ? doc.stages : doc.yards;
      const f = (list || []).find((x) => x.id === e.id);
      anim.selected = { element: e.id };
      const lines = [];
      if (f && e.kind === 'stage') {
        lines.push(`wait ${fmtInterval(f.wait_mean, 's')} (p95 ${fmtValue(f.wait_p95 && f.wait_p95.mean, 's')})`);
        lines.push(`queue ${fmtInterval(f.queue_mean, '')} vehicles`, `utilisation ${fmtInterval(f.utilisation, 'share')}`);
        if (f.service_mean) lines.push(`service ${fmtInterval(f.service_mean, 's')}`);
        if (f.served) lines.push(`served ${fmtInterval(f.served, '')}`);
      } else if (f) {
        lines.push(`utilisation ${fmtInterval(f.utilisation, 'share')}`, `wait p95 ${fmtInterval(f.wait_p95, 's')}`);
      } else {
        lines.push('no figures stored for it in this run');
      }
      const what = e.kind === 'stage' ? `${e.lanes} lane${e.lanes === 1 ? '' : 's'}` : `${e.bays} bays, ${e.parking} parking places`;
      info.replaceChildren(el('h4', { text: `${e.name || e.id} (${what})${f ? saturatedLabel(f) : ''}` }), ...lines.map((t) => el('p', { class: 'sub', text: t })));
      frame(anim.time);
    }
    function pick(sx, sy) {
      const w = toWorld(sx, sy);
      let best = null, bd = (6 / view.k) ** 2;  // within 6 screen pixels
      for (const d of lastDots) {
        const dd = (d.x - w.x) ** 2 + (d.y - w.y) ** 2;
        if (dd < bd) { bd = dd; best = d; }
      }
      if (best) return showVehicle(best.v);
      const box = Object.values(geo.boxes).find((b) => (b.e.kind === 'stage' || b.e.kind === 'yard') && w.x >= b.x && w.x <= b.x + b.w && w.y >= b.y && w.y <= b.y + b.h);
      if (box) return showElement(box.e);
      return null;
    }
    // For tests (not enumerable, so copies of the state leave them out): the vehicles drawn and
    // the boxes, in canvas pixels of the current view.
    Object.defineProperty(anim, 'probe', {
      enumerable: false,
      value: {
        dots: () => lastDots.filter((d) => finite(d.x) && finite(d.y)).map((d) => ({ ...toScreen(d.x, d.y), id: d.v.id, cls: d.v.cls, route: d.v.route })),
        box: (id) => { const b = geo.boxes[id]; if (!b) return null; const a = toScreen(b.x, b.y); return { x: a.x, y: a.y, w: b.w * view.k, h: b.h * view.k }; },
        saturated: () => (geo.saturated || []).slice().sort(),
      },
    });

    let last = null;
    const tick = (now) => {
      if (!anim.playing) { last = null; return; }
      if (last !== null) {
        const dt = Math.min(0.25, (now - last) / 1000);
        let t = anim.time + dt * anim.speed;
        if (t >= anim.end) { t = anim.end; setPlaying(false); }
        frame(t);
      }
      last = now;
      if (anim.playing) requestAnimationFrame(tick);
    };
    function setPlaying(on) {
      anim.playing = on;
      play.textContent = on ? '❚❚ Pause' : '▶ Play';
      play.classList.toggle('paused', !on);
      if (on) { if (anim.time >= anim.end) frame(anim.start); requestAnimationFrame(tick); }
    }
    play.addEventListener('click', () => setPlaying(!anim.playing));
    speed.addEventListener('change', () => { anim.speed = Number(speed.value); });
    seek.addEventListener('input', () => frame(anim.start + (Number(seek.value) / 1000) * (anim.end - anim.start)));
    anim.resize = () => { resize(); frame(anim.time); };
    resize();
    // Open after the warm-up (where the trace's window starts), at the busiest hour of the day
    // that follows, so the first picture shows the crossing at work.
    const warm = Math.min(Math.max(anim.start, (tr && tr.window_start) || 0), anim.end);
    let opening = warm, busiest = -1;
    for (let h = Math.floor(warm / 3600); h < Math.floor(warm / 3600) + 24 && h * 3600 < anim.end; h++) {
      const n = (buckets.get(h) || []).length;
      if (n > busiest) { busiest = n; opening = Math.max(warm, h * 3600); }
    }
    anim.opening = opening;
    frame(opening);
  }

  // ---------------------------------------------------------------------------------------
  // Page
  // ---------------------------------------------------------------------------------------
  // Draws every section the document calls for into target.main, listing them in target.toc.
  function draw(doc) {
    state.doc = doc;
    const toc = target.toc || el('nav');
    guard('header', () => renderHeader(doc));
    guard('summary', () => renderSummary(doc, toc));
    guard('throughput', () => renderThroughput(doc, toc));
    guard('sweep', () => renderSweep(doc, toc));
    guard('sweep by hour', () => renderSweepHourly(doc, toc));
    guard('capacity', () => renderCapacity(doc, toc));
    guard('compare', () => renderCompare(doc, toc));
    guard('compare by hour', () => renderCompareHourly(doc, toc));
    guard('calibration', () => renderCalibration(doc, toc));
    guard('hourly', () => renderHourly(doc, toc));
    guard('heatmap', () => renderHeatmap(doc, toc));
    guard('time in system', () => renderTimeInSystem(doc, toc));
    guard('rail', () => renderRail(doc, toc));
    guard('animation', () => buildAnimation(doc, target.main, toc));
    state.ready = true;
  }

  // Charts and the replay follow the window's width (one listener, whatever was drawn last).
  let resizing = false;
  function followResize() {
    if (resizing) return;
    resizing = true;
    let pending = null;
    window.addEventListener('resize', () => {
      clearTimeout(pending);
      pending = setTimeout(() => {
        state.charts.forEach((c) => c.resize && guard(`resize ${c.id}`, c.resize));
        if (state.animation && state.animation.resize) guard('resize animation', state.animation.resize);
      }, 150);
    });
  }

  // Draws `doc` into `container` (emptied first), replacing the previous drawing: its charts are
  // destroyed and its replay stopped. Returns window.__report.
  function render(doc, container, parts) {
    if (state.animation) state.animation.playing = false;
    for (const c of state.charts) if (c.plot) guard(`destroy ${c.id}`, () => c.plot.destroy());
    Object.assign(state, { doc: null, charts: [], animation: null, ready: false, errors: [] });
    const p = parts || {};
    container.replaceChildren();
    if (p.toc) p.toc.replaceChildren();
    target = { main: container, toc: p.toc || null, title: p.title || null, subtitle: p.subtitle || null, generator: p.generator || null };
    draw(doc);
    followResize();
    return state;
  }
  window.tumenReport = { render };

  // The report page: its document is in #report-data. Pages without one (the workbench) draw
  // through render().
  function main() {
    const node = document.getElementById('report-data');
    if (!node) return;
    const doc = JSON.parse(node.textContent);
    const $ = (id) => document.getElementById(id);
    target = { main: $('report'), toc: $('toc'), title: $('title'), subtitle: $('subtitle'), generator: $('generator') };
    draw(doc);
    followResize();
    document.body.setAttribute('data-ready', state.errors.length ? 'errors' : 'yes');
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
  else main();
})();
