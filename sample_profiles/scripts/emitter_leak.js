'use strict';
// Sample "listener leak" for sample_profiles/heap/emitter_s1, emitter_s2, emitter_s3.
//
// usage: node --expose-gc emitter_leak.js OUTDIR   -> OUTDIR/emitter_s1, emitter_s2, emitter_s3 .heapsnapshot
//
// Each simulated connection creates a Session (a class with a 256-byte Buffer of its own and an onData
// closure) and registers a listener on the process-wide `configBus` EventEmitter that captures the
// session; the listener is never removed when the connection ends. Nothing else refers to the session:
// the closures registered on the emitter keep the Sessions alive, so the top-level leaked objects are
// the listener Functions and Session is found only inside them (what a suspect "holds").
// Snapshots after 20 (warm-up) + 0, + 1500 and + 3000 connections, one process (stable ids).
const v8 = require('node:v8');
const path = require('node:path');
const {EventEmitter} = require('node:events');

const outDir = process.argv[2];
if (!outDir || typeof global.gc !== 'function') {
  console.error('usage: node --expose-gc emitter_leak.js OUTDIR');
  process.exit(2);
}

class Session {
  constructor(id) {
    this.id = id;
    this.user = `user${id % 97}`;
    this.buffer = Buffer.alloc(256, id % 251);   // its own ArrayBuffer (Buffer.alloc does not pool)
    this.received = 0;
    this.onData = (chunk) => { this.received += chunk.length; };
  }
  reload(config) { return this.user.length + config.version; }
}

const configBus = new EventEmitter();
configBus.setMaxListeners(0);
let connections = 0;

function connect() {
  const session = new Session(++connections);
  configBus.on('config', (config) => session.reload(config));   // never removed: the leak
  session.onData('hello');
}

function run(n) { for (let k = 0; k < n; k++) connect(); }

function snapshot(name) {
  global.gc();
  global.gc();
  const file = path.join(outDir, `${name}.heapsnapshot`);
  v8.writeHeapSnapshot(file);
  console.log(`${name}: connections=${connections} listeners=${configBus.listenerCount('config')} -> ${file}`);
}

// Warm-up: one log line, 20 connections (the listener array exists from here on), one snapshot to
// /dev/null, so that objects made by logging and by the snapshot writer are already in snapshot 1.
console.log(`emitter run, node ${process.version}`);
run(20);
configBus.emit('config', {version: 1});
global.gc();
v8.writeHeapSnapshot('/dev/null');

snapshot('emitter_s1');
run(1500); snapshot('emitter_s2');
run(1500); snapshot('emitter_s3');
