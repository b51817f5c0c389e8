'use strict';
// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Peer for bench/scale/run.sh --peers: @vscode/v8-heap-parser (Rust compiled to WebAssembly, what VS Code's heap
// snapshot viewer uses): decode the file, then its class groups sorted by retained size (dominators, retained
// sizes, classes). It fails on files past its 4 GiB wasm32 memory (../shared/spec/peer-performance.md).
// usage: node --max-old-space-size=20000 peer_vscode.js FILE   (with @vscode/v8-heap-parser on NODE_PATH)
const fs = require('node:fs');
const { decode_bytes } = require('@vscode/v8-heap-parser');
const graph = decode_bytes(fs.readFileSync(process.argv[2]));
const groups = graph.get_class_groups(0, 1000000, false);
const top = groups[0];
console.error(`v8-heap-parser: ${groups.length} classes, largest ${top ? top.name() : '-'} (${top ? top.retained_size : 0} bytes)`);
