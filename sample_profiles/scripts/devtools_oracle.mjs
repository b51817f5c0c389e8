// Shared by the reference drivers in this directory (devtools_views.mjs, devtools_retainers_ignore.mjs): finds
// the oracle (the bundle that shared/oracle builds from chrome-devtools-frontend; read-only), loads its heap
// snapshot worker code, and reads a snapshot file the way shared/oracle/heap_oracle.mjs does.
//   V8SCOPE_ORACLE_SRC: the oracle dir, default <repo>/../shared/oracle, else /work/shared/oracle
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const oracleCandidates = [process.env.V8SCOPE_ORACLE_SRC, path.resolve(here, '../../../shared/oracle'),
  '/work/shared/oracle'].filter(Boolean);
const oracle = oracleCandidates.find((d) => fs.existsSync(path.join(d, 'bundle.mjs')));
if (!oracle) throw new Error('oracle not found: set V8SCOPE_ORACLE_SRC');
const {loadBundle} = await import(path.join(oracle, 'bundle.mjs'));

/// DevTools' heap modules: {HeapSnapshot, HeapSnapshotLoader, HeapSnapshotModel, ...}.
export const heap = await loadBundle('heap');

/// The worker's HeapSnapshot of FILE, fed in 1 MiB chunks as heap_oracle.mjs feeds it.
export async function loadSnapshot(file) {
  const {HeapSnapshot, HeapSnapshotLoader} = heap;
  const loader = new HeapSnapshotLoader.HeapSnapshotLoader(undefined);
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  const dec = new TextDecoder();
  for (;;) {
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    loader.write(dec.decode(buf.subarray(0, n), {stream: true}));
  }
  fs.closeSync(fd);
  loader.close();
  const channel = new MessageChannel();
  new HeapSnapshot.SecondaryInitManager(channel.port2);
  const snap = await loader.buildSnapshot(channel.port1);
  channel.port1.close(); channel.port2.close();
  return snap;
}
