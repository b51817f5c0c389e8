// Records sample_profiles/heap/chromium_detached_dom_{1,2}.heapsnapshot from headless Chromium
// (Debian's chromium package, driven by puppeteer-core over CDP; nothing is downloaded).
//
// usage: node chromium_detached_dom.mjs OUTDIR [CHROMIUM=/usr/bin/chromium]
//
// Loads pages/detached_dom.html from a file:// URL, calls leakRound(20) (19 detached panels),
// forces GC (HeapProfiler.collectGarbage) and takes snapshot 1 with HeapProfiler.takeHeapSnapshot,
// collecting the addHeapSnapshotChunk events; then leakRound(30) (29 more detached panels, 48 in
// all) and snapshot 2. Both from one page and one renderer, so node ids are stable across them.
// Each detached panel is a <div> with a <span> (+ text) and a <ul> of 5 <li> (+ text).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import puppeteer from 'puppeteer-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = process.argv[2];
const executablePath = process.argv[3] || '/usr/bin/chromium';
if (!outDir) { console.error('usage: node chromium_detached_dom.mjs OUTDIR [CHROMIUM]'); process.exit(2); }

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'v8scope-chromium-'));
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  pipe: true,                       // CDP over a pipe: no debugging port is opened
  userDataDir,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-extensions', '--disable-default-apps', '--mute-audio'],
  protocolTimeout: 120000,
});
const timer = setTimeout(() => { console.error('timeout: giving up after 120 s'); process.exit(1); }, 120000);
timer.unref();
try {
  console.log(`browser: ${await browser.version()}`);
  const page = await browser.newPage();
  const url = pathToFileURL(path.join(here, 'pages', 'detached_dom.html')).href;
  await page.goto(url, {waitUntil: 'load'});
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.enable');

  async function snapshot(name) {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const file = path.join(outDir, `${name}.heapsnapshot`);
    const fd = fs.openSync(file, 'w');
    const onChunk = ({chunk}) => fs.writeSync(fd, chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    await cdp.send('HeapProfiler.takeHeapSnapshot', {reportProgress: false});
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    fs.closeSync(fd);
    console.log(`${name}: ${fs.statSync(file).size} bytes -> ${file}`);
  }

  let detached = await page.evaluate(() => window.leakRound(20));
  console.log(`round 1: ${detached} detached panels`);
  await snapshot('chromium_detached_dom_1');
  detached = await page.evaluate(() => window.leakRound(30));
  console.log(`round 2: ${detached} detached panels`);
  await snapshot('chromium_detached_dom_2');
} finally {
  await browser.close();
  fs.rmSync(userDataDir, {recursive: true, force: true});
}
