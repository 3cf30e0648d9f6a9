// The workbench's engine gives the native program's figures (issue 16): for each case, the named
// scalars of replications 0–2 from run_replication() against those `tumen run --seed S
// --replication K` stores in its results database (read back with sqlite3, all 17 digits), to
// 1e-9 relative; and the report document of 10 replications from report() against the one
// `tumen run -r 10 --report` embeds in its page (headline, throughput, stages, summary and
// warnings); and compare() against `tumen compare` as `tumen report --json` reads it back.
// Prints how many figures were bitwise equal and the largest relative difference seen.
//
//   node engine_equality_test.mjs --engine tumen_engine.js --tumen tumen --root . --work DIR
import fs from 'node:fs';
import path from 'node:path';
import { args, loadEngine, call, tumen, sqliteJson, expect, main } from './support.mjs';

const a = args();
await main('workbench_engine_equality', async () => {
const engine = await loadEngine(a.engine);
const tolerance = 1e-9;
const cases = [
  { name: 'khasan-tumangang', file: 'scenarios/khasan-tumangang.toml', sets: [], variant: null },
  { name: 'khasan-tumangang', file: 'scenarios/khasan-tumangang.toml', sets: ['stages.ru_exit_customs.lanes=2'], variant: 'booking' },
  { name: 'reference/mm1', file: 'scenarios/reference/mm1.toml', sets: ['stages.server.lanes=2'], variant: null },
];
const seed = 7;
// Tallies of the replications' scalars and of the report's numbers, apart.
const tally = { scalars: { compared: 0, equal: 0, worst: 0, where: '' }, report: { compared: 0, equal: 0, worst: 0, where: '' } };
function count(kind, x, y, where) {
  const t = tally[kind];
  t.compared++;
  if (x === y) t.equal++;
  if (x !== null && y !== null && relative(x, y) > t.worst) { t.worst = relative(x, y); t.where = where; }
}

function close(x, y) {
  if (x === null || y === null) return x === y;  // NaN is stored as NULL, sent as null
  if (x === y) return true;
  return Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y));
}
function relative(x, y) {
  return x === y ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
}
function nativeArgs(c) {
  const out = [c.name];
  for (const s of c.sets) out.push('--set', s);
  if (c.variant) out.push('--variant', c.variant);
  return out;
}
function request(c, extra) {
  return JSON.stringify({ variant: c.variant, set: c.sets, seed, source_name: `${path.basename(c.file)}`, ...extra });
}

