// End-to-end test of the workbench page (ctest: report_workbench, label browser).
//
// `tumen workbench -o workbench.html` makes the page of the built-in scenario; Debian's Chromium
// opens it from file:// through playwright-core, and the test drives it as a user would:
//   * a lane count changed with its lever becomes the override `--set stages.<id>.lanes=N`; 10
//     replications run in the page's Web Worker, and every figure the page shows and downloads
//     equals the native `tumen run --set … -r 10 --seed S --json` (relative 1e-9): each
//     replication's scalars against the native summary, the headline, the stages' waits;
//   * the downloads (scenario .toml, results .json, replications .csv) hold what the page shows;
//   * A/B: the result pinned as A, the next run (another lane count) is compared with it, and the
//     paired differences equal the native `tumen compare`'s;
//   * a syntax error typed into the editor is reported at the line and column the native
//     `tumen check` gives, marked in the gutter and under the text, and Run waits for a fix; a
//     refused override is reported at --set with the native message;
//   * Cancel stops a run of many replications, the page says so, and the next run works; a
//     replication too long to wait for is cut short by restarting the worker;
//   * time to first result for one year of the built-in scenario (one replication), in the page
//     and natively (the ratio goes to docs/workbench.md);
//   * no console errors, no page errors, and no request other than the page itself and the
//     worker's blob: URL (every other request is aborted and counted as a failure);
//   * the same page served by a static web server (http://127.0.0.1) runs as well.
// Screenshots go to the artefacts folder (and, with --docs-img DIR, the documentation's).
// Exit status 0 when all pass, 1 otherwise, 77 (skip) when /usr/bin/chromium is missing and
// TUMEN_REQUIRE_BROWSER is not 1.
//
//   node tests/report/workbench_test.mjs --tumen build/bin/tumen --node-modules build/report/node_modules \
//        --work build/tests/report/workbench --artifacts build/test-artifacts [--docs-img docs/img]
//
// For work on the page or the engine by hand: --template build/report/workbench_template.html
// --engine tumen_engine.js make the page with make_workbench.mjs instead of `tumen workbench`
// (the test says so; ctest never passes them).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fillWorkbench } from './make_workbench.mjs';

const CHROMIUM = process.env.TUMEN_CHROMIUM || '/usr/bin/chromium';
const SEED = 4242;
const REPS = 10;

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
    console.error(`report_workbench: ${msg}`);
    process.exit(1);
  }
  console.log(`report_workbench: skipped (${msg})`);
  process.exit(77);
}
const require = createRequire(path.join(path.resolve(a['node-modules']), 'noop.js'));
const { chromium } = require('playwright-core');

let passed = 0, failed = 0;
function check(ok, what) {
  if (ok) passed++;
  else { failed++; console.error(`FAIL: ${what}`); }
  return ok;
}
const log = (t) => console.log(`report_workbench: ${t}`);
const finite = (x) => typeof x === 'number' && Number.isFinite(x);
// Equal as the same computation gives them: relative 1e-9 (absolute near zero).
const same = (x, y) => (x === null || x === undefined ? y === null || y === undefined || Number.isNaN(y)
  : finite(x) && finite(y) && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y)));

