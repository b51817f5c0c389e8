// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Headless Chromium (Debian's package, puppeteer-core over a CDP pipe, a data: page, nothing downloaded): runs
// the same work as producer_app.mjs in a page under Profiler.start/stop, then takes a heap snapshot.
//   node chromium_producer.mjs OUTDIR [CHROMIUM=/usr/bin/chromium]   writes chromium.cpuprofile, chromium.heapsnapshot
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const outDir = process.argv[2];
const executablePath = process.argv[3] || '/usr/bin/chromium';
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'v8scope-chromium-'));
const browser = await puppeteer.launch({
  executablePath, headless: true, pipe: true, userDataDir, protocolTimeout: 120000,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-extensions', '--disable-default-apps'],
});
const timer = setTimeout(() => { console.error('timeout after 120 s'); process.exit(1); }, 120000);
timer.unref();
try {
  console.log(`browser: ${await browser.version()}`);
  const page = await browser.newPage();
  await page.goto('data:text/html,<title>v8scope producer</title>');
  const cdp = await page.createCDPSession();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  await page.evaluate(() => {
    class Session { constructor(i) { this.id = i; this.payload = new Array(32).fill(i); this.name = `session-${i}`; } }
    window.sessions = [];
    for (let i = 0; i < 5000; i++) window.sessions.push(new Session(i));
    function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
    function hashStrings(n) {
      let h = 0;
      for (let i = 0; i < n; i++) for (const c of `key-${i}`) h = (h * 31 + c.charCodeAt(0)) | 0;
      return h;
    }
    const start = Date.now();
    let sink = 0;
    while (Date.now() - start < 300) sink += fib(18) + hashStrings(200);
    return sink;
  });
  const { profile } = await cdp.send('Profiler.stop');
  fs.writeFileSync(path.join(outDir, 'chromium.cpuprofile'), JSON.stringify(profile));
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const fd = fs.openSync(path.join(outDir, 'chromium.heapsnapshot'), 'w');
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => fs.writeSync(fd, chunk));
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  fs.closeSync(fd);
  console.log(`profile: ${profile.samples.length} samples; snapshot written`);
} finally {
  await browser.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
