// Reference outputs for the Retainers view's "Ignore this retainer", computed by Chrome DevTools' own heap snapshot
// worker code (the bundle that shared/oracle builds from chrome-devtools-frontend). It calls the worker's
// ignoreNodeInRetainersView / unignoreNodeInRetainersView in the order given, as the Retainers grid's context menu
// does (HeapSnapshotRetainingObjectNode.populateContextMenu), then reads what the grid reads:
// getDistanceForRetainersView for every node (what a retainer row's distance is sorted and shown by: the
// distances recomputed without the ignored nodes; an unreachable node gets baseUnreachableDistance = 2e8 plus its
// ordinary distance) and isEdgeIgnoredInRetainersView for every edge (the other half of a WeakMap pair whose key or
// table became unreachable). The oracle directory itself is read-only, so this driver lives here.
//
// usage: node devtools_retainers_ignore.mjs SNAPSHOT --ignore ID[,ID...] [--unignore ID[,ID...]] [--unignore-all]
//                                           --out PREFIX
//   (V8SCOPE_ORACLE_SRC: the oracle dir, default <repo>/../shared/oracle, else /work/shared/oracle)
// writes PREFIX.nodes.tsv  header "id<TAB>distance", one line per node in snapshot order
//        PREFIX.edges.tsv  header "edge<TAB>from_id<TAB>to_id<TAB>name", one line per ignored edge (edge ordinal =
//                          the edge's position in the file's edges array), ascending
// and prints on stdout the ignored ids left after the calls and areNodesIgnoredInRetainersView().
import fs from 'node:fs';

import {loadSnapshot as load} from './devtools_oracle.mjs';

const args = process.argv.slice(2);
const opt = (k) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : null; };
const ids = (k) => (opt(k) ? opt(k).split(',').map(Number) : []);
const out = opt('--out');
if (!args[0] || !out || !opt('--ignore')) throw new Error('usage: SNAPSHOT --ignore IDS [--unignore IDS] --out PREFIX');
const snap = await load(args[0]);

const nf = snap.nodeFieldCount;
const node = snap.createNode(0);
const indexOfId = new Map();
for (let ord = 0; ord < snap.nodeCount; ord++) { node.nodeIndex = ord * nf; indexOfId.set(node.id(), node.nodeIndex); }
const nodeIndex = (id) => {
  const i = indexOfId.get(id);
  if (i === undefined) throw new Error(`no node @${id}`);
  return i;
};
for (const id of ids('--ignore')) snap.ignoreNodeInRetainersView(nodeIndex(id));
for (const id of ids('--unignore')) snap.unignoreNodeInRetainersView(nodeIndex(id));
if (args.includes('--unignore-all')) snap.unignoreAllNodesInRetainersView();

const lines = ['id\tdistance'];
for (let ord = 0; ord < snap.nodeCount; ord++) {
  node.nodeIndex = ord * nf;
  lines.push(`${node.id()}\t${snap.getDistanceForRetainersView(node.nodeIndex)}`);
}
fs.writeFileSync(`${out}.nodes.tsv`, lines.join('\n') + '\n');

const ef = snap.edgeFieldsCount;
const edges = ['edge\tfrom_id\tto_id\tname'];
const edge = snap.createEdge(0);
for (let ord = 0; ord < snap.nodeCount; ord++) {
  node.nodeIndex = ord * nf;
  for (let e = snap.firstEdgeIndexes[ord]; e < snap.firstEdgeIndexes[ord + 1]; e += ef) {
    if (!snap.isEdgeIgnoredInRetainersView(e)) continue;
    edge.edgeIndex = e;
    edges.push(`${e / ef}\t${node.id()}\t${edge.node().id()}\t${edge.name()}`);
  }
}
fs.writeFileSync(`${out}.edges.tsv`, edges.join('\n') + '\n');

const left = [...indexOfId.entries()].filter(([, i]) => snap.isNodeIgnoredInRetainersView(i)).map(([id]) => id);
console.log(`ignored ${left.join(',') || '-'}; areNodesIgnoredInRetainersView ${snap.areNodesIgnoredInRetainersView()}`);
