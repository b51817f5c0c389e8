// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heapsteps.h"

#include <algorithm>
#include <memory>

namespace v8scope::heapsteps {

namespace {
/// Lengauer-Tarjan state, 1-based vertex numbers (0 = none), as in the paper and in DevTools.
struct LengauerTarjan
{
    const HeapSnapshot& s;
    const Retainers& r;
    const BitVector& essential;
    uint32_t n = 0; ///< DFS numbers handed out
    std::vector<uint32_t> parent, vertex, label, semi, nextEdge;
    // Allocated after the DFS, when nextEdge is gone, to keep the peak at 7 arrays of nodeCount + 1.
    std::vector<uint32_t> ancestor, dom, bucketHead, bucketNext; ///< buckets: sets as singly linked lists
    std::vector<uint32_t> compressStack;

    LengauerTarjan(const HeapSnapshot& snap, const Retainers& ret, const BitVector& ess)
        : s(snap)
        , r(ret)
        , essential(ess)
    {
        const size_t len = size_t(s.nodeCount) + 1;
        parent.assign(len, 0);
        vertex.assign(len, 0);
        label.assign(len, 0);
        semi.assign(len, 0);
        nextEdge.assign(len, 0);
    }

    void startSemidominators()
    {
        std::vector<uint32_t>().swap(nextEdge);
        const size_t len = size_t(s.nodeCount) + 1;
        ancestor.assign(len, 0);
        dom.assign(len, 0);
        bucketHead.assign(len, 0);
        bucketNext.assign(len, 0);
    }

    /// Iterative DFS over essential edges from `root` (a vertex number); continues into parent[root] when done,
    /// exactly like DevTools (which matters for the orphan passes).
    void dfs(uint32_t root, const TaskControl& control)
    {
        nextEdge[root - 1] = s.firstEdge[root - 1];
        uint32_t v = root;
        uint64_t steps = 0;
        while (v != 0) {
            if (stopRequested(control, ++steps))
                return; // the caller checks the token and abandons the tree
            if (semi[v] == 0) {
                semi[v] = ++n;
                vertex[n] = label[v] = v;
            }
            uint32_t vNext = parent[v];
            const uint32_t vOrd = v - 1;
            const uint32_t end = s.firstEdge[vOrd + 1];
            for (; nextEdge[vOrd] < end; ++nextEdge[vOrd]) {
                const uint32_t e = nextEdge[vOrd];
                if (!essential.get(e))
                    continue;
                const uint32_t wOrd = s.edgeTarget[e];
                const uint32_t w = wOrd + 1;
                if (semi[w] == 0) {
                    parent[w] = v;
                    nextEdge[wOrd] = s.firstEdge[wOrd];
                    vNext = w;
                    break;
                }
            }
            v = vNext;
        }
    }

    void compress(uint32_t v)
    {
        compressStack.clear();
        while (ancestor[ancestor[v]] != 0) {
            compressStack.push_back(v);
            v = ancestor[v];
        }
        while (!compressStack.empty()) {
            const uint32_t w = compressStack.back();
            compressStack.pop_back();
            if (semi[label[ancestor[w]]] < semi[label[w]])
                label[w] = label[ancestor[w]];
            ancestor[w] = ancestor[ancestor[w]];
        }
    }

    uint32_t evaluate(uint32_t v)
    {
        if (ancestor[v] == 0)
            return v;
        compress(v);
        return label[v];
    }

