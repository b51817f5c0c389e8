'use strict';
// The "application" part of the leak sample: a session object created per simulated request.
// Each Session has a few data fields and a closure (onExpire) that captures the session and a
// per-session buffer through its context, as real apps do with callbacks.

let nextSessionId = 1;

class Session {
  constructor(user, headers) {
    this.id = nextSessionId++;
    this.user = user;
    this.createdAt = 1700000000000 + this.id * 1000;   // deterministic, no Date.now()
    this.headers = headers;
    this.cart = [];
    const scratch = new Array(16).fill(this.id);       // captured by the closure only
    this.onExpire = () => scratch.length + this.cart.length;
  }
}

module.exports = {Session};
