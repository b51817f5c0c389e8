'use strict';
// Sample for sample_profiles/cpu/cpu_mix.cpuprofile: a CPU mix with known shares.
//
// usage: node --cpu-prof --cpu-prof-interval 1000 --cpu-prof-dir DIR --cpu-prof-name cpu_mix.cpuprofile \
//             cpu_mix.js [TRUTH.json]
//
// 50 frames of 50 ms each (about 2.5 s): in each frame the script runs
//   parseJson      20 ms  (40 %)  JSON.parse + walkValue, a recursive walk of the parsed tree
//   renderTemplate 15 ms  (30 %)  string templating through formatValue (this file)
//   hashData       10 ms  (20 %)  FNV-1a hashing in lib/cpu_mix_lib.js, which has its own formatValue
//   idle            5 ms  (10 %)  setTimeout(5): the event loop waits, sampled as (idle)
// Budgets are wall-clock (performance.now), so the shares of total time hold whatever the machine
// speed. The optional TRUTH.json records the measured ms of each function (performance.now
// around each call) and the whole run, to check a tool's percentages against (+-3 points).
const fs = require('node:fs');
const {performance} = require('node:perf_hooks');
const {hashData} = require('./lib/cpu_mix_lib.js');

const now = () => performance.now();
const FRAMES = 50, PARSE_MS = 20, RENDER_MS = 15, HASH_MS = 10, IDLE_MS = 5;

const doc = JSON.stringify({
  users: Array.from({length: 40}, (_, i) => ({id: i, name: `user${i}`, roles: ['a', 'b'],
    profile: {age: 20 + i, address: {city: `city${i % 5}`, zip: `${10000 + i}`, geo: [i, -i]}}})),
});

function walkValue(v, depth) {           // recursive: nests walkValue > walkValue > ...
  if (Array.isArray(v)) { let n = 0; for (const x of v) n += walkValue(x, depth + 1); return n + 1; }
  if (v !== null && typeof v === 'object') { let n = 0; for (const k in v) n += walkValue(v[k], depth + 1); return n + 1; }
  return depth;
}

function parseJson(ms) {
  const end = now() + ms;
  let n = 0;
  do { n += walkValue(JSON.parse(doc), 0); } while (now() < end);
  return n;
}

function formatValue(v) {                // same name as lib/cpu_mix_lib.js formatValue
  return typeof v === 'number' ? v.toFixed(2) : String(v).toUpperCase();
}

const template = 'Hello {name}, you have {count} new messages from {from} at {time}. '.repeat(8);
function renderTemplate(ms) {
  const end = now() + ms;
  let out = '', i = 0;
  do {
    for (let k = 0; k < 20; k++, i++) {
      const vars = {name: `user${i % 40}`, count: i % 17, from: `sender${i % 9}`, time: i * 0.25};
      out = template.replace(/\{(\w+)\}/g, (_, key) => formatValue(vars[key]));
    }
  } while (now() < end);
  return out.length;
}

const truth = {parseJson: 0, renderTemplate: 0, hashData: 0, idle: 0, frames: FRAMES};

const t0 = now();
let frame = 0;
function runFrame() {
  let t = now();
  parseJson(PARSE_MS);
  truth.parseJson += now() - t;
  t = now();
  renderTemplate(RENDER_MS);
  truth.renderTemplate += now() - t;
  t = now();
  hashData(HASH_MS, now);
  truth.hashData += now() - t;
  const idleStart = now();
  if (++frame < FRAMES) {
    setTimeout(() => { truth.idle += now() - idleStart; runFrame(); }, IDLE_MS);
  } else {
    truth.totalMs = now() - t0;
    for (const k of ['parseJson', 'renderTemplate', 'hashData', 'idle']) {
      truth[`${k}Pct`] = Number((100 * truth[k] / truth.totalMs).toFixed(1));
      truth[k] = Number(truth[k].toFixed(1));
    }
    truth.totalMs = Number(truth.totalMs.toFixed(1));
    if (process.argv[2]) fs.writeFileSync(process.argv[2], JSON.stringify(truth, null, 1) + '\n');
    console.log(`cpu_mix: ${JSON.stringify(truth)}`);
  }
}
runFrame();
