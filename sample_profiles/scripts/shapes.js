'use strict';
// Sample for sample_profiles/heap/shapes.heapsnapshot: a Node heap with a rich object graph for
// parity tests against DevTools (class names, object shapes, WeakMap ephemerons, closures,
// typed arrays, cycles, non-ASCII strings).
//
// usage: node --expose-gc shapes.js OUT.heapsnapshot
//
// Everything is reachable from globalThis.shapesRoot. Counts (all deterministic):
//  - plain objects with repeated shapes (all property values are strings/objects: V8 writes no edge
//    for a smi or an unboxed double field, so such fields are invisible to DevTools' shape names):
//    {a, b, c} x 600 (c is {n}, so {n} x 600 too), {x, y} x 400, {id, name, tags, meta} x 300 (meta
//    is {created, owner}), {kind, value, next} x 250 linked into a chain; plus 100 objects {m, n}
//    with smi values only, which DevTools can only class as "Object".
//  - class Widget from lib/widget_a.js x 120 and class Widget from lib/widget_b.js x 80 (same name,
//    two constructor locations; widget_b instances form a tree with parent back-edges = cycles).
//  - class Key x 150 used as WeakMap keys, values are {payload, key} objects (value -> key cycle);
//    150 more WeakMap entries whose key is only reachable through the WeakMap (collected by GC).
//  - closures: 100 counters (makeCounter) each capturing `count`, `label` and a 64-element array in
//    their context; one closure pair sharing a context; a nested closure capturing two levels.
//  - arrays: numbers (1000 smis, 1000 doubles), a holey array, an array of 200 arrays.
//  - ArrayBuffer(64 KiB) with Float64Array, Uint8Array and DataView views over it, a separate
//    Int32Array(4096), a Uint8Array(1 MiB) with its own backing store.
//  - Set of 300 strings, Set of 100 objects, Map of 200 number -> object.
//  - cycles: a ring of 50 RingNode objects, an object that references itself.
//  - strings: German, Russian, Japanese, emoji (U+1F600, astral), U+1D11E (astral), a lone high
//    surrogate '\uD800', U+1D800 (astral whose low 16 bits are D800), each also concatenated with an
//    index so both internalized literals and heap strings exist.
//  - misc: a Symbol-keyed property, a BigInt, a RegExp, a Date, a bound function, a Promise.
const v8 = require('node:v8');
const {Widget: WidgetA} = require('./lib/widget_a.js');
const {Widget: WidgetB} = require('./lib/widget_b.js');

const out = process.argv[2];
if (!out || typeof global.gc !== 'function') {
  console.error('usage: node --expose-gc shapes.js OUT.heapsnapshot');
  process.exit(2);
}

class Key { constructor(i) { this.keyIndex = i; } }
class RingNode { constructor(i) { this.i = i; this.next = null; } }

function makeCounter(label) {
  let count = 0;
  const history = new Array(64).fill(label.length);
  return function counter() { count++; history[count % 64] = count; return `${label}:${count}`; };
}

function makePair() {
  let shared = {hits: 0};
  return {inc: () => ++shared.hits, get: () => shared.hits};
}

function makeNested(outerValue) {
  const outer = {outerValue};
  return function middle(midValue) {
    const mid = [midValue];
    return function inner() { return outer.outerValue + mid[0]; };
  };
}

const root = {};

// plain objects with repeated shapes
root.abc = Array.from({length: 600}, (_, i) => ({a: `a${i}`, b: [i], c: {n: `c${i}`}}));
root.xy = Array.from({length: 400}, (_, i) => ({x: `x${i}`, y: `y${i}`}));
root.records = Array.from({length: 300}, (_, i) => ({
  id: `rec-${i}`, name: `record-${i}`, tags: ['t' + (i % 10)],
  meta: {created: `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`, owner: `owner${i % 7}`},
}));
root.smiOnly = Array.from({length: 100}, (_, i) => ({m: i, n: -i}));
let chain = null;
for (let i = 0; i < 250; i++) chain = {kind: 'link', value: `v${i}`, next: chain};
root.chain = chain;

// same class name, two files
root.widgetsA = Array.from({length: 120}, (_, i) => new WidgetA(i));
const treeRoot = new WidgetB(0);
const allB = [treeRoot];
for (let i = 1; i < 80; i++) {
  const parent = allB[(i - 1) >> 1];
  const w = new WidgetB(i);
  w.parent = parent;
  parent.children.push(w);
  allB.push(w);
}
root.widgetTree = treeRoot;

// WeakMap: object keys -> object values (values point back at keys: a cycle through the ephemeron)
const wm = new WeakMap();
root.keys = [];
for (let i = 0; i < 150; i++) {
  const k = new Key(i);
  root.keys.push(k);
  wm.set(k, {payload: `weak-value-${i}`, key: k});
}
for (let i = 0; i < 150; i++) wm.set(new Key(1000 + i), {payload: `dropped-${i}`, key: null});
root.weakMap = wm;

// closures
root.counters = Array.from({length: 100}, (_, i) => makeCounter(`counter${i}`));
for (const c of root.counters) c();
root.pair = makePair();
root.nested = makeNested(40)(2);

// arrays
root.smis = Array.from({length: 1000}, (_, i) => i);
root.doubles = Array.from({length: 1000}, (_, i) => i + 0.25);
const holey = [];
holey[0] = 'first'; holey[500] = 'middle'; holey[999] = 'last';
root.holey = holey;
root.nestedArrays = Array.from({length: 200}, (_, i) => [i, i + 1, String(i)]);

// typed arrays and buffers
const buf = new ArrayBuffer(64 * 1024);
root.buffer = buf;
root.f64 = new Float64Array(buf, 0, 1024);
root.u8 = new Uint8Array(buf, 8192, 4096);
root.view = new DataView(buf, 16384, 256);
root.i32 = new Int32Array(4096);
root.bigBytes = new Uint8Array(1024 * 1024);
root.f64.fill(1.5); root.u8.fill(7); root.i32.fill(-1);

// sets and maps
root.stringSet = new Set(Array.from({length: 300}, (_, i) => `set-member-${i}`));
root.objectSet = new Set(Array.from({length: 100}, (_, i) => ({member: i})));
root.numberMap = new Map(Array.from({length: 200}, (_, i) => [i, {mapped: i}]));

// cycles
const ring = Array.from({length: 50}, (_, i) => new RingNode(i));
ring.forEach((n, i) => { n.next = ring[(i + 1) % ring.length]; });
root.ring = ring[0];
const selfRef = {name: 'self'};
selfRef.self = selfRef;
root.selfRef = selfRef;

// strings with non-ASCII characters
const literals = {
  german: 'Grüße aus Köln',
  russian: 'Привет, мир',
  japanese: '日本語のテキスト',
  emoji: 'smile \u{1F600} end',
  clef: 'clef \u{1D11E} end',
  loneSurrogate: 'lone \uD800 surrogate',
  astralD800: 'astral \u{1D800} low bits D800',
};
root.literals = literals;
root.builtStrings = Object.entries(literals).map(([k, v]) => [k, v + ' #' + k.length + '/' + Math.PI.toFixed(4)].join('='));

// misc
const sym = Symbol('shapesSymbol');
root[sym] = {symbolValue: true};
root.big = 2n ** 100n;
root.regexp = /sh(a)pes?\d+/giu;
root.date = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
root.bound = makeCounter('bound').bind(null);
root.promise = Promise.resolve(root.abc[0]);

globalThis.shapesRoot = root;
global.gc();
global.gc();
v8.writeHeapSnapshot(out);
console.log(`shapes: wrote ${out}`);
