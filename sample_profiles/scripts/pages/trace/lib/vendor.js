// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// A stand-in for a third-party library (served under /lib/, the ignore-list candidate in tests): string
// formatting and a small template renderer that the app calls from its hot paths.
(function (global) {
  function pad(s, n) {
    s = String(s);
    while (s.length < n) s = ' ' + s;
    return s;
  }
  function formatRow(values) {
    let out = '';
    for (const v of values) out += pad(v.toFixed ? v.toFixed(2) : v, 10);
    return out;
  }
  function render(template, data) {
    return template.replace(/\{(\w+)\}/g, (m, k) => (k in data ? String(data[k]) : m));
  }
  global.vendor = { pad, formatRow, render };
})(window);