function tumen(...argv) {
  return execFileSync(a.tumen, argv, { cwd: a.work, encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
}
// Wall time of a native command, in ms (the best of three).
function timeNative(...argv) {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(a.tumen, argv, { cwd: a.work, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`tumen ${argv.join(' ')} failed`);
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return best;
}

// ---- the page ----
fs.rmSync(a.work, { recursive: true, force: true });
fs.mkdirSync(a.work, { recursive: true });
fs.mkdirSync(a.artifacts, { recursive: true });
const page0 = path.join(a.work, 'workbench.html');
const hasCommand = /^\s+workbench\s/m.test(tumen('--help'));
const builtin = tumen('show');
if (a.template && a.engine) {
  log(`NOTE: the page is made from --template and --engine by make_workbench.mjs${hasCommand ? '' : ' (this tumen has no `workbench` command)'}`);
  fs.writeFileSync(page0, fillWorkbench(fs.readFileSync(a.template, 'utf8'), fs.readFileSync(a.engine, 'utf8'), builtin,
    { source_name: 'khasan-tumangang.toml', variant: null, set: [] }));
} else if (hasCommand) {
  const t0 = Date.now();
  tumen('workbench', '-o', page0, '-q');
  log(`tumen workbench made the page in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
} else {
  console.error('FAIL: this tumen has no `workbench` command');
  process.exit(1);
}
const pageBytes = fs.statSync(page0).size;
log(`workbench.html: ${(pageBytes / 1024).toFixed(0)} KiB (${pageBytes} bytes)`);
const pageUrl = pathToFileURL(page0).href;

// ---- the browser ----
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tumen-chromium-'));
const context = await chromium.launchPersistentContext(dir, {
  executablePath: CHROMIUM,
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1200, height: 760 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await context.newPage();
const problems = [];
const requests = [];
await page.route('**/*', (route) => {
  const u = route.request().url();
  requests.push(u);
  if (u === pageUrl || u.startsWith('blob:') || u.startsWith('data:')) return route.continue();
  problems.push(`request to ${u}`);
  return route.abort();
});
// the pages the test opens; anything else any page or worker asks for is a failure
const allowed = new Set([pageUrl]);
context.on('request', (r) => {
  const u = r.url();
  if (!allowed.has(u) && !u.startsWith('blob:') && !u.startsWith('data:')) problems.push(`request (worker or page) to ${u}`);
});
page.on('console', (m) => {
  if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  else if (m.type() === 'warning') log(`console warning: ${m.text()}`);
});
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('worker', (w) => log(`worker started: ${w.url().slice(0, 60)}`));

const state = () => page.evaluate(() => {
  const w = window.__workbench;
  return { engine: { ...w.engine }, check: { pending: w.check.pending, ok: w.check.ok, diagnostics: w.check.diagnostics, levers: w.check.levers.length },
    overrides: [...w.overrides], run: w.run && { ...w.run }, status: w.status, timings: w.timings, errors: w.errors };
});
async function settled() {
  try {
    await page.waitForFunction(() => window.__workbench.engine.ready && !window.__workbench.check.pending, null, { timeout: 120000 });
  } catch (e) {
    throw new Error(`the page did not settle: ${await page.evaluate(() => window.__workbench.engine.problem || window.__workbench.status)}`);
  }
}
const runFinished = (timeout = 600000) => page.waitForFunction(() => !window.__workbench.run, null, { timeout });

async function setOverride(key, value) {
  await page.fill('#wb-add-override', `${key}=${value}`);
  await page.press('#wb-add-override', 'Enter');
}
async function clearOverrides() {
  if (await page.locator('#wb-clear').isEnabled()) await page.click('#wb-clear');
}
// Sets the lever of `key` to `value` through its control (opening its group), as a user would.
async function pullLever(key, value) {
  const lever = page.locator(`.lever[data-key="${key}"]`);
  const group = page.locator('#wb-levers details', { has: lever });
  if (!(await group.evaluate((d) => d.open))) await group.locator('summary').click();
  await lever.locator('input, select').fill(String(value));
  await lever.locator('input, select').dispatchEvent('change');
}
async function runPage(replications, seed) {
  await page.fill('#wb-reps', String(replications));
  await page.fill('#wb-seed', String(seed));
  await page.waitForFunction(() => !document.getElementById('wb-run').disabled, null, { timeout: 60000 });
  await page.click('#wb-run');
  await runFinished();
  return page.evaluate(() => {
    const r = window.__workbench.result;
    return { doc: r && r.doc, replications: r && r.replications.map((x) => ({ replication: x.replication, scalars: x.scalars })), status: window.__workbench.status,
      run: document.body.getAttribute('data-run'), timing: window.__workbench.timings.at(-1) };
  });
}
async function download(button) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const file = path.join(a.work, d.suggestedFilename());
  await d.saveAs(file);
  return { name: d.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}
// A screenshot into the artefacts (and, named docsName, into --docs-img): the viewport, or the
// element `locator` (at most `maxHeight` px of it).
async function shot(name, locator, docsName, maxHeight) {
  const file = path.join(a.artifacts, `workbench-${name}.png`);
  if (!locator) await page.screenshot({ path: file, clip: { x: 0, y: 0, width: page.viewportSize().width, height: Math.min(page.viewportSize().height, maxHeight || 10000) } });
  else {
    const el = page.locator(locator).first();
    await el.scrollIntoViewIfNeeded();
    const box = await el.boundingBox();
    const top = await page.evaluate(() => window.scrollY);
    await page.screenshot({ path: file, fullPage: true,
      clip: { x: box.x, y: box.y + top, width: box.width, height: Math.min(box.height, maxHeight || box.height) } });
  }
  if (a['docs-img'] && docsName) {
    fs.mkdirSync(a['docs-img'], { recursive: true });
    fs.copyFileSync(file, path.join(a['docs-img'], docsName));
    log(`docs/img: ${docsName} ${(fs.statSync(file).size / 1024).toFixed(0)} KiB`);
  }
}

// Compares one replication of the page with the native run's JSON (tumen run … --json, one
// replication): vehicles, persons and tonnes a day, each stage's mean wait, queue and utilisation.
function compareOneWithNative(what, result, native) {
  const sc = result.replications[0].scalars;
  const bad = [];
  for (const k of ['vehicles_per_day', 'persons_per_day', 'tonnes_per_day'])
    if (!same(sc[k], native.totals[k])) bad.push(`${k}: page ${sc[k]}, native ${native.totals[k]}`);
  for (const st of native.stages)
    for (const [name, v] of [['wait.mean', st.wait.mean], ['queue_mean', st.queue_mean], ['utilisation', st.utilisation]])
      if (!same(sc[`stage.${st.id}.${name}`], v)) bad.push(`stage.${st.id}.${name}: page ${sc[`stage.${st.id}.${name}`]}, native ${v}`);
  check(bad.length === 0, `${what}: the page's replication equals the native run (${3 + 3 * native.stages.length} figures): ${bad.slice(0, 5).join('; ')}`);
  const h = result.doc.headline.find((x) => x.metric === 'vehicles_per_day');
  check(h && same(h.mean, native.totals.vehicles_per_day), `${what}: the headline's vehicles a day ${h && h.mean}, natively ${native.totals.vehicles_per_day}`);
}

// Compares a run of the page with the native run's JSON (tumen run … -r N --json).
function compareWithNative(what, result, native, stageIds) {
  const byName = Object.fromEntries(native.summary.map((s) => [s.name, s]));
  check(result.replications.length === native.replications, `${what}: ${result.replications.length} replications in the page, ${native.replications} natively`);
  // each replication's scalars, summarised, against the native summary
  const names = native.summary.map((s) => s.name).filter((n) => result.replications.every((r) => r.scalars && n in r.scalars));
  check(names.length >= native.summary.length * 0.9, `${what}: the page's replications carry ${names.length} of the ${native.summary.length} native figures`);
  let bad = [];
  for (const n of names) {
    const vals = result.replications.map((r) => r.scalars[n]);
    const mean = vals.reduce((s, v) => s + v, 0) / vals.length;
    if (!same(mean, byName[n].mean)) bad.push(`${n}: page ${mean}, native ${byName[n].mean}`);
  }
  check(bad.length === 0, `${what}: the mean over replications of every figure equals the native summary (${names.length} figures): ${bad.slice(0, 5).join('; ')}`);
  // each replication natively against the page's: vehicles a day and the first stage's mean wait
  for (const [k, run] of native.runs.entries()) {
    const r = result.replications[k];
    const cleared = run.totals && run.totals.vehicles_per_day;
    if (finite(cleared)) check(same(r.scalars.vehicles_per_day, cleared), `${what}: replication ${k} clears ${r.scalars.vehicles_per_day} vehicles a day in the page, ${cleared} natively`);
  }
  // the headline, as the page draws it, against the native summary
  bad = [];
  for (const h of result.doc.headline) {
    const s = byName[h.metric];
    if (!s) { bad.push(`${h.metric}: not in the native summary`); continue; }
    if (!same(h.mean, s.mean) || !same(h.half_width, s.half_width)) bad.push(`${h.metric}: page ${h.mean} ± ${h.half_width}, native ${s.mean} ± ${s.half_width}`);
  }
  check(result.doc.headline.length > 0 && bad.length === 0, `${what}: the headline (${result.doc.headline.length} figures) equals the native summary: ${bad.join('; ')}`);
  // every stage's mean wait, queue and utilisation
  bad = [];
  for (const st of result.doc.stages) {
    for (const [field, name] of [['wait_mean', 'wait.mean'], ['queue_mean', 'queue_mean'], ['utilisation', 'utilisation']]) {
      const s = byName[`stage.${st.id}.${name}`];
      if (!s || !st[field]) continue;
      if (!same(st[field].mean, s.mean) || !same(st[field].half_width, s.half_width)) bad.push(`${st.id} ${field}: page ${st[field].mean}, native ${s.mean}`);
    }
  }
  check(result.doc.stages.length === stageIds.length && bad.length === 0, `${what}: every stage's wait, queue and utilisation equal the native ones: ${bad.slice(0, 5).join('; ')}`);
  check(result.doc.run.replications === native.replications && result.doc.run.seed === native.runs[0].seed,
    `${what}: the page's document says ${result.doc.run.replications} replications, seed ${result.doc.run.seed}`);
}

try {
  await page.goto(pageUrl, { waitUntil: 'load' });
  await settled();
  let st = await state();
  check(st.engine.ready && st.engine.version, `the engine started in the page's worker (version ${st.engine.version})`);
  check(st.check.ok && st.check.levers > 0, `the built-in scenario checks valid, with ${st.check.levers} levers`);
  const text0 = await page.inputValue('#wb-text');
  check(text0 === builtin, `the editor holds the built-in scenario (${text0.length} characters, \`tumen show\` gives ${builtin.length})`);
  await shot('start', null, null);

  // ---- time to first result: one year, one replication, in the page and natively ----
  // without the replay (as natively: no trace), then with it (replication 0 traced for the replay)
  await setOverride('run.days', 365);
  await page.setChecked('#wb-trace', false);
  const year = await runPage(1, SEED);
  check(year.run === 'done' && year.doc, `a year of the built-in scenario ran in the page: ${year.status}`);
  const yearNativeMs = timeNative('run', '--set', 'run.days=365', '--seed', String(SEED), '--no-db', '-q');
  const nativeYear = JSON.parse(tumen('run', '--set', 'run.days=365', '--seed', String(SEED), '--no-db', '-q', '--json', '-'));
  if (year.doc) compareOneWithNative('one year', year, nativeYear);
  const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;
  log(`time to first result, one year of the built-in scenario, no replay: page ${secs(year.timing.ms)} (engine ${secs(year.timing.engineMs)}, drawing ${secs(year.timing.drawMs)}), native ${secs(yearNativeMs)}: ratio ${(year.timing.ms / yearNativeMs).toFixed(1)}`);
  await page.setChecked('#wb-trace', true);
  const yearReplay = await runPage(1, SEED);
  check(yearReplay.run === 'done' && yearReplay.doc && yearReplay.doc.trace, `a year with its replay ran in the page: ${yearReplay.status}`);
  const traceNativeMs = timeNative('run', '--set', 'run.days=365', '--seed', String(SEED), '--no-db', '-q', '--trace', 'year-trace.csv', '--report', 'year.html');
  log(`time to first result, one year with the replay: page ${secs(yearReplay.timing.ms)} (engine ${secs(yearReplay.timing.engineMs)}), native with --trace and --report ${secs(traceNativeMs)}: ratio ${(yearReplay.timing.ms / traceNativeMs).toFixed(1)}`);
  await clearOverrides();

  // ---- a lane count changed with its lever, 10 replications, against the native run ----
  const levers = await page.evaluate(() => window.__workbench.check.levers);
  // a stage's lanes (`stages.X.lanes`, or a lane group's `stages.X.lanes.N.count`): one more
  const laneKey = /^stages\.[^.]+\.lanes(\.\d+\.count)?$/;
  const lanes = levers.find((l) => laneKey.test(l.key) && finite(Number(l.value)) && Number(l.value) >= 1);
  check(lanes, `a lanes lever: ${levers.map((l) => l.key).filter((k) => laneKey.test(k)).join(', ')}`);
  const more = Number(lanes.value) + 1;
  await pullLever(lanes.key, more);
  st = await state();
  check(JSON.stringify(st.overrides) === JSON.stringify([[lanes.key, String(more)]]), `the lever made the override ${lanes.key}=${more}: ${JSON.stringify(st.overrides)}`);
  const shown = await page.locator('#wb-overrides code').allInnerTexts();
  check(shown.includes(`--set ${lanes.key}=${more}`), `the override is listed as "--set ${lanes.key}=${more}": ${shown.join(' | ')}`);
  const command = await page.locator('#wb-command').innerText();
  check(command.includes(`--set ${lanes.key}=${more}`), `the command line shows the override: ${command}`);
  const b = await runPage(REPS, SEED);
  check(b.run === 'done', `${REPS} replications ran: ${b.status}`);
  const nativeB = JSON.parse(tumen('run', '--set', `${lanes.key}=${more}`, '-r', String(REPS), '--seed', String(SEED), '--no-db', '-q', '--json', '-'));
  compareWithNative(`${lanes.key}=${more}`, b, nativeB, b.doc.stages.map((s) => s.id));
  check(b.doc.run.overrides === undefined || JSON.stringify(b.doc.run.overrides || []).includes(`${lanes.key}=${more}`),
    `the document records the override: ${JSON.stringify(b.doc.run.overrides)}`);
  const commandAfter = await page.locator('#wb-command').innerText();
  check(commandAfter.includes(`--set ${lanes.key}=${more}`) && commandAfter.includes(`-r ${REPS}`) && commandAfter.includes(`--seed ${SEED}`),
    `the page's command line is the native one: ${commandAfter}`);
  // the report's views are drawn: the summary's cards, every chart with marks, the replay
  const drawn = await page.evaluate(() => ({ charts: window.__report.charts.map((c) => ({ kind: c.kind, drawn: c.drawn, marks: c.marks })), errors: window.__report.errors,
    cards: document.querySelectorAll('#summary .card').length, replay: Boolean(window.__report.animation && window.__report.animation.vehicles) }));
  check(drawn.errors.length === 0, `the report's renderer reported no errors: ${drawn.errors.join('; ')}`);
  check(drawn.cards === b.doc.headline.length, `${drawn.cards} headline cards drawn, the document has ${b.doc.headline.length}`);
  check(drawn.charts.length > 5 && drawn.charts.every((c) => c.drawn && c.marks > 0), `every chart drawn with marks: ${JSON.stringify(drawn.charts.filter((c) => !c.drawn || !c.marks))}`);
  check(drawn.charts.some((c) => c.kind === 'heatmap') && drawn.charts.some((c) => c.kind === 'hourly'), 'the hourly profiles and the heat map are there');
  check(drawn.replay, 'the replay has vehicles (replication 0 traced)');
  const verdicts = await page.locator('#summary').innerText();
  check(b.doc.summary.length > 0 && verdicts.includes(b.doc.summary[0]), 'the summary in words (with the verdicts) is shown');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot('results', null, 'workbench-page.png', 520);
  await shot('results-summary', '#wb-results', null, 560);
  await shot('results-hourly', '#hourly', 'workbench-hourly.png', 560);
  await shot('results-heatmap', '#utilisation', 'workbench-heatmap.png', 560);

  // ---- downloads ----
  const csv = await download('#wb-download-csv');
  const rows = csv.text.trim().split('\n').map((l) => l.split(','));
  const col = rows[0].indexOf('vehicles_per_day');
  check(rows.length === REPS + 1 && col > 0 && rows.slice(1).every((r, k) => same(Number(r[col]), b.replications[k].scalars.vehicles_per_day)),
    `${csv.name}: a header and ${rows.length - 1} replications, vehicles_per_day as the page's`);
  check(rows.slice(1).every((r, k) => same(Number(r[col]), nativeB.runs[k].totals ? nativeB.runs[k].totals.vehicles_per_day : Number(r[col]))), `${csv.name}: each replication's vehicles a day as natively`);
  const json = await download('#wb-download-json');
  const doc = JSON.parse(json.text);
  check(JSON.stringify(doc.headline) === JSON.stringify(b.doc.headline), `${json.name}: the results document the page drew`);
  const toml = await download('#wb-download-toml');
  check(toml.text.startsWith(builtin.trimEnd()) && toml.text.includes(`--set ${lanes.key}=${more}`), `${toml.name}: the text as edited, and the command line with its override`);

  // ---- A/B: pin, change the lane count, run B, compare with the native comparison ----
  await page.click('#wb-pin');
  check(await page.locator('#wb-pinned.pinned').isVisible(), 'the pinned result is named');
  await pullLever(lanes.key, Number(lanes.value));
  st = await state();
  check(st.overrides.length === 0, `back at the text's value, the override is gone: ${JSON.stringify(st.overrides)}`);
  check((await page.locator('#wb-run').innerText()).includes('compare'), 'Run now runs B and compares');
  const ab = await runPage(REPS, SEED);
  check(ab.run === 'done' && ab.doc && ab.doc.compare, `B ran and was compared with A: ${ab.status}`);
  if (ab.doc && ab.doc.compare) {
    const nativeAB = JSON.parse(tumen('compare', '--a-set', `${lanes.key}=${more}`, '--b-set', `${lanes.key}=${lanes.value}`, '-r', String(REPS), '--seed', String(SEED), '--no-db', '-q', '--json', '-'));
    // native rows: {metric, difference, low, high, mean_a, mean_b}; the page's: {metric, mean, low, high, a, b}
    const nat = Object.fromEntries((nativeAB.differences || []).map((r) => [r.metric, r]));
    const bad = [];
    let compared = 0;
    for (const r of ab.doc.compare.rows) {
      const n = nat[r.metric];
      if (!n) continue;
      compared++;
      if (!same(r.mean, n.difference) || !same(r.low, n.low) || !same(r.high, n.high) || !same(r.a, n.mean_a) || !same(r.b, n.mean_b))
        bad.push(`${r.metric}: page ${r.mean} (${r.low}, ${r.high}), native ${n.difference} (${n.low}, ${n.high})`);
    }
    check(compared > 5 && bad.length === 0, `A/B: the paired differences (${compared} figures) equal the native comparison's: ${bad.slice(0, 4).join('; ')}`);
    const kinds = await page.evaluate(() => window.__report.charts.map((c) => c.kind));
    check(kinds.includes('compare') && kinds.includes('compare_hourly'), `A/B: the comparison's views are drawn (${[...new Set(kinds)].join(', ')})`);
    await shot('compare', '#compare', null, 640);
    await shot('compare-hourly', '#compare-hourly', 'workbench-compare.png', 600);
  }
  await page.click('#wb-unpin');

  // ---- a syntax error: located as natively, marked, and Run waits ----
  const lineNo = builtin.split('\n').findIndex((l) => /^\[stages\./.test(l)) + 2;
  await page.evaluate((n) => {
    const t = document.getElementById('wb-text');
    const lines = t.value.split('\n');
    const at = lines.slice(0, n - 1).reduce((s, l) => s + l.length + 1, 0);
    t.focus();
    t.setSelectionRange(at, at);
  }, lineNo);
  await page.keyboard.type('lanes = = 3\n');
  await settled();
  const broken = await page.inputValue('#wb-text');
  fs.writeFileSync(path.join(a.work, 'broken.toml'), broken);
  const native = spawnSync(a.tumen, ['check', 'broken.toml'], { cwd: a.work, encoding: 'utf8' });
  const m = /broken\.toml:(\d+):(\d+): error: (.*)/.exec(native.stderr + native.stdout);
  check(native.status === 2 && m, `the native check finds the error: ${native.stderr.split('\n')[0]}`);
  const diag = await page.locator('#wb-diagnostics li.error').first();
  const where = { line: Number(await diag.getAttribute('data-line')), column: Number(await diag.getAttribute('data-column')) };
  const diagText = await diag.innerText();
  check(m && where.line === Number(m[1]) && where.column === Number(m[2]) && where.line === lineNo,
    `the page places the error at line ${where.line}, column ${where.column}; natively ${m && m[1]}:${m && m[2]} (typed at line ${lineNo})`);
  check(diagText.includes(`line ${where.line}, column ${where.column}`), `the message says where: "${diagText}"`);
  check(m && diagText.includes(m[3].slice(0, 30)), `the message is the reader's: "${diagText}" (natively "${m && m[3]}")`);
  const marked = await page.evaluate(() => ({ gutter: [...document.querySelectorAll('#wb-gutter .error')].map((d) => Number(d.getAttribute('data-line'))),
    bands: [...document.querySelectorAll('#wb-marks .band.error')].map((d) => Number(d.getAttribute('data-line'))), run: document.getElementById('wb-run').disabled,
    check: document.getElementById('wb-check').textContent }));
  check(JSON.stringify(marked.gutter) === JSON.stringify([lineNo]) && JSON.stringify(marked.bands) === JSON.stringify([lineNo]),
    `line ${lineNo} is marked in the gutter ${JSON.stringify(marked.gutter)} and under the text ${JSON.stringify(marked.bands)}`);
  check(marked.run && /error/.test(marked.check), `Run is disabled while the text has an error ("${marked.check}")`);
  await shot('syntax-error', '#wb-edit', 'workbench-error.png');
  await page.click('#wb-diagnostics li.error');
  const caret = await page.evaluate(() => {
    const t = document.getElementById('wb-text');
    const before = t.value.slice(0, t.selectionStart).split('\n');
    return { line: before.length, column: before.at(-1).length + 1 };
  });
  check(caret.line === where.line && caret.column === where.column, `clicking the message puts the caret at ${caret.line}:${caret.column}`);
  await page.click('#wb-revert');
  await settled();
  st = await state();
  check(st.check.ok && st.check.diagnostics.filter((d) => (d.severity || d.level) === 'error').length === 0, 'Revert brings back the valid text');

  // ---- a refused override: listed at --set with the reader's message, marked, Run waits ----
  await setOverride(lanes.key, 0);
  await settled();
  const refused = await page.evaluate(() => ({ diag: [...document.querySelectorAll('#wb-diagnostics li.error')].map((li) => li.innerText),
    run: document.getElementById('wb-run').disabled, marked: [...document.querySelectorAll('#wb-overrides li.error')].map((li) => li.getAttribute('data-key')) }));
  const nativeRefused = spawnSync(a.tumen, ['check', 'khasan-tumangang', '--set', `${lanes.key}=0`], { cwd: a.work, encoding: 'utf8' });
  const nm = /--set: error: ([^:]+): (.*)/.exec(nativeRefused.stderr + nativeRefused.stdout);
  check(nativeRefused.status === 2 && nm, `natively, ${lanes.key}=0 is refused: ${(nativeRefused.stderr || '').split('\n')[0]}`);
  check(refused.run && refused.marked.includes(lanes.key) && nm && refused.diag.some((t) => t.startsWith('--set') && t.includes(nm[2].slice(0, 30))),
    `the override ${lanes.key}=0 is refused in the page as natively ("${nm && nm[2]}"): ${JSON.stringify(refused)}`);
  await clearOverrides();
  await settled();
  check((await state()).check.ok, 'without it the design is valid again');

  // ---- cancel: a long run stopped between replications, then a run that completes ----
  await page.fill('#wb-reps', '500');
  await page.fill('#wb-seed', String(SEED));
  await page.click('#wb-run');
  await page.waitForFunction(() => window.__workbench.run && window.__workbench.run.done >= 2, null, { timeout: 120000 });
  await page.click('#wb-cancel');
  await page.waitForFunction(() => document.body.getAttribute('data-run') === 'cancelled', null, { timeout: 30000 });
  const cancelled = await page.locator('#wb-status').innerText();
  check(/^Cancelled after \d+ of 500 replications/.test(cancelled), `the page says it cancelled: "${cancelled}"`);
  const after = await runPage(2, SEED);
  check(after.run === 'done' && after.replications.length === 2, `a run after cancelling completes: ${after.status}`);
  // a replication too long to wait for (ten years) is cut short: the worker is restarted
  const startsBefore = (await state()).engine.starts;
  await setOverride('run.days', 3650);
  await page.fill('#wb-reps', '3');
  await page.click('#wb-run');
  await page.waitForTimeout(300);
  await page.click('#wb-cancel');
  await page.waitForFunction(() => document.body.getAttribute('data-run') === 'cancelled', null, { timeout: 30000 });
  const hard = await page.locator('#wb-status').innerText();
  const startsAfter = (await state()).engine.starts;
  check(/^Cancelled after \d+ of 3 replications/.test(hard), `a long replication is cancelled: "${hard}"`);
  log(startsAfter > startsBefore ? 'the ten-year replication was cut short by restarting the worker' : 'the ten-year replication ended before the hard stop');
  await clearOverrides();
  await settled();
  const again = await runPage(2, SEED);
  check(again.run === 'done', `after a hard stop the restarted engine runs: ${again.status}`);

  st = await state();
  check(st.errors.length === 0, `the page recorded no errors: ${st.errors.join('; ')}`);

  // ---- from a static web server: the same page over http://, two replications ----
  const server = http.createServer((req, res) => {
    if (req.url !== '/workbench.html') { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(fs.readFileSync(page0));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const served = `http://127.0.0.1:${server.address().port}/workbench.html`;
  allowed.add(served);
  const web = await context.newPage();
  const webProblems = [];
  await web.route('**/*', (route) => {
    const u = route.request().url();
    if (u === served || u.startsWith('blob:') || u.startsWith('data:')) return route.continue();
    webProblems.push(`request to ${u}`);
    return route.abort();
  });
  web.on('console', (m) => { if (m.type() === 'error') webProblems.push(`console error: ${m.text()}`); });
  web.on('pageerror', (e) => webProblems.push(`page error: ${e.message}`));
  await web.goto(served, { waitUntil: 'load' });
  await web.waitForFunction(() => window.__workbench.engine.ready && window.__workbench.check.ok, null, { timeout: 120000 });
  await web.fill('#wb-reps', '2');
  await web.click('#wb-run');
  await web.waitForFunction(() => document.body.getAttribute('data-run') === 'done', null, { timeout: 300000 });
  const webCards = await web.locator('#summary .card').count();
  check(webCards > 0 && webProblems.length === 0, `served over http:// the page runs too (${webCards} headline cards): ${webProblems.join(' | ')}`);
  await web.close();
  server.close();
} catch (e) {
  failed++;
  console.error(`FAIL: ${e.stack || e}`);
} finally {
  check(problems.length === 0, `console errors or network requests: ${problems.join(' | ')}`);
  const others = requests.filter((u) => u !== pageUrl && !u.startsWith('blob:') && !u.startsWith('data:'));
  check(others.length === 0, `no request but the page and blob:/data: URLs; saw ${others.length}: ${others.slice(0, 3).join(', ')}`);
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(`report_workbench: screenshots in ${a.artifacts}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
