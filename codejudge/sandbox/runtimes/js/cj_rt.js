// codejudge JavaScript test runtime (trusted). Loaded before the candidate: it keeps its own
// references to what it needs, so code that patches globals later cannot reach them.
// emit(id, f) calls f (the test's call of the candidate) and writes ONLY the returned value,
// as tagged JSON (codejudge.sandbox.values), on fd 3, prefixed by a per-run nonce read from
// fd 4 before the tests start. The verdict is decided outside the sandbox.
'use strict';
const fs = require('fs');
const writeSync = fs.writeSync;
const readSync = fs.readSync;
const closeSync = fs.closeSync;
const hrtime = process.hrtime.bigint;
const isArray = Array.isArray;
const isInteger = Number.isInteger;
const isFinite_ = Number.isFinite;
const keys = Object.keys;
const getProto = Object.getPrototypeOf;
const ObjectProto = Object.prototype;
const stringify = JSON.stringify;
const MapC = Map;
const SetC = Set;
const StringC = String;
const exit = process.exit.bind(process);
const reallyExit = process.reallyExit ? process.reallyExit.bind(process) : exit;

let nonce = '';
let emitted = 0;

function init() {
  const buf = Buffer.alloc(80);
  let n = 0;
  for (;;) {
    let k = 0;
    try { k = readSync(4, buf, n, buf.length - n, null); } catch (e) { k = 0; }
    if (k <= 0) break;
    n += k;
    if (n >= buf.length) break;
  }
  try { closeSync(4); } catch (e) { /* already closed */ }
  nonce = buf.toString('ascii', 0, n).trim();
  if (nonce.length < 16) reallyExit(122);
}

function write(line) {
  const b = Buffer.from(line, 'utf8');
  let off = 0;
  while (off < b.length) {
    let k = 0;
    try { k = writeSync(3, b, off, b.length - off); } catch (e) { reallyExit(121); }
    off += k;
  }
}

class Unserializable extends Error {}

function enc(v, depth) {
  if (depth > 200) throw new Unserializable('nested deeper than 200 levels');
  if (v === null || v === undefined) return 'null';
  const t = typeof v;
  if (t === 'boolean') return v ? 'true' : 'false';
  if (t === 'number') {
    if (v !== v) return '{"$float":"nan"}';
    if (!isFinite_(v)) return v > 0 ? '{"$float":"inf"}' : '{"$float":"-inf"}';
    // integers as JSON integers (1e21 too); others in the shortest text that reads back as this double
    if (isInteger(v)) return BigInt(v).toString();
    return StringC(v);
  }
  if (t === 'bigint') return v.toString();
  if (t === 'string') return stringify(v);
  if (isArray(v)) {
    const parts = [];
    for (let i = 0; i < v.length; i++) parts.push(enc(v[i], depth + 1));
    return '[' + parts.join(',') + ']';
  }
  if (v instanceof MapC) {
    const parts = [];
    for (const [k, x] of v) parts.push('[' + enc(k, depth + 1) + ',' + enc(x, depth + 1) + ']');
    return '{"$dict":[' + parts.join(',') + ']}';
  }
  if (v instanceof SetC) {
    const parts = [];
    for (const x of v) parts.push(enc(x, depth + 1));
    return '{"$set":[' + parts.join(',') + ']}';
  }
  if (t === 'object' && (getProto(v) === ObjectProto || getProto(v) === null)) {
    const parts = [];
    for (const k of keys(v)) parts.push('[' + stringify(k) + ',' + enc(v[k], depth + 1) + ']');
    return '{"$dict":[' + parts.join(',') + ']}';
  }
  throw new Unserializable(t === 'object' && v.constructor ? StringC(v.constructor.name) : t);
}

function head(id) { return nonce + ' {"id":' + stringify(id); }

function errorRecord(e) {
  let type = 'Error';
  let message = '';
  try {
    type = e && e.constructor && typeof e.constructor.name === 'string' ? e.constructor.name : typeof e;
    message = e && typeof e.message === 'string' ? e.message : StringC(e);
  } catch (x) { message = '<unprintable>'; }
  return ',"e":{"type":' + stringify(type.slice(0, 200)) + ',"message":' + stringify(message.slice(0, 2000)) + '}';
}

// Evaluate one test call; returns true so it can stand where the assertion stood.
function emit(id, f) {
  const t0 = hrtime();
  let rec = head(id);
  try {
    rec += ',"v":' + enc(f(), 0);
  } catch (e) {
    if (e instanceof Unserializable) rec += ',"u":' + stringify(StringC(e.message));
    else rec += errorRecord(e);
  }
  rec += ',"t":' + (Number(hrtime() - t0) / 1e9).toFixed(6) + '}\n';
  write(rec);
  emitted++;
  return true;
}

// The program could not load (syntax error) or failed before its first test: every test says so.
function setupError(e) {
  if (emitted === 0) write(head('__setup__') + errorRecord(e) + '}\n');
}

function end() { write(nonce + ' {"id":"__end__"}\n'); }

module.exports = Object.freeze({ init, emit, end, setupError });
