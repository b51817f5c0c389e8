'use strict';
// Sample "express server whose session store leaks" for sample_profiles/heap/express_s1, _s2, _s3.
//
// usage: node --expose-gc express_leak.js OUTDIR   -> OUTDIR/express_s1, express_s2, express_s3 .heapsnapshot
// (npm ci in this directory first: express and express-session, pinned by package-lock.json)
//
// The server (this process, the one snapshotted) is an express 5 app with express-session and a
// hand-written MemorySessionStore: set() keeps a StoredSession per session id in a Map and nothing ever
// removes it (the cookie has a maxAge, but the store never prunes expired entries): the leak. It
// listens on 127.0.0.1 only (ephemeral port) and prints nothing at start-up; it logs a stats line
// with console.log every 100 new sessions, so Node's console builds its lazily loaded `utilColors`
// module during the load, after the first snapshot: the false positive a leak finder must filter.
//
// A client child process (forked, not snapshotted) sends the load over loopback: 20 warm-up requests,
// then asks for snapshot 1; 600 requests from new visitors (each gets a session, then comes back once
// with its cookie), snapshot 2; 600 more, snapshot 3; then the server closes. Requests are sequential.
// Safety: at most 1300 requests are served and the process ends itself after 120 s.
const http = require('node:http');
const path = require('node:path');
const {fork} = require('node:child_process');

if (process.argv[2] === '--client') {
  // ---------------------------------------------------------------- client (child process)
  const port = Number(process.argv[3]);
  const agent = new http.Agent({keepAlive: true, maxSockets: 1});
  const get = (p, cookie) => new Promise((resolve, reject) => {
    const headers = cookie ? {cookie} : {};
    const req = http.get({host: '127.0.0.1', port, path: p, agent, headers, timeout: 10000}, (res) => {
      res.resume();
      res.on('end', () => resolve((res.headers['set-cookie'] || [''])[0].split(';')[0]));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout on ${p}`)));
    req.on('error', reject);
  });
  const snapshot = (name) => new Promise((resolve) => {
    process.once('message', resolve);
    process.send({snapshot: name});
  });
  const visitors = async (n, from) => {
    for (let i = from; i < from + n; i++) {
      const cookie = await get(`/login?user=user${i}`);
      await get(`/cart/add?sku=${1000 + (i % 37)}`, cookie);
    }
  };
  (async () => {
    await visitors(10, 0);                 // warm-up: 20 requests
    await snapshot('express_s1');
    await visitors(200, 10);               // 400 requests
    await snapshot('express_s2');
    await visitors(200, 210);              // 400 requests
    await snapshot('express_s3');
    process.send({done: true});
  })().catch((e) => { console.error(`client: ${e.message}`); process.exit(1); });
  return;
}

// ------------------------------------------------------------------ server (snapshotted process)
const v8 = require('node:v8');
const express = require('express');
const session = require('express-session');

const outDir = process.argv[2];
if (!outDir || typeof global.gc !== 'function') {
  console.error('usage: node --expose-gc express_leak.js OUTDIR');
  process.exit(2);
}

class StoredSession {
  constructor(sid, data) {
    this.sid = sid;
    this.data = data;
    this.savedAt = Date.now();
  }
}

class MemorySessionStore extends session.Store {
  constructor() {
    super();
    this.sessions = new Map();    // never pruned: the leak
  }
  get(sid, cb) {
    const s = this.sessions.get(sid);
    cb(null, s ? JSON.parse(JSON.stringify(s.data)) : null);
  }
  set(sid, data, cb) {
    this.sessions.set(sid, new StoredSession(sid, JSON.parse(JSON.stringify(data))));
    cb(null);
  }
  destroy(sid, cb) {
    this.sessions.delete(sid);
    cb(null);
  }
}

const store = new MemorySessionStore();
let served = 0;
let created = 0;
const app = express();
app.use((req, res, next) => { if (++served > 1300) res.status(503).end(); else next(); });
app.use(session({
  store, secret: 'v8scope sample', resave: false, saveUninitialized: false, cookie: {maxAge: 60000},
}));
app.get('/login', (req, res) => {
  req.session.user = String(req.query.user);
  req.session.cart = [];
  if (++created % 100 === 0) console.log(`stats: ${created} sessions created, ${store.sessions.size} stored`);
  res.json({ok: true});
});
app.get('/cart/add', (req, res) => {
  if (!req.session.user) return res.status(401).json({ok: false});
  req.session.cart.push({sku: Number(req.query.sku), qty: 1});
  res.json({ok: true, items: req.session.cart.length});
});

const server = http.createServer(app);
const killer = setTimeout(() => { console.error('express_leak: timeout'); process.exit(1); }, 120000);
server.listen(0, '127.0.0.1', () => {
  const client = fork(__filename, ['--client', String(server.address().port)]);
  client.on('message', (m) => {
    if (m.snapshot) {
      global.gc();
      global.gc();
      v8.writeHeapSnapshot(path.join(outDir, `${m.snapshot}.heapsnapshot`));
      client.send({ok: true});
    } else if (m.done) {
      client.disconnect();
      server.close();
      server.closeAllConnections();
      clearTimeout(killer);
      process.stdout.write(`express_leak: ${served} requests, ${created} sessions, ${store.sessions.size} stored\n`);
    }
  });
  client.on('exit', (code) => { if (code) process.exit(code); });
});
