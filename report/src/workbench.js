// The tumen workbench page (`tumen workbench`): edit a scenario, pull its levers, run it, see the
// report's views, compare with a pinned result — all in this page, offline. tumen's engine,
// compiled to WebAssembly, runs in a Web Worker (workbench_worker.js) so the page never freezes;
// the results are drawn by the report's renderer (report.js, window.tumenReport.render).
//
// What runs is always: the scenario text in the editor, then the chosen variant, then the
// overrides the levers made (`--set key=value`, listed on the page), as `tumen run` would apply
// them; the page shows that command line. The levers never rewrite the text.
//
// For tests and curious readers, window.__workbench holds the page's state: {engine: {ready,
// version}, check: {diagnostics, levers, variants}, overrides, run, result, pinned, timings}.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const finite = (x) => typeof x === 'number' && Number.isFinite(x);

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  const wb = {
    engine: { ready: false, version: '', starts: 0, problem: null },
    text: '',
    original: '',
    sourceName: '',        // the scenario file's name, as `tumen workbench` was given it
    check: { id: 0, pending: false, diagnostics: [], levers: [], variants: [], ok: false },
    variant: '',
    overrides: new Map(),  // key path → value text, in the order they were made
    run: null,             // the run under way: {id, replications, done, started, cancelling}
    result: null,          // the last run's: {id, doc, replications, request, text, compared, ms}
    pinned: null,          // side A: {text, request, replications, label}
    timings: [],           // each finished run: {replications, ms (Run pressed → drawn), compared}
    status: '',
    errors: [],
  };
  window.__workbench = wb;

  // ---------------------------------------------------------------------------------------
  // The engine's worker: made from a blob: URL of the engine's script and the worker's script
  // ---------------------------------------------------------------------------------------
  let worker = null, workerUrl = null, nextId = 1;

  function startWorker() {
    if (!workerUrl) {
      const engine = $('tumen-engine').textContent;
      if (!engine.trim() || engine.trim() === '/*TUMEN_' + 'ENGINE*/') {
        engineProblem('This page holds no engine: it is the template. Make a workbench with `tumen workbench -o workbench.html`.');
        return;
      }
      workerUrl = URL.createObjectURL(new Blob([engine, '\n;\n', $('tumen-worker').textContent], { type: 'text/javascript' }));
    }
    wb.engine.ready = false;
    wb.engine.starts++;
    worker = new Worker(workerUrl);
    worker.onmessage = (e) => onWorker(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      engineProblem(`The engine's worker failed: ${e.message || 'unknown error'}`);
    };
  }

  function engineProblem(text) {
    wb.engine.problem = text;
    $('wb-engine').textContent = text;
    $('wb-engine').classList.add('problem');
    setStatus(text, 'error');
    updateButtons();
  }

  const send = (m) => worker && worker.postMessage(m);

  function onWorker(m) {
    switch (m.type) {
      case 'ready':
        wb.engine.ready = true;
        wb.engine.version = m.version || '';
        $('wb-engine').textContent = `Engine: tumen ${wb.engine.version || ''} (WebAssembly, in a Web Worker of this page)`.replace('  ', ' ');
        if (!wb.run) setStatus('Ready.');
        requestCheck(0);
        break;
      case 'fatal': engineProblem(m.message); break;
      case 'checked': onChecked(m); break;
      case 'progress': onProgress(m); break;
      case 'result': onResult(m); break;
      case 'cancelled': onCancelled(m, false); break;
      case 'failed': onFailed(m); break;
      default: break;
    }
  }

  // ---------------------------------------------------------------------------------------
  // The editor: a textarea with a line-number gutter and its problems marked
  // ---------------------------------------------------------------------------------------
  const text = $('wb-text'), gutter = $('wb-gutter'), marks = $('wb-marks');
  let lineHeight = 18, charWidth = 7.8, padTop = 6, padLeft = 8, gutterLines = 0;

  function measure() {
    const cs = getComputedStyle(text);
    lineHeight = parseFloat(cs.lineHeight) || 18;
    padTop = parseFloat(cs.paddingTop) || 0;
    padLeft = parseFloat(cs.paddingLeft) || 0;
    const probe = el('span', { text: 'x'.repeat(100) });
    probe.style.font = cs.font;
    probe.style.position = 'absolute';
    probe.style.visibility = 'hidden';
    probe.style.whiteSpace = 'pre';
    document.body.append(probe);
    charWidth = probe.getBoundingClientRect().width / 100 || charWidth;
    probe.remove();
  }

  function drawGutter() {
    const n = text.value.split('\n').length;
    if (n !== gutterLines) {
      gutterLines = n;
      const frag = document.createDocumentFragment();
      for (let i = 1; i <= n; i++) frag.append(el('div', { 'data-line': String(i), text: String(i) }));
      const inner = el('div', { class: 'lines' });
      inner.append(frag);
      gutter.replaceChildren(inner);
    }
    markLines();
  }

  function scrollSync() {
    const inner = gutter.firstChild;
    if (inner) inner.style.transform = `translateY(${padTop - text.scrollTop}px)`;
    marks.style.transform = `translate(${-text.scrollLeft}px, ${-text.scrollTop}px)`;
  }

  // Problems with a line: the line's band (error or warning), its number marked with the message
  // as a tooltip, and a caret under the column.
  function markLines() {
    const inner = gutter.firstChild;
    if (inner) for (const d of inner.querySelectorAll('.error, .warning')) { d.classList.remove('error', 'warning'); d.removeAttribute('title'); }
    marks.replaceChildren();
    for (const d of wb.check.diagnostics) {
      if (!(d.line >= 1)) continue;
      const level = severity(d) === 'error' ? 'error' : 'warning';
      const num = inner && inner.children[d.line - 1];
      if (num) {
        if (!num.classList.contains('error')) num.classList.add(level);
        num.title = (num.title ? `${num.title}\n` : '') + d.message;
      }
      const top = padTop + (d.line - 1) * lineHeight;
      marks.append(el('div', { class: `band ${level}`, 'data-line': String(d.line), style: `top:${top}px;height:${lineHeight}px` }));
      if (d.column >= 1)
        marks.append(el('div', { class: `caret ${level}`, style: `top:${top + lineHeight - 3}px;left:${padLeft + (d.column - 1) * charWidth}px;width:${Math.max(charWidth, 6)}px` }));
    }
    scrollSync();
  }

  const severity = (d) => d.severity || d.level || 'error';

  // Moves the caret to line:column and brings it into view.
  function goTo(line, column) {
    const lines = text.value.split('\n');
    let at = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length); i++) at += lines[i].length + 1;
    at += Math.max(0, Math.min((column || 1) - 1, (lines[line - 1] || '').length));
    text.focus();
    text.setSelectionRange(at, at);
    text.scrollTop = Math.max(0, (line - 1) * lineHeight - text.clientHeight / 3);
    scrollSync();
  }

  function showDiagnostics() {
    const list = $('wb-diagnostics');
    list.replaceChildren();
    const ds = wb.check.diagnostics;
    for (const d of ds) {
      const where = d.line >= 1 ? `line ${d.line}, column ${d.column || 1}` : d.set ? '--set' : (d.key || 'scenario');
      const li = el('li', { class: severity(d), 'data-line': d.line >= 1 ? String(d.line) : null, 'data-column': d.column >= 1 ? String(d.column) : null },
        el('span', { class: 'where', text: where }), ' ', el('span', { class: 'level', text: `${severity(d)}:` }), ' ',
        el('span', { class: 'message', text: d.key && (d.line >= 1 || d.set) ? `${d.key}: ${d.message}` : d.message }));
      if (d.line >= 1) li.addEventListener('click', () => goTo(d.line, d.column));
      list.append(li);
    }
    // an override the reader refused is marked in the list of overrides too
    for (const li of $('wb-overrides').querySelectorAll('li[data-key]')) {
      const k = li.getAttribute('data-key');
      li.classList.toggle('error', ds.some((d) => d.set && severity(d) === 'error' && (d.key === k || (d.key || '').startsWith(`${k}.`) || k.startsWith(`${d.key}.`))));
    }
    const errors = ds.filter((d) => severity(d) === 'error').length, warnings = ds.length - errors;
    const s = $('wb-check');
    s.className = `status ${errors ? 'error' : warnings ? 'warning' : 'ok'}`;
    s.textContent = wb.check.pending ? 'checking…'
      : errors ? `${errors} error${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`
        : warnings ? `valid, ${warnings} warning${warnings === 1 ? '' : 's'}` : 'valid';
    markLines();
  }

  // Live checking: the text goes to the engine's reader 300 ms after the last keystroke.
  let checkTimer = null;
  function requestCheck(delay) {
    clearTimeout(checkTimer);
    wb.check.pending = true;
    $('wb-check').textContent = 'checking…';
    checkTimer = setTimeout(() => {
      if (!wb.engine.ready) return;
      wb.check.id = nextId++;
      send({ type: 'check', id: wb.check.id, text: wb.text, variant: wb.variant || null, set: [...wb.overrides].map(([k, v]) => `${k}=${v}`) });
    }, delay);
  }

  function onChecked(m) {
    if (m.id !== wb.check.id) return;  // a newer check is on its way
    const r = m.result || {};
    wb.check.pending = false;
    wb.check.diagnostics = (r.diagnostics || []).slice().sort((a, b) => (a.line || 0) - (b.line || 0) || (a.column || 0) - (b.column || 0));
    if (r.error && !wb.check.diagnostics.length) wb.check.diagnostics = [{ line: 0, column: 0, severity: 'error', message: r.error }];
    wb.check.ok = r.ok !== false && !wb.check.diagnostics.some((d) => severity(d) === 'error');
    if (r.levers) {
      const l = flattenLevers(r.levers);
      wb.check.levers = l.levers;
      wb.check.variants = l.variants;
      wb.check.scenario = scenarioName(wb.text);
      document.title = wb.check.scenario ? `${wb.check.scenario} · tumen workbench` : 'tumen workbench';
      if (l.seed !== null) $('wb-seed').placeholder = String(l.seed);
      wb.check.seed = l.seed;
      showLevers();
    }
    showDiagnostics();
    updateCommand();
    updateButtons();
  }

  text.addEventListener('input', () => {
    wb.text = text.value;
    drawGutter();
    requestCheck(300);
  });
  text.addEventListener('scroll', scrollSync);
  // Tab indents instead of leaving the editor.
  text.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Tab' || ev.ctrlKey || ev.altKey || ev.metaKey) return;
    ev.preventDefault();
    const s = text.selectionStart, e = text.selectionEnd;
    text.setRangeText('  ', s, e, 'end');
    text.dispatchEvent(new Event('input'));
  });
  $('wb-revert').addEventListener('click', () => {
    if (text.value === wb.original) return;
    text.value = wb.original;
    text.dispatchEvent(new Event('input'));
  });

  // ---------------------------------------------------------------------------------------
  // Levers, variant and overrides
  // ---------------------------------------------------------------------------------------
  // The engine's levers (check().levers: run, variants, stages, yards, booking; each value with
  // the key that changes it) as a flat list of controls: {key, label, kind, value, min, unit, group}.
  function flattenLevers(L) {
    const out = [];
    if (!L) return { levers: out, variants: [], seed: null };
    if (Array.isArray(L)) return { levers: L, variants: [], seed: null };
    const add = (group, key, label, kind, value, extra) => { if (key) out.push({ group, key, label, kind, value, ...(extra || {}) }); };
    const hoursValue = (o) => (o.hours === null || o.hours === undefined ? '' : valueText(o.hours));
    const r = L.run || {};
    add('Run', r.days_key, 'days simulated', 'integer', r.days, { min: 1, unit: 'd' });
    add('Run', r.warmup_key, 'warm-up', 'text', finite(r.warmup_days) ? `${r.warmup_days} d` : '', { doc: r.warmup_format });
    add('Run', r.demand_scale_key, 'demand scale', 'number', r.demand_scale, { min: 0, unit: '×', doc: 'every [[demand]] multiplied by this' });
    for (const st of L.stages || []) {
      const g = `Stage: ${st.name || st.id}`;
      if (st.lanes_key) add(g, st.lanes_key, 'lanes', 'integer', st.lanes, { min: 1 });
      for (const lg of st.lane_groups || []) {
        const who = (lg.classes || []).join(', ') || 'any class';
        if (lg.key) add(g, lg.key, `lanes for ${who}`, 'integer', lg.lanes, { min: 1 });
        if (lg.open_lanes_key) add(g, lg.open_lanes_key, `open lanes by hour (${who || lg.id})`, 'text', lg.open_lanes ? valueText(lg.open_lanes) : '', { doc: '24 numbers, hour 0 to 23; empty: all lanes every hour' });
      }
      if (st.open_lanes_key) add(g, st.open_lanes_key, 'open lanes by hour', 'text', st.open_lanes ? valueText(st.open_lanes) : '', { doc: '24 numbers, hour 0 to 23; empty: all lanes every hour' });
      if (st.opening) add(g, st.opening.key, 'opening hours', 'text', hoursValue(st.opening), { doc: '"08:00-20:00", a list of ranges, or "closed"' });
    }
    for (const y of L.yards || []) {
      const g = `Yard: ${y.name || y.id}`;
      add(g, y.bays_key, 'bays', 'integer', y.bays, { min: 1 });
      if (y.opening) add(g, y.opening.key, 'opening hours', 'text', hoursValue(y.opening));
    }
    for (const b of L.booking || []) {
      const g = `Booking: ${b.class} on ${b.route}`;
      add(g, b.slots_per_hour_key, 'slots per hour', 'number', b.slots_per_hour, { min: 0 });
      add(g, b.tolerance_key, 'tolerance', 'text', finite(b.tolerance_s) ? `${b.tolerance_s / 60} min` : '');
      add(g, b.no_show_key, 'no-show share', 'number', b.no_show, { min: 0, max: 1, step: 0.01 });
    }
    const seed = typeof r.seed === 'string' && /^\d+$/.test(r.seed) ? (Number(r.seed) <= Number.MAX_SAFE_INTEGER ? Number(r.seed) : r.seed) : finite(r.seed) ? r.seed : null;
    return { levers: out, variants: L.variants || [], seed };
  }

  // The scenario's name (its [scenario] name), for the files the page saves.
  function scenarioName(t) {
    const m = /^\[scenario\][^\[]*?^\s*name\s*=\s*"([^"]*)"/m.exec(t);
    return m ? m[1] : '';
  }

  // A lever's value as text for its input and for `--set` (TOML; a plain string as itself).
  function valueText(v) {
    if (v === null || v === undefined) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'string' ? JSON.stringify(x) : valueText(x))).join(', ')}]`;
    return `{ ${Object.entries(v).map(([k, x]) => `${k} = ${typeof x === 'string' ? JSON.stringify(x) : valueText(x)}`).join(', ')} }`;
  }
  const leverText = (l) => (typeof l.toml === 'string' ? l.toml : valueText(l.value));
  const leverKind = (l) => l.kind || l.type || (typeof l.value === 'number' ? (Number.isInteger(l.value) ? 'integer' : 'number') : typeof l.value === 'boolean' ? 'boolean' : 'text');

  // Groups: the lever's own, else "Run" for run.* keys and the element for stages.X.* and the like.
  function leverGroup(l) {
    if (l.group) return l.group;
    const parts = l.key.split('.');
    if (parts[0] === 'run') return 'Run';
    if (parts[0] === 'demand') return 'Demand';
    return parts.length > 2 ? `${parts[0].replace(/s$/, '')} ${parts[1]}` : parts[0];
  }

  function setOverride(key, value) {
    if (value === null) wb.overrides.delete(key);
    else wb.overrides.set(key, value);
    showOverrides();
    updateCommand();
    requestCheck(150);
    updateButtons();
  }

  function showLevers() {
    const box = $('wb-levers');
    const open = new Set([...box.querySelectorAll('details[open]')].map((d) => d.getAttribute('data-group')));
    const first = !box.childElementCount;
    box.replaceChildren();
    const groups = new Map();
    for (const l of wb.check.levers) {
      const g = leverGroup(l);
      if (!groups.has(g)) groups.set(g, []);
      groups.get(g).push(l);
    }
    let k = 0;
    for (const [g, levers] of groups) {
      const d = el('details', { 'data-group': g, open: open.has(g) || (first && k === 0) ? 'open' : null }, el('summary', { text: g }));
      for (const l of levers) d.append(leverControl(l));
      box.append(d);
      k++;
    }
    filterLevers();
    // variants: the select keeps its choice while the text still has that variant
    const sel = $('wb-variant');
    const names = wb.check.variants.map((v) => (typeof v === 'string' ? v : v.name));
    if (wb.variant && !names.includes(wb.variant)) wb.variant = '';
    sel.replaceChildren(el('option', { value: '', text: '(none)' }),
      ...wb.check.variants.map((v) => {
        const name = typeof v === 'string' ? v : v.name;
        return el('option', { value: name, text: name, title: (v && v.description) || null, selected: name === wb.variant ? 'selected' : null });
      }));
    sel.value = wb.variant;
  }

  function leverControl(l) {
    const base = leverText(l);
    const current = wb.overrides.has(l.key) ? wb.overrides.get(l.key) : base;
    const kind = leverKind(l);
    const id = `lever-${l.key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    let input;
    if (Array.isArray(l.choices || l.options)) {
      input = el('select', { id });
      for (const c of l.choices || l.options) input.append(el('option', { value: valueText(c), text: valueText(c) }));
      input.value = current;
    } else if (kind === 'boolean') {
      input = el('input', { id, type: 'checkbox' });
      input.checked = current === 'true';
    } else if (kind === 'integer' || kind === 'int' || kind === 'number' || kind === 'float') {
      input = el('input', { id, type: 'number', step: l.step !== undefined ? String(l.step) : kind === 'number' || kind === 'float' ? 'any' : '1',
        min: l.min !== undefined ? String(l.min) : null, max: l.max !== undefined ? String(l.max) : null });
      input.value = current;
    } else {
      input = el('input', { id, type: 'text', spellcheck: 'false' });
      input.value = current;
    }
    input.setAttribute('data-key', l.key);
    const read = () => (kind === 'boolean' ? String(input.checked) : input.value.trim());
    const same = (v) => (finite(Number(v)) && finite(Number(base)) && v !== '' && base !== '' ? Number(v) === Number(base) : v === base);
    input.addEventListener('change', () => {
      const v = read();
      setOverride(l.key, v === '' || same(v) ? null : v);
      row.classList.toggle('changed', wb.overrides.has(l.key));
    });
    const label = l.label || l.name || l.key;
    const row = el('div', { class: `lever${wb.overrides.has(l.key) ? ' changed' : ''}`, 'data-key': l.key, title: [l.key, l.doc || l.description].filter(Boolean).join(': ') },
      el('label', { for: id, text: label }), input,
      el('span', { class: 'unit', text: l.unit || '' }),
      el('span', { class: 'was', text: `in the text: ${base === '' ? '–' : base}` }));
    return row;
  }

  function showOverrides() {
    const ul = $('wb-overrides');
    ul.replaceChildren();
    if (!wb.overrides.size) ul.append(el('li', { class: 'none', text: 'none: the text and the variant as they are' }));
    for (const [k, v] of wb.overrides) {
      const x = el('button', { type: 'button', class: 'remove', title: `remove this override (back to the text's value)`, 'aria-label': `remove ${k}`, text: '×' });
      x.addEventListener('click', () => {
        setOverride(k, null);
        showLevers();
      });
      ul.append(el('li', { 'data-key': k }, el('code', { text: `--set ${k}=${v}` }), x));
    }
    // any other key, typed as on the command line
    const add = el('input', { type: 'text', id: 'wb-add-override', placeholder: 'key.path=value', spellcheck: 'false' });
    const go = el('button', { type: 'button', class: 'quiet', text: 'Add' });
    const commit = () => {
      const t = add.value.trim(), at = t.indexOf('=');
      if (at <= 0) return;
      setOverride(t.slice(0, at).trim(), t.slice(at + 1).trim());
      showLevers();
    };
    go.addEventListener('click', commit);
    add.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') commit(); });
    ul.append(el('li', { class: 'add' }, add, go));
    $('wb-clear').disabled = !wb.overrides.size;
  }

  // Typing in the filter shows only the levers whose name, key or group holds every word typed,
  // with their groups open.
  function filterLevers() {
    const words = $('wb-filter').value.toLowerCase().split(/\s+/).filter(Boolean);
    for (const d of $('wb-levers').querySelectorAll('details')) {
      let shown = 0;
      for (const row of d.querySelectorAll('.lever')) {
        const hay = `${d.getAttribute('data-group')} ${row.getAttribute('data-key')} ${row.textContent}`.toLowerCase();
        const hit = words.every((w) => hay.includes(w));
        row.hidden = !hit;
        if (hit) shown++;
      }
      d.hidden = shown === 0;
      if (words.length) d.open = shown > 0;
    }
  }
  $('wb-filter').addEventListener('input', filterLevers);

  $('wb-variant').addEventListener('change', (ev) => { wb.variant = ev.target.value; updateCommand(); requestCheck(0); updateButtons(); });
  $('wb-clear').addEventListener('click', () => { wb.overrides.clear(); showOverrides(); showLevers(); updateCommand(); requestCheck(0); updateButtons(); });

  // ---------------------------------------------------------------------------------------
  // The run: its request, the command line that does the same, progress, cancellation
  // ---------------------------------------------------------------------------------------
  function replications() {
    const n = Math.floor(Number($('wb-reps').value));
    return finite(n) && n >= 1 ? Math.min(n, 100000) : 1;
  }
  // The seed typed (digits; kept as text beyond 2^53, which JavaScript numbers cannot hold),
  // else the scenario's run.seed.
  function seed() {
    const v = $('wb-seed').value.trim();
    if (/^\d+$/.test(v)) return Number(v) <= Number.MAX_SAFE_INTEGER ? Number(v) : v;
    return wb.check.seed;
  }
  function request() {
    const r = { variant: wb.variant || null, set: [...wb.overrides].map(([k, v]) => `${k}=${v}`), source_name: scenarioFileName() };
    const s = seed();
    if (s !== null) r.seed = s;
    return r;
  }

  const shellWord = (w) => (/^[A-Za-z0-9_./:=,+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);
  function commandLine() {
    const words = ['tumen', 'run', scenarioFileName()];
    if (wb.variant) words.push('--variant', wb.variant);
    for (const [k, v] of wb.overrides) words.push('--set', `${k}=${v}`);
    words.push('-r', String(replications()));
    const s = seed();
    if (s !== null) words.push('--seed', String(s));
    return words.map(shellWord).join(' ');
  }
  function updateCommand() { $('wb-command').textContent = commandLine(); }

  function scenarioFileName() {
    if (wb.sourceName) return wb.sourceName.split(/[\\/]/).pop();
    const name = (wb.check.scenario || 'scenario').replace(/\([^)]*\)/g, '').toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    return `${name || 'scenario'}.toml`;
  }

  function setStatus(t, level) {
    wb.status = t;
    const s = $('wb-status');
    s.textContent = t;
    s.className = `status ${level || ''}`.trim();
  }

  const seconds = (ms) => (ms < 10000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

  function startRun() {
    if (wb.run || !wb.engine.ready) return;
    const n = replications();
    const id = nextId++;
    wb.run = { id, replications: n, done: 0, started: performance.now(), cancelling: false, request: request(), text: wb.text, variant: wb.variant, overrides: [...wb.overrides], compared: Boolean(wb.pinned) };
    wb.run.request.label = sideLabel(wb.run);
    const pinned = wb.pinned ? { text: wb.pinned.text, request: wb.pinned.request, replications: wb.pinned.replications } : null;
    send({ type: 'run', id, text: wb.text, request: wb.run.request, replications: n, trace: $('wb-trace').checked, pinned });
    const p = $('wb-progress');
    p.max = n;
    p.value = 0;
    setStatus(`Running replication 1 of ${n}…`, 'busy');
    document.body.setAttribute('data-run', 'running');
    updateButtons();
  }

  function onProgress(m) {
    if (!wb.run || m.id !== wb.run.id) return;
    wb.run.done = m.done;
    $('wb-progress').value = m.done;
    if (wb.run.cancelling) return;
    const each = m.ms / m.done, left = each * (m.total - m.done);
    setStatus(m.done < m.total
      ? `Replication ${m.done} of ${m.total} done · ${seconds(each)} each · about ${seconds(left)} left`
      : `${m.total} replication${m.total === 1 ? '' : 's'} done in ${seconds(m.ms)}; summarising…`, 'busy');
  }

  function onResult(m) {
    if (!wb.run || m.id !== wb.run.id) return;
    const run = wb.run;
    wb.run = null;
    const t0 = performance.now();
    const doc = m.doc;
    wb.result = { id: m.id, doc, replications: m.replications, request: run.request, text: run.text, variant: run.variant,
      overrides: run.overrides, compared: run.compared, engineMs: m.ms, label: sideLabel(run) };
    drawResult(doc, run);
    const ms = performance.now() - run.started;
    wb.timings.push({ replications: run.replications, ms, engineMs: m.ms, drawMs: performance.now() - t0, compared: run.compared });
    // a comparison pairs replication k of A with replication k of B: common random numbers only
    // with the same seed
    const unpaired = run.compared && wb.pinned && String(wb.pinned.request.seed) !== String(run.request.seed);
    setStatus(`Done: ${run.replications} replication${run.replications === 1 ? '' : 's'} in ${seconds(m.ms)}${run.compared ? ', compared with the pinned result A' : ''} (results drawn ${seconds(ms)} after Run).${unpaired ? ` Note: A ran with seed ${wb.pinned.request.seed}, B with ${run.request.seed}: the pairs do not share random numbers, so the intervals are wider than they need be.` : ''}`, unpaired ? 'warning' : 'ok');
    document.body.setAttribute('data-run', 'done');
    updateButtons();
  }

  function onFailed(m) {
    if (!wb.run || m.id !== wb.run.id) return;
    wb.run = null;
    setStatus(`The run failed: ${m.message}`, 'error');
    document.body.setAttribute('data-run', 'failed');
    updateButtons();
  }

  function onCancelled(m, hard) {
    if (!wb.run || m.id !== wb.run.id) return;
    clearTimeout(hardStop);
    const run = wb.run;
    wb.run = null;
    setStatus(`Cancelled after ${m.done} of ${run.replications} replication${run.replications === 1 ? '' : 's'}${hard ? ' (the engine was stopped in the middle of a replication and restarted)' : ''}. The results shown are those of the previous run.`, 'cancelled');
    document.body.setAttribute('data-run', 'cancelled');
    updateButtons();
  }

  // Cancelling asks the worker to stop before its next replication; a replication still running
  // after 1.5 s is cut short by stopping the worker and starting a new one.
  let hardStop = null;
  function cancelRun() {
    if (!wb.run || wb.run.cancelling) return;
    const run = wb.run;
    run.cancelling = true;
    send({ type: 'cancel', id: run.id });
    setStatus('Cancelling…', 'busy');
    hardStop = setTimeout(() => {
      if (wb.run !== run) return;
      worker.terminate();
      onCancelled({ id: run.id, done: run.done }, true);
      startWorker();
    }, 1500);
    updateButtons();
  }

  $('wb-run').addEventListener('click', startRun);
  $('wb-cancel').addEventListener('click', cancelRun);
  $('wb-reps').addEventListener('input', updateCommand);
  $('wb-seed').addEventListener('input', updateCommand);

  function updateButtons() {
    const running = Boolean(wb.run);
    $('wb-run').disabled = running || !wb.engine.ready || !wb.check.ok || wb.check.pending;
    $('wb-run').textContent = wb.pinned ? 'Run B and compare' : 'Run';
    $('wb-cancel').disabled = !running || wb.run.cancelling;
    $('wb-pin').disabled = running || !wb.result;
    $('wb-unpin').disabled = !wb.pinned;
    $('wb-download-json').disabled = !wb.result;
    $('wb-download-csv').disabled = !wb.result;
  }
  // the check's answer arrives after typing stops: Run waits for it
  text.addEventListener('input', updateButtons);

  // ---------------------------------------------------------------------------------------
  // Results: the report's views; A/B with a pinned result
  // ---------------------------------------------------------------------------------------
  function sideLabel(run) {
    const bits = [];
    if (run.variant) bits.push(`variant ${run.variant}`);
    for (const [k, v] of run.overrides) bits.push(`${k}=${v}`);
    if (run.text !== wb.original) bits.push('edited text');
    return bits.join(', ') || 'the scenario as given';
  }

  function drawResult(doc, run) {
    const title = $('wb-results-title');
    title.textContent = run.compared ? `Results: B (${sideLabel(run)}) against A (${wb.pinned.label})` : `Results: ${sideLabel(run)}`;
    try {
      const state = window.tumenReport.render(doc, $('report'), { toc: $('toc'), subtitle: $('subtitle') });
      if (state.errors.length) wb.errors.push(...state.errors);
    } catch (e) {
      wb.errors.push(`render: ${e.message}`);
      console.error('tumen workbench: drawing the results failed:', e);
    }
  }

  $('wb-pin').addEventListener('click', () => {
    const r = wb.result;
    if (!r) return;
    wb.pinned = { text: r.text, request: r.request, replications: r.replications, label: r.label, variant: r.variant, overrides: r.overrides };
    $('wb-pinned').textContent = `A is pinned: ${r.label}, ${r.replications.length} replications, seed ${r.request.seed !== undefined ? r.request.seed : 'the scenario\u2019s'}. Change a lever or the text and press “Run B and compare”: B runs the same replications (keep the seed and the count for a paired comparison).`;
    $('wb-pinned').classList.add('pinned');
    updateButtons();
  });
  $('wb-unpin').addEventListener('click', () => {
    wb.pinned = null;
    $('wb-pinned').textContent = 'Nothing pinned.';
    $('wb-pinned').classList.remove('pinned');
    updateButtons();
  });

  // ---------------------------------------------------------------------------------------
  // Downloads, made in the page (blob: URLs)
  // ---------------------------------------------------------------------------------------
  function download(name, content, type) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const a = el('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30000);
  }

  // The text as edited; the command line that reproduces the last run, as a comment at its end.
  $('wb-download-toml').addEventListener('click', () => {
    let t = wb.text.endsWith('\n') ? wb.text : `${wb.text}\n`;
    if (wb.variant || wb.overrides.size)
      t += `\n# Saved from the tumen workbench with a variant or overrides: to run it as the page did,\n#   ${commandLine()}\n`;
    download(scenarioFileName(), t, 'application/toml');
  });
  const stem = () => scenarioFileName().replace(/\.toml$/, '');
  $('wb-download-json').addEventListener('click', () => {
    if (wb.result) download(`${stem()}-results.json`, `${JSON.stringify(wb.result.doc, null, 1)}\n`, 'application/json');
  });

  // One row per replication (and side, after a comparison): every figure the engine gave.
  function csvOfReplications() {
    const sides = [];
    if (wb.result.compared && wb.pinned) sides.push(['A', wb.pinned.replications]);
    sides.push([wb.result.compared ? 'B' : '', wb.result.replications]);
    const names = new Set();
    for (const [, reps] of sides) for (const r of reps) for (const k of Object.keys(r.scalars || {})) names.add(k);
    const cols = [...names].sort();
    const q = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const lines = [[...(wb.result.compared ? ['side'] : []), 'replication', ...cols].map(q).join(',')];
    for (const [side, reps] of sides)
      reps.forEach((r, k) => {
        const v = (x) => (x === null || x === undefined ? '' : typeof x === 'number' ? String(x) : q(String(x)));
        lines.push([...(wb.result.compared ? [side] : []), String(r.replication !== undefined ? r.replication : k), ...cols.map((c) => v((r.scalars || {})[c]))].join(','));
      });
    return `${lines.join('\n')}\n`;
  }
  $('wb-download-csv').addEventListener('click', () => {
    if (wb.result) download(`${stem()}-replications.csv`, csvOfReplications(), 'text/csv');
  });

  // ---------------------------------------------------------------------------------------
  // Start
  // ---------------------------------------------------------------------------------------
  function main() {
    let scenario = '';
    try {
      scenario = JSON.parse($('tumen-scenario').textContent);
    } catch (e) {
      scenario = '';
    }
    if (typeof scenario !== 'string') scenario = '';
    wb.original = wb.text = scenario;
    text.value = scenario;
    // what `tumen workbench` was given besides the text: the file's name, a variant, overrides
    const start = $('tumen-start');
    if (start) {
      try {
        const s = JSON.parse(start.textContent);
        if (typeof s.source_name === 'string' && s.source_name) wb.sourceName = s.source_name;
        if (typeof s.variant === 'string') wb.variant = s.variant;
        for (const kv of s.set || []) {
          const at = String(kv).indexOf('=');
          if (at > 0) wb.overrides.set(kv.slice(0, at).trim(), kv.slice(at + 1).trim());
        }
      } catch (e) {
        console.warn('tumen workbench: #tumen-start is not JSON:', e.message);
      }
    }
    measure();
    drawGutter();
    showOverrides();
    updateCommand();
    updateButtons();
    startWorker();
    window.addEventListener('resize', () => { measure(); markLines(); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
  else main();
})();
