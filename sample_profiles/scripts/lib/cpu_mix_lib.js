'use strict';
// Second script of the cpu_mix sample: hashData lives here, and so does a function named
// formatValue, the same name as a function in cpu_mix.js (DevTools keeps them apart by scriptId).

function fnv1a(str) {
  let h = 0x811c9dc5;
  for (let i = 0; i < str.length; i++) {
    h ^= str.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function formatValue(h) {                 // same name as cpu_mix.js formatValue, different script
  return (h >>> 0).toString(16).padStart(8, '0');
}

const blocks = Array.from({length: 64}, (_, i) => `block-${i}-`.repeat(40));

// Busy for about `ms` milliseconds of hashing; the clock is read once per 16 blocks.
function hashData(ms, now) {
  const end = now() + ms;
  let acc = 0, out = '';
  do {
    for (let i = 0; i < 16; i++) acc = (acc + fnv1a(blocks[(acc + i) & 63])) >>> 0;
    out = formatValue(acc);
  } while (now() < end);
  return out;
}

module.exports = {hashData, formatValue};
