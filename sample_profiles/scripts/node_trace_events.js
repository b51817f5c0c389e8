// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Sample node20_trace_events.json: a Node process traced with --trace-event-categories v8,disabled-by-default-v8.cpu_profiler.
// Node writes GC and V8 events but never Profile/ProfileChunk samples (its tracing does not start the sampling
// profiler), so v8scope must say that this trace holds no CPU profile (tests/cli/tst_badinputs.cpp).
function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
function busy(ms) { const end = Date.now() + ms; let x = 0; while (Date.now() < end) x += Math.sqrt(x + 1); return x; }
let rounds = 0;
const t = setInterval(() => {
  fib(24); busy(30);
  const a = []; for (let i = 0; i < 20000; i++) a.push({ i, s: 'x' + i });
  JSON.stringify(a.slice(0, 2000));
  if (++rounds === 25) clearInterval(t);
}, 20);
