// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "retainergraph.h"

#include "heapanalysis.h"

#include <algorithm>
#include <climits>
#include <tuple>

namespace v8scope {

namespace {

int edgeTypeIndex(const HeapSnapshot& s, std::string_view name)
{
    for (size_t i = 0; i < s.edgeTypeNames.size(); ++i)
        if (s.edgeTypeNames[i] == name)
            return int(i);
    return -1;
}

/// DevTools' retainingEdgesFilter: not weak, not invisible (older snapshots), not from the root.
struct RetainingFilter
{
    explicit RetainingFilter(const HeapAnalysis& analysis)
        : a(analysis)
        , weak(analysis.snapshot->edgeTypes.weak)
        , invisible(edgeTypeIndex(*analysis.snapshot, "invisible"))
    {
    }
    /// Whether `slot`, one of `node`'s retainer slots, passes. The slot keeps its weak bit; the edge's type is
    /// looked up only for snapshots that have "invisible" edges.
    bool retains(uint32_t node, uint32_t slot) const
    {
        const Retainers& r = a.retainers;
        if (r.weak.get(slot) || r.retainerNode[slot] == a.root())
            return false;
        return invisible < 0 || a.snapshot->edgeType[r.edge(*a.snapshot, node, slot)] != invisible;
    }
    const HeapAnalysis& a;
    int weak, invisible;
};

/// Nearest to a GC root first: DevTools distance (unreached last), then id (the Retainers pane's order).
std::tuple<int64_t, uint32_t> rank(const HeapAnalysis& a, uint32_t node)
{
    const int32_t d = a.distance[node];
    return { d < 0 ? INT64_MAX : int64_t(d), a.snapshot->nodeId[node] };
}

struct Candidate
{
    uint32_t from, edge, parallel;
};

/// The distinct objects retaining `node` through the filter's edges, nearest to a GC root first; each with its
/// first edge (by edge ordinal) and the count of further parallel edges.
std::vector<Candidate> sortedRetainers(const HeapAnalysis& a, uint32_t node)
{
    const RetainingFilter filter(a);
    const Retainers& r = a.retainers;
    // The sort keys are gathered first: a comparator looking them up sorted a million retainers (a string map of
    // a 300 MB snapshot) in 680 ms; flat keys take a fraction of that.
    struct Slot
    {
        int64_t distance;
        uint32_t id, from, slot;
    };
    std::vector<Slot> slots;
    for (uint32_t k = r.firstRetainer[node]; k < r.firstRetainer[node + 1]; ++k)
        if (filter.retains(node, k)) {
            const uint32_t from = r.retainerNode[k];
            const auto [distance, id] = rank(a, from);
            slots.push_back({ distance, id, from, k });
        }
    // One retainer's slots are in its edge order (Retainers), so the slot stands for the edge ordinal here.
    std::sort(slots.begin(), slots.end(), [](const Slot& x, const Slot& y) {
        return std::tie(x.distance, x.id, x.from, x.slot) < std::tie(y.distance, y.id, y.from, y.slot);
    });
    std::vector<Candidate> out;
    for (const Slot& slot : slots) {
        if (!out.empty() && out.back().from == slot.from)
            ++out.back().parallel;
        else
            out.push_back({ slot.from, r.edge(*a.snapshot, node, slot.slot), 0 });
    }
    return out;
}

bool hasRetainers(const HeapAnalysis& a, uint32_t node)
{
    const RetainingFilter filter(a);
    for (uint32_t k = a.retainers.firstRetainer[node]; k < a.retainers.firstRetainer[node + 1]; ++k)
        if (filter.retains(node, k))
            return true;
    return false;
}

bool isRootChild(const HeapAnalysis& a, uint32_t node)
{
    const HeapSnapshot& s = *a.snapshot;
    for (uint32_t e = s.firstEdge[a.root()]; e < s.firstEdge[a.root() + 1]; ++e)
        if (s.edgeTarget[e] == node && s.edgeType[e] != s.edgeTypes.weak)
            return true;
    return false;
}

uint32_t addObject(RetainerGraph& g, const HeapAnalysis& a, uint32_t node, uint32_t level)
{
    const uint32_t i = uint32_t(g.nodes.size());
    g.nodes.push_back({ node, level, kNoNode, 0, 0, 0, false, hasRetainers(a, node), isRootChild(a, node), false });
    g.index.emplace(node, i);
    return i;
}

uint32_t moreNodeOf(const RetainerGraph& g, uint32_t owner)
{
    for (uint32_t i = 0; i < g.nodes.size(); ++i)
        if (g.nodes[i].owner == owner)
            return i;
    return kNoNode;
}

/// Removes graph node m and its edges; indexes above m shift down by one.
void eraseNode(RetainerGraph& g, uint32_t m)
{
    g.nodes.erase(g.nodes.begin() + m);
    std::erase_if(g.edges, [m](const RetainerGraph::Edge& e) { return e.from == m || e.to == m; });
    auto shift = [m](uint32_t& i) {
        if (i != kNoNode && i > m)
            --i;
    };
    for (RetainerGraph::Edge& e : g.edges) {
        shift(e.from);
        shift(e.to);
    }
    g.index.clear();
    for (uint32_t i = 0; i < g.nodes.size(); ++i) {
        shift(g.nodes[i].owner);
        if (g.nodes[i].node != kNoNode)
            g.index.emplace(g.nodes[i].node, i);
    }
}

/// From the object, repeatedly the retainer nearest to a GC root among the edges shown (the Retainers pane's
/// first row, which is always shown), until a root's child, an object not expanded, or a cycle.
void markShortestPath(RetainerGraph& g, const HeapAnalysis& a)
{
    for (auto& n : g.nodes)
        n.onPath = false;
    for (auto& e : g.edges)
        e.onPath = false;
    if (g.nodes.empty())
        return;
    uint32_t current = 0;
    g.nodes[0].onPath = true;
    while (!g.nodes[current].rootChild) {
        uint32_t best = kNoNode;
        for (uint32_t k = 0; k < g.edges.size(); ++k) {
            const auto& e = g.edges[k];
            if (e.to != current || e.edge == kNoNode)
                continue;
            if (best == kNoNode || rank(a, g.nodes[e.from].node) < rank(a, g.nodes[g.edges[best].from].node))
                best = k;
        }
        if (best == kNoNode || g.nodes[g.edges[best].from].onPath)
            break;
        g.edges[best].onPath = true;
        current = g.edges[best].from;
        g.nodes[current].onPath = true;
    }
}

/// Adds up to `limit` more retainers of object i; stops before the graph would exceed maxNodes (keeping room for
/// the "+K more" node). Returns the nodes added.
uint32_t expandObject(RetainerGraph& g, const HeapAnalysis& a, uint32_t i, uint32_t limit, uint64_t maxNodes)
{
    const std::vector<Candidate> list = sortedRetainers(a, g.nodes[i].node);
    const uint32_t level = g.nodes[i].level + 1;
    uint32_t more = moreNodeOf(g, i);
    g.nodes[i].expanded = true;
    g.nodes[i].retainerCount = uint32_t(list.size());
    uint32_t added = 0;
    uint32_t k = g.nodes[i].shown;
    const uint32_t end = uint32_t(std::min<uint64_t>(list.size(), uint64_t(k) + limit));
    for (; k < end; ++k) {
        const Candidate& c = list[k];
        uint32_t from = g.find(c.from);
        if (from == kNoNode) {
            const bool needMore = k + 1 < list.size() && more == kNoNode;
            if (g.nodes.size() + 1 + (needMore ? 1 : 0) > maxNodes)
                break;
            from = addObject(g, a, c.from, level);
            ++added;
        }
        g.edges.push_back({ from, i, c.edge, c.parallel, false });
    }
    g.nodes[i].shown = k;
    const uint32_t remaining = uint32_t(list.size()) - k;
    if (remaining > 0 && more == kNoNode) {
        g.nodes.push_back({ kNoNode, level, i, remaining, 0, 0, false, false, false, false });
        g.edges.push_back({ uint32_t(g.nodes.size() - 1), i, kNoNode, 0, false });
        ++added;
    } else if (remaining > 0) {
        g.nodes[more].more = remaining;
    } else if (more != kNoNode) {
        eraseNode(g, more);
    }
    return added;
}

} // namespace

uint32_t RetainerGraph::find(uint32_t node) const
{
    const auto it = index.find(node);
    return it == index.end() ? kNoNode : it->second;
}

uint32_t RetainerGraph::levelCount() const
{
    uint32_t n = 0;
    for (const Node& node : nodes)
        n = std::max(n, node.level + 1);
    return n;
}

bool RetainerGraph::canExpand(uint32_t i) const
{
    if (i >= nodes.size())
        return false;
    const Node& n = nodes[i];
    if (n.node == kNoNode)
        return true;
    return n.hasRetainers && (!n.expanded || n.shown < n.retainerCount);
}

RetainerGraph buildRetainerGraph(const HeapAnalysis& a, uint32_t target, const RetainerGraphOptions& o)
{
    RetainerGraph g;
    if (target >= a.nodeCount())
        return g;
    g.target = target;
    addObject(g, a, target, 0);
    // Nodes are appended in breadth-first order, so walking the vector is the BFS queue.
    for (uint32_t q = 0; q < g.nodes.size(); ++q) {
        const RetainerGraph::Node& n = g.nodes[q];
        if (n.node == kNoNode || n.level >= o.depth || !n.hasRetainers)
            continue;
        if (g.nodes.size() + 2 > o.maxNodes) // room for one retainer and a "+K more" node
            break;
        expandObject(g, a, q, o.fanIn, o.maxNodes);
    }
    markShortestPath(g, a);
    return g;
}

uint32_t expandRetainerGraph(RetainerGraph& g, const HeapAnalysis& a, uint32_t i, const RetainerGraphOptions& o)
{
    if (!g.canExpand(i))
        return 0;
    const uint32_t object = g.nodes[i].node == kNoNode ? g.nodes[i].owner : i;
    const uint32_t added = expandObject(g, a, object, o.fanIn, UINT64_MAX);
    markShortestPath(g, a);
    return added;
}

LayeredGraph layeredRetainerGraph(const RetainerGraph& g, const std::vector<double>& width)
{
    LayeredGraph l;
    l.width = width;
    l.layer.reserve(g.nodes.size());
    for (const auto& n : g.nodes)
        l.layer.push_back(n.level);
    l.edges.reserve(g.edges.size());
    for (const auto& e : g.edges)
        l.edges.push_back({ e.from, e.to });
    return l;
}

} // namespace v8scope
