'use strict';
// Sample for sample_profiles/cpu/http_blocking.cpuprofile + http_blocking.blocks.json: an HTTP
// server whose handlers block the event loop for known durations.
//
// usage: node --cpu-prof --cpu-prof-dir DIR --cpu-prof-name http_blocking.cpuprofile \
//             http_blocking.js BLOCKS.json
//
// The server listens on 127.0.0.1, ephemeral port. A client child process (forked without
// --cpu-prof, so it writes no profile) sends the 14 requests of PLAN one after another, waiting
// GAP_MS between a response and the next request (the server's loop is idle then), and finally
// GET /shutdown. Routes:
//   /report  handleReport -> buildReport   busy  60 ms
//   /export  handleExport -> exportCsv     busy 120 ms
//   /resize  handleResize -> resizeImage   busy 250 ms
//   /health, /items                         fast (no blocking)
// Every block is logged to BLOCKS.json as
//   {handler, path, codedMs, startUs, endUs, actualMs}
// with startUs/endUs = process.hrtime.bigint() / 1000n, i.e. µs of CLOCK_MONOTONIC, the clock of the
// profile's startTime/endTime and sample timestamps (checked by blocking.mjs --expect in
// generate_all.sh). Safety: at most MAX_REQUESTS requests are served and the process ends itself
// after 60 s whatever happens; the server stops when the client exits.
const http = require('node:http');
const fs = require('node:fs');
const {fork} = require('node:child_process');

const PLAN = ['/health', '/report', '/items', '/export', '/health', '/resize', '/items',
  '/report', '/health', '/export', '/items', '/report', '/resize', '/health'];
const GAP_MS = 200;
const MAX_REQUESTS = 40;
const usNow = () => Number(process.hrtime.bigint() / 1000n);

if (process.argv[2] === '--client') {
  // ---------------------------------------------------------------- client (child process)
  const port = Number(process.argv[3]);
  const agent = new http.Agent({keepAlive: false});
  const get = (p) => new Promise((resolve, reject) => {
    const req = http.get({host: '127.0.0.1', port, path: p, agent, timeout: 10000}, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout on ${p}`)));
    req.on('error', reject);
  });
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  (async () => {
    await sleep(GAP_MS);
    for (const p of PLAN) { await get(p); await sleep(GAP_MS); }
    await get('/shutdown');
  })().catch((e) => { console.error(`client: ${e.message}`); process.exitCode = 1; });
  return;
}

// ------------------------------------------------------------------ server (profiled process)
const outFile = process.argv[2];
if (!outFile) { console.error('usage: node --cpu-prof ... http_blocking.js BLOCKS.json'); process.exit(2); }
const blocks = [];
let served = 0;

// Busy loops: each does real work and reads the clock once per 200 iterations.
function busyUntil(endUs, work) { let acc = 0; do { for (let i = 0; i < 200; i++) acc = work(acc, i); } while (usNow() < endUs); return acc; }
function reportStep(acc, i) { return (acc + Math.sqrt(i * 7 + acc % 13)) % 1e9; }
function csvStep(acc, i) { return (acc * 31 + `${i},${acc}`.length) % 1e9; }
function pixelStep(acc, i) { return (acc + Math.sin(i) * 255) % 1e9; }
function buildReport(ms) { return busyUntil(usNow() + ms * 1000, reportStep); }
function exportCsv(ms) { return busyUntil(usNow() + ms * 1000, csvStep); }
function resizeImage(ms) { return busyUntil(usNow() + ms * 1000, pixelStep); }

function blockFor(handler, path, codedMs, fn) {
  const startUs = usNow();
  fn(codedMs);
  const endUs = usNow();
  blocks.push({handler, path, codedMs, startUs, endUs, actualMs: Number(((endUs - startUs) / 1000).toFixed(3))});
}

function handleReport(req, res) { blockFor('handleReport', '/report', 60, buildReport); res.end('report\n'); }
function handleExport(req, res) { blockFor('handleExport', '/export', 120, exportCsv); res.end('export\n'); }
function handleResize(req, res) { blockFor('handleResize', '/resize', 250, resizeImage); res.end('resize\n'); }
function handleFast(req, res) { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify({ok: true, path: req.url})); }

let client = null;
const server = http.createServer((req, res) => {
  if (++served > MAX_REQUESTS) { res.statusCode = 503; res.end(); shutdown(); return; }
  switch (req.url) {
    case '/report': return handleReport(req, res);
    case '/export': return handleExport(req, res);
    case '/resize': return handleResize(req, res);
    case '/shutdown': res.end('bye\n'); return shutdown();
    default: return handleFast(req, res);
  }
});

let stopped = false;
function shutdown() {
  if (stopped) return;
  stopped = true;
  server.close();
  server.closeAllConnections();
  fs.writeFileSync(outFile, JSON.stringify(blocks, null, 1) + '\n');
  console.log(`http_blocking: served ${served} requests, ${blocks.length} blocks -> ${outFile}`);
}

setTimeout(() => { console.error('http_blocking: 60 s safety timeout'); process.exit(1); }, 60000).unref();
server.listen(0, '127.0.0.1', () => {
  const {port} = server.address();
  client = fork(__filename, ['--client', String(port)], {execArgv: [], stdio: 'inherit'});
  client.on('exit', (code) => {
    if (code) process.exitCode = 1;
    shutdown();
  });
});
