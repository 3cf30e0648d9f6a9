// End-to-end test of the HTML report in a real browser (ctest: report_browser, label browser).
//
// Makes reports with the tumen program from small runs — M/M/1 with 3 replications through the
// results database, the Khasan–Tumangang crossing with a trace for the animation, a sweep and a
// capacity search — opens each in Debian's Chromium through playwright-core, and checks:
//   * every chart drew the number of marks (points, cells, rows) its data implies, counted here
//     from the report's own JSON, independently of the page's script, and put ink on its canvas;
//   * every section the data calls for is there (one hourly chart per stage and series, …);
//   * the animation's clock advances when Play is pressed, and vehicles appear;
//   * the hourly wait charts leave the late-day outliers out of their scale and mark them, and
//     hovering an hourly chart shows the document's values; clicking a vehicle of the replay
//     tells its class and route, clicking a stage its figures; zoom, pan and reset work;
//   * no console errors, no page errors, and no network request at all (every request other
//     than the file itself is aborted and counted as a failure).
// Screenshots go to the artefacts folder. Exit status 0 when all pass, 1 otherwise, 77 (skip)
// when /usr/bin/chromium is missing and TUMEN_REQUIRE_BROWSER is not 1.
//
//   node tests/report/browser_test.mjs --tumen build/bin/tumen --node-modules build/report/node_modules \
//        --work build/tests/report/browser --artifacts build/test-artifacts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CHROMIUM = process.env.TUMEN_CHROMIUM || '/usr/bin/chromium';

function args(argv) {
  const out = {};
  for (let i = 2; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const k of ['tumen', 'node-modules', 'work', 'artifacts']) {
    if (!out[k]) throw new Error(`missing --${k}`);
    out[k] = path.resolve(out[k]);
  }
  return out;
}

const a = args(process.argv);
if (!fs.existsSync(CHROMIUM)) {
  const msg = `${CHROMIUM} is missing: install it with TUMEN_WITH_BROWSER=1 scripts/install-deps.sh`;
  if (process.env.TUMEN_REQUIRE_BROWSER === '1') {
    console.error(`report_browser: ${msg}`);
    process.exit(1);
  }
  console.log(`report_browser: skipped (${msg})`);
  process.exit(77);
}
const require = createRequire(path.join(path.resolve(a['node-modules']), 'noop.js'));
const { chromium } = require('playwright-core');

let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) passed++;
  else { failed++; console.error(`FAIL: ${what}`); }
}

const finite = (x) => typeof x === 'number' && Number.isFinite(x);
const countFinite = (arr) => (arr || []).filter(finite).length;

function tumen(...argv) {
  execFileSync(a.tumen, argv, { cwd: a.work, stdio: ['ignore', 'ignore', 'inherit'] });
}

// ---- the reports ----
fs.rmSync(a.work, { recursive: true, force: true });
fs.mkdirSync(a.work, { recursive: true });
fs.mkdirSync(a.artifacts, { recursive: true });
const t0 = Date.now();
tumen('run', 'reference/mm1', '-r', '3', '--days', '20', '--db', 'mm1.db', '-q');
tumen('report', 'mm1.db', '-o', 'mm1.html', '-q');
tumen('run', '--days', '10', '--trace', 'khasan-trace.csv', '--db', 'khasan.db', '--report', 'khasan-run.html', '-q');
// A study of three replications that traces the second (issue 13): its page replays replication 1.
tumen('run', 'reference/mm1', '-r', '3', '--days', '5', '--trace', 'study-trace.csv', '--trace-replication', '1', '--no-db', '--report', 'study.html', '-q');
tumen('report', 'khasan.db', '--trace', 'khasan-trace.csv', '--trace-days', '3', '-o', 'khasan.html', '-q');
// At 1.5 times its demand the one-lane point (the last, so not the one the page details) is
// overloaded (ρ = 1.25): its verdict is saturated, and its warnings must reach the page.
tumen('sweep', 'reference/mm1', '--vary', 'stages.server.lanes=3,2,1', '-r', '3', '--set', 'run.days=5', '--set', 'run.demand_scale=1.5', '--db', 'sweep.db', '-q');
tumen('report', 'sweep.db', '-o', 'sweep.html', '-q');
tumen('capacity', 'reference/mm1', '--target', 'p95_wait <= 15 min', '-r', '3', '--set', 'run.days=5', '--db', 'capacity.db', '-q');
tumen('report', 'capacity.db', '-o', 'capacity.html', '-q');
tumen('compare', 'reference/mm3', '--a-set', 'stages.server.lanes=3', '--b-set', 'stages.server.lanes=4', '-r', '3', '--set', 'run.days=5', '--db', 'compare.db', '-q');
tumen('report', 'compare.db', '-o', 'compare.html', '-q');
// The crossing at three times its demand: saturated stages and yards, which the replay outlines.
tumen('run', '--days', '10', '--set', 'run.demand_scale=3', '--trace', 'saturated-trace.csv', '--no-db', '--report', 'saturated.html', '-q');
// A calibration against observations tumen gave at known values (tests/data/calibration): the page
// shows the fit, observed against simulated, and details the best evaluation.
const calibration = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'data', 'calibration');
tumen('calibrate', path.join(calibration, 'two_booths.toml'), '--observed', path.join(calibration, 'two_booths_observed.csv'),
  '--fit', 'stages.booth.service_scale=0.5..2', '--fit', 'run.demand_scale=0.5..1.5', '-r', '3', '--set', 'run.days=10',
  '--max-evaluations', '12', '--db', 'calibrate.db', '-q');
