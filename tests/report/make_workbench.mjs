// Fills the workbench's page template as `tumen workbench` does, for the browser test when the
// program has no `workbench` command (and for working on the page by hand): the engine's script
// goes into <script type="text/plain" id="tumen-engine">, the scenario's text, as a JSON string,
// into <script type="application/json" id="tumen-scenario">, and, given `start`, the element
// <script type="application/json" id="tumen-start"> after it ({source_name, variant, set}).
//
//   node tests/report/make_workbench.mjs --template build/report/workbench_template.html \
//        --engine /path/to/tumen_engine.js --scenario scenarios/khasan-tumangang.toml -o workbench.html
import fs from 'node:fs';

export function fillWorkbench(template, engine, scenario, start) {
  // neither may close its <script> element early (nor open an HTML comment inside it)
  if (/<\/script|<!--/i.test(engine)) throw new Error('the engine script contains </script or <!--');
  const json = JSON.stringify(scenario).replace(/</g, '\\u003c');
  // both markers are found in the template itself, so nothing filled in is searched again
  const at = (marker) => {
    const i = template.indexOf(marker);
    if (i < 0 || template.indexOf(marker, i + 1) >= 0) throw new Error(`the template must hold ${marker} exactly once`);
    return { i, end: i + marker.length };
  };
  const e = at('/*TUMEN_ENGINE*/'), s = at('/*TUMEN_SCENARIO*/');
  if (e.i > s.i) throw new Error('the template holds the scenario before the engine');
  // as tumen does: {source_name, variant, set} in an element right after the scenario's
  const close = template.indexOf('</script>', s.end) + '</script>'.length;
  const startElement = start ? `\n<script type="application/json" id="tumen-start">${JSON.stringify(start).replace(/</g, '\\u003c')}</script>` : '';
  return template.slice(0, e.i) + engine + template.slice(e.end, s.i) + json + template.slice(s.end, close) + startElement + template.slice(close);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const a = {};
  for (let i = 2; i < process.argv.length; i += 2) a[process.argv[i].replace(/^-+/, '')] = process.argv[i + 1];
  for (const k of ['template', 'engine', 'scenario', 'o']) if (!a[k]) throw new Error(`missing --${k}`);
  const page = fillWorkbench(fs.readFileSync(a.template, 'utf8'), fs.readFileSync(a.engine, 'utf8'), fs.readFileSync(a.scenario, 'utf8'),
    { source_name: a.scenario.split('/').pop(), variant: null, set: [] });
  fs.writeFileSync(a.o, page);
}
