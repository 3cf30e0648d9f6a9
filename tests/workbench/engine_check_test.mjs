// The workbench's check() reports what `tumen check` reports (issue 16): for every scenario of
// tests/bad_inputs/ (and the built-in ones), the same diagnostics in the same order, each at
// the same line and column with the same key, message and advice, the file named alike.
// Skipped, and listed: files that are not valid UTF-8 (a page's text is always Unicode) and files
// that name CSV files beside them (a page has no files; `tumen workbench` appends them).
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
  console.log(`${checked} scenarios checked alike (${located} diagnostics at a line and column); skipped: ${skipped.join(', ') || 'none'}`);
  expect(checked >= 90, `only ${checked} scenarios checked`);
});