for (const [i, c] of cases.entries()) {
  const text = fs.readFileSync(path.join(a.root, c.file), 'utf8');
  const label = `${c.name}${c.variant ? ' --variant ' + c.variant : ''}${c.sets.map((s) => ' --set ' + s).join('')}`;
  // Replications 0–2, one native run each.
  const db = path.join(a.work, `case${i}.db`);
  for (let k = 0; k < 3; k++) {
    const r = tumen(a, ['run', ...nativeArgs(c), '--seed', String(seed), '--replication', String(k), '--db', db, '-q']);
    expect(r.status === 0, `${label}: native replication ${k} exit ${r.status}: ${r.stderr}`);
  }
  const rows = sqliteJson(db, "SELECT s.replication AS k, s.name AS name, CASE WHEN s.value IS NULL THEN NULL ELSE printf('%.17g', s.value) END AS v FROM scalars s ORDER BY s.run");
  const started = performance.now();
  for (let k = 0; k < 3; k++) {
    const w = call(engine, 'run_replication', text, request(c, { replication: k })).scalars;
    const native = rows.filter((r) => r.k === k);
    expect(native.length > 0, `${label}: no native scalars for replication ${k}`);
    expect(native.length === Object.keys(w).length, `${label} #${k}: ${native.length} native scalars, ${Object.keys(w).length} from the engine`);
    for (const r of native) {
      const x = r.v === null ? null : Number(r.v);
      const y = w[r.name] === undefined ? undefined : w[r.name];
      if (y === undefined) { expect(false, `${label} #${k}: ${r.name} missing in the engine`); continue; }
      count('scalars', x, y, `${label} #${k} ${r.name}`);
      expect(close(x, y), `${label} #${k}: ${r.name} native ${x} engine ${y}`);
    }
  }
  console.log(`${label}: replications 0-2 compared (engine ${((performance.now() - started) / 3).toFixed(0)} ms each)`);

  // The report of 10 replications.
  const page = path.join(a.work, `case${i}.html`);
  const r = tumen(a, ['run', ...nativeArgs(c), '--seed', String(seed), '-r', '10', '--report', page, '--no-db', '-q']);
  expect(r.status === 0, `${label}: native -r 10 --report exit ${r.status}: ${r.stderr}`);
  const html = fs.readFileSync(page, 'utf8');
  const m = html.match(/<script id="report-data" type="application\/json">([\s\S]*?)<\/script>/);
  expect(m, `${label}: no report document in ${page}`);
  const native = JSON.parse(m[1]);
  const reps = [];
  for (let k = 0; k < 10; k++) reps.push(call(engine, 'run_replication', text, request(c, { replication: k })).scalars);
  const doc = call(engine, 'report', text, request(c, { replications: 10 }), JSON.stringify(reps));
  // Every number in these sections, and every sentence, the same.
  const walk = (x, y, where) => {
    if (typeof x === 'number' && typeof y === 'number') {
      count('report', x, y, `${label} report ${where}`);
      expect(close(x, y), `${label} report ${where}: native ${x} engine ${y}`);
    } else if (x && typeof x === 'object') {
      expect(y && typeof y === 'object' && Object.keys(x).length === Object.keys(y).length, `${label} report ${where}: shapes differ`);
      if (y) for (const key of Object.keys(x)) walk(x[key], y[key], `${where}.${key}`);
    } else {
      expect(x === y, `${label} report ${where}: native ${JSON.stringify(x)} engine ${JSON.stringify(y)}`);
    }
  };
  for (const section of ['headline', 'throughput', 'summary', 'warnings', 'stages'])
    walk(native[section], doc[section], section);
  expect(doc.run.replications === 10 && doc.run.kind === 'run', `${label}: report run section`);
}
// A comparison: `tumen compare` of two lane counts, read back by `tumen report --json`, against
// compare() of the same replications run in the engine.
{
  const c = cases[2];
  const text = fs.readFileSync(path.join(a.root, c.file), 'utf8');
  const db = path.join(a.work, 'compare.db');
  const sides = [['stages.server.lanes=1'], ['stages.server.lanes=2']];
  let r = tumen(a, ['compare', c.name, '--a-set', sides[0][0], '--b-set', sides[1][0], '-r', '5',
                    '--seed', String(seed), '--db', db, '-q']);
  expect(r.status === 0, `native compare exit ${r.status}: ${r.stderr}`);
  r = tumen(a, ['report', db, '-o', path.join(a.work, 'compare.html'), '--json', path.join(a.work, 'compare.json'), '-q']);
  expect(r.status === 0, `native report of the comparison exit ${r.status}: ${r.stderr}`);
  const native = JSON.parse(fs.readFileSync(path.join(a.work, 'compare.json'), 'utf8'));
  const reps = sides.map((set) => {
    const out = [];
    for (let k = 0; k < 5; k++) out.push(call(engine, 'run_replication', text, request({ ...c, sets: set }, { replication: k })).scalars);
    return out;
  });
  const doc = call(engine, 'compare', text, request({ ...c, sets: sides[0] }, { label: native.compare.a }), JSON.stringify(reps[0]),
                   text, request({ ...c, sets: sides[1] }, { label: native.compare.b }), JSON.stringify(reps[1]));
  expect(doc.run.kind === 'compare' && doc.compare, 'compare() gives a comparison');
  const walk = (x, y, where) => {
    if (typeof x === 'number' && typeof y === 'number') {
      count('report', x, y, `compare ${where}`);
      expect(close(x, y), `compare ${where}: native ${x} engine ${y}`);
    } else if (x && typeof x === 'object') {
      expect(y && typeof y === 'object' && Object.keys(x).length === Object.keys(y).length, `compare ${where}: shapes differ`);
      if (y) for (const key of Object.keys(x)) walk(x[key], y[key], `${where}.${key}`);
    } else {
      expect(x === y, `compare ${where}: native ${JSON.stringify(x)} engine ${JSON.stringify(y)}`);
    }
  };
  walk(native.compare, doc.compare, 'compare');
  walk(native.headline, doc.headline, 'headline');
  console.log(`compare ${sides[0][0]} vs ${sides[1][0]}: ${doc.compare.rows.length} rows compared`);
}
for (const [kind, t] of Object.entries(tally))
  console.log(`${kind}: ${t.compared} numbers compared, ${t.equal} bitwise equal, largest relative difference ${t.worst}${t.worst ? ' (' + t.where + ')' : ''}`);
});
