'use strict';
// Sample "leaking app" for sample_profiles/heap/leak_s{1,2,3} and control_{a,b}.
//
// usage: node --expose-gc leak_app.js leak    OUTDIR   -> OUTDIR/leak_s1, leak_s2, leak_s3 .heapsnapshot
//        node --expose-gc leak_app.js control OUTDIR   -> OUTDIR/control_a, control_b .heapsnapshot
//
// An HTTP-free simulation of request handling. Each "request" builds a RequestContext with some
// churn (parsed header objects, a temporary body string, a scratch array) that is garbage as soon as
// the request ends, and creates a Session (lib/session.js: fields + an onExpire closure).
//  - leak:    the session is put into the module-level Map `sessionCache` and never removed, so
//             every request adds one Session (+ its headers object, cart array, closure, context and
//             scratch array). Snapshots after 300, 700 (+400) and 1300 (+600) requests
//             (the first 20 are a warm-up before any snapshot).
//  - control: the same requests, but the session is removed from the cache when the request ends
//             (the cache is empty at each snapshot). Snapshots after 300 and after 700 requests.
// global.gc() runs before each snapshot so that freed churn is not in the file; all snapshots of
// a run come from one process, so node ids are stable across them (the Comparison view relies on it).
const v8 = require('node:v8');
const path = require('node:path');
const {Session} = require('./lib/session.js');

const mode = process.argv[2];
const outDir = process.argv[3];
if (!['leak', 'control'].includes(mode) || !outDir || typeof global.gc !== 'function') {
  console.error('usage: node --expose-gc leak_app.js leak|control OUTDIR');
  process.exit(2);
}

const sessionCache = new Map();   // module-level cache: the leak
let handled = 0;

class RequestContext {
  constructor(i) {
    this.method = i % 3 === 0 ? 'POST' : 'GET';
    this.url = `/api/items/${i}?page=${i % 7}`;
    this.headers = {host: 'example.test', 'user-agent': `sim/${i % 5}`, accept: 'application/json'};
    this.body = JSON.stringify({item: i, tags: ['a', 'b', String(i)]});
    this.scratch = new Array(32).fill(i);
  }
}

function handleRequest(i) {
  const ctx = new RequestContext(i);
  const parsed = JSON.parse(ctx.body);                 // churn: freed after the request
  const session = new Session(`user${i % 97}`, {...ctx.headers});
  session.cart.push({sku: parsed.item, qty: 1 + (i % 3)});
  sessionCache.set(session.id, session);
  handled++;
  if (mode === 'control') sessionCache.delete(session.id);   // the fix: sessions end with the request
  return session.onExpire();
}

function run(n) { let s = 0; for (let k = 0; k < n; k++) s += handleRequest(handled); return s; }

function snapshot(name) {
  global.gc();
  global.gc();
  const file = path.join(outDir, `${name}.heapsnapshot`);
  v8.writeHeapSnapshot(file);
  console.log(`${name}: handled=${handled} cached=${sessionCache.size} -> ${file}`);
}

// Warm-up so that the first snapshot already holds the code and objects that logging and the
// snapshot writer itself create (otherwise they show up as 'new' in the first comparison):
// one log line, a few requests, and one snapshot written to /dev/null.
console.log(`${mode} run, node ${process.version}`);
run(20);
global.gc();
v8.writeHeapSnapshot('/dev/null');

if (mode === 'leak') {
  run(280); snapshot('leak_s1');
  run(400); snapshot('leak_s2');
  run(600); snapshot('leak_s3');
} else {
  run(280); snapshot('control_a');
  run(400); snapshot('control_b');
}
