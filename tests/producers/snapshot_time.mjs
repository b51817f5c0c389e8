// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Times v8.writeHeapSnapshot() of a heap that holds one big script (docs/formats.md, "before v8scope runs"):
//   node snapshot_time.mjs typescript TYPESCRIPT_JS OUT.heapsnapshot   the real bundle, loaded with require
//   node snapshot_time.mjs synthetic MB OUT.heapsnapshot               one script of MB megabytes: 40-byte functions,
//                                                                      one a line, every one a live closure
// Prints: what, script bytes, functions, wall seconds and CPU seconds (user + system, all threads) to write the
// snapshot, snapshot bytes. CPU seconds stay meaningful on a loaded machine, where wall time stretches.
import fs from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createRequire } from 'node:module';

const [mode, arg, out] = process.argv.slice(2);
let bytes = 0;
let functions = 0;
globalThis.keep = [];
if (mode === 'typescript') {
  bytes = fs.statSync(arg).size;
  globalThis.keep.push(createRequire(import.meta.url)(arg));
} else {
  const lines = [];
  const target = Number(arg) * 1024 * 1024;
  for (let i = 0; bytes < target; i++) {
    const line = `function f${i}(a) { return a + ${i}; }\n`;
    lines.push(line);
    bytes += line.length;
    functions++;
  }
  lines.push(`[${Array.from({ length: functions }, (_, i) => `f${i}`).join(',')}]`);
  globalThis.keep.push(vm.runInThisContext(lines.join(''), { filename: 'synthetic.js' }));
}
const start = process.hrtime.bigint();
const cpuStart = process.cpuUsage();
v8.writeHeapSnapshot(out);
const cpu = process.cpuUsage(cpuStart);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(`${mode}\t${bytes}\t${functions}\t${seconds.toFixed(2)}\t${cpuSeconds.toFixed(2)}\t${fs.statSync(out).size}`);
fs.unlinkSync(out);
