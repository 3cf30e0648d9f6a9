// A stand-in workbench page, compiled only while report/src/workbench.html does not exist (see
// cmake/report.cmake): the engine in a Web Worker made from the page's own text, checking the
// scenario and running one replication of it, so that `tumen workbench` and its tests work
// before the real page (report/src/workbench.*) is there. It has the real page's placeholders.
#include <string_view>

#include "detail/workbench_template.hpp"

namespace tumen::output::detail {

std::string_view workbench_template() {
  return R"tumen_page(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>tumen workbench (stand-in page)</title>
</head>
<body>
<h1>tumen workbench</h1>
<p>A stand-in page: this tumen was built without report/src/workbench.html.</p>
<pre id="out">starting the engine…</pre>
<script type="text/plain" id="tumen-engine">/*TUMEN_ENGINE*/</script>
<script type="application/json" id="tumen-scenario">/*TUMEN_SCENARIO*/</script>
<script>
(function () {
  const out = document.getElementById('out');
  const engine = document.getElementById('tumen-engine').textContent;
  const text = JSON.parse(document.getElementById('tumen-scenario').textContent);
  const worker = `${engine}
onmessage = async (m) => {
  const e = await createTumenEngine();
  const check = JSON.parse(e.check(m.data));
  const run = check.ok ? JSON.parse(e.run_replication(m.data, '{}')) : null;
  postMessage({version: JSON.parse(e.version()).version, check, run});
};`;
  const w = new Worker(URL.createObjectURL(new Blob([worker], {type: 'text/javascript'})));
  w.onmessage = (m) => {
    const r = m.data;
    const lines = [`tumen ${r.version}: ${r.check.ok ? 'the scenario reads cleanly' : 'the scenario has errors'}`];
    for (const d of r.check.diagnostics) lines.push(d.text);
    if (r.run && r.run.scalars)
      lines.push(`replication 0: ${r.run.events} events, ${r.run.scalars.vehicles_per_day} vehicles a day`);
    out.textContent = lines.join('\n');
  };
  w.onerror = (e) => { out.textContent = `engine failed: ${e.message}`; };
  w.postMessage(text);
})();
</script>
</body>
</html>
)tumen_page";
}

}  // namespace tumen::output::detail
