// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "layeredlayout.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace v8scope {

namespace {

/// The graph with a dummy node wherever an edge passes through a layer, so that every segment joins two adjacent
/// layers. Virtual nodes 0..realCount-1 are the input's nodes, the rest dummies. Neighbour lists are CSR.
struct Proper
{
    uint32_t realCount = 0;
    std::vector<uint32_t> layer;
    std::vector<double> width;
    std::vector<uint8_t> dummy;
    /// Segments as (upper, lower) virtual nodes, layer(upper) = layer(lower) + 1.
    std::vector<std::pair<uint32_t, uint32_t>> segments;
    std::vector<uint32_t> firstUp, upNodes; ///< neighbours one layer up
    std::vector<uint32_t> firstDown, downNodes; ///< neighbours one layer down
    std::vector<uint32_t> chainFirst, chain; ///< per input edge: its virtual nodes from the upper end to the lower

    uint32_t add(uint32_t l, double w, bool isDummy)
    {
        layer.push_back(l);
        width.push_back(w);
        dummy.push_back(isDummy);
        return uint32_t(layer.size() - 1);
    }
    void buildNeighbours()
    {
        const size_t n = layer.size();
        firstUp.assign(n + 1, 0);
        firstDown.assign(n + 1, 0);
        for (const auto& [u, l] : segments) {
            ++firstUp[l + 1];
            ++firstDown[u + 1];
        }
        std::partial_sum(firstUp.begin(), firstUp.end(), firstUp.begin());
        std::partial_sum(firstDown.begin(), firstDown.end(), firstDown.begin());
        upNodes.resize(segments.size());
        downNodes.resize(segments.size());
        std::vector<uint32_t> upFill(firstUp.begin(), firstUp.end() - 1);
        std::vector<uint32_t> downFill(firstDown.begin(), firstDown.end() - 1);
        for (const auto& [u, l] : segments) {
            upNodes[upFill[l]++] = u;
            downNodes[downFill[u]++] = l;
        }
    }
};

Proper makeProper(const LayeredGraph& g, const LayeredLayoutOptions& o)
{
    Proper p;
    p.realCount = uint32_t(g.layer.size());
    for (uint32_t v = 0; v < p.realCount; ++v)
        p.add(g.layer[v], g.width[v], false);
    p.chainFirst.push_back(0);
    for (const LayeredGraph::Edge& e : g.edges) {
        const uint32_t lf = g.layer[e.from], lt = g.layer[e.to];
        if (lf == lt) {
            p.chain.push_back(e.from);
            p.chain.push_back(e.to);
        } else {
            const uint32_t upper = lf > lt ? e.from : e.to;
            const uint32_t lower = lf > lt ? e.to : e.from;
            uint32_t prev = upper;
            p.chain.push_back(upper);
            for (uint32_t l = std::max(lf, lt) - 1; l > std::min(lf, lt); --l) {
                const uint32_t d = p.add(l, o.dummyWidth, true);
                p.segments.push_back({ prev, d });
                p.chain.push_back(d);
                prev = d;
            }
            p.segments.push_back({ prev, lower });
            p.chain.push_back(lower);
        }
        p.chainFirst.push_back(uint32_t(p.chain.size()));
    }
    p.buildNeighbours();
    return p;
}

using Orders = std::vector<std::vector<uint32_t>>;

void updatePositions(const Orders& orders, std::vector<uint32_t>& pos)
{
    for (const auto& layer : orders)
        for (uint32_t i = 0; i < layer.size(); ++i)
            pos[layer[i]] = i;
}

/// Crossings between every pair of adjacent layers: segments sorted by their upper position, then inversions of
/// the lower positions counted with a Fenwick tree (segments sharing an end never cross).
uint32_t countCrossings(const Proper& p, const Orders& orders, const std::vector<uint32_t>& pos)
{
    uint64_t total = 0;
    std::vector<std::pair<uint32_t, uint32_t>> segs;
    std::vector<uint32_t> tree;
    for (size_t k = 0; k + 1 < orders.size(); ++k) {
        segs.clear();
        for (const uint32_t u : orders[k + 1])
            for (uint32_t i = p.firstDown[u]; i < p.firstDown[u + 1]; ++i)
                segs.push_back({ pos[u], pos[p.downNodes[i]] });
        std::sort(segs.begin(), segs.end());
        const size_t m = orders[k].size();
        tree.assign(m + 1, 0);
        uint64_t seen = 0;
        for (const auto& s : segs) {
            // segments so far whose lower end is strictly right of this one's
            uint64_t notGreater = 0;
            for (size_t i = s.second + 1; i > 0; i -= i & (~i + 1))
                notGreater += tree[i];
            total += seen - notGreater;
            for (size_t i = s.second + 1; i <= m; i += i & (~i + 1))
                ++tree[i];
            ++seen;
        }
    }
    return uint32_t(std::min<uint64_t>(total, UINT32_MAX));
}

/// Crossings among the segments of u and v (both in one layer) when u is left of v.
uint32_t pairCrossings(const Proper& p, const std::vector<uint32_t>& pos, uint32_t u, uint32_t v)
{
    uint32_t c = 0;
    auto count = [&](const std::vector<uint32_t>& first, const std::vector<uint32_t>& nodes) {
        for (uint32_t i = first[u]; i < first[u + 1]; ++i)
            for (uint32_t j = first[v]; j < first[v + 1]; ++j)
                c += pos[nodes[i]] > pos[nodes[j]];
    };
    count(p.firstUp, p.upNodes);
    count(p.firstDown, p.downNodes);
    return c;
}

/// One barycenter pass over layer k against its neighbours one layer down (`down`) or up.
void sortByBarycenter(const Proper& p, std::vector<uint32_t>& layer, std::vector<uint32_t>& pos, bool down)
{
    const auto& first = down ? p.firstDown : p.firstUp;
    const auto& nodes = down ? p.downNodes : p.upNodes;
    std::vector<std::pair<double, uint32_t>> keyed;
    keyed.reserve(layer.size());
    for (const uint32_t v : layer) {
        double sum = 0;
        const uint32_t deg = first[v + 1] - first[v];
        for (uint32_t i = first[v]; i < first[v + 1]; ++i)
            sum += pos[nodes[i]];
        keyed.push_back({ deg ? sum / deg : double(pos[v]), v });
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (uint32_t i = 0; i < keyed.size(); ++i) {
        layer[i] = keyed[i].second;
        pos[layer[i]] = i;
    }
}

/// Adjacent swaps while one removes crossings (each swap strictly lowers the total, so this ends).
void transpose(const Proper& p, Orders& orders, std::vector<uint32_t>& pos)
{
    for (bool improved = true; improved;) {
        improved = false;
        for (auto& layer : orders)
            for (size_t i = 0; i + 1 < layer.size(); ++i) {
                const uint32_t u = layer[i], v = layer[i + 1];
                if (pairCrossings(p, pos, u, v) > pairCrossings(p, pos, v, u)) {
                    std::swap(layer[i], layer[i + 1]);
                    pos[u] = uint32_t(i + 1);
                    pos[v] = uint32_t(i);
                    improved = true;
                }
            }
    }
}

/// dot's mincross shape: alternate barycenter sweeps up and down, each followed by adjacent swaps, keeping the
/// ordering with the fewest crossings seen; `orders` is the start and becomes the best found.
uint32_t minimizeCrossings(const Proper& p, Orders& orders, uint32_t sweeps, std::vector<uint32_t>& pos)
{
    const uint32_t layerCount = uint32_t(orders.size());
    updatePositions(orders, pos);
    transpose(p, orders, pos);
    Orders best = orders;
    uint32_t bestCrossings = countCrossings(p, orders, pos);
    for (uint32_t s = 0; s < 2 * sweeps && bestCrossings > 0; ++s) {
        if (s % 2 == 0)
            for (uint32_t k = 1; k < layerCount; ++k)
                sortByBarycenter(p, orders[k], pos, true);
        else
            for (uint32_t k = layerCount - 1; k-- > 0;)
                sortByBarycenter(p, orders[k], pos, false);
        transpose(p, orders, pos);
        const uint32_t c = countCrossings(p, orders, pos);
        if (c < bestCrossings) {
            bestCrossings = c;
            best = orders;
        }
    }
    orders = std::move(best);
    return bestCrossings;
}

/// Sweeps and swaps get stuck where a long edge's dummies would have to move together (one dummy moved alone only
/// adds crossings), so the search restarts from a few other orders: reversed, then shuffled (a fixed xorshift
/// seed: the same graph always gets the same layout). The fewest crossings win; ties keep the earlier start.
Orders orderLayers(const Proper& p, uint32_t layerCount, uint32_t sweeps, std::vector<uint32_t>& pos)
{
    Orders start(layerCount);
    for (uint32_t v = 0; v < p.layer.size(); ++v)
        start[p.layer[v]].push_back(v); // input order first (the caller's discovery order), dummies after
    pos.assign(p.layer.size(), 0);
    const uint32_t restarts = p.layer.size() <= 600 ? 8 : 1;
    Orders best;
    uint32_t bestCrossings = UINT32_MAX;
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    auto next = [&seed] {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        return seed;
    };
    for (uint32_t trial = 0; trial < restarts && bestCrossings > 0; ++trial) {
        Orders orders = start;
        for (auto& layer : orders) {
            if (trial == 1)
                std::reverse(layer.begin(), layer.end());
            else if (trial > 1)
                for (size_t i = layer.size(); i > 1; --i)
                    std::swap(layer[i - 1], layer[next() % i]);
        }
        const uint32_t c = minimizeCrossings(p, orders, sweeps, pos);
        if (c < bestCrossings) {
            bestCrossings = c;
            best = std::move(orders);
        }
    }
    updatePositions(best, pos);
    return best;
}

/// Weighted isotonic regression (pool adjacent violators): the non-decreasing y closest to `t`.
void isotonic(const std::vector<double>& t, const std::vector<double>& w, std::vector<double>& y)
{
    struct Block
    {
        double mean, weight;
        size_t count;
    };
    std::vector<Block> blocks;
    for (size_t i = 0; i < t.size(); ++i) {
        blocks.push_back({ t[i], w[i], 1 });
        while (blocks.size() > 1 && blocks[blocks.size() - 2].mean > blocks.back().mean) {
            const Block b = blocks.back();
            blocks.pop_back();
            Block& a = blocks.back();
            a.mean = (a.mean * a.weight + b.mean * b.weight) / (a.weight + b.weight);
            a.weight += b.weight;
            a.count += b.count;
        }
    }
    y.clear();
    for (const Block& b : blocks)
        y.insert(y.end(), b.count, b.mean);
}

struct Placer
{
    const Proper& p;
    const LayeredLayoutOptions& o;
    std::vector<double> x; ///< centre per virtual node

    double separation(uint32_t a, uint32_t b) const
    {
        return (p.width[a] + p.width[b]) / 2 + (p.dummy[a] || p.dummy[b] ? o.nodeGap / 2 : o.nodeGap);
    }
    /// Moves the layer's centres as close to `desired` as the order and the separations allow.
    void place(const std::vector<uint32_t>& layer, const std::vector<double>& desired)
    {
        std::vector<double> offset(layer.size(), 0), t(layer.size()), w(layer.size()), y;
        for (size_t i = 1; i < layer.size(); ++i)
            offset[i] = offset[i - 1] + separation(layer[i - 1], layer[i]);
        for (size_t i = 0; i < layer.size(); ++i) {
            t[i] = desired[i] - offset[i];
            w[i] = p.dummy[layer[i]] ? 2.0 : 1.0; // long edges straight first
        }
        isotonic(t, w, y);
        for (size_t i = 0; i < layer.size(); ++i)
            x[layer[i]] = y[i] + offset[i];
    }
    /// Desired centre: the mean of the neighbours' centres (up, down or both), or where the node is.
    void pass(const std::vector<uint32_t>& layer, bool useUp, bool useDown)
    {
        std::vector<double> desired(layer.size());
        for (size_t i = 0; i < layer.size(); ++i) {
            const uint32_t v = layer[i];
            double sum = 0;
            uint32_t n = 0;
            if (useUp)
                for (uint32_t k = p.firstUp[v]; k < p.firstUp[v + 1]; ++k, ++n)
                    sum += x[p.upNodes[k]];
            if (useDown)
                for (uint32_t k = p.firstDown[v]; k < p.firstDown[v + 1]; ++k, ++n)
                    sum += x[p.downNodes[k]];
            desired[i] = n ? sum / n : x[v];
        }
        place(layer, desired);
    }
};

} // namespace

LayeredLayout layoutLayered(const LayeredGraph& g, const LayeredLayoutOptions& o)
{
    LayeredLayout out;
    if (g.layer.empty())
        return out;
    const Proper p = makeProper(g, o);
    const uint32_t layerCount = *std::max_element(g.layer.begin(), g.layer.end()) + 1;
    std::vector<uint32_t> pos;
    const Orders orders = orderLayers(p, layerCount, o.sweeps, pos);
    out.crossings = countCrossings(p, orders, pos);

    // x: packed and centred, then a few rounds of averaging over the neighbours.
    Placer placer { p, o, std::vector<double>(p.layer.size(), 0) };
    double widest = 0;
    std::vector<double> layerWidth(layerCount, 0);
    for (uint32_t k = 0; k < layerCount; ++k) {
        const auto& layer = orders[k];
        double cursor = 0;
        for (size_t i = 0; i < layer.size(); ++i) {
            if (i > 0)
                cursor += placer.separation(layer[i - 1], layer[i]);
            placer.x[layer[i]] = cursor;
        }
        layerWidth[k] = layer.empty() ? 0 : cursor + (p.width[layer.front()] + p.width[layer.back()]) / 2;
        widest = std::max(widest, layerWidth[k]);
    }
    for (uint32_t k = 0; k < layerCount; ++k)
        for (const uint32_t v : orders[k])
            placer.x[v] += (widest - layerWidth[k]) / 2 + p.width[orders[k].front()] / 2;
    for (int round = 0; round < 8; ++round) {
        for (uint32_t k = 1; k < layerCount; ++k)
            placer.pass(orders[k], false, true);
        for (uint32_t k = layerCount - 1; k-- > 0;)
            placer.pass(orders[k], true, false);
    }
    for (uint32_t k = 0; k < layerCount; ++k)
        placer.pass(orders[k], true, true);

    double left = std::numeric_limits<double>::max(), right = 0;
    for (uint32_t v = 0; v < p.layer.size(); ++v)
        left = std::min(left, placer.x[v] - p.width[v] / 2);
    for (uint32_t v = 0; v < p.layer.size(); ++v) {
        placer.x[v] -= left;
        right = std::max(right, placer.x[v] + p.width[v] / 2);
    }
    const double step = o.nodeHeight + o.layerGap;
    auto top = [&](uint32_t v) { return double(layerCount - 1 - p.layer[v]) * step; };
    out.boxes.resize(p.realCount);
    for (uint32_t v = 0; v < p.realCount; ++v)
        out.boxes[v] = { placer.x[v] - p.width[v] / 2, top(v), p.width[v], o.nodeHeight, pos[v] };
    out.layers.resize(layerCount);
    for (uint32_t k = 0; k < layerCount; ++k)
        for (const uint32_t v : orders[k])
            if (!p.dummy[v])
                out.layers[k].push_back(v);
    out.width = right;
    out.height = double(layerCount) * o.nodeHeight + double(layerCount - 1) * o.layerGap;

    out.routes.reserve(g.edges.size());
    for (size_t e = 0; e < g.edges.size(); ++e) {
        const LayeredGraph::Edge& edge = g.edges[e];
        LayeredLayout::Route r;
        const uint32_t lf = g.layer[edge.from], lt = g.layer[edge.to];
        if (lf == lt) {
            r.kind = LayeredLayout::RouteKind::Flat;
            const double y = top(edge.from), arc = y - o.layerGap * 0.45;
            const double xf = placer.x[edge.from], xt = placer.x[edge.to];
            if (edge.from == edge.to) {
                const double q = p.width[edge.from] / 4;
                r.points = { { xf - q, y }, { xf, arc }, { xf + q, y } };
            } else {
                r.points = { { xf, y }, { (xf + xt) / 2, arc }, { xt, y } };
            }
        } else {
            r.kind = lf > lt ? LayeredLayout::RouteKind::Down : LayeredLayout::RouteKind::Up;
            // Upper end's bottom, each dummy's top and bottom, lower end's top; reversed for a back edge.
            for (uint32_t i = p.chainFirst[e]; i < p.chainFirst[e + 1]; ++i) {
                const uint32_t v = p.chain[i];
                const bool first = i == p.chainFirst[e], last = i + 1 == p.chainFirst[e + 1];
                if (!first)
                    r.points.push_back({ placer.x[v], top(v) });
                if (!last)
                    r.points.push_back({ placer.x[v], top(v) + o.nodeHeight });
            }
            if (r.kind == LayeredLayout::RouteKind::Up)
                std::reverse(r.points.begin(), r.points.end());
        }
        out.routes.push_back(std::move(r));
    }
    return out;
}

} // namespace v8scope
