// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Records a CPU profile of producer_app.mjs's work in-process through node:inspector (Profiler.start/stop), for
// runtimes without a --cpu-prof flag:  RUNTIME inspector_profile.mjs OUT.cpuprofile
import inspector from 'node:inspector';
import fs from 'node:fs';
import process from 'node:process';

const session = new inspector.Session();
session.connect();
const post = (method, params = {}) =>
  new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
await post('Profiler.enable');
await post('Profiler.start');
await import('./producer_app.mjs');
const { profile } = await post('Profiler.stop');
fs.writeFileSync(process.argv[2], JSON.stringify(profile));
console.log(`profile: ${profile.samples.length} samples -> ${process.argv[2]}`);
