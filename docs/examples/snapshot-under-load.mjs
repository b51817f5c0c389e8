// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Starts a Node service, drives HTTP load at it and takes heap snapshots from the same process (so object ids
// are comparable): one after a warm-up (the base), more after each round of load. Used by docs/ci.md.
//
// usage: node snapshot-under-load.mjs --entry server.js --url http://127.0.0.1:3000/ [--port-wait 30]
//          [--warmup 200] [--requests 2000] [--rounds 1] [--concurrency 16] [--out snapshots]
// Writes OUT/base.heapsnapshot, OUT/head.heapsnapshot (and OUT/head2.heapsnapshot ... with --rounds > 1).
// The service is started with --heapsnapshot-signal=SIGUSR2: V8 collects garbage and writes the snapshot
// into the service's working directory when the signal arrives. No dependency beyond Node 18+.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const entry = opt('--entry');
const url = opt('--url', 'http://127.0.0.1:3000/');
const warmup = Number(opt('--warmup', '200'));
const requests = Number(opt('--requests', '2000'));
const rounds = Number(opt('--rounds', '1'));
const concurrency = Number(opt('--concurrency', '16'));
const portWait = Number(opt('--port-wait', '30'));
const out = path.resolve(opt('--out', 'snapshots'));
if (!entry) {
  console.error('usage: node snapshot-under-load.mjs --entry server.js --url URL [--requests N] [--out DIR]');
  process.exit(2);
}
fs.mkdirSync(out, { recursive: true });

const service = spawn(process.execPath, ['--heapsnapshot-signal=SIGUSR2', path.resolve(entry)], {
  cwd: out,
  stdio: ['ignore', 'inherit', 'inherit'],
});
service.on('exit', (code) => {
  if (code !== null && code !== 0) {
    console.error(`service exited with ${code}`);
    process.exit(1);
  }
});

async function waitForService() {
  for (let i = 0; i < portWait * 10; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`${url} did not answer within ${portWait} s`);
}

async function load(n) {
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
        if (!res.ok) failed++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (failed) console.error(`${failed} of ${n} requests failed`);
}

// Sends SIGUSR2 and waits until a new Heap*.heapsnapshot stops growing, then renames it.
async function snapshot(name) {
  const before = new Set(fs.readdirSync(out));
  service.kill('SIGUSR2');
  let file = null;
  let lastSize = -1;
  for (let i = 0; i < 6000; i++) {
    await sleep(200);
    file ??= fs.readdirSync(out).find((f) => !before.has(f) && f.endsWith('.heapsnapshot'));
    if (!file) continue;
    const size = fs.statSync(path.join(out, file)).size;
    if (size > 0 && size === lastSize) break;
    lastSize = size;
  }
  if (!file) throw new Error('no snapshot was written');
  fs.renameSync(path.join(out, file), path.join(out, name));
  console.log(`wrote ${path.join(out, name)} (${(lastSize / 1e6).toFixed(1)} MB)`);
}

try {
  await waitForService();
  await load(warmup);
  await snapshot('base.heapsnapshot');
  for (let r = 1; r <= rounds; r++) {
    await load(requests);
    await snapshot(r === 1 ? 'head.heapsnapshot' : `head${r}.heapsnapshot`);
  }
} finally {
  service.kill('SIGTERM');
}
