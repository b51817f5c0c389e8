'use strict';
// Sample for sample_profiles/heap/alloc_tracking.heapsnapshot.gz: a heap snapshot recorded with allocation
// tracking, what DevTools' "Allocation instrumentation on timeline" saves as .heaptimeline (trace_function_infos,
// trace_tree and a trace_node_id on every node).
//
// usage: node --expose-gc alloc_tracking.js OUT.heapsnapshot
//
// Through the inspector protocol (node:inspector, from a worker thread connected to the main thread):
// HeapProfiler.startTrackingHeapObjects {trackAllocations: true}, then a small app runs on the main thread,
// then HeapProfiler.takeHeapSnapshot (chunks written to OUT by the worker), then stopTrackingHeapObjects. The app (lib/alloc_app.js) allocates from a few distinct stacks so that the
// Allocation view has functions with known live and freed objects:
//  - makeOrder() (called from two call sites, importBatch and handleCheckout) allocates Order objects and
//    their line arrays; orders from importBatch are kept in `store`, those from handleCheckout are dropped;
//  - tokenize() allocates strings of which every 4th is kept in `kept`;
//  - makeCounter() returns closures; 50 of them are kept;
//  - no Buffers or other native memory, so the file stays small (< 1 MB gzipped).
// global.gc() runs before the snapshot so that freed objects are not in the file.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const out = process.argv[2];
if (!out || typeof global.gc !== 'function') {
  console.error('usage: node --expose-gc alloc_tracking.js OUT.heapsnapshot');
  process.exit(2);
}
// The recorded code runs under the file name "alloc_app.js" (vm), so the snapshot's script names are that
// short name rather than this machine's path. The app runs from a worker message, after this launcher has
// returned, so no frame of the launcher is on any recorded stack.
const source = fs.readFileSync(path.join(__dirname, 'lib', 'alloc_app.js'), 'utf8');
const record = vm.runInThisContext(source, {filename: 'alloc_app.js'});
record(require, out).catch((e) => { console.error(e); process.exit(1); });
