// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Writes a Node program with many functions in several modules whose calls branch by a counter, so that
// `node --cpu-prof` records a profile with thousands of distinct call-tree nodes.
// usage: node gen_program.mjs OUTDIR [MODULES=8] [FUNCTIONS_PER_MODULE=120]
import fs from 'node:fs';
import path from 'node:path';

const out = process.argv[2];
const modules = Number(process.argv[3] ?? 8);
const perModule = Number(process.argv[4] ?? 120);
fs.mkdirSync(out, {recursive: true});
for (let m = 0; m < modules; m++) {
  const lines = [];
  lines.push(`const other = () => require('./mod${(m + 1) % modules}.js');`);
  for (let f = 0; f < perModule; f++) {
    // Each function spins a little, then calls two others chosen by the counter (bounded depth).
    const a = (f * 7 + 3) % perModule, b = (f * 13 + 5) % perModule;
    lines.push(`function work${f}(n, d) {
  let x = 0;
  for (let i = 0; i < 300 + (n % 200); i++) x += Math.sqrt(i * ${f + 1} + n);
  if (d > 0) {
    if ((n + ${f}) % 3 === 0) x += work${a}(n + 1, d - 1);
    else if ((n + ${f}) % 3 === 1) x += work${b}(n + 2, d - 1);
    else x += other().entry(n + 3, d - 1);
  }
  return x;
}`);
  }
  lines.push(`const fns = [${Array.from({length: perModule}, (_, f) => `work${f}`).join(', ')}];`);
  lines.push(`exports.entry = (n, d) => fns[n % fns.length](n, d);`);
  fs.writeFileSync(path.join(out, `mod${m}.js`), lines.join('\n') + '\n');
}
fs.writeFileSync(path.join(out, 'main.js'), `const mods = [${Array.from({length: modules}, (_, m) => `require('./mod${m}.js')`).join(', ')}];
const seconds = Number(process.argv[2] ?? 20);
const end = Date.now() + seconds * 1000;
let n = 0, sink = 0;
function tick() {
  const stop = Date.now() + 40;
  while (Date.now() < stop) { sink += mods[n % mods.length].entry(n, 6); n++; }
  if (Date.now() < end) setTimeout(tick, 2); else console.log('done', n, sink > 0);
}
tick();
`);
