// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The small program try_producers.sh runs under each runtime (Node 18-24, Deno, Bun): it keeps 5,000 Session
// objects, burns about 300 ms of CPU in two named functions, then, when argv[2] names a .heapsnapshot, writes a
// heap snapshot there with node:v8's writeHeapSnapshot (the Node API that Deno and Bun also offer, where they do).
import v8 from 'node:v8';
import process from 'node:process';

class Session {
  constructor(i) {
    this.id = i;
    this.payload = new Array(32).fill(i);
    this.name = `session-${i}`;
  }
}
const sessions = [];
for (let i = 0; i < 5000; i++) sessions.push(new Session(i));

function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
function hashStrings(n) {
  let h = 0;
  for (let i = 0; i < n; i++) for (const c of `key-${i}`) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}
const start = Date.now();
let sink = 0;
while (Date.now() - start < 300) sink += fib(18) + hashStrings(200);

const out = process.argv[2];
if (out && out.endsWith(".heapsnapshot")) v8.writeHeapSnapshot(out);
console.log(`kept ${sessions.length} sessions, sink ${sink % 7}`);
