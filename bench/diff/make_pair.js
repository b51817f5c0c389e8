'use strict';
// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Diff benchmark input: two heap snapshots of ONE process (so ids are comparable), the second after more
// "requests" whose sessions leak into a module-level Map and after some of the first objects were dropped.
//
// usage: node --max-old-space-size=16384 --expose-gc bench/diff/make_pair.js SIZE_MB BASE_OUT HEAD_OUT
// SIZE_MB is the approximate size of each file. One unit writes about 1.5 KB of snapshot (calibrated on
// Node 20; the script prints the real sizes).
const v8 = require('node:v8');
const fs = require('node:fs');

const BYTES_PER_UNIT = 1500;
const [sizeMb, baseOut, headOut] = [Number(process.argv[2]), process.argv[3], process.argv[4]];
if (!(sizeMb > 0) || !baseOut || !headOut) {
  console.error('usage: node --expose-gc make_pair.js SIZE_MB BASE_OUT HEAD_OUT');
  process.exit(2);
}

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

class Session {
  constructor(i) {
    this.id = i;
    this.user = 'user-' + i + '-' + rand().toString(36).slice(2, 8);
    this.cart = [{ sku: 'sku-' + (i % 997), qty: String(1 + (i % 5)) }, { sku: 'sku-' + (i % 991), qty: '1' }];
    this.headers = { host: 'example.test', agent: 'bench/' + (i % 13) };
    const scratch = new Array(8).fill(i);
    this.onExpire = () => scratch.length + this.id;
  }
}
class Record {
  constructor(i) {
    this.key = 'record-' + i;
    this.values = [i, i * 2, i * 3.5];
    this.next = null;
  }
}

const sessionCache = new Map();
const records = [];
let last = null;
function unit(i) {
  sessionCache.set(i, new Session(i));
  const r = new Record(i);
  if (last) last.next = r;
  last = r;
  records.push(r);
}

const units = Math.max(1, Math.round(((sizeMb - 4) * 1e6) / BYTES_PER_UNIT));
for (let i = 0; i < units; i++) unit(i);
global.gc();
v8.writeHeapSnapshot(baseOut);
console.log(`${baseOut}: ${(fs.statSync(baseOut).size / 1e6).toFixed(1)} MB, ${units} units`);

// Head: 10% more sessions (leaked), 5% of the records dropped.
const more = Math.round(units / 10);
for (let i = units; i < units + more; i++) unit(i);
records.splice(0, Math.round(units / 20));
global.gc();
v8.writeHeapSnapshot(headOut);
console.log(`${headOut}: ${(fs.statSync(headOut).size / 1e6).toFixed(1)} MB, ${units + more} units`);