    bool hasOnlyWeakRetainers(uint32_t ord) const
    {
        for (uint32_t i = r.firstRetainer[ord]; i < r.firstRetainer[ord + 1]; ++i)
            if (essential.get(r.retainerEdge[i]))
                return false;
        return true;
    }
};
} // namespace

bool calculateDominators(HeapAnalysis& a, const BitVector& essential, const TaskControl& control)
{
    const HeapSnapshot& s = *a.snapshot;
    const uint32_t nodeCount = s.nodeCount;
    auto ltOwner = std::make_unique<LengauerTarjan>(s, a.retainers, essential);
    LengauerTarjan& lt = *ltOwner;
    const uint32_t r = s.rootOrdinal + 1;
    lt.dfs(r, control);
    if (control.cancelled())
        return false;

    // Orphans: nodes whose retainers are all non-essential hang off the root, each with its own DFS.
    if (lt.n < nodeCount) {
        a.unreachableFromRoot = nodeCount - lt.n;
        for (uint32_t v = 1; v <= nodeCount; ++v) {
            if (lt.semi[v] == 0 && lt.hasOnlyWeakRetainers(v - 1)) {
                lt.parent[v] = r;
                lt.dfs(v, control);
            }
        }
    }
    // Still unvisited (cliques retaining each other): attached to the root one by one.
    if (lt.n < nodeCount) {
        a.stillUnreachable = nodeCount - lt.n;
        for (uint32_t v = 1; v <= nodeCount; ++v) {
            if (lt.semi[v] == 0) {
                lt.parent[v] = r;
                lt.semi[v] = ++lt.n;
                lt.vertex[lt.n] = lt.label[v] = v;
            }
        }
    }
    if (control.cancelled())
        return false;

    lt.startSemidominators();
    const Retainers& ret = a.retainers;
    for (uint32_t i = lt.n; i >= 2; --i) {
        if ((i & 0xFFFF) == 0) {
            if (control.cancelled())
                return false;
            control.report("Dominators", lt.n - i, lt.n);
        }
        const uint32_t w = lt.vertex[i];
        const uint32_t wOrd = w - 1;
        bool orphan = true;
        for (uint32_t k = ret.firstRetainer[wOrd]; k < ret.firstRetainer[wOrd + 1]; ++k) {
            if (!essential.get(ret.retainerEdge[k]))
                continue;
            orphan = false;
            const uint32_t u = lt.evaluate(ret.retainerNode[k] + 1);
            if (lt.semi[u] < lt.semi[w])
                lt.semi[w] = lt.semi[u];
        }
        if (orphan)
            lt.semi[w] = lt.semi[r]; // an orphan's only predecessor is the root
        const uint32_t b = lt.vertex[lt.semi[w]];
        lt.bucketNext[w] = lt.bucketHead[b];
        lt.bucketHead[b] = w;
        lt.ancestor[w] = lt.parent[w]; // link
        const uint32_t p = lt.parent[w];
        for (uint32_t v = lt.bucketHead[p]; v != 0; v = lt.bucketNext[v]) {
            const uint32_t u = lt.evaluate(v);
            lt.dom[v] = lt.semi[u] < lt.semi[v] ? u : p;
        }
        lt.bucketHead[p] = 0;
    }
    // The root is its own dominator; dom[0] = r makes unreachable nodes inherit the root.
    lt.dom[0] = lt.dom[r] = r;
    for (uint32_t i = 2; i <= lt.n; ++i) {
        const uint32_t w = lt.vertex[i];
        if (lt.dom[w] != lt.vertex[lt.semi[w]])
            lt.dom[w] = lt.dom[lt.dom[w]];
    }

    a.dominator.resize(nodeCount);
    for (uint32_t ord = 0; ord < nodeCount; ++ord)
        a.dominator[ord] = lt.dom[ord + 1] - 1;
    // Only the DFS order is still needed: release the rest before the retained sizes and the CSR are built.
    std::vector<uint32_t> vertex = std::move(lt.vertex);
    const uint32_t visited = lt.n;
    ltOwner.reset();

    a.retainedSize = a.selfSize;
    for (uint32_t i = visited; i > 1; --i) {
        const uint32_t ord = vertex[i] - 1;
        a.retainedSize[a.dominator[ord]] += a.retainedSize[ord];
    }
    std::vector<uint32_t>().swap(vertex);

    // Children of each node in the dominator tree (CSR), in ordinal order; the root is nobody's child.
    // Counting sort with firstDominated[d] as d's fill cursor, shifted back afterwards: no extra array.
    a.firstDominated.assign(size_t(nodeCount) + 1, 0);
    for (uint32_t ord = 0; ord < nodeCount; ++ord)
        if (ord != s.rootOrdinal)
            ++a.firstDominated[a.dominator[ord] + 1];
    for (uint32_t i = 0; i < nodeCount; ++i)
        a.firstDominated[i + 1] += a.firstDominated[i];
    a.dominated.resize(a.firstDominated[nodeCount]);
    for (uint32_t ord = 0; ord < nodeCount; ++ord)
        if (ord != s.rootOrdinal)
            a.dominated[a.firstDominated[a.dominator[ord]]++] = ord;
    for (uint32_t i = nodeCount; i > 0; --i)
        a.firstDominated[i] = a.firstDominated[i - 1];
    a.firstDominated[0] = 0;

    // Sort each node's children once (retained size descending, then id ascending: a total order, ids are
    // unique) and record every child's row, so that views and tree models never sort or allocate per node.
    const auto& ids = s.nodeId;
    const auto& retained = a.retainedSize;
    a.rowInParent.assign(nodeCount, 0);
    for (uint32_t node = 0; node < nodeCount; ++node) {
        if (stopRequested(control, node))
            return false;
        const auto first = a.dominated.begin() + a.firstDominated[node];
        const auto last = a.dominated.begin() + a.firstDominated[node + 1];
        if (last - first > 1)
            std::sort(first, last, [&](uint32_t x, uint32_t y) {
                return retained[x] != retained[y] ? retained[x] > retained[y] : ids[x] < ids[y];
            });
        for (auto it = first; it != last; ++it)
            a.rowInParent[*it] = uint32_t(it - first);
    }
    return true;
}

} // namespace v8scope::heapsteps
