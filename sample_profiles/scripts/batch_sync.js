// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// A synchronous batch job (sample_profiles/cpu/batch_sync.cpuprofile): parses, transforms and serialises
// records without ever returning to the event loop, so the profile has no (idle) sample.
// usage: node --cpu-prof --cpu-prof-name batch_sync.cpuprofile batch_sync.js
'use strict';

function makeRecords(n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push({ id: i, name: 'record' + i, values: [i, i * 2, i * 3], tags: ['a', 'b'] });
  return out;
}

function transform(records) {
  return records.map((r) => ({ ...r, sum: r.values.reduce((a, b) => a + b, 0), label: r.name.toUpperCase() }));
}

function serialise(records) {
  let size = 0;
  for (let round = 0; round < 5; round++) size += JSON.stringify(records).length;
  return size;
}

const start = Date.now();
let total = 0;
while (Date.now() - start < 400) total += serialise(transform(makeRecords(5000)));
console.log(`batch done: ${total} bytes serialised`);
