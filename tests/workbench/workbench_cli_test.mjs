// `tumen workbench` (issue 16): the page it writes holds the engine (byte for byte, and it still
// loads and runs), the scenario's text and the start settings, with nothing that could end their
// <script> elements early; bad input is refused with exit status 2, a located message, and
// nothing written (an existing file is left as it was).
//
//   node workbench_cli_test.mjs --engine tumen_engine.js --tumen tumen --root . --work DIR
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { args, tumen, expect, main } from './support.mjs';

const a = args();

// The text of <script … id="ID">…</script> in the page.
function element(page, id) {
  const open = page.match(new RegExp(`<script[^>]*id="${id}"[^>]*>`));
  if (!open) return null;
  const start = open.index + open[0].length;
  return page.slice(start, page.indexOf('</script>', start));
}

await main('workbench_cli', async () => {
  const engineText = fs.readFileSync(a.engine, 'utf8');
  const out = (name) => path.join(a.work, name);

  // The built-in scenario, by default.
  let r = tumen(a, ['workbench', '-o', 'wb.html']);
  expect(r.status === 0, `workbench: exit ${r.status}: ${r.stderr}`);
  expect(/Workbench written to wb.html/.test(r.stdout), `workbench: says where: ${r.stdout}`);
  const page = fs.readFileSync(out('wb.html'), 'utf8');
  expect(element(page, 'tumen-engine') === engineText, 'the page holds the engine byte for byte');
  const builtin = fs.readFileSync(path.join(a.root, 'scenarios/khasan-tumangang.toml'), 'utf8');
  expect(JSON.parse(element(page, 'tumen-scenario')) === builtin, 'the page holds the built-in scenario');
  const start = JSON.parse(element(page, 'tumen-start'));
  expect(start.source_name === 'khasan-tumangang.toml' && start.variant === null && start.set.length === 0,
         `start settings: ${JSON.stringify(start)}`);
  expect(!page.includes('/*TUMEN_ENGINE*/') && !page.includes('/*TUMEN_SCENARIO*/'), 'placeholders filled');
  expect(!/https?:\/\/[^"' ]*\.(js|css)/.test(page.replace(engineText, '')), 'no script or style from the network');
  // The engine as the page carries it loads and runs the page's scenario.
  fs.writeFileSync(out('from_page.cjs'), element(page, 'tumen-engine'));
  const engine = await createRequire(import.meta.url)(out('from_page.cjs'))();
  const check = JSON.parse(engine.check(JSON.parse(element(page, 'tumen-scenario'))));
  expect(check.ok === true && check.levers && check.levers.stages.length > 0, 'the page engine checks the page scenario');

  // A file, a variant and overrides; a scenario whose text holds "</script>" and "<!--".
  const tricky = fs.readFileSync(path.join(a.root, 'scenarios/reference/mm1.toml'), 'utf8') +
                 '\n# a comment with </script> and <!-- in it\n[variants.two]\n"stages.server.lanes" = 2\n';
  fs.writeFileSync(out('tricky.toml'), tricky);
  r = tumen(a, ['workbench', 'tricky.toml', '--variant', 'two', '--set', 'run.days=20', '-o', 'tricky.html', '-q']);
  expect(r.status === 0 && r.stdout === '', `tricky: exit ${r.status}, stdout ${r.stdout}: ${r.stderr}`);
  const tp = fs.readFileSync(out('tricky.html'), 'utf8');
  const scenarioJson = element(tp, 'tumen-scenario');
  expect(!/<\/script|<!--/i.test(scenarioJson), 'the scenario element holds no </script or <!--');
  expect(JSON.parse(scenarioJson) === tricky, 'the tricky scenario comes back whole');
  const ts = JSON.parse(element(tp, 'tumen-start'));
  expect(ts.source_name === 'tricky.toml' && ts.variant === 'two' && ts.set[0] === 'run.days=20',
         `tricky start: ${JSON.stringify(ts)}`);

  // Bad input: exit 2, a located message, nothing written.
  const broken = '[run]\ndays = -3\n\n[classes.car]\n[stages.s]\nservice = "exp(mean 1 min)"\nlanes = 0\n[routes.r]\npath = ["s"]\n[[demand]]\nper_hour = 5\n';
  fs.writeFileSync(out('broken.toml'), broken);
  for (const [what, argv, message] of [
    ['a broken scenario', ['workbench', 'broken.toml', '-o', 'refused.html'], /broken\.toml:2:1: error: run\.days/],
    ['an unknown variant', ['workbench', 'reference/mm1', '--variant', 'nosuch', '-o', 'refused.html'], /nosuch/],
    ['a bad --set', ['workbench', 'reference/mm1', '--set', 'stages.server.lanes=0', '-o', 'refused.html'], /--set: error: stages\.server\.lanes/],
    ['no such scenario', ['workbench', 'nosuch.toml', '-o', 'refused.html'], /nosuch\.toml/],
    ['an output in a missing folder', ['workbench', '-o', 'no/such/folder/x.html'], /--output/],
  ]) {
    r = tumen(a, argv);
    expect(r.status === 2, `${what}: exit ${r.status}, want 2: ${r.stderr}`);
    expect(message.test(r.stderr), `${what}: message ${JSON.stringify(r.stderr)} does not match ${message}`);
    expect(/nothing was run or written/.test(r.stderr), `${what}: says nothing was written`);
    expect(!fs.existsSync(out('refused.html')), `${what}: wrote refused.html`);
  }
  // An existing page is left alone when the input is bad.
  fs.writeFileSync(out('kept.html'), 'old');
  r = tumen(a, ['workbench', 'broken.toml', '-o', 'kept.html']);
  expect(r.status === 2 && fs.readFileSync(out('kept.html'), 'utf8') === 'old', 'bad input leaves an existing page as it was');
  expect(fs.readdirSync(a.work).every((f) => !f.includes('.tmp-')), 'no temporary file left behind');
});
