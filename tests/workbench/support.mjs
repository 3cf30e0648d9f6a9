// What the workbench tests share: their arguments, the engine loaded under node, the native
// program run as a child process, and a fresh work folder.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';

export function args(argv = process.argv) {
  const out = {};
  for (let i = 2; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const k of ['engine', 'tumen', 'root', 'work']) {
    if (!out[k]) throw new Error(`missing --${k}`);
    out[k] = path.resolve(out[k]);
  }
  fs.rmSync(out.work, { recursive: true, force: true });
  fs.mkdirSync(out.work, { recursive: true });
  return out;
}

export async function loadEngine(file) {
  const require = createRequire(import.meta.url);
  const create = require(path.resolve(file));
  return create();
}

// Calls an engine function and parses its JSON; fails on {"error": …}.
export function call(engine, fn, ...params) {
  const out = JSON.parse(engine[fn](...params));
  if (out && out.error !== undefined) throw new Error(`${fn}: ${out.error}`);
  return out;
}

// Runs the native program; returns {status, stdout, stderr}.
export function tumen(a, argv, options = {}) {
  const r = spawnSync(a.tumen, argv, { cwd: a.work, encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  if (r.error) throw r.error;
  return r;
}

export function sqliteJson(db, sql) {
  const r = spawnSync('sqlite3', ['-json', db, sql], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim() ? JSON.parse(r.stdout) : [];
}

// Runs the test's body. An exception is reported in one line: the engine's loader rethrows
// uncaught ones, and node would then print the engine's whole source.
export async function main(name, body) {
  try {
    await body();
  } catch (e) {
    console.error(`${name}: ${e && e.stack ? e.stack.split('\n').slice(0, 4).join('\n') : e}`);
    process.exit(1);
  }
  finish(name);
}

let failures = 0;
export function expect(ok, what) {
  if (!ok) {
    failures++;
    console.error(`FAIL: ${what}`);
  }
}
export function finish(name) {
  if (failures) {
    console.error(`${name}: ${failures} failure(s)`);
    process.exit(1);
  }
  console.log(`${name}: ok`);
}
