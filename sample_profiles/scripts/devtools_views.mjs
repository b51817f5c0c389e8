// Reference outputs for the Summary filters, the Containment view and the Allocation view, computed by Chrome
// DevTools' own heap snapshot worker code (the bundle that shared/oracle builds from chrome-devtools-frontend).
// It drives the worker the way DevTools' panels do (HeapSnapshotView, HeapSnapshotDataGrids,
// HeapSnapshotGridNodes); the oracle directory itself is read-only, so this driver lives here.
//
// usage: node devtools_views.mjs SNAPSHOT [options]      (V8SCOPE_ORACLE_SRC: the oracle dir, default
//                                                          <repo>/../shared/oracle, else /work/shared/oracle)
//   --filters PREFIX             for each Summary preset of DevTools' filter drop-down (duplicatedStrings,
//                                objectsRetainedByDetachedDomNodes, objectsRetainedByContexts,
//                                objectsRetainedByConsole, objectsRetainedByEventHandlers): PREFIX.NAME.summary.tsv
//   --allocated-between A,B OUT  "Objects allocated between A and B" applied to SNAPSHOT: node ids in
//                                (maxJSObjectId(A), maxJSObjectId(B)] as HeapSnapshotConstructorsDataGrid sets
//                                them; A may be "-" for "Objects allocated before B". Writes the Summary to OUT.
//   --containment OUT [--depth D] [--top T] [--id ID]
//                                the Containment view from the root (or object @ID), each level sorted as the
//                                grid's default (retained size descending, then edge name), T rows per level
//                                (default 20), D levels (default 2)
//   --allocations OUT            the Allocation view: the functions (allocationTracesTops) and, below each, its
//                                callers tree as AllocationGridNode expands it (single-caller chains, then the
//                                branching callers sorted by size descending)
//   --allocation-stacks OUT      the allocation stack of every object that has one (allocationStack)
//   --allocation-summaries OUT   for each function row of the Allocation view, the Summary of the objects it
//                                allocated (selecting the row filters the Summary: NodeFilter.allocationNodeId)
//
// TSV cells escape backslash, tab, newline and carriage return as \\, \t, \n, \r.
import fs from 'node:fs';
import path from 'node:path';

import {heap, loadSnapshot as load} from './devtools_oracle.mjs';

const {HeapSnapshotModel} = heap;
const Model = HeapSnapshotModel.HeapSnapshotModel;

const esc = (v) => String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const row = (cells) => cells.map(esc).join('\t');

function summaryLines(aggs) {   // same rows and order as heap_oracle.mjs --summary
  const rows = Object.values(aggs).sort((a, b) => b.maxRet - a.maxRet || a.name.localeCompare(b.name));
  const lines = ['class\tcount\tshallow\tretained\tdistance'];
  for (const a of rows) lines.push(row([a.name, a.count, a.self, a.maxRet, a.distance]));
  return lines.join('\n') + '\n';
}

const args = process.argv.slice(2);
const opt = (k) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1] : null; };
const snap = await load(args[0]);
process.stderr.write(`loaded ${path.basename(args[0])}: ${snap.nodeCount} nodes\n`);

if (opt('--filters')) {
  for (const name of ['duplicatedStrings', 'objectsRetainedByDetachedDomNodes', 'objectsRetainedByContexts',
    'objectsRetainedByConsole', 'objectsRetainedByEventHandlers']) {
    const filter = new Model.NodeFilter();
    filter.filterName = name;
    fs.writeFileSync(`${opt('--filters')}.${name}.summary.tsv`, summaryLines(snap.aggregatesWithFilter(filter)));
  }
}

if (opt('--allocated-between')) {
  const [a, b] = opt('--allocated-between').split(',');
  const out = args[args.indexOf('--allocated-between') + 2];
  // HeapSnapshotConstructorsDataGrid.filterSelectIndexChanged: min = the previous profile's maxJSObjectId (0 for
  // the first), max = the selected profile's; the worker's StaticData carries maxJSObjectId.
  const maxId = async (f) => (await load(f)).updateStaticData().maxJSObjectId;
  const min = a === '-' ? 0 : await maxId(a);
  const max = await maxId(b);
  process.stderr.write(`allocated between: ${min} < id <= ${max}\n`);
  fs.writeFileSync(out, summaryLines(snap.aggregatesWithFilter(new Model.NodeFilter(min, max))));
}