tumen('report', 'calibrate.db', '-o', 'calibrate.html', '-q');
console.log(`report_browser: reports made in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

// ---- what each chart must show, from the document alone ----
// The rail charts: per direction, each replication's tonnes and persons a day; per rail element,
// each replication's mean wait. key → the value arrays it plots.
function railSeries(doc) {
  const out = {};
  if (!doc.rail) return out;
  for (const key of ['tonnes_per_day', 'persons_per_day'])
    out[key] = doc.rail.directions.map((d) => (d[key] && d[key].values) || []);
  out.waits = [...doc.rail.stations, ...doc.rail.bridges, ...doc.rail.gauge_changes].map((e) => (e.wait_mean && e.wait_mean.values) || []);
  for (const k of Object.keys(out)) if (!out[k].some((v) => countFinite(v) > 0)) delete out[k];
  return out;
}

function expectedMarks(doc, chart) {
  switch (chart.kind) {
    case 'hourly': {
      const [stage, series] = chart.key.split('/');
      const st = doc.stages.find((s) => s.id === stage);
      const mean = (st && st.hourly[series] && st.hourly[series].mean) || [];
      // hours nobody joined in have no mean wait (a gap in the line, not zero)
      const arrivals = series === 'wait_mean' && st.hourly.arrivals_per_day && st.hourly.arrivals_per_day.mean;
      return countFinite(arrivals ? mean.map((x, i) => (finite(arrivals[i]) && arrivals[i] <= 0 ? null : x)) : mean);
    }
    case 'hourly_capacity': {
      // a point for each hour's arrivals and each hour's capacity
      const h = (doc.stages.find((s) => s.id === chart.key) || { hourly: {} }).hourly;
      return countFinite(h.arrivals_per_day && h.arrivals_per_day.mean) + countFinite(h.capacity && h.capacity.mean);
    }
    case 'throughput': return countFinite((doc.throughput.find((t) => t.metric === chart.key) || {}).values);
    case 'heatmap': {
      let n = 0;
      for (const s of doc.stages) if (s.hourly.utilisation) n += countFinite(s.hourly.utilisation.mean);
      for (const y of doc.yards) if (y.hourly.utilisation) n += countFinite(y.hourly.utilisation.mean);
      return n;
    }
    case 'time_in_system':
      return doc.time_in_system.reduce((n, f) => n + f.stats.filter((x) => finite(x.mean) && x.mean > 0).length, 0);
    case 'sweep': {
      const m = doc.sweep.metrics.find((x) => x.metric === chart.key);
      return m ? m.series.reduce((n, g) => n + countFinite(g.mean), 0) : -1;
    }
    case 'capacity': {
      const c = doc.capacity.charts.find((x) => x.metric === chart.key);
      // on a log scale, points at zero cannot be drawn
      return c ? c.values.mean.filter((v) => finite(v) && (!c.log_scale || v > 0)).length : -1;
    }
    case 'rail': {
      const series = railSeries(doc)[chart.key];
      return series ? series.reduce((n, v) => n + countFinite(v), 0) : -1;
    }
    case 'compare_hourly': {
      // both sides' hourly means: A's points and B's
      const [stage, series] = chart.key.split('/');
      const c = (doc.compare.hourly.find((s) => s.id === stage) || {})[series];
      return c ? countFinite(c.a && c.a.mean) + countFinite(c.b && c.b.mean) : -1;
    }
    case 'compare': return doc.compare.rows.filter((r) => finite(r.a) && r.a !== 0 && finite(r.mean)).slice(0, 60).length;
    case 'sweep_hourly': {
      const st = doc.sweep.hourly.find((x) => x.id === chart.key);
      // an hour nobody joined at a point is a gap in that point's line
      return st ? st.points.reduce((n, p) => n + countFinite((p.wait_mean || []).map((x, h) => (p.arrivals && finite(p.arrivals[h]) && p.arrivals[h] <= 0 ? null : x))), 0) : -1;
    }
    case 'calibration': {
      const sr = doc.calibration.series.find((x) => x.series === chart.key);
      return sr ? sr.hours.filter((h) => finite(h.observed)).length + sr.hours.filter((h) => finite(h.simulated)).length : -1;
    }
    default: return -1;
  }
}

// The charts the document calls for, as kind → count.
function expectedCharts(doc) {
  const want = {};
  const add = (k, n = 1) => { if (n > 0) want[k] = (want[k] || 0) + n; };
  add('throughput', doc.throughput.length);
  for (const s of doc.stages) for (const series of ['queue_mean', 'wait_mean']) if (s.hourly[series]) add('hourly');
  for (const s of doc.stages) if (s.hourly.arrivals_per_day) add('hourly_capacity');
  if (doc.stages.some((s) => s.hourly.utilisation) || doc.yards.some((y) => y.hourly.utilisation)) add('heatmap');
  if (doc.time_in_system.some((f) => f.stats.length)) add('time_in_system');
  if (doc.sweep) add('sweep', doc.sweep.metrics.length);
  if (doc.sweep) add('sweep_hourly', (doc.sweep.hourly || []).length);
  if (doc.capacity) add('capacity', doc.capacity.charts.length);
  if (doc.compare) add('compare');
  if (doc.compare) for (const s of doc.compare.hourly) for (const series of ['queue_mean', 'wait_mean']) if (s[series]) add('compare_hourly');
  if (doc.calibration) add('calibration', doc.calibration.series.length);
  add('rail', Object.keys(railSeries(doc)).length);
  return want;
}


// An hourly wait series as the page plots it, in seconds: hours nobody joined in are gaps.
function waitSeconds(st) {
  const arrivals = st.hourly.arrivals_per_day && st.hourly.arrivals_per_day.mean;
  return st.hourly.wait_mean.mean.map((x, i) => (arrivals && finite(arrivals[i]) && arrivals[i] <= 0 ? null : x));
}

// Whether the largest hourly mean wait is an outlier the wait chart's scale leaves out: above
// 3 × the 75th percentile of the hourly means and above 15 minutes (the rule report.js states),
// with 4 hours or more.
function waitOutlier(means) {
  const v = means.filter(finite).sort((x, y) => x - y);
  if (v.length < 4) return false;
  return v[v.length - 1] > Math.max(900, v[Math.ceil(0.75 * v.length) - 1] * 3);
}

// A number as the page writes it ("4.2", "1,234") and how far its rounding may move it.
function parseShown(text) {
  const t = text.replace(/,/g, '');
  const dot = t.indexOf('.');
  return { value: Number(t), tolerance: 0.5 * 10 ** -(dot < 0 ? 0 : t.length - dot - 1) + 1e-9 };
}
const SECONDS = { s: 1, min: 60, h: 3600 };

// Moves the mouse over hour h of the chart `id` and returns the hover text.
async function hoverHour(page, id, h) {
  await page.locator(`#${id}`).scrollIntoViewIfNeeded();
  const at = await page.evaluate(([cid, hour]) => {
    const u = window.__report.charts.find((c) => c.id === cid).plot;
    const r = u.over.getBoundingClientRect();
    return { x: r.left + Math.min(u.valToPos(hour, 'x'), r.width - 2), y: r.top + r.height / 2 };
  }, [id, h]);
  await page.mouse.move(at.x, at.y);
  const tip = page.locator(`#${id} .tip`);
  return (await tip.isVisible()) ? tip.innerText() : '';
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumen-chromium-'));
const context = await chromium.launchPersistentContext(dir, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// The replay's shapes, clicks, zoom and pan (issue 13), at the frame the page shows now.
async function checkReplayControls(page, doc, name) {
  // every stage and yard whose verdict was saturated is outlined as such, and no other
  const drawn = await page.evaluate(() => window.__report.animation.probe.saturated());
  const expected = [...(doc.stages || []), ...(doc.yards || [])]
    .filter((e) => e.saturated && finite(e.saturated.mean) && e.saturated.mean > 0).map((e) => e.id).sort();
  check(JSON.stringify(drawn) === JSON.stringify(expected),
    `${name}: the replay outlines the saturated elements [${drawn.join(', ')}], the document has [${expected.join(', ')}]`);
  if (name === 'saturated') check(expected.length > 0, `${name}: at three times its demand some element is saturated`);
  // a shape for every class in the legend, as the document names it
  const shapes = await page.locator('#animation .shape-key').evaluateAll((ks) => ks.map((k) => k.getAttribute('data-shape')));
  check(JSON.stringify(shapes) === JSON.stringify(doc.scenario.classes.map((c) => c.shape)) && shapes.every((x) => ['car', 'bus', 'truck'].includes(x)),
    `${name}: the legend draws the classes' shapes ${JSON.stringify(shapes)}`);
  if (name.startsWith('khasan')) {
    const shapeOf = Object.fromEntries(doc.scenario.classes.map((c) => [c.id, c.shape]));
    check(shapeOf.car === 'car' && shapeOf.bus === 'bus' && shapeOf.truck === 'truck' && shapeOf.truck_empty === 'truck',
      `${name}: car, bus and trucks (the empty one too) get their shapes: ${JSON.stringify(shapeOf)}`);
  }
  const canvas = page.locator('#anim-canvas');
  // click a vehicle with no other within 10 px: the panel tells its class, route and visits
  const dots = await page.evaluate(() => window.__report.animation.probe.dots());
  const lone = dots.find((d) => d.x > 10 && d.y > 10 && dots.every((o) => o === d || Math.hypot(o.x - d.x, o.y - d.y) > 10));
  check(lone, `${name}: a vehicle stands apart to click (${dots.length} drawn)`);
  if (lone) {
    await canvas.click({ position: { x: lone.x, y: lone.y } });
    const sel = await page.evaluate(() => window.__report.animation.selected);
    const c = doc.trace.columns;
    const rows = [];
    for (let i = 0; i < c.vehicle.length; i++) if (c.vehicle[i] === lone.id) rows.push(i);
    const cls = doc.scenario.classes.find((x) => x.id === doc.trace.classes[c.class[rows[0]]]);
    const route = doc.scenario.routes.find((x) => x.id === doc.trace.directions[c.direction[rows[0]]]);
    const text = await page.locator('#anim-info').innerText();
    check(sel && sel.vehicle === lone.id && text.includes(cls.name) && text.includes(route.name),
      `${name}: clicking vehicle ${lone.id} shows its class "${cls.name}" and route "${route.name}": ${text.slice(0, 160)}`);
    const visits = await page.locator('#anim-info table tr').count();
    check(visits === rows.length + 1, `${name}: its story lists ${visits - 1} visits, the trace has ${rows.length}`);
  }
  // click a stage's box (its label strip): the panel shows its figures from the document
  const st = doc.stages.find((x) => x.utilisation && finite(x.utilisation.mean));
  const box = await page.evaluate((id) => window.__report.animation.probe.box(id), st.id);
  await canvas.click({ position: { x: box.x + box.w / 2, y: box.y + 4 } });
  const stText = await page.locator('#anim-info').innerText();
  check(stText.includes(st.name) && stText.includes(`utilisation ${(st.utilisation.mean * 100).toFixed(1)} %`),
    `${name}: clicking stage ${st.id} shows its name and utilisation ${(st.utilisation.mean * 100).toFixed(1)} %: ${stText.slice(0, 200)}`);
  // zoom around the pointer, pan by dragging, and reset
  const view0 = await page.evaluate(() => ({ ...window.__report.animation.view }));
  check(view0.k === 1 && view0.x === 0 && view0.y === 0, `${name}: the replay opens unzoomed`);
  const bb = await canvas.boundingBox();
  const px = bb.x + bb.width * 0.55, py = Math.max(bb.y, 0) + 120;
  await page.mouse.move(px, py);
  await page.mouse.wheel(0, -600);
  await page.waitForTimeout(100);
  const zoomed = await page.evaluate(() => ({ view: { ...window.__report.animation.view }, frames: window.__report.animation.frames }));
  const z = zoomed.view;
  const world = (v) => ({ x: (px - bb.x - v.x) / v.k, y: (py - bb.y - v.y) / v.k });
  const w0 = world(view0), w1 = world(z);
  check(z.k > 1.5 && Math.hypot(w0.x - w1.x, w0.y - w1.y) < 1, `${name}: the wheel zooms ${z.k.toFixed(2)}× around the pointer (the point under it moved ${Math.hypot(w0.x - w1.x, w0.y - w1.y).toFixed(2)} px)`);
  const box1 = await page.evaluate((id) => window.__report.animation.probe.box(id), st.id);
  check(Math.abs(box1.w - box.w * z.k) < 0.01, `${name}: zoomed, the stage box is ${box1.w.toFixed(1)} px wide, ${z.k.toFixed(2)} × ${box.w.toFixed(1)}`);
  await page.locator('#animation').screenshot({ path: path.join(a.artifacts, `report-${name}-replay-zoomed.png`) });
  await page.mouse.move(px, py);
  await page.mouse.down();
  await page.mouse.move(px - 60, py - 20, { steps: 4 });
  await page.mouse.up();
  const panned = await page.evaluate(() => ({ ...window.__report.animation.view }));
  check(panned.k === z.k && (panned.x !== z.x || panned.y !== z.y), `${name}: dragging pans the view (${z.x.toFixed(0)},${z.y.toFixed(0)} → ${panned.x.toFixed(0)},${panned.y.toFixed(0)})`);
  await page.locator('#anim-reset').click();
  const back = await page.evaluate(() => ({ ...window.__report.animation.view }));
  const box2 = await page.evaluate((id) => window.__report.animation.probe.box(id), st.id);
  check(back.k === 1 && back.x === 0 && back.y === 0 && JSON.stringify(box2) === JSON.stringify(box), `${name}: Reset view restores the whole crossing`);
}

async function openReport(name, { animate }) {
  const file = path.join(a.work, `${name}.html`);
  const url = pathToFileURL(file).href;
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  await page.route('**/*', (route) => {
    const u = route.request().url();
    requests.push(u);
    if (u === url) return route.continue();
    problems.push(`request to ${u}`);
    return route.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    else if (m.type() === 'warning') console.log(`report_browser: ${name}: console warning: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => { if (r.url() !== url) problems.push(`failed request: ${r.url()}`); });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__report && window.__report.ready, null, { timeout: 20000 });
  await page.waitForFunction(() => window.__report.charts.every((c) => c.drawn), null, { timeout: 20000 });
  const { doc, charts, errors } = await page.evaluate(() => ({
    doc: window.__report.doc,
    charts: (() => {
      const ink = window.__report.ink();
      return window.__report.charts.map((c) => ({ id: c.id, kind: c.kind, key: c.key, marks: c.marks, expected: c.expected, ink: ink[c.id], hatchedYardCells: c.hatchedYardCells, significantHours: c.significantHours }));
    })(),
    errors: window.__report.errors,
  }));
  check(errors.length === 0, `${name}: the page reported errors: ${errors.join('; ')}`);

  // every chart the data calls for, each with the marks its data implies
  const want = expectedCharts(doc);
  const have = {};
  for (const c of charts) have[c.kind] = (have[c.kind] || 0) + 1;
  check(JSON.stringify(Object.entries(have).sort()) === JSON.stringify(Object.entries(want).sort()),
    `${name}: charts present ${JSON.stringify(have)}, the data calls for ${JSON.stringify(want)}`);
  let marks = 0;
  for (const c of charts) {
    const exp = expectedMarks(doc, c);
    check(exp > 0, `${name}: ${c.kind} ${c.key} has data to draw (expected ${exp})`);
    check(c.marks === exp, `${name}: ${c.kind} ${c.key} drew ${c.marks} marks, its data implies ${exp}`);
    check(c.ink > 0, `${name}: ${c.kind} ${c.key} left its plot area blank`);
    marks += c.marks;
  }
  // the summary and the headline are on the page
  const summaryText = await page.locator('#summary').innerText();
  check(doc.summary.length > 0 && summaryText.includes(doc.summary[0]), `${name}: the summary in words is shown`);
  // The hourly charts (issue 13): readable wait scales, values on hover, arrivals against capacity.
  const hourlyInfo = await page.evaluate(() => window.__report.charts.filter((c) => c.kind === 'hourly' || c.kind === 'hourly_capacity')
    .map((c) => ({ id: c.id, kind: c.kind, key: c.key, yMax: c.yMax, unitSeconds: c.unitSeconds, clipped: c.clipped })));
  let clippedCharts = 0, hovered = 0;
  for (const c of hourlyInfo.filter((x) => x.kind === 'hourly' && x.key.endsWith('/wait_mean'))) {
    const st = doc.stages.find((x) => x.id === c.key.split('/')[0]);
    const means = waitSeconds(st);
    const top = c.yMax * c.unitSeconds;
    const largest = Math.max(...means.filter(finite));
    const above = means.map((x, i) => (finite(x) && x > top ? i : -1)).filter((i) => i >= 0);
    if (waitOutlier(means)) {
      clippedCharts++;
      check(top < largest, `${name}: ${c.key}: the scale's top ${top.toFixed(0)} s is below the outlying hourly mean ${largest.toFixed(0)} s`);
      check(above.length > 0 && JSON.stringify(c.clipped) === JSON.stringify(above),
        `${name}: ${c.key}: hours ${JSON.stringify(c.clipped)} are marked at the top edge, the hours above the scale are ${JSON.stringify(above)}`);
    } else {
      check(top >= largest && c.clipped.length === 0, `${name}: ${c.key}: with no outlier the scale (${top.toFixed(0)} s) shows every hour (largest ${largest.toFixed(0)} s), none marked`);
    }
    // hover the busiest hour (the most arrivals; not the edge hours, a pixel or two wide on a
    // narrow chart) and read its mean wait and interval
    const arr = st.hourly.arrivals_per_day.mean.map((x, i) => (i > 0 && i < 23 ? x : null));
    const h = arr.indexOf(Math.max(...arr.filter(finite)));
    if (!finite(means[h])) continue;
    const text = await hoverHour(page, c.id, h);
    // the interval follows when the document has one (not with a single replication)
    const m = /^(\d\d):00–(\d\d):00: mean ([\d.,]+) (s|min|h)( \(95 % (-?[\d.,]+)–(-?[\d.,]+)\))?$/.exec(text);
    const shown = m && parseShown(m[3]);
    const band = finite(st.hourly.wait_mean.low[h]) && finite(st.hourly.wait_mean.high[h]);
    const lo = m && m[5] && parseShown(m[6]);
    check(m && Number(m[1]) === h && Number(m[2]) === h + 1 && Math.abs(shown.value - means[h] / SECONDS[m[4]]) <= shown.tolerance &&
      (band ? lo && Math.abs(lo.value - st.hourly.wait_mean.low[h] / SECONDS[m[4]]) <= lo.tolerance : !m[5]),
      `${name}: hovering ${c.key} at ${h}:00 shows "${text}", the document's mean is ${means[h]} s`);
    hovered++;
  }
  if (name === 'khasan') check(clippedCharts > 0, `${name}: some stage's late-day waits are outliers the wait scale leaves out (${clippedCharts})`);
  if (doc.stages.some((st) => st.hourly.wait_mean)) check(hovered > 0, `${name}: hover was checked on ${hovered} wait charts`);
  for (const c of hourlyInfo.filter((x) => x.kind === 'hourly_capacity').slice(0, 3)) {
    const st = doc.stages.find((x) => x.id === c.key);
    check(st.hourly.capacity && countFinite(st.hourly.capacity.mean) === 24, `${name}: ${c.key}: the document gives the capacity of every hour`);
    const cap = st.hourly.capacity.mean, arr = st.hourly.arrivals_per_day.mean;
    const lanes = st.hourly.open_lanes.mean;
    check(Math.abs(cap[12] - (lanes[12] * 3600) / st.service_mean.mean) < 1e-6 * Math.max(1, cap[12]),
      `${name}: ${c.key}: capacity at noon ${cap[12]} = open lanes ${lanes[12]} × 3600 / mean service ${st.service_mean.mean}`);
    const text = await hoverHour(page, c.id, 12);
    const m = /^12:00–13:00: arrivals ([\d.,]+)( \(95 % -?[\d.,]+–-?[\d.,]+\))? · capacity ([\d.,]+) vehicles\/h$/.exec(text);
    const a1 = m && parseShown(m[1]), c1 = m && parseShown(m[3]);
    check(m && Math.abs(a1.value - arr[12]) <= a1.tolerance && Math.abs(c1.value - cap[12]) <= c1.tolerance,
      `${name}: hovering ${c.key}'s arrivals at noon shows "${text}", the document has arrivals ${arr[12]} and capacity ${cap[12]}`);
  }

  const warnings = await page.locator('#warnings li').count();
  check(warnings === doc.warnings.length, `${name}: ${warnings} warnings shown, the document holds ${doc.warnings.length}`);

  // every sweep point's warnings are on the page, not only the detailed point's (issue 13)
  if (doc.sweep) {
    const shown = doc.point.index;
    const others = doc.sweep.points.filter((p) => p.saturated > 0 && p.point !== shown);
    check(others.every((p) => doc.warnings.some((w) => w.point === p.point)),
      `${name}: every saturated point other than the detailed one (${others.map((p) => p.point).join(', ')}) has its warnings`);
    if (name === 'sweep') check(others.length > 0, `${name}: the test sweep has a saturated point besides the detailed one`);
  }
  // the heat map hatches the hours a yard is closed on every weekday, as a stage's (issue 13)
  const heat = charts.find((c) => c.kind === 'heatmap');
  if (heat) {
    let closed = 0;
    for (const y of doc.yards || []) {
      const def = ((doc.scenario && doc.scenario.yards) || []).find((d) => d.id === y.id);
      if (!y.hourly.utilisation || !def || !def.hours) continue;
      for (let h = 0; h < 24; h++)
        if (!def.hours.some((spans) => spans.some(([a, b]) => a < (h + 1) * 3600 && b > h * 3600))) closed++;
    }
    check(heat.hatchedYardCells === closed, `${name}: ${heat.hatchedYardCells} yard hours hatched on the heat map, the yards' hours close ${closed}`);
    if (name === 'khasan') check(closed > 0, `${name}: the crossing's yards close at night`);
  }
  // a calibration shows its fit, and details its best evaluation (issue 11)
  // a sweep's waits by hour, every point: a saturated point whose waits are above every other
  // point's is left out of the scale and named as above it, so the others stay readable
  if (doc.sweep && (doc.sweep.hourly || []).length) {
    for (const st of doc.sweep.hourly) {
      const sat = st.points.filter((p) => (doc.sweep.points.find((q) => q.point === p.point) || {}).saturated > 0);
      const rest = st.points.filter((p) => !sat.includes(p));
      const highest = Math.max(0, ...rest.flatMap((p) => (p.wait_mean || []).filter(finite)));
      const sub = await page.locator(`[data-chart-kind=sweep_hourly] h4:has-text("${st.name}") + p.sub`).innerText().catch(() => '');
      for (const p of sat) {
        if (Math.min(...(p.wait_mean || []).filter(finite)) <= 1.5 * highest) continue;
        check(sub.includes(p.label), `${name}: the hourly chart of ${st.id} names the saturated point "${p.label}" as above its scale: "${sub}"`);
      }
      if (name === 'sweep') check(sat.length > 0 && sub.length > 0, `${name}: its one-lane point is saturated and named above the scale of ${st.id}`);
    }
  }
  if (doc.calibration) {
    const text = await page.locator('body').innerText();
    check(text.includes('Calibration: observed against simulated') && doc.calibration.parameters.every((p) => text.includes(p.key)),
      `${name}: the page shows the calibration and names every fitted parameter`);
    check(doc.point.index === doc.calibration.best_evaluation && doc.sweep === null,
      `${name}: the page details the best evaluation (point ${doc.point.index} of best ${doc.calibration.best_evaluation}), not a sweep`);
  }
  // a comparison names its sides as they were run, not "A" and "B" (issue 13), and lists the
  // crossing's own figures (vehicles a day, the worst waits) before any element's, so the chart's
  // first 60 rows never drop them
  if (doc.compare) {
    const crossing = doc.compare.rows.map((r) => !r.metric.includes('.'));
    check(crossing.some((x) => x) && crossing.indexOf(false) === crossing.filter((x) => x).length,
      `${name}: the crossing's figures come first in the comparison (${doc.compare.rows.map((r) => r.metric).join(', ')})`);
    const text = await page.locator('body').innerText();
    check(doc.compare.a !== 'A' && doc.compare.b !== 'B' && text.includes(doc.compare.a) && text.includes(doc.compare.b),
      `${name}: the page names side A "${doc.compare.a}" and side B "${doc.compare.b}"`);
    // both sides by hour of day (issue 13): every stage, each side's 24 hours, and a marker on
    // each hour whose paired difference is significant
    const stages = doc.stages.map((s) => s.id);
    check(stages.length > 0 && stages.every((id) => doc.compare.hourly.some((s) => s.id === id)),
      `${name}: every stage (${stages.join(', ')}) is compared by hour of day`);
    for (const c of charts.filter((x) => x.kind === 'compare_hourly')) {
      const [stage, series] = c.key.split('/');
      const h = doc.compare.hourly.find((s) => s.id === stage)[series];
      check(countFinite(h.a.mean) === 24 && countFinite(h.b.mean) >= 20,
        `${name}: ${c.key} has both sides' hours (A ${countFinite(h.a.mean)}, B ${countFinite(h.b.mean)})`);
      const sig = h.difference.significant.filter((x, i) => x && finite(h.difference.mean[i])).length;
      check(c.significantHours === sig, `${name}: ${c.key} marks ${c.significantHours} hours as different, the data has ${sig}`);
    }
    // 3 lanes against 4 at the same demand: B's queues are shorter in some hour, significantly
    const queue = doc.compare.hourly[0].queue_mean.difference;
    check(queue.significant.some((x, i) => x && queue.mean[i] < 0), `${name}: B's shorter queue is significant in some hour`);
  }
  // a study's replay names the replication it shows (issue 13)
  if (name === 'study') {
    check(doc.trace && doc.trace.replication === 1, `${name}: the trace holds replication ${doc.trace && doc.trace.replication}, asked for 1`);
    const header = await page.locator('#animation').innerText();
    check(header.includes('replication 1'), `${name}: the replay's header names replication 1: ${header.slice(0, 300)}`);
  }
  // each class's waits on the card of every stage that several classes pass (issue 11)
  const multi = (doc.stages || []).filter((st) => st.by_class && st.by_class.length > 1);
  const byClass = await page.locator('.stage-card .by-class').count();
  check(byClass === multi.length, `${name}: ${byClass} stage cards show waits by class, the data has ${multi.length} such stages`);
  if (name === 'khasan') check(multi.length > 0, `${name}: the crossing's stages have waits by class`);

  // a sweep's points saturated in some replications: one note naming each (the charts ring them)
  if (doc.sweep) {
    const sat = doc.sweep.points.filter((p) => p.saturated > 0);
    const notes = page.locator('#sweep .saturated-points');
    check((await notes.count()) === (sat.length ? 1 : 0), `${name}: ${await notes.count()} notes on saturated points, the data has ${sat.length} such points`);
    if (sat.length) {
      const text = await notes.innerText();
      check(sat.every((p) => text.includes(p.label || `point ${p.point}`)), `${name}: the note names every saturated point: ${text}`);
    }
  }

  await page.screenshot({ path: path.join(a.artifacts, `report-${name}.png`), fullPage: true });

  let anim = null;
  if (animate) {
    const before = await page.evaluate(() => ({ ...window.__report.animation, resize: undefined }));
    check(before.vehicles > 0, `${name}: the animation has vehicles to replay (${before.vehicles})`);
    // The replay opens after the warm-up the statistics leave out (issue 13).
    const warmup = (doc.scenario && doc.scenario.warmup) || 0;
    check(doc.trace.window_start === warmup && before.time >= warmup && before.time === before.opening,
      `${name}: the replay opens at ${before.time} s, the trace's window at ${doc.trace.window_start} s, the warm-up ends at ${warmup} s`);
    await page.locator('#anim-speed').selectOption('3600');
    await page.locator('#anim-play').click();
    await page.waitForTimeout(1500);
    const playing = await page.evaluate(() => ({ ...window.__report.animation, resize: undefined }));
    check(playing.playing === true, `${name}: Play starts the animation`);
    check(playing.time > before.time + 600, `${name}: the clock advanced from ${before.time} to ${playing.time} s`);
    check(playing.frames > before.frames + 5, `${name}: frames were drawn while playing (${playing.frames - before.frames})`);
    const clock = await page.locator('#anim-clock').innerText();
    check(/^Day \d+ \(\w{3}\) \d\d:\d\d:\d\d$/.test(clock), `${name}: the clock reads "${clock}"`);
    await page.locator('#anim-play').click();
    const paused = await page.evaluate(() => window.__report.animation.playing);
    check(paused === false, `${name}: Pause stops it`);
    // Jump to mid-morning of the second day of the window, when the checkpoints are open and busy.
    await page.evaluate((from) => {
      const an = window.__report.animation;
      const seek = document.getElementById('anim-seek');
      const target = from + 86400 + 11 * 3600;
      seek.value = String(Math.round(((target - an.start) / (an.end - an.start)) * 1000));
      seek.dispatchEvent(new Event('input'));
    }, doc.trace.window_start || 0);
    anim = await page.evaluate(() => ({ ...window.__report.animation, resize: undefined }));
    check(anim.shown > 0 && anim.counters.inSystem > 0, `${name}: vehicles are on screen at ${anim.time} s (${anim.shown} dots, ${anim.counters.inSystem} inside)`);
    // Boxes are labelled with names, not ids (issue 13): each stage's label is the start of its
    // name (a label cut short ends in "…").
    for (const st of doc.scenario.stages || []) {
      const label = anim.labels && anim.labels[st.id];
      const stem = label ? label.replace(/…$/, '') : '';
      check(label && stem.length >= 3 && st.name.replace(/\s*\([^)]*\)\s*/g, ' ').trim().startsWith(stem) && (st.name === st.id || label !== st.id),
        `${name}: stage ${st.id} is labelled "${label}", from its name "${st.name}"`);
    }
    await checkReplayControls(page, doc, name);
    // Receiving trucks start at their transfer yard (issue 13): the page recognises them among the
    // trace's vehicles of a yard's receiving class, and over a day of frames none is ever drawn
    // beyond its yard (on the far side of the border) on its way to its first stage.
    const receiving = new Set((doc.scenario.yards || []).map((y) => y.receiving_class));
    if (receiving.size && doc.trace && doc.trace.columns) {
      const c = doc.trace.columns;
      const ids = new Set();
      for (let i = 0; i < c.vehicle.length; i++) if (receiving.has(doc.trace.classes[c.class[i]])) ids.add(c.vehicle[i]);
      check(anim.fromYardVehicles > 0 && anim.fromYardVehicles <= ids.size, `${name}: ${anim.fromYardVehicles} vehicles start at a yard, of ${ids.size} of a receiving class`);
      const seen = await page.evaluate(() => {
        const an = window.__report.animation;
        const seek = document.getElementById('anim-seek');
        let fromYard = 0, wrong = 0;
        for (let k = 0; k <= 1000; k += 5) {
          seek.value = String(k);
          seek.dispatchEvent(new Event('input'));
          fromYard += an.counters.fromYard;
          wrong += an.counters.fromYardWrong;
        }
        return { fromYard, wrong };
      });
      check(seen.fromYard > 0 && seen.wrong === 0, `${name}: receiving trucks drawn leaving their yard ${seen.fromYard} times, ${seen.wrong} times beyond it`);
    }
    if (doc.scenario && doc.scenario.rail) {
      // The rail line: every station, bridge and gauge-change yard drawn, and trains on it.
      const r = doc.scenario.rail;
      const elements = r.stations.length + r.bridges.length + r.gauge_changes.length;
      check(anim.rail && anim.rail.track === true, `${name}: the rail track is drawn`);
      check(anim.rail && anim.rail.elements === elements, `${name}: the rail line drew ${anim.rail && anim.rail.elements} elements, the scenario has ${elements}`);
      const rt = doc.trace && doc.trace.rail;
      check(rt && rt.trains > 0 && anim.rail.trains === rt.trains, `${name}: the animation has the trace's ${rt && rt.trains} trains (${anim.rail && anim.rail.trains})`);
      check((await page.locator('#rail').count()) === 1, `${name}: the page has a rail section`);
      if (rt && rt.visits > 0) {
        // Jump to the middle of the first train visit: that train is on screen.
        const c = rt.columns;
        const at = (c.queue_join[0] + (c.wait[0] + c.service[0]) / 2) / 10;
        await page.evaluate((target) => {
          const an = window.__report.animation;
          const seek = document.getElementById('anim-seek');
          seek.value = String(Math.round(((target - an.start) / (an.end - an.start)) * 1000));
          seek.dispatchEvent(new Event('input'));
        }, at);
        const shown = await page.evaluate(() => window.__report.animation.rail.shown);
        check(shown > 0, `${name}: trains are on the rail line at ${at} s (${shown})`);
        const label = await page.locator('#anim-trains b').innerText();
        check(label === String(shown), `${name}: the counter shows ${label} trains on the line`);
      }
    }
    await page.locator('#animation').screenshot({ path: path.join(a.artifacts, `report-${name}-animation.png`) });
  }
  check(problems.length === 0, `${name}: console errors or network requests: ${problems.join(' | ')}`);
  check(requests.length === 1, `${name}: exactly one request (the file itself), saw ${requests.length}`);
  const size = fs.statSync(file).size;
  console.log(`report_browser: ${name}.html ${(size / 1024).toFixed(0)} KiB, ${charts.length} charts, ${marks} marks${anim ? `, animation ${anim.vehicles} vehicles` : ''}`);
  await page.close();
}

try {
  await openReport('mm1', { animate: false });
  await openReport('khasan', { animate: true });
  await openReport('khasan-run', { animate: true });
  await openReport('study', { animate: false });
  await openReport('sweep', { animate: false });
  await openReport('capacity', { animate: false });
  await openReport('compare', { animate: false });
  await openReport('calibrate', { animate: false });
  await openReport('saturated', { animate: true });
} catch (e) {
  failed++;
  console.error(`FAIL: ${e.stack || e}`);
} finally {
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`report_browser: screenshots in ${a.artifacts}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
