// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Records the Chromium CPU samples in sample_profiles/cpu/ from headless Chromium (Debian's chromium package,
// driven by puppeteer-core over a CDP pipe; pages served by a loopback HTTP server started here):
//   chromium_trace.json           a Performance-panel trace (DevTools' default categories + JS sampling) of
//                                 pages/trace/app.html loading and running runWork(): script-heavy functions,
//                                 forced synchronous layouts, GC churn, animation frames
//   chromium_two_renderers.json   the same, for two.html, whose iframe comes from another site (localhost vs
//                                 127.0.0.1), so site isolation puts it in a second renderer; both run runWork()
//   chromium_page.cpuprofile      Profiler.start/stop (CDP) around runWork() on app.html (200 µs interval)
//   chromium_page_port2.cpuprofile  the same page from a second server on another port (cpu diff --match)
//
// usage: node chromium_trace.mjs OUTDIR [CHROMIUM=/usr/bin/chromium]
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import puppeteer from 'puppeteer-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, 'pages', 'trace');
const outDir = process.argv[2];
const executablePath = process.argv[3] || '/usr/bin/chromium';
if (!outDir) { console.error('usage: node chromium_trace.mjs OUTDIR [CHROMIUM]'); process.exit(2); }

// DevTools' recording categories (TraceEvents.ts DefaultCategories + OptionalCategories.JsSampling).
const categories = ['-*', 'blink.console', 'blink.user_timing', 'loading', 'devtools.timeline',
  'disabled-by-default-devtools.target-rundown', 'disabled-by-default-devtools.timeline.frame',
  'disabled-by-default-devtools.timeline.stack', 'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.v8-source-rundown', 'disabled-by-default-layout_shift.debug',
  'disabled-by-default-v8.inspector', 'disabled-by-default-v8.cpu_profiler.hires', 'disabled-by-default-lighthouse',
  'v8.execute', 'v8', 'cppgc', 'navigation,rail', 'disabled-by-default-v8.cpu_profiler'];

const types = {'.html': 'text/html', '.js': 'text/javascript'};
function serve() {
  const server = http.createServer((req, res) => {
    const p = path.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '');
    const file = path.join(root, p);
    if (!file.startsWith(root) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, {'content-type': types[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store'});
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'v8scope-chromium-'));
const browser = await puppeteer.launch({
  executablePath, headless: true, pipe: true, userDataDir,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-extensions', '--disable-default-apps', '--mute-audio', '--site-per-process'],
  protocolTimeout: 120000,
});
const timer = setTimeout(() => { console.error('timeout: giving up after 180 s'); process.exit(1); }, 180000);
timer.unref();
const s1 = await serve();
const s2 = await serve();
const port1 = s1.address().port, port2 = s2.address().port;
try {
  console.log(`browser: ${await browser.version()}; servers on 127.0.0.1:${port1} and :${port2}`);

  async function cpuprofile(name, url) {
    const page = await browser.newPage();
    await page.setViewport({width: 1000, height: 700});
    await page.goto(url, {waitUntil: 'load'});
    const cdp = await page.createCDPSession();
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', {interval: 200});
    await cdp.send('Profiler.start');
    const out = await page.evaluate(() => window.runWork());
    const {profile} = await cdp.send('Profiler.stop');
    fs.writeFileSync(path.join(outDir, name), JSON.stringify(profile));
    console.log(`${name}: ${profile.nodes.length} nodes, ${profile.samples.length} samples; work ${JSON.stringify(out)}`);
    await page.close();
  }
  await cpuprofile('chromium_page.cpuprofile', `http://127.0.0.1:${port1}/app.html`);
  await cpuprofile('chromium_page_port2.cpuprofile', `http://127.0.0.1:${port2}/app.html`);

  async function trace(name, url, work) {
    const page = await browser.newPage();
    await page.setViewport({width: 1000, height: 700});
    await page.tracing.start({categories});
    await page.goto(url, {waitUntil: 'load'});
    const out = await work(page);
    const buf = await page.tracing.stop();
    fs.writeFileSync(path.join(outDir, name), buf);
    console.log(`${name}: ${buf.length} bytes; work ${JSON.stringify(out)}`);
    await page.close();
  }

  await trace('chromium_trace.json', `http://127.0.0.1:${port1}/app.html`, (page) => page.evaluate(() => window.runWork()));

  await trace('chromium_two_renderers.json', `http://127.0.0.1:${port1}/two.html`, async (page) => {
    await page.evaluate((src) => new Promise((resolve) => {
      const f = document.getElementById('other');
      f.onload = () => resolve();
      f.src = src;
    }), `http://localhost:${port1}/frame.html`);
    const frame = page.frames().find((f) => f.url().startsWith('http://localhost'));
    if (!frame) throw new Error('the iframe did not load');
    return Promise.all([page.evaluate(() => window.runWork()), frame.evaluate(() => window.runWork())]);
  });

} finally {
  await browser.close();
  s1.close();
  s2.close();
  fs.rmSync(userDataDir, {recursive: true, force: true});
}
