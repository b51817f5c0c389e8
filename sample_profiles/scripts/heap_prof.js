'use strict';
// Sample for sample_profiles/cpu/heap_prof.heapprofile: a small allocating workload under the
// sampling heap profiler.
//
// usage: node --heap-prof --heap-prof-interval 16384 --heap-prof-dir DIR \
//             --heap-prof-name heap_prof.heapprofile heap_prof.js
//
// The sampling profile written at exit holds the samples of objects still alive then, so the
// workload keeps what it allocates in `kept` (about 12 MB) and also makes garbage that is not in
// the profile. Allocation sites, each in its own function:
//   makeRecords   20000 objects {id, name, tags}  (+ their strings and arrays)
//   makeStrings   4000 strings of ~1 KB built by repeat/concatenation
//   makeBuffers   200 Uint8Array(16 KiB) (backing stores are off-heap: only the JS objects count)
//   makeTree      a recursive tree of depth 12 (8191 nodes) built by the recursive buildNode
//   churn         short-lived arrays, garbage by exit (mostly absent from the profile)
const kept = [];

function makeRecords(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push({id: i, name: `record-${i}`, tags: ['x', String(i % 13)]});
  return out;
}

function makeStrings(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(`line ${i}: `.concat('abcdefgh'.repeat(128)).slice(0, 1000 + (i % 24)));
  return out;
}

function makeBuffers(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(new Uint8Array(16 * 1024).fill(i & 255));
  return out;
}

function buildNode(depth) {          // recursive
  if (depth === 0) return {leaf: true};
  return {left: buildNode(depth - 1), right: buildNode(depth - 1), depth};
}
function makeTree(depth) { return buildNode(depth); }

function churn(rounds) {
  let total = 0;
  for (let r = 0; r < rounds; r++) { const a = new Array(1000).fill(r); total += a.length; }
  return total;
}

kept.push(makeRecords(20000));
kept.push(makeStrings(4000));
kept.push(makeBuffers(200));
kept.push(makeTree(12));
churn(2000);
globalThis.kept = kept;
console.log(`heap_prof: kept ${kept.length} groups`);
