'use strict';
// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Peer for bench/scale/run.sh --peers: memlab loads a snapshot with its full analysis (getFullHeapFromFile:
// parse, shortest paths, dominators, retained sizes) and aggregates retained size by class name, the closest it
// has to a Summary. Prints the number of classes and the largest class on stderr (a sanity check, not a parity
// check: memlab's retained sizes differ from DevTools', ../shared/spec/peer-performance.md).
// usage: node --max-old-space-size=20000 peer_memlab.js FILE   (with @memlab/heap-analysis on NODE_PATH)
const { getFullHeapFromFile } = require('@memlab/heap-analysis');
(async () => {
  const heap = await getFullHeapFromFile(process.argv[2]);
  const byClass = new Map();
  heap.nodes.forEach((node) => {
    const row = byClass.get(node.name) || { count: 0, retained: 0 };
    row.count++;
    row.retained += node.retainedSize;
    byClass.set(node.name, row);
  });
  let top = ['', { retained: -1 }];
  for (const entry of byClass) if (entry[1].retained > top[1].retained) top = entry;
  console.error(`memlab: ${byClass.size} classes, largest ${top[0]} (${top[1].retained} bytes)`);
})().catch((e) => {
  console.error(`memlab: ${e && e.stack || e}`);
  process.exit(1);
});
