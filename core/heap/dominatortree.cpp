// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heapsteps.h"

#include <algorithm>
#include <cassert>
#include <memory>

namespace v8scope::heapsteps {

/// Lengauer-Tarjan state, 1-based vertex numbers (0 = none), as in the paper and in DevTools, in as few arrays of
/// nodeCount + 1 as the steps allow (each is 4 bytes a node):
///   DFS:            parent, vertex, semi, nextEdge
///   semidominators: vertex, semi, label (nextEdge's memory), ancestor (parent's: see below),
///                   dom (shared with bucketNext: a vertex leaves its bucket exactly when its dom is written),
///                   bucketHead (only when some vertices were numbered outside any DFS: see calculateDominators)
/// `ancestor` starts as the DFS parent: a vertex is linked into the forest at its own iteration (the `linked` bit);
/// until then its entry is only read as its parent, and path compression only rewrites linked vertices.
struct LengauerTarjan
{
    const HeapSnapshot& s;
    const BitVector& essential; ///< per edge
    uint32_t n = 0; ///< DFS numbers handed out
    std::vector<uint32_t> ancestor, vertex, semi, nextEdge;
    std::vector<uint32_t> label, bucketHead, dom; ///< allocated after the DFS
    BitVector linked;
    std::vector<uint32_t> compressStack;

    LengauerTarjan(const HeapSnapshot& snap, const BitVector& ess)
        : s(snap)
        , essential(ess)
    {
        const size_t len = size_t(s.nodeCount) + 1;
        ancestor.assign(len, 0);
        vertex.assign(len, 0);
        semi.assign(len, 0);
        nextEdge.assign(len, 0);
    }
    uint32_t& parent(uint32_t v)
    {
        return ancestor[v];
    }

    void startSemidominators(bool ownBucketHeads)
    {
        label = std::move(nextEdge);
        for (size_t v = 0; v < label.size(); ++v)
            label[v] = uint32_t(v); // what the DFS would have set: every vertex is numbered by now
        const size_t len = size_t(s.nodeCount) + 1;
        if (ownBucketHeads)
            bucketHead.assign(len, 0);
        dom.assign(len, 0);
        linked = BitVector(len);
    }

