// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// A tiny HTTP service for trying docs/ci.md locally: GET /api/items answers JSON and, with LEAK=1, keeps a
// Session per request in a module-level Map that is never cleared (the leak the gates should catch).
'use strict';
const http = require('node:http');

class Session {
  constructor(id, headers) {
    this.id = id;
    this.headers = { ...headers };
    this.cart = [];
    this.createdAt = Date.now();
  }
}
const sessionCache = new Map();
let next = 0;

http
  .createServer((req, res) => {
    const session = new Session(++next, req.headers);
    if (process.env.LEAK === '1') sessionCache.set(session.id, session);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ items: [1, 2, 3], session: session.id }));
  })
  .listen(Number(process.env.PORT || 3000), '127.0.0.1');
