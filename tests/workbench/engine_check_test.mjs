// The workbench's check() reports what `tumen check` reports (issue 16): for every scenario of
// tests/bad_inputs/ (and the built-in ones), the same diagnostics in the same order, each at
// the same line and column with the same key, message and advice, the file named alike.
// Skipped, and listed: files that are not valid UTF-8 (a page's text is always Unicode) and files
// that name CSV files beside them (a page has no files; `tumen workbench` appends them).
// Then the levers: every key check_design() offers for the built-in scenario (with its booking
// variant, which books slots) is taken by the reader, and setting every lever to its own value
// changes none of them.
//
//   node engine_check_test.mjs --engine tumen_engine.js --tumen tumen --root . --work DIR
import fs from 'node:fs';
import path from 'node:path';
import { args, loadEngine, tumen, expect, main } from './support.mjs';

const a = args();
await main('workbench_engine_check', async () => {
  const engine = await loadEngine(a.engine);
  const folders = ['tests/bad_inputs', 'scenarios', 'scenarios/reference'].map((f) => path.join(a.root, f));
  let checked = 0, located = 0;
  const skipped = [];
  for (const folder of folders)
    for (const name of fs.readdirSync(folder).filter((n) => n.endsWith('.toml')).sort()) {
      const bytes = fs.readFileSync(path.join(folder, name));
      const text = bytes.toString('utf8');
      if (!Buffer.from(text, 'utf8').equals(bytes) || /csv\s*=/.test(text)) {
        skipped.push(name);
        continue;
      }
      // The native program reads the file by its name in its folder; the engine calls its text
      // scenario.toml.
      const r = tumen(a, ['check', name], { cwd: folder });
      const native = r.stderr
        .split('\n')
        .filter((l) => l && !l.startsWith('tumen: '))
        .join('\n')
        .split(name)
        .join('scenario.toml');
      const out = JSON.parse(engine.check(text));
      expect(out.error === undefined, `${name}: check() failed: ${out.error}`);
      const mine = (out.diagnostics || []).map((d) => d.text).join('\n');
      expect(mine === native, `${name}: diagnostics differ\n--- tumen check\n${native}\n--- engine\n${mine}`);
      expect(out.ok === (r.status === 0), `${name}: ok ${out.ok} but tumen check exit ${r.status}`);
      expect(out.ok === (out.levers !== null), `${name}: levers ${out.levers === null ? 'missing' : 'given'} when ok is ${out.ok}`);
      for (const d of out.diagnostics || []) {
        expect(Number.isInteger(d.line) && Number.isInteger(d.column), `${name}: line and column of ${d.text}`);
        if (d.line > 0) located++;
      }
      checked++;
    }
  // Every lever's key, set to the lever's own value.
  const builtin = fs.readFileSync(path.join(a.root, 'scenarios/khasan-tumangang.toml'), 'utf8');
  const base = JSON.parse(engine.check_design(builtin, JSON.stringify({ variant: 'booking' })));
  expect(base.ok && base.levers, `check_design with the booking variant: ${JSON.stringify(base).slice(0, 300)}`);
  const L = base.levers;
  const sets = [`${L.run.days_key}=${L.run.days}`, `${L.run.warmup_key}="${L.run.warmup_days} d"`,
                `${L.run.demand_scale_key}=${L.run.demand_scale}`, `${L.run.seed_key}=${L.run.seed}`];
  const toml = (v) => JSON.stringify(v);  // strings and arrays of strings or numbers read alike
  for (const st of L.stages) {
    if (st.lanes_key) sets.push(`${st.lanes_key}=${st.lanes}`);
    for (const g of st.lane_groups) {
      if (g.key) sets.push(`${g.key}=${g.lanes}`);
      if (g.open_lanes && g.open_lanes_key) sets.push(`${g.open_lanes_key}=${toml(g.open_lanes)}`);
    }
    if (st.open_lanes && st.open_lanes_key) sets.push(`${st.open_lanes_key}=${toml(st.open_lanes)}`);
    if (st.opening.hours !== null) sets.push(`${st.opening.key}=${toml(st.opening.hours)}`);
    sets.push(`${st.opening.days_key}=${toml(st.opening.days)}`);
  }
  for (const y of L.yards) {
    sets.push(`${y.bays_key}=${y.bays}`);
    if (y.opening.hours !== null) sets.push(`${y.opening.key}=${toml(y.opening.hours)}`);
  }
  expect(L.booking.length > 0, 'the booking variant books slots');
  for (const b of L.booking)
    sets.push(`${b.slots_per_hour_key}=${b.slots_per_hour}`, `${b.tolerance_key}="${b.tolerance_s} s"`,
              `${b.no_show_key}=${b.no_show}`);
  const again = JSON.parse(engine.check_design(builtin, JSON.stringify({ variant: 'booking', set: sets })));
  expect(again.ok, `every lever key set to its value reads: ${(again.diagnostics || []).map((d) => d.text).join('\n')}${again.error || ''}`);
  expect(JSON.stringify(again.levers) === JSON.stringify(L), 'levers unchanged by setting them to their own values');
  // A lever changed is a lever changed.
  const more = JSON.parse(engine.check_design(builtin, JSON.stringify({ set: ['stages.ru_xray.lanes=2'] })));
  expect(more.levers.stages.find((s) => s.id === 'ru_xray').lanes === 2, 'stages.ru_xray.lanes=2 gives 2 lanes');
  const bad = JSON.parse(engine.check_design(builtin, JSON.stringify({ set: ['stages.ru_xray.lanes=0', 'nonsense'] })));
  expect(bad.ok === false && bad.diagnostics.length >= 1 && bad.levers === null, `a bad override is listed: ${JSON.stringify(bad).slice(0, 300)}`);
  console.log(`${sets.length} lever keys set to their own values: read alike`);

  console.log(`${checked} scenarios checked alike (${located} diagnostics at a line and column); skipped: ${skipped.join(', ') || 'none'}`);
  expect(checked >= 90, `only ${checked} scenarios checked`);
});
