'use strict';
// Benchmark snapshot generator: builds a rich, deterministic object graph scaled by a size target and
// writes it with v8.writeHeapSnapshot.
//
// usage: node --max-old-space-size=16384 --expose-gc bench/heap/make_snapshot.js SIZE_MB [OUT]
//        (OUT defaults to bench/data/heap-<SIZE_MB>mb.heapsnapshot)
//        node bench/heap/make_snapshot.js --units N OUT     exact number of units instead of a size target
//
// SIZE_MB is the approximate size of the written file. An empty Node 20 process already writes about
// 4 MB, so 5 gives a small graph on top of Node's own heap. One "unit" writes about 3.7 KB of snapshot
// (about 45 nodes); the constant is calibrated on Node 20 and re-checked at the end (the script prints
// the real size).
//
// The graph (everything reachable from globalThis.benchRoot; a seeded PRNG makes it deterministic):
//  - 60 classes: 12 hand-written domain classes (Customer, Order, LineItem, Product, Address, Session,
//    TreeNode, ListNode, Cache, Event, Matrix, Job) and 48 generated classes Widget00..Widget47
//    (every fourth one extends the previous one, 1-6 fields each).
//  - Maps: a product catalog Map<string, Product>, a per-customer Map of preferences, a Map<number, Job>.
//    Sets of strings and of objects.
//  - WeakMaps: order metadata keyed by Order (values point back at the key: ephemeron cycles), plus
//    entries whose key is only reachable through the WeakMap (collected before the snapshot).
//  - Closures: per-session callbacks capturing the session and a buffer, counters, nested closures,
//    bound functions.
//  - Typed arrays: Float64Array/Uint8Array/Int32Array views, some sharing an ArrayBuffer, DataViews.
//  - Cycles: doubly linked lists, trees with parent back-edges, rings, customer <-> order references.
//  - Plain objects with repeated shapes ({x, y}, {click, tick, hover}, {id, name, tags, meta}, ...),
//    with string/object values so V8 writes the property edges DevTools uses for shape names.
//  - Strings: unique per unit, concatenations (cons strings), slices, non-ASCII and astral text,
//    numbers in arrays (smi and double arrays), holey arrays.
const v8 = require('node:v8');
const path = require('node:path');
const fs = require('node:fs');

const BYTES_PER_UNIT = 3750;      // calibrated on node v20 (see the printout at the end)
const BASE_MB = 4.0;              // what an empty node process writes

function usage() {
  console.error('usage: node --max-old-space-size=16384 --expose-gc make_snapshot.js SIZE_MB [OUT]\n' +
                '       node --expose-gc make_snapshot.js --units N OUT');
  process.exit(2);
}

let units, out, sizeMb;
const args = process.argv.slice(2);
if (args[0] === '--units') {
  units = Number(args[1]);
  out = args[2];
  if (!Number.isInteger(units) || units < 0 || !out) usage();
} else {
  sizeMb = Number(args[0]);
  if (!(sizeMb > 0)) usage();
  units = Math.max(0, Math.round((sizeMb - BASE_MB) * 1e6 / BYTES_PER_UNIT));
  out = args[1] || path.join(__dirname, '..', 'data', `heap-${args[0]}mb.heapsnapshot`);
}

