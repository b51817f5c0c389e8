// The code alloc_tracking.js records (see there): a small app with a few distinct allocation stacks and the
// inspector calls that record it. Loaded with vm.runInThisContext; its value is record(require, out).
(function () {
class Order {
  constructor(id, customer, lines) {
    this.id = id;
    this.customer = customer;
    this.lines = lines;
    this.total = lines.reduce((s, l) => s + l.qty * l.price, 0);
  }
}

function makeOrder(i) {
  const lines = [];
  for (let k = 0; k < 1 + (i % 4); k++) lines.push({sku: `sku-${(i * 7 + k) % 50}`, qty: 1 + k, price: 3 + k});
  return new Order(i, `customer-${i % 13}`, lines);
}

const store = [];
function importBatch(from, n) {
  for (let i = from; i < from + n; i++) store.push(makeOrder(i));
}

function handleCheckout(i) {
  const order = makeOrder(100000 + i);   // garbage after the checkout
  return order.total;
}

const kept = [];
function tokenize(text) {
  const words = text.split(' ');
  for (let i = 0; i < words.length; i++) {
    const w = words[i].toUpperCase() + ':' + i;
    if (i % 4 === 0) kept.push(w);
  }
  return words.length;
}

function makeCounter(start) {
  let n = start;
  return function next() { return ++n; };
}

function run() {
  importBatch(0, 300);
  let sum = 0;
  for (let i = 0; i < 400; i++) sum += handleCheckout(i);
  const text = Array.from({length: 200}, (_, i) => `word${i % 37}`).join(' ');
  for (let r = 0; r < 5; r++) sum += tokenize(text);
  const counters = [];
  for (let i = 0; i < 200; i++) {
    const c = makeCounter(i);
    sum += c();
    if (i % 4 === 0) counters.push(c);
  }
  importBatch(300, 100);
  globalThis.keepAlive = {store, kept, counters};
  return sum;
}

// The recording runs in a worker thread whose inspector session is connected to the main thread
// (connectToMainThread): the snapshot chunks then arrive in the worker's isolate, so handling them allocates
// nothing in the tracked heap. (Handling them on the main thread would add trace functions while V8 is still
// writing the snapshot, leaving trace_function_count smaller than trace_function_infos: DevTools fails on such
// a file.) The main thread runs the app when the worker says tracking has started.
const recorder = `
const {parentPort, workerData} = require('node:worker_threads');
const inspector = require('node:inspector');
const fs = require('node:fs');
const session = new inspector.Session();
session.connectToMainThread();
const post = (method, params) => new Promise((resolve, reject) => {
  session.post(method, params || {}, (err, res) => (err ? reject(err) : resolve(res)));
});
parentPort.on('message', async (m) => {
  if (m === 'start') {
    await post('HeapProfiler.enable');
    await post('HeapProfiler.startTrackingHeapObjects', {trackAllocations: true});
    parentPort.postMessage('tracking');
  } else if (m === 'snapshot') {
    const fd = fs.openSync(workerData.out, 'w');
    const onChunk = (c) => fs.writeSync(fd, c.params.chunk);
    session.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await post('HeapProfiler.takeHeapSnapshot', {reportProgress: false});
    session.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    fs.closeSync(fd);
    // Stopping takes (and streams) one more snapshot, which is not kept.
    await post('HeapProfiler.stopTrackingHeapObjects', {reportProgress: false});
    session.disconnect();
    parentPort.postMessage('done');
  }
});
`;

function record(require, out) {
  const {Worker} = require('node:worker_threads');
  const worker = new Worker(recorder, {eval: true, workerData: {out}});
  return new Promise((resolve, reject) => {
    let sum = 0;
    worker.on('error', reject);
    worker.on('message', (m) => {
      if (m === 'tracking') {
        sum = run();
        global.gc();
        global.gc();
        worker.postMessage('snapshot');
      } else if (m === 'done') {
        console.log(`alloc_tracking: store=${store.length} kept=${kept.length} ` +
                    `counters=${globalThis.keepAlive.counters.length} sum=${sum} -> ${out}`);
        worker.terminate().then(() => resolve());
      }
    });
    worker.postMessage('start');
  });
}
return record;
})();
