// Writes the hand-made CPU profiles sample_profiles/cpu/edge_cases.cpuprofile (nodes with
// `children`, CDP style) and parent_only.cpuprofile (the same profile, nodes with `parent` instead),
// deterministically (no clock, no randomness; stable key order; one node per line).
//
// usage: node make_edge_cases.mjs OUTDIR
//
// ---------------------------------------------------------------------------------------------
// The profile (all times in µs; startTime = 1 000 000, endTime = startTime + 12 000):
//
//   node  function             script (scriptId, url)      line col  parent  hitCount
//   1     (root)               0, ""                         -1  -1   -       0
//   2     main                 11, file:///app/app.js         0   0   1       1
//   3     fib                  11, file:///app/app.js        10   2   2       1
//   4     fib (recursion)      11, file:///app/app.js        10   2   3       2
//   5     leaf                 11, file:///app/app.js        20   4   3       1
//   6     (program)            0, ""                         -1  -1   1       4   <- 4 hits, 1 sample (V8 does this)
//   7     (garbage collector)  0, ""                         -1  -1   1       2
//   8     (idle)               0, ""                         -1  -1   1       3
//   9     main                 12, file:///app/other.js       0   0   1       1   <- same name, other script
//
// Samples in time order (offset from startTime -> node):
//    100 main(2)   1100 fib(3)   2100 fib>fib(4)   3100 (program)(6)   4100 fib>fib(4)
//   5100 leaf(5)   6100 GC(7)    7100 GC(7)        8100 idle(8)        9600 idle(8)
//  10100 other.js main(9)        11100 idle(8)
// Recording order swaps the 9600 idle and the 10100 other.js main samples, so timeDeltas is
//   [100, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 2000, -500, 1500]   <- one negative delta
// and samples is [2, 3, 4, 6, 4, 5, 7, 7, 8, 9, 8, 8].
//
// Expected, DevTools Performance panel (cpu_oracle.mjs perf_* columns, full window [0, 12 ms]):
//  - samples are sorted by timestamp; each lasts until the next one; the last (11100) lasts the
//    average interval (11100 - 100) / 11 = 1000, i.e. to 12100, clipped at endTime -> 900.
//  - the lone (program) at 3100 sits between two samples of the same stack main>fib>fib, so
//    fixMissingSamples replaces it by node 4: fib>fib runs 2100..5100.
//  - GC (6100..8100) is put on top of the previous stack main>fib>leaf.
//  - 0..100 (before the first sample) is unattributed.
//   function            self   total
//   main app.js          1.0    8.0   (100..8100)
//   fib  app.js          4.0    7.0   (self: node 3 1.0 + node 4 3.0; total once: 1100..8100)
//   leaf app.js          1.0    3.0   (5100..6100, + GC on top 6100..8100)
//   (garbage collector)  2.0    2.0
//   (idle)               2.9    2.9   (8100..10100 = 2.0, 11100..12000 = 0.9)
//   main other.js        1.0    1.0   (10100..11100)
//   (program)            0      0     (replaced; not listed)
//   sum of self 11.9 + 0.1 unattributed = 12.0 ms
// Expected, legacy hitCount model (legacy_*): sample time = 12000 / sum(hitCount) = 12000 / 15 =
// 800 µs per hit: main 0.8, fib 2.4, leaf 0.8, GC 1.6, idle 2.4, other.js main 0.8, (program) 3.2
// (self, ms; 12.0 in all). Totals: main 4.0; fib grid 4.8 (node 3 total 3.2 + nested node 4 1.6:
// the grid's recursion defect), fib once 3.2; leaf 0.8.
// Blocking (blocking.mjs --threshold 0): busy runs are 100..8100 (8.0 ms, 8 samples) and
// 10100..11100 (1.0 ms, 1 sample, other.js main). blocking.mjs does not apply fixMissingSamples:
// in the first run fib (nodes 3+4) has self 3.0 ms, (program) 1.0, GC 2.0, and there is no
// dominant frame (main is on the stack for 7 of the 8 ms, below the 90 % rule).
// ---------------------------------------------------------------------------------------------
import fs from 'node:fs';
import path from 'node:path';

const outDir = process.argv[2];
if (!outDir) { console.error('usage: node make_edge_cases.mjs OUTDIR'); process.exit(2); }

const APP = {scriptId: '11', url: 'file:///app/app.js'};
const OTHER = {scriptId: '12', url: 'file:///app/other.js'};
const VM = {scriptId: '0', url: ''};
const frame = (functionName, s, lineNumber, columnNumber) =>
  ({functionName, scriptId: s.scriptId, url: s.url, lineNumber, columnNumber});

// [id, callFrame, parent, hitCount, positionTicks?]
const NODES = [
  [1, frame('(root)', VM, -1, -1), null, 0],
  [2, frame('main', APP, 0, 0), 1, 1, [{line: 2, ticks: 1}]],
  [3, frame('fib', APP, 10, 2), 2, 1, [{line: 12, ticks: 1}]],
  [4, frame('fib', APP, 10, 2), 3, 2, [{line: 12, ticks: 2}]],
  [5, frame('leaf', APP, 20, 4), 3, 1, [{line: 22, ticks: 1}]],
  [6, frame('(program)', VM, -1, -1), 1, 4],
  [7, frame('(garbage collector)', VM, -1, -1), 1, 2],
  [8, frame('(idle)', VM, -1, -1), 1, 3],
  [9, frame('main', OTHER, 0, 0), 1, 1, [{line: 1, ticks: 1}]],
];
const START = 1000000;
const END = START + 12000;
// recording order: [time offset, node]
const RECORDED = [[100, 2], [1100, 3], [2100, 4], [3100, 6], [4100, 4], [5100, 5], [6100, 7], [7100, 7],
  [8100, 8], [10100, 9], [9600, 8], [11100, 8]];

function profile(style) {
  const nodes = NODES.map(([id, callFrame, parent, hitCount, positionTicks]) => {
    const n = {id, callFrame, hitCount};
    if (style === 'children') {
      const children = NODES.filter((m) => m[2] === id).map((m) => m[0]);
      if (children.length) n.children = children;
    } else if (parent !== null) {
      n.parent = parent;
    }
    if (positionTicks) n.positionTicks = positionTicks;
    return n;
  });
  const samples = RECORDED.map(([, id]) => id);
  const timeDeltas = RECORDED.map(([t], i) => t - (i ? RECORDED[i - 1][0] : 0));
  return {nodes, startTime: START, endTime: END, samples, timeDeltas};
}

// One node per line, so that diffs and hand-reading stay easy.
function serialize(p) {
  return '{"nodes":[\n' + p.nodes.map((n) => JSON.stringify(n)).join(',\n') + '\n],\n' +
    `"startTime":${p.startTime},"endTime":${p.endTime},\n` +
    `"samples":${JSON.stringify(p.samples)},\n"timeDeltas":${JSON.stringify(p.timeDeltas)}}\n`;
}

for (const [name, style] of [['edge_cases', 'children'], ['parent_only', 'parent']]) {
  const file = path.join(outDir, `${name}.cpuprofile`);
  fs.writeFileSync(file, serialize(profile(style)));
  console.log(`${name}: wrote ${file}`);
}