// ---- deterministic PRNG (mulberry32) ------------------------------------------------------------
let seed = 0x5eed1234;
function rnd() {
  seed = (seed + 0x6D2B79F5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const ri = (n) => Math.floor(rnd() * n);

// ---- 12 domain classes ----------------------------------------------------------------------------
class Address {
  constructor(i) {
    this.street = `${i % 977} ${STREETS[i % STREETS.length]} Street`;
    this.city = CITIES[i % CITIES.length];
    this.zip = String(10000 + (i * 7919) % 89999);
  }
}
class Product {
  constructor(i) {
    this.sku = `SKU-${i.toString(36).padStart(6, '0')}`;
    this.title = `${ADJ[i % ADJ.length]} ${NOUNS[(i >> 3) % NOUNS.length]} #${i}`;
    this.price = 0.99 + (i % 1000) / 7;   // heap number (double field)
    this.tags = [ADJ[i % ADJ.length], NOUNS[i % NOUNS.length]];
  }
}
class LineItem {
  constructor(product, qty) { this.product = product; this.qty = qty; this.note = qty > 3 ? 'bulk' : null; }
}
class Order {
  constructor(customer, i) {
    this.customer = customer;                 // back-edge: customer <-> order cycle
    this.id = `ord-${i}`;
    this.items = [];
    this.status = STATUS[i % STATUS.length];
    this.total = 0.5;
  }
}
class Customer {
  constructor(i) {
    this.name = `${FIRST[i % FIRST.length]} ${LAST[(i * 31) % LAST.length]}`;
    this.email = `user${i}@example.test`;
    this.address = new Address(i);
    this.orders = [];
    this.prefs = new Map();
  }
}
class Session {
  constructor(customer, i) {
    this.customer = customer;
    this.token = `tok_${(i * 2654435761 >>> 0).toString(16)}_${i}`;
    const buffer = new Uint8Array(16 + (i % 48));
    const self = this;
    this.onExpire = function onExpire() { buffer[0]++; return self.token.length + buffer.length; };
  }
}
class TreeNode {
  constructor(parent, label) { this.parent = parent; this.label = label; this.children = []; }
}
class ListNode {
  constructor(value) { this.value = value; this.prev = null; this.next = null; }
}
class Cache {
  constructor(name) { this.name = name; this.entries = new Map(); this.hits = {count: 'n/a'}; }
}
class Event {
  constructor(type, target) { this.type = type; this.target = target; this.detail = {click: 'c', tick: 't', hover: 'h'}; }
}
class Matrix {
  constructor(n) { this.rows = n; this.data = new Float64Array(n * n); this.label = `m${n}x${n}`; }
}
class Job {
  constructor(i, run) { this.name = `job-${i}`; this.run = run; this.deps = []; }
}

// ---- 48 generated classes Widget00..Widget47 ------------------------------------------------------
// Generated as source text (one class declaration each, in a script of its own) so that V8 records the
// real class names and a distinct constructor location per class.
let widgetSource = '';
for (let k = 0; k < 48; k++) {
  const name = `Widget${String(k).padStart(2, '0')}`;
  const nFields = 1 + (k % 6);
  const base = k % 4 === 3 ? `Widget${String(k - 1).padStart(2, '0')}` : null;
  let body = '';
  for (let f = 0; f < nFields; f++) {
    body += base ? ` this.g${f} = '${name}.${f}:' + (i % 101);`
                 : (f === 0 ? ` this.f0 = {owner: '${name}'};` : ` this.f${f} = '${f}-' + (i % 53);`);
  }
  widgetSource += base ? `class ${name} extends ${base} { constructor(i) { super(i);${body} } }\n`
                       : `class ${name} { constructor(i) {${body} } }\n`;
}
widgetSource += '[' + Array.from({length: 48}, (_, k) => `Widget${String(k).padStart(2, '0')}`).join(', ') + '];\n';
const widgetClasses = require('node:vm').runInThisContext(widgetSource, {filename: 'bench-widgets.generated.js'});

// ---- word lists ------------------------------------------------------------------------------------
const FIRST = ['Ada', 'Björn', 'Chloé', 'Dmitri', 'Eun-ji', 'Fatima', 'Gustav', 'Hiro', 'Ines', 'José', 'Katarzyna', 'Liam'];
const LAST = ['Nakamura', 'Müller', 'Okafor', 'Petrov', 'Quispe', 'Rossi', 'Silva', 'Tanaka', 'Ulloa', 'Virtanen', 'Weiß'];
const STREETS = ['Elm', 'Oak', 'Birch', 'Cedar', 'Maple', 'Pine', 'Walnut'];
const CITIES = ['Berlin', 'Москва', '東京', 'São Paulo', 'Zürich', 'Lagos', 'Lima', 'Oslo'];
const ADJ = ['red', 'blue', 'fast', 'quiet', 'heavy', 'tiny', 'smart', 'bright', 'soft', 'wild'];
const NOUNS = ['lamp', 'chair', 'phone', 'kettle', 'drone', 'bike', 'clock', 'desk', 'mug', 'pen', 'fan'];
const STATUS = ['new', 'paid', 'shipped', 'returned', 'cancelled'];
const TEXTS = ['Grüße aus Köln', 'Привет, мир', 'こんにちは世界', 'emoji \u{1F600} text', 'music \u{1D11E} clef'];

// ---- the graph -------------------------------------------------------------------------------------
const root = {
  catalog: new Map(), customers: [], sessions: [], orderMeta: new WeakMap(), jobs: new Map(),
  caches: [], trees: [], lists: [], widgets: [], events: [], matrices: [], shapes: [], strings: [],
  numbers: [], closures: [], tagSet: new Set(), objSet: new Set(), buffers: [],
};
globalThis.benchRoot = root;

function makeCounter(label) {
  let count = 0;
  const history = [label, label.length];
  return function counter() { count++; history.push(count); return `${label}:${count}`; };
}
function makeNested(outerValue) {
  const outer = {outerValue};
  return function middle(midValue) {
    const mid = [midValue];
    return function inner() { return outer.outerValue + mid[0]; };
  };
}

const nProducts = Math.max(50, Math.round(units / 20));
for (let i = 0; i < nProducts; i++) { const p = new Product(i); root.catalog.set(p.sku, p); }
const productList = [...root.catalog.values()];

let customer = null, cache = null, tree = null, listHead = null, listTail = null;
const ephemeralKeys = [];
for (let u = 0; u < units; u++) {
  // customers with orders, line items, WeakMap metadata (every 4 units a new customer)
  if (u % 4 === 0) {
    customer = new Customer(u);
    customer.prefs.set('lang', FIRST[u % FIRST.length].toLowerCase());
    customer.prefs.set('theme', u % 2 ? 'dark' : 'light');
    root.customers.push(customer);
  }
  const order = new Order(customer, u);
  const nItems = 1 + ri(3);
  for (let k = 0; k < nItems; k++) order.items.push(new LineItem(productList[ri(productList.length)], 1 + ri(5)));
  customer.orders.push(order);
  root.orderMeta.set(order, {order, created: `2026-${1 + u % 12}-${1 + u % 28}`, tags: [STATUS[u % 5]]});
  if (u % 10 === 0) ephemeralKeys.push({lost: u});  // key unreachable after the loop -> entry collected

  // sessions with closures (every 3 units)
  if (u % 3 === 0) root.sessions.push(new Session(customer, u));

  // widgets of the 48 generated classes
  root.widgets.push(new widgetClasses[u % 48](u));
  if (u % 2 === 0) root.widgets.push(new widgetClasses[ri(48)](u));

  // plain objects with repeated shapes
  switch (u % 5) {
    case 0: root.shapes.push({x: `x${u % 1000}`, y: `y${u % 999}`}); break;
    case 1: root.shapes.push({id: `id-${u}`, name: NOUNS[u % NOUNS.length], tags: ['t', `${u % 7}`], meta: {created: 'today', owner: customer}}); break;
    case 2: root.shapes.push({kind: 'event', value: TEXTS[u % TEXTS.length], next: root.shapes[root.shapes.length - 1]}); break;
    case 3: root.shapes.push({a: 'A', b: `b${u % 17}`, c: {n: `n${u % 3}`}}); break;
    default: root.shapes.push({click: () => u, tick: 'tick', hover: null}); break;
  }

  // trees with parent back-edges (a new tree every 64 units)
  if (u % 64 === 0) { tree = new TreeNode(null, `tree-${u}`); root.trees.push(tree); }
  {
    let parent = tree;
    while (parent.children.length >= 4) parent = parent.children[ri(parent.children.length)];
    parent.children.push(new TreeNode(parent, `n${u}`));
  }

  // doubly linked lists (a new list every 100 units), closing into rings every 300
  const ln = new ListNode(`v${u % 333}`);
  if (u % 100 === 0) { listHead = ln; root.lists.push(ln); } else { listTail.next = ln; ln.prev = listTail; }
  listTail = ln;
  if (u % 300 === 299) { listTail.next = listHead; listHead.prev = listTail; }

  // caches: Map<string, object>
  if (u % 50 === 0) { cache = new Cache(`cache-${u}`); root.caches.push(cache); }
  cache.entries.set(`key:${u}`, u % 3 ? order : {value: `v${u}`});

  // events referencing objects
  if (u % 2 === 1) root.events.push(new Event(STATUS[u % 5], u % 4 ? order : customer));

  // jobs with closures, dependency cycles, bound functions
  if (u % 6 === 0) {
    const job = new Job(u, u % 12 === 0 ? makeCounter(`job${u}`) : makeNested(`o${u}`)(`m${u}`));
    const prev = root.jobs.get(u - 6);
    if (prev) { job.deps.push(prev); if (u % 24 === 0) prev.deps.push(job); }
    root.jobs.set(u, job);
    if (u % 18 === 0) root.closures.push(job.run.bind(job));
  }

  // typed arrays and buffers
  if (u % 25 === 0) {
    const ab = new ArrayBuffer(256);
    root.buffers.push({f64: new Float64Array(ab, 0, 16), u8: new Uint8Array(ab, 128, 64), dv: new DataView(ab)});
  } else if (u % 25 === 7) {
    root.buffers.push(new Int32Array(32 + (u % 64)));
  } else if (u % 25 === 13) {
    root.matrices.push(new Matrix(2 + (u % 5)));
  }

  // strings: unique, cons, sliced, non-ASCII
  if (u % 2 === 0) {
    const s = `${TEXTS[u % TEXTS.length]} / ${u} / ${ADJ[u % ADJ.length]}-${NOUNS[u % NOUNS.length]}`;
    root.strings.push(u % 8 === 0 ? s + ' ' + 'x'.repeat(20 + (u % 13)) : s);
    if (u % 16 === 0) root.tagSet.add(`tag-${u % 5000}`);
  }
  if (u % 40 === 0) root.strings.push(('payload-' + u + '-').repeat(8).slice(3, 90));

  // numbers: smi arrays, double arrays, holey arrays
  if (u % 30 === 0) root.numbers.push([u, u + 1, u + 2, u + 3]);
  if (u % 30 === 10) root.numbers.push([u + 0.5, u * 1.25, Math.PI]);
  if (u % 30 === 20) { const h = new Array(12); h[3] = `h${u}`; h[9] = u; root.numbers.push(h); }
  if (u % 20 === 0) root.objSet.add(root.shapes[root.shapes.length - 1]);
}
ephemeralKeys.forEach((k) => root.orderMeta.set(k, {payload: `p${k.lost}`, k}));
ephemeralKeys.length = 0;   // now those WeakMap entries are only held by their (unreachable) keys

if (typeof global.gc === 'function') { global.gc(); global.gc(); }
fs.mkdirSync(path.dirname(out), {recursive: true});
const t0 = Date.now();
v8.writeHeapSnapshot(out);
const bytes = fs.statSync(out).size;
console.log(`${out}: ${(bytes / 1e6).toFixed(1)} MB, ${units} units, ` +
            `${Math.round((bytes - BASE_MB * 1e6) / Math.max(units, 1))} bytes/unit, ` +
            `written in ${((Date.now() - t0) / 1000).toFixed(1)} s, node ${process.version}`);
