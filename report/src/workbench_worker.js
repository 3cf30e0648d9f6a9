// The workbench's Web Worker: it holds tumen's engine (WebAssembly) so that the page never
// freezes while a scenario is checked or run. The page makes the worker from a blob: URL of the
// engine's script (tumen_engine.js, which defines createTumenEngine) followed by this script, so
// it works from file:// as from any web server.
//
// Messages from the page, answered in the same order for each kind:
//   {type: 'check', id, text, variant, set}   → {type: 'checked', id, result}   (diagnostics, levers)
//   {type: 'run', id, text, request, replications, trace, pinned}
//        → {type: 'progress', id, done, total, ms} after each replication, then
//          {type: 'result', id, doc, replications, ms}, {type: 'cancelled', id, done}
//          or {type: 'failed', id, message}
//   {type: 'cancel', id}                      stops run `id` before its next replication
// At start: {type: 'ready', version} or {type: 'fatal', message}.
//
// A run's request is the engine's ({variant, set, seed, source_name, label}); each replication k
// adds {replication: k, trace}, only replication 0 being traced when the page asks for a replay.
// report() gets every replication's scalars, the count, and replication 0's trace rows. With
// `pinned` ({text, request, replications}: side A) the result is the engine's comparison of A with
// this run (B), paired replication by replication. The page gets the replications back without
// their trace: {replication, seed, events, scalars}.
/* global createTumenEngine */
'use strict';

let engine = null;
const cancelled = new Set();

// Calls the engine's function `name` with JSON-string arguments; returns its answer parsed.
function call(name, ...args) {
  const fn = engine[name];
  if (typeof fn !== 'function') throw new Error(`the engine has no function ${name}()`);
  const out = fn.apply(engine, args);
  return typeof out === 'string' ? JSON.parse(out) : out;
}

// The engine reports a problem as {error: "…"}, or with {diagnostics} holding errors.
function problemOf(answer) {
  if (!answer || typeof answer !== 'object') return 'the engine gave no answer';
  if (answer.error) return typeof answer.error === 'string' ? answer.error : JSON.stringify(answer.error);
  const errors = (answer.diagnostics || []).filter((d) => (d.severity || d.level || 'error') === 'error');
  if (errors.length && !answer.scalars && !answer.run)
    return errors.map((d) => d.text || `${d.line ? `${d.line}:${d.column || 1}: ` : ''}${d.message}`).join('\n');
  return null;
}

const post = (m) => self.postMessage(m);
// Lets queued messages (a cancel, a check) in between two replications.
const breathe = () => new Promise((resolve) => setTimeout(resolve, 0));

// The text's own problems and its levers (with the variant applied, so they show the values
// that run); then the overrides, read on top: a refused one is a diagnostic, flagged `set`.
// An engine without check_design() checks the text alone.
function check(m) {
  try {
    const design = typeof engine.check_design === 'function';
    const base = design && m.variant ? call('check_design', m.text, JSON.stringify({ variant: m.variant })) : call('check', m.text);
    if (design && base.ok && (m.set || []).length) {
      const full = call('check_design', m.text, JSON.stringify({ variant: m.variant || null, set: m.set }));
      const seen = new Set((base.diagnostics || []).map((d) => d.text || d.message));
      const extra = (full.diagnostics || []).filter((d) => !seen.has(d.text || d.message)).map((d) => ({ ...d, set: true }));
      base.diagnostics = (base.diagnostics || []).concat(extra);
      base.ok = base.ok && full.ok !== false;
    }
    post({ type: 'checked', id: m.id, result: base });
  } catch (e) {
    post({ type: 'checked', id: m.id, result: { diagnostics: [{ line: 0, column: 0, severity: 'error', message: `the engine failed: ${e.message || e}` }], levers: [] } });
  }
}

async function run(m) {
  const t0 = performance.now();
  const reps = [];
  try {
    for (let k = 0; k < m.replications; k++) {
      await breathe();
      if (cancelled.has(m.id)) { post({ type: 'cancelled', id: m.id, done: k }); return; }
      // the report replays at most 7 days from the warm-up's end: an engine that knows
      // trace_days collects only those (others ignore the field)
      const request = { ...m.request, replication: k, trace: Boolean(m.trace && k === 0), trace_days: 7 };
      const out = call('run_replication', m.text, JSON.stringify(request));
      const problem = problemOf(out);
      if (problem) { post({ type: 'failed', id: m.id, message: problem }); return; }
      reps.push(out);
      post({ type: 'progress', id: m.id, done: k + 1, total: m.replications, ms: performance.now() - t0 });
    }
    await breathe();
    if (cancelled.has(m.id)) { post({ type: 'cancelled', id: m.id, done: reps.length }); return; }
    const p = m.pinned;
    const scalars = (list) => JSON.stringify(list.map((r) => r.scalars));
    const traced = reps[0] && reps[0].trace;
    const doc = p
      ? call('compare', p.text, JSON.stringify({ ...p.request, replications: p.replications.length }), scalars(p.replications),
        m.text, JSON.stringify({ ...m.request, replications: reps.length }), scalars(reps))
      : call('report', m.text, JSON.stringify({ ...m.request, replications: reps.length, ...(traced ? { trace: traced, trace_replication: 0 } : {}) }), scalars(reps));
    const problem = problemOf(doc);
    if (problem) { post({ type: 'failed', id: m.id, message: problem }); return; }
    const light = reps.map((r) => ({ replication: r.replication, seed: r.seed, events: r.events, scalars: r.scalars }));
    post({ type: 'result', id: m.id, doc, replications: light, ms: performance.now() - t0 });
  } catch (e) {
    post({ type: 'failed', id: m.id, message: `the engine failed: ${(e && e.message) || e}` });
  } finally {
    cancelled.delete(m.id);
  }
}

const waiting = [];
function handle(m) {
  if (m.type === 'check') check(m);
  else if (m.type === 'run') run(m);
}

self.onmessage = (e) => {
  const m = e.data;
  if (m.type === 'cancel') { cancelled.add(m.id); return; }
  if (!engine) waiting.push(m);
  else handle(m);
};

(async () => {
  try {
    if (typeof createTumenEngine !== 'function') throw new Error('the page holds no engine (createTumenEngine is missing)');
    engine = await createTumenEngine();
    // version() answers a JSON string or a plain one
    let version = typeof engine.version === 'function' ? engine.version() : '';
    try { version = JSON.parse(version); } catch (e) { /* plain text */ }
    post({ type: 'ready', version: typeof version === 'string' ? version : (version && version.version) || JSON.stringify(version) });
    for (const m of waiting.splice(0)) handle(m);
  } catch (e) {
    post({ type: 'fatal', message: `the engine did not start: ${(e && e.message) || e}` });
  }
})();
