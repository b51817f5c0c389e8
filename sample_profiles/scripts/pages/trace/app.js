// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The work the trace samples record (sample_profiles/scripts/chromium_trace.mjs): script-heavy functions,
// layout-heavy DOM work (forced synchronous layouts), allocation churn for GC, and a few animation frames.

function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

function crunchNumbers(rounds) {
  let acc = 0;
  for (let r = 0; r < rounds; r++) {
    const a = new Float64Array(2048);
    for (let i = 0; i < a.length; i++) a[i] = Math.sin(i * r) * Math.sqrt(i + 1);
    a.sort();
    acc += a[a.length >> 1];
  }
  return acc;
}

function buildReport(rows) {
  const lines = [];
  for (let i = 0; i < rows; i++) lines.push(vendor.formatRow([i, i * 1.5, Math.sqrt(i), 'row' + i]));
  return lines.join('\n').length;
}

function churn(count) {
  let keep = [];
  for (let i = 0; i < count; i++) {
    keep.push({ id: i, name: 'item' + i, tags: [i, i + 1, i + 2], text: vendor.render('{a}-{b}', { a: i, b: i * 2 }) });
    if (keep.length > 5000) keep = [];
  }
  return keep.length;
}

function scriptHeavy() {
  return fib(25) + crunchNumbers(60) + buildReport(4000) + churn(60000);
}

// Layout-heavy: each step writes a style and then reads a layout property, forcing a synchronous layout.
function maybeResize(board, i) {
  const cell = board.children[i % board.children.length];
  cell.style.width = (20 + (i % 37)) + 'px';
  return cell.offsetWidth + board.offsetHeight;
}

function fillBoard(board, n) {
  board.textContent = '';
  for (let i = 0; i < n; i++) {
    const d = document.createElement('div');
    d.className = 'cell';
    d.textContent = 'cell ' + i;
    board.appendChild(d);
  }
}

function layoutHeavy(steps) {
  const board = document.getElementById('board');
  fillBoard(board, 800);
  let sum = 0;
  for (let i = 0; i < steps; i++) sum += maybeResize(board, i);
  return sum;
}

function animate(frames) {
  return new Promise((resolve) => {
    const spinner = document.getElementById('spinner') || document.getElementById('board');
    let n = 0;
    function onFrame(t) {
      spinner.style.transform = 'rotate(' + (n * 7) + 'deg)';
      spinner.style.marginLeft = (n % 50) + 'px';
      crunchNumbers(3);
      if (++n < frames) requestAnimationFrame(onFrame);
      else resolve(n);
    }
    requestAnimationFrame(onFrame);
  });
}

window.runWork = async function runWork() {
  const out = { script: scriptHeavy() };
  await new Promise((r) => setTimeout(r, 20));
  out.layout = layoutHeavy(300);
  await new Promise((r) => setTimeout(r, 20));
  out.frames = await animate(20);
  out.script2 = scriptHeavy();
  return out;
};