    /// Iterative DFS over essential edges from `root` (a vertex number); continues into parent(root) when done,
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
                vertex[n] = v;
            }
            uint32_t vNext = parent(v);
            const uint32_t vOrd = v - 1;
            const uint32_t end = s.firstEdge[vOrd + 1];
            for (; nextEdge[vOrd] < end; ++nextEdge[vOrd]) {
                const uint32_t e = nextEdge[vOrd];
                if (!essential.get(e))
                    continue;
                const uint32_t wOrd = edgeWordTarget(s.edgeWords[e]);
                const uint32_t w = wOrd + 1;
                if (semi[w] == 0) {
                    parent(w) = v;
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
        while (linked.get(ancestor[v])) {
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
        if (!linked.get(v))
            return v;
        compress(v);
        return label[v];
    }

    bool hasOnlyWeakRetainers(const Retainers& r, uint32_t ord) const
    {
        for (uint32_t i = r.firstRetainer[ord]; i < r.firstRetainer[ord + 1]; ++i)
            if (r.essential.get(i))
                return false;
        return true;
    }
};

void LengauerTarjanDeleter::operator()(LengauerTarjan* lt) const
{
    delete lt;
}

LengauerTarjanPtr dominatorDfs(const HeapSnapshot& s, const BitVector& essential, const TaskControl& control)
{
    LengauerTarjanPtr lt(new LengauerTarjan(s, essential));
    lt->dfs(s.rootOrdinal + 1, control);
    return lt;
}

bool calculateDominators(HeapAnalysis& a, const BitVector& essential, std::latch& retainersReady,
    std::latch& shallowReady, const TaskControl& control)
{
    LengauerTarjanPtr lt = dominatorDfs(*a.snapshot, essential, control);
    retainersReady.wait();
    shallowReady.wait();
    std::vector<std::vector<uint32_t>> spare;
    return !control.cancelled() && calculateDominators(a, std::move(lt), control, &spare)
        && buildDominatedTree(a, control, std::move(spare));
}

bool calculateDominators(HeapAnalysis& a, LengauerTarjanPtr ltOwner, const TaskControl& control,
    std::vector<std::vector<uint32_t>>* spare, BitVector* essentialToFree)
{
    const HeapSnapshot& s = *a.snapshot;
    const uint32_t nodeCount = s.nodeCount;
    LengauerTarjan& lt = *ltOwner;
    const uint32_t r = s.rootOrdinal + 1;
    if (control.cancelled())
        return false;
    const Retainers& ret = a.retainers;

    // Orphans: nodes whose retainers are all non-essential hang off the root, each with its own DFS.
    if (lt.n < nodeCount) {
        a.unreachableFromRoot = nodeCount - lt.n;
        for (uint32_t v = 1; v <= nodeCount; ++v) {
            if (lt.semi[v] == 0 && lt.hasOnlyWeakRetainers(ret, v - 1)) {
                lt.parent(v) = r;
                lt.dfs(v, control);
            }
        }
    }
    // Still unvisited (cliques retaining each other): attached to the root one by one.
    if (lt.n < nodeCount) {
        a.stillUnreachable = nodeCount - lt.n;
        for (uint32_t v = 1; v <= nodeCount; ++v) {
            if (lt.semi[v] == 0) {
                lt.parent(v) = r;
                lt.semi[v] = ++lt.n;
                lt.vertex[lt.n] = v;
            }
        }
    }
    if (control.cancelled())
        return false;
    if (essentialToFree) { // the DFSes are done: nothing reads lt.essential any more
        assert(&lt.essential == essentialToFree);
        *essentialToFree = BitVector();
    }

    // Bucket heads: bucket(b) holds the vertices whose semidominator is b. When every vertex was numbered by a DFS
    // (the root's and the orphans', which hang off the root: a DFS forest of the essential edges plus root ->
    // orphan), b is a proper DFS ancestor of each of them, so bucket(b) is only filled while vertices after b in
    // DFS order are processed, and it is emptied for good at the iteration of b's first child (b + 1: nothing in
    // between). b's own dom entry is free until then: b joins a bucket (dom[b] becomes its link) at its own
    // iteration, after b + 1's, and gets its dominator later still. So dom[b] holds bucket(b)'s head, and the
    // bucketHead array (4 bytes a node, at the analysis' memory peak) is not needed. The cliques attached to the
    // root below break that order (a vertex numbered outside any DFS): then the heads have their own array, as
    // in DevTools.
    const bool ownBucketHeads = a.stillUnreachable != 0;
    lt.startSemidominators(ownBucketHeads);
    std::vector<uint32_t>& bucketNext = lt.dom; // see LengauerTarjan
    std::vector<uint32_t>& bucketHead = ownBucketHeads ? lt.bucketHead : lt.dom;
    for (uint32_t i = lt.n; i >= 2; --i) {
        if ((i & 0xFFFF) == 0) {
            if (control.cancelled())
                return false;
            control.report("Dominators", lt.n - i, lt.n);
        }
        // Vertices in DFS order are scattered over the ordinals: the retainer range of the vertex kFar steps
        // ahead is fetched, and the slots of the one kNear steps ahead (its range is in the cache by then).
        constexpr uint32_t kFar = 16, kNear = 8;
        if (i > kFar)
            __builtin_prefetch(ret.firstRetainer.data() + lt.vertex[i - kFar] - 1);
        if (i > kNear) {
            const uint32_t k = ret.firstRetainer[lt.vertex[i - kNear] - 1];
            __builtin_prefetch(ret.retainerNode.data() + k);
            __builtin_prefetch(ret.essential.words().data() + (k >> 6));
        }
        const uint32_t w = lt.vertex[i];
        const uint32_t wOrd = w - 1;
        bool orphan = true;
        for (uint32_t k = ret.firstRetainer[wOrd]; k < ret.firstRetainer[wOrd + 1]; ++k) {
            if (!ret.essential.get(k))
                continue;
            orphan = false;
            const uint32_t u = lt.evaluate(ret.retainerNode[k] + 1);
            if (lt.semi[u] < lt.semi[w])
                lt.semi[w] = lt.semi[u];
        }
        if (orphan)
            lt.semi[w] = lt.semi[r]; // an orphan's only predecessor is the root
        const uint32_t b = lt.vertex[lt.semi[w]];
        const uint32_t p = lt.parent(w); // read before the link: from now on ancestor[w] is w's forest link
        bucketNext[w] = bucketHead[b];
        bucketHead[b] = w;
        lt.linked.set(w); // link(p, w): ancestor[w] already holds p
        for (uint32_t v = bucketHead[p]; v != 0;) {
            const uint32_t next = bucketNext[v];
            const uint32_t u = lt.evaluate(v);
            lt.dom[v] = lt.semi[u] < lt.semi[v] ? u : p;
            v = next;
        }
        bucketHead[p] = 0;
    }
    // A bucket never emptied (only when cliques were attached to the root out of DFS order) leaves its vertices
    // with a dom entry DevTools has at 0; here that entry still holds the bucket link: reset it. Without such
    // cliques every bucket was emptied (see above).
    for (uint32_t b = 1; ownBucketHeads && b <= lt.n; ++b)
        for (uint32_t v = lt.bucketHead[b]; v != 0;) {
            const uint32_t next = bucketNext[v];
            lt.dom[v] = 0;
            v = next;
        }
    // The root is its own dominator; dom[0] = r makes unreachable nodes inherit the root.
    lt.dom[0] = lt.dom[r] = r;
    for (uint32_t i = 2; i <= lt.n; ++i) {
        const uint32_t w = lt.vertex[i];
        if (lt.dom[w] != lt.vertex[lt.semi[w]])
            lt.dom[w] = lt.dom[lt.dom[w]];
    }

    // dom (vertex numbers, 1-based) becomes the dominator column (ordinals) in place.
    std::vector<uint32_t> dominator = std::move(lt.dom);
    for (uint32_t ord = 0; ord < nodeCount; ++ord)
        dominator[ord] = dominator[ord + 1] - 1;
    dominator.resize(nodeCount);
    a.dominator = std::move(dominator);
    // Only the DFS order is still needed; two more arrays of the same length become the retained sizes' column
    // and (through `spare`, with the DFS order's) the dominated tree's: memory already touched is much cheaper
    // than fresh pages (docs/performance.md, "Balanced analysis"). The rest is released.
    std::vector<uint32_t> vertex = std::move(lt.vertex);
    std::vector<uint32_t> retainedLow = std::move(lt.semi);
    if (spare && ownBucketHeads)
        spare->push_back(std::move(lt.bucketHead)); // with `vertex` after the loop below: no more than before
    const uint32_t visited = lt.n;
    ltOwner.reset();

    if (control.cancelled())
        return false;
    retainedLow.resize(nodeCount); // nodeCount + 1 before: shrinks in place
    std::copy(a.selfSize.low().begin(), a.selfSize.low().end(), retainedLow.begin());
    a.retainedSize.low() = Column<uint32_t>(std::move(retainedLow));
    a.retainedSize.overflow() = a.selfSize.overflow();
    for (uint32_t i = visited; i > 1; --i) {
        const uint32_t ord = vertex[i] - 1;
        a.retainedSize.add(a.dominator[ord], a.retainedSize[ord]);
    }
    if (spare)
        spare->push_back(std::move(vertex));
    return true;
}

bool buildDominatedTree(HeapAnalysis& a, const TaskControl& control, std::vector<std::vector<uint32_t>> spare)
{
    const HeapSnapshot& s = *a.snapshot;
    const uint32_t nodeCount = s.nodeCount;
    // A spare array (nodeCount + 1 long, from calculateDominators) or a fresh one.
    auto reuse = [&](size_t n) {
        std::vector<uint32_t> v;
        if (!spare.empty() && spare.back().capacity() >= n) {
            v = std::move(spare.back());
            spare.pop_back();
        }
        v.resize(n);
        return v;
    };

    // Children of each node in the dominator tree (CSR), in ordinal order; the root is nobody's child.
    // Counting sort with firstDominated[d] as d's fill cursor, shifted back afterwards: no extra array.
    {
        std::vector<uint32_t> first = reuse(size_t(nodeCount) + 1);
        std::fill(first.begin(), first.end(), 0);
        a.firstDominated = std::move(first);
    }
    for (uint32_t ord = 0; ord < nodeCount; ++ord)
        if (ord != s.rootOrdinal)
            ++a.firstDominated[a.dominator[ord] + 1];
    for (uint32_t i = 0; i < nodeCount; ++i)
        a.firstDominated[i + 1] += a.firstDominated[i];
    a.dominated = reuse(a.firstDominated[nodeCount]);
    std::vector<std::vector<uint32_t>>().swap(spare); // before the sort: the memory is not needed any more
    for (uint32_t ord = 0; ord < nodeCount; ++ord)
        if (ord != s.rootOrdinal)
            a.dominated[a.firstDominated[a.dominator[ord]]++] = ord;
    for (uint32_t i = nodeCount; i > 0; --i)
        a.firstDominated[i] = a.firstDominated[i - 1];
    a.firstDominated[0] = 0;

    // Sort each node's children once (retained size descending, then id ascending: a total order, ids are
    // unique), so that views and tree models never sort or allocate per node (rowInParent is a binary search).
    // Long child lists are sorted as (size, id, node) keys side by side: the comparator then reads no scattered
    // column.
    const auto& ids = s.nodeId;
    const auto& retained = a.retainedSize;
    struct Key
    {
        uint64_t retained;
        uint32_t id, node;
    };
    std::vector<Key> keys;
    for (uint32_t node = 0; node < nodeCount; ++node) {
        if (stopRequested(control, node))
            return false;
        const auto first = a.dominated.begin() + a.firstDominated[node];
        const auto last = a.dominated.begin() + a.firstDominated[node + 1];
        const size_t count = size_t(last - first);
        if (count <= 1)
            continue;
        if (count <= 16) {
            std::sort(first, last, [&](uint32_t x, uint32_t y) {
                return retained[x] != retained[y] ? retained[x] > retained[y] : ids[x] < ids[y];
            });
            continue;
        }
        keys.resize(count);
        for (size_t i = 0; i < count; ++i)
            keys[i] = { retained[first[i]], ids[first[i]], first[i] };
        std::sort(keys.begin(), keys.end(), [](const Key& x, const Key& y) {
            return x.retained != y.retained ? x.retained > y.retained : x.id < y.id;
        });
        for (size_t i = 0; i < count; ++i)
            first[i] = keys[i].node;
    }
    return true;
}

} // namespace v8scope::heapsteps