if (opt('--containment')) {
  const depth = Number(opt('--depth') ?? 2);
  const top = Number(opt('--top') ?? 20);
  let start = snap.rootNodeIndex;
  if (opt('--id')) start = snap.nodeForSnapshotObjectId(Number(opt('--id'))).nodeIndex;
  // HeapSnapshotObjectNode.comparator() for the default sort column (retainedSize, descending).
  const comparator = new Model.ComparatorConfig('retainedSize', false, '!edgeName', true);
  const lines = ['depth\tedge_type\tedge_name\tid\tname\tdistance\tself\tretained'];
  const stack = [{nodeIndex: start, level: 1}];
  while (stack.length) {
    const {nodeIndex, level, edge} = stack.pop();
    if (edge) lines.push(row([level - 1, edge.type, edge.name, edge.node.id, edge.node.name, edge.node.distance,
      edge.node.selfSize, edge.node.retainedSize]));
    if (level > depth) continue;
    const provider = snap.createEdgesProvider(nodeIndex);
    provider.sortAndRewind(comparator);
    const items = provider.serializeItemsRange(0, top).items;
    for (let i = items.length - 1; i >= 0; --i) stack.push({nodeIndex: items[i].node.nodeIndex, level: level + 1,
      edge: items[i]});
  }
  fs.writeFileSync(opt('--containment'), lines.join('\n') + '\n');
}

if (opt('--allocations')) {
  // AllocationDataGrid: tops sorted by size descending (its default sort; serializeTraceTops already is).
  // AllocationGridNode.doPopulate: the chain of single callers, each the child of the previous, then the
  // branching callers (sorted by the grid's comparator: size descending, stable) under the last one.
  const bySizeDesc = (x, y) => (x.size > y.size ? -1 : x.size < y.size ? 1 : 0);
  const lines = ['depth\tfunction\tscript\tscript_id\tline\tcolumn\tcount\tsize\tlive_count\tlive_size'];
  const emit = (n, d) => lines.push(row([d, n.name, n.scriptName, n.scriptId, n.line, n.column, n.count, n.size,
    n.liveCount, n.liveSize]));
  const stack = snap.allocationTracesTops().slice().sort(bySizeDesc).reverse().map((n) => ({n, d: 0}));
  while (stack.length) {
    const {n, d} = stack.pop();
    emit(n, d);
    if (!n.hasChildren) continue;
    const callers = snap.allocationNodeCallers(n.id);
    let level = d + 1;
    for (const c of callers.nodesWithSingleCaller) emit(c, level++);
    const branch = callers.branchingCallers.slice().sort(bySizeDesc);
    for (let i = branch.length - 1; i >= 0; --i) stack.push({n: branch[i], d: level});
  }
  fs.writeFileSync(opt('--allocations'), lines.join('\n') + '\n');
}

if (opt('--allocation-summaries')) {
  const lines = ['function\tscript\tline\tcolumn\tclass\tcount\tshallow\tretained\tdistance'];
  for (const top of snap.allocationTracesTops()) {
    const filter = new Model.NodeFilter();
    filter.allocationNodeId = top.id;
    const rows = summaryLines(snap.aggregatesWithFilter(filter)).trimEnd().split('\n').slice(1);
    for (const r of rows) lines.push(row([top.name, top.scriptName, top.line, top.column]) + '\t' + r);
  }
  fs.writeFileSync(opt('--allocation-summaries'), lines.join('\n') + '\n');
}

if (opt('--allocation-stacks')) {
  const lines = ['id\tstack'];
  const node = snap.createNode(0);
  for (let ord = 0; ord < snap.nodeCount; ord++) {
    node.nodeIndex = ord * snap.nodeFieldCount;
    const frames = snap.allocationStack(node.nodeIndex);
    if (!frames) continue;
    lines.push(row([node.id(), frames.map((f) => `${f.functionName} ${f.scriptName}:${f.line}:${f.column}`)
      .join(' <- ')]));
  }
  fs.writeFileSync(opt('--allocation-stacks'), lines.join('\n') + '\n');
}
