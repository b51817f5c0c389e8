// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The retainer graph (core/heap/retainergraph.h) and its layered layout (core/heap/layeredlayout.h) on hand-built
// graphs, expectations derived in the comments.
#include "snapshotbuilder.h"
#include "testutil.h"

#include <catch2/catch.hpp>
#include <heap/heapanalysis.h>
#include <heap/heaploader.h>
#include <heap/layeredlayout.h>
#include <heap/retainergraph.h>

#include <algorithm>
#include <set>

using namespace v8scope;
using testutil::SnapshotBuilder;

namespace {

/// "ordinal<-ordinal" per edge (retainer first), sorted, so that expectations read as a list.
std::vector<std::string> edgeList(const RetainerGraph& g)
{
    std::vector<std::string> out;
    for (const auto& e : g.edges) {
        const auto name = [&](uint32_t i) {
            return g.nodes[i].node == kNoNode ? "+" + std::to_string(g.nodes[i].more) : std::to_string(g.nodes[i].node);
        };
        out.push_back(name(e.to) + "<-" + name(e.from));
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// Every graph invariant the builder promises: each object once, edges between existing nodes, levels as found.
void checkInvariants(const RetainerGraph& g)
{
    std::set<uint32_t> seen;
    for (uint32_t i = 0; i < g.nodes.size(); ++i) {
        const auto& n = g.nodes[i];
        if (n.node == kNoNode) {
            REQUIRE(n.owner < g.nodes.size());
            CHECK(n.level == g.nodes[n.owner].level + 1);
            CHECK(n.more > 0);
            continue;
        }
        CHECK(seen.insert(n.node).second);
        CHECK(g.find(n.node) == i);
    }
    for (const auto& e : g.edges) {
        REQUIRE(e.from < g.nodes.size());
        REQUIRE(e.to < g.nodes.size());
    }
}

/// Two segments between the same two layers cross when their ends are in opposite orders at the top and at the
/// bottom: counted from the drawn routes, independently of the layout's own count.
uint32_t crossingsFromRoutes(const LayeredLayout& l)
{
    struct Segment
    {
        double yTop, xTop, xBottom;
    };
    std::vector<Segment> segs;
    for (const auto& r : l.routes) {
        if (r.kind == LayeredLayout::RouteKind::Flat)
            continue;
        for (size_t i = 0; i + 1 < r.points.size(); ++i) {
            auto a = r.points[i], b = r.points[i + 1];
            if (a.y > b.y)
                std::swap(a, b);
            if (b.y - a.y > 1e-9 && a.x == a.x) {
                // Only the segments crossing a gap between layers (inside a dummy the route is vertical).
                bool insideLayer = false;
                for (const auto& box : l.boxes)
                    if (a.y >= box.y - 1e-9 && b.y <= box.y + box.h + 1e-9)
                        insideLayer = true;
                if (!insideLayer)
                    segs.push_back({ a.y, a.x, b.x });
            }
        }
    }
    uint32_t c = 0;
    for (size_t i = 0; i < segs.size(); ++i)
        for (size_t j = i + 1; j < segs.size(); ++j)
            if (segs[i].yTop == segs[j].yTop && (segs[i].xTop - segs[j].xTop) * (segs[i].xBottom - segs[j].xBottom) < 0)
                ++c;
    return c;
}

void checkLayout(const LayeredGraph& g, const LayeredLayout& l, const LayeredLayoutOptions& o)
{
    REQUIRE(l.boxes.size() == g.layer.size());
    REQUIRE(l.routes.size() == g.edges.size());
    const uint32_t top = *std::max_element(g.layer.begin(), g.layer.end());
    for (size_t i = 0; i < l.boxes.size(); ++i) {
        const auto& b = l.boxes[i];
        CHECK(b.x >= -1e-9);
        CHECK(b.x + b.w <= l.width + 1e-9);
        CHECK(b.w == g.width[i]);
        CHECK(b.y == Approx(double(top - g.layer[i]) * (o.nodeHeight + o.layerGap)));
        for (size_t j = i + 1; j < l.boxes.size(); ++j) {
            const auto& c = l.boxes[j];
            const bool apart
                = b.x + b.w <= c.x + 1e-9 || c.x + c.w <= b.x + 1e-9 || b.y + b.h <= c.y || c.y + c.h <= b.y;
            INFO("boxes " << i << " and " << j);
            CHECK(apart);
        }
    }
    for (size_t e = 0; e < g.edges.size(); ++e) {
        const auto& r = l.routes[e];
        const auto& from = l.boxes[g.edges[e].from];
        const auto& to = l.boxes[g.edges[e].to];
        REQUIRE(r.points.size() >= 2);
        INFO("edge " << e);
        const double lo = std::min(from.y, to.y), hi = std::max(from.y + from.h, to.y + to.h);
        for (const auto& p : r.points) {
            if (r.kind == LayeredLayout::RouteKind::Flat) {
                CHECK(p.y >= lo - o.layerGap);
                CHECK(p.y <= hi);
            } else {
                CHECK(p.y >= lo);
                CHECK(p.y <= hi);
            }
        }
        // Leaves `from` and enters `to` on their borders, inside their horizontal extent.
        CHECK(r.points.front().x >= from.x);
        CHECK(r.points.front().x <= from.x + from.w);
        CHECK(r.points.back().x >= to.x);
        CHECK(r.points.back().x <= to.x + to.w);
        switch (r.kind) {
        case LayeredLayout::RouteKind::Down:
            CHECK(g.layer[g.edges[e].from] > g.layer[g.edges[e].to]);
            CHECK(r.points.front().y == from.y + from.h);
            CHECK(r.points.back().y == to.y);
            break;
        case LayeredLayout::RouteKind::Up:
            CHECK(g.layer[g.edges[e].from] < g.layer[g.edges[e].to]);
            CHECK(r.points.front().y == from.y);
            CHECK(r.points.back().y == to.y + to.h);
            break;
        case LayeredLayout::RouteKind::Flat:
            CHECK(g.layer[g.edges[e].from] == g.layer[g.edges[e].to]);
            break;
        }
    }
    CHECK(crossingsFromRoutes(l) == l.crossings);
}

} // namespace

TEST_CASE("layered layout: a permutation between two layers is untangled", "[heap][graph]")
{
    // Upper layer u0..u3 (nodes 0-3), lower l0..l3 (nodes 4-7); u_i -> l_sigma(i) with sigma = (2, 0, 3, 1).
    // In input order the edges cross inversions(sigma) = 3 times: (u0,u1) 2>0, (u0,u3) 2>1, (u2,u3) 3>1.
    // A permutation is a matching: some order (e.g. lower layer l1 l3 l0 l2 under u0..u3) has none, so 0.
    LayeredGraph g;
    g.layer = { 1, 1, 1, 1, 0, 0, 0, 0 };
    g.width = { 50, 70, 30, 40, 60, 20, 80, 30 };
    const uint32_t sigma[] = { 2, 0, 3, 1 };
    for (uint32_t i = 0; i < 4; ++i)
        g.edges.push_back({ i, 4 + sigma[i] });
    LayeredLayoutOptions o;
    const LayeredLayout l = layoutLayered(g, o);
    CHECK(l.crossings == 0);
    checkLayout(g, l, o);
    CHECK(l.height == Approx(2 * o.nodeHeight + o.layerGap));
    CHECK(l.layers[1].size() == 4);
    CHECK(l.layers[0].size() == 4);
}

TEST_CASE("layered layout: long edges, back edges, flat edges and one unavoidable crossing", "[heap][graph]")
{
    // Layers (0 bottom): 3: a b   2: c d   1: e f g   0: t
    //   a->c, b->d, c->f, d->e (the c/d -> e/f pair is a matching: no crossing needed),
    //   a->t (spans layers 2 and 1: dummies there), e->t, f->t, g->t,
    //   c->e and d->f with c->f and d->e form K(2,2) between {c, d} and {e, f}: in any order of those four,
    //   exactly one pair of their four segments crosses; every other segment can avoid all crossings
    //   (a's long edge at the left edge: a c [dummy], then [dummy] e f g), so the minimum is 1.
    //   t->g is a back edge (layer 0 to 1), e->f a flat edge, g->g a self-loop.
    enum : uint32_t
    {
        a,
        b,
        c,
        d,
        e,
        f,
        gg,
        t
    };
    LayeredGraph g;
    g.layer = { 3, 3, 2, 2, 1, 1, 1, 0 };
    g.width = { 60, 60, 90, 40, 50, 50, 50, 120 };
    g.edges = { { a, c }, { b, d }, { c, f }, { d, e }, { a, t }, { e, t }, { f, t }, { gg, t }, { c, e }, { d, f },
        { t, gg }, { e, f }, { gg, gg } };
    LayeredLayoutOptions o;
    const LayeredLayout l = layoutLayered(g, o);
    CHECK(l.crossings <= 1);
    CHECK(l.crossings >= 1);
    checkLayout(g, l, o);
    CHECK(l.routes[4].kind == LayeredLayout::RouteKind::Down);
    CHECK(l.routes[4].points.size() == 6); // a's bottom, two dummies' top and bottom, t's top
    CHECK(l.routes[10].kind == LayeredLayout::RouteKind::Up);
    CHECK(l.routes[11].kind == LayeredLayout::RouteKind::Flat);
    CHECK(l.routes[12].kind == LayeredLayout::RouteKind::Flat);
}

TEST_CASE("layered layout: wide layers do not overlap and stay deterministic", "[heap][graph]")
{
    // A star: 30 retainers of one object in one layer, each retained by its own parent: no crossings possible
    // to avoid (a forest), none expected; the layer is as wide as its boxes and gaps.
    LayeredGraph g;
    g.layer.push_back(0);
    g.width.push_back(100);
    for (uint32_t i = 0; i < 30; ++i) {
        g.layer.push_back(1);
        g.width.push_back(40 + i % 7 * 10);
        g.edges.push_back({ uint32_t(g.layer.size() - 1), 0 });
        g.layer.push_back(2);
        g.width.push_back(30);
        g.edges.push_back({ uint32_t(g.layer.size() - 1), uint32_t(g.layer.size() - 2) });
    }
    LayeredLayoutOptions o;
    const LayeredLayout l = layoutLayered(g, o);
    CHECK(l.crossings == 0);
    checkLayout(g, l, o);
    double layer1 = 0;
    for (uint32_t i = 1; i < g.layer.size(); i += 2)
        layer1 += g.width[i];
    CHECK(l.width >= layer1 + 29 * o.nodeGap - 1e-6);
    const LayeredLayout again = layoutLayered(g, o);
    for (size_t i = 0; i < l.boxes.size(); ++i)
        CHECK(again.boxes[i].x == l.boxes[i].x);
}

namespace {
/// root -shortcut-> G (user global, distance 1); root -element-> (GC roots)
/// G -cache-> M (Map, 2), G -list-> A ((array), 2), M -table-> T ((array), 3)
/// T -0-> S, A -0-> S (Session, 3), S -owner-> M (a cycle: the Session references the Map holding it),
/// S -weakref (weak)-> A (weak: never a retainer), M -m2 (internal)-> T (a second, parallel edge M -> T).
struct Fixture
{
    std::shared_ptr<const HeapAnalysis> a;
    uint32_t root, gcRoots, g, m, arr, t, s;
    Fixture()
    {
        SnapshotBuilder b;
        root = b.node("synthetic", "", 1, 0);
        gcRoots = b.node("synthetic", "(GC roots)", 3, 0);
        g = b.node("object", "Window", 5, 10);
        m = b.node("object", "Map", 7, 20);
        arr = b.node("array", "", 9, 30);
        t = b.node("array", "", 11, 40);
        s = b.node("object", "Session", 13, 50);
        b.edge(root, "element", "1", gcRoots);
        b.edge(root, "shortcut", "w", g);
        b.edge(g, "property", "cache", m);
        b.edge(g, "property", "list", arr);
        b.edge(m, "internal", "table", t);
        b.edge(m, "internal", "m2", t);
        b.edge(t, "element", "0", s);
        b.edge(arr, "element", "0", s);
        b.edge(s, "property", "owner", m);
        b.edge(s, "weak", "weakref", arr);
        a = testutil::analyzeBuilt(b);
    }
};
} // namespace

TEST_CASE("retainer graph: shared retainers converge, cycles are back edges, weak edges never retain", "[heap][graph]")
{
    Fixture f;
    const HeapAnalysis& a = *f.a;
    REQUIRE(a.distance[f.arr] == 2);
    REQUIRE(a.distance[f.t] == 3);
    REQUIRE(a.distance[f.s] == 3);
    // S's retainers: A (distance 2) before T (3); the weak edge S -> A is not an edge into S. Level 1: A, T.
    // A's retainer: G (level 2). T's: M (level 2; two parallel edges, one graph edge). Level 2 expands too
    // (depth 3): G has only the root's edge (left out): nothing; M's retainers G (already there: a flat edge) and
    // S (the object itself: a back edge down to level 0). 5 nodes, 6 edges, each object once.
    RetainerGraphOptions o;
    const RetainerGraph g = buildRetainerGraph(a, f.s, o);
    checkInvariants(g);
    REQUIRE(g.nodes.size() == 5);
    CHECK(g.nodes[0].node == f.s);
    CHECK(g.nodes[1].node == f.arr);
    CHECK(g.nodes[2].node == f.t);
    CHECK(g.nodes[3].node == f.g);
    CHECK(g.nodes[4].node == f.m);
    CHECK(g.nodes[3].level == 2);
    CHECK(g.nodes[4].level == 2);
    const auto s = std::to_string(f.s), arr = std::to_string(f.arr), t = std::to_string(f.t), gl = std::to_string(f.g),
               m = std::to_string(f.m);
    std::vector<std::string> expected { s + "<-" + arr, s + "<-" + t, arr + "<-" + gl, t + "<-" + m, m + "<-" + gl,
        m + "<-" + s };
    std::sort(expected.begin(), expected.end());
    CHECK(edgeList(g) == expected);
    const auto mt
        = std::find_if(g.edges.begin(), g.edges.end(), [&](const auto& e) { return e.from == 4 && e.to == 2; });
    REQUIRE(mt != g.edges.end());
    CHECK(mt->parallel == 1);
    CHECK(a.snapshot->edgeName(mt->edge) == "table"); // the first of the two by edge ordinal
    CHECK(g.nodes[3].rootChild);
    CHECK_FALSE(g.nodes[3].hasRetainers);
    CHECK_FALSE(g.canExpand(3));
    CHECK(g.nodes[4].expanded);
    CHECK(g.nodes[4].retainerCount == 2);
    // Shortest path: S <- A (distance 2, nearest) <- G (a root's child): stop.
    CHECK(g.nodes[0].onPath);
    CHECK(g.nodes[1].onPath);
    CHECK(g.nodes[3].onPath);
    CHECK_FALSE(g.nodes[2].onPath);
    CHECK_FALSE(g.nodes[4].onPath);
    uint32_t pathEdges = 0;
    for (const auto& e : g.edges)
        pathEdges += e.onPath;
    CHECK(pathEdges == 2);

    // Its layout: levels are layers, the cycle and the flat edge routed, nothing overlaps.
    std::vector<double> widths(g.nodes.size(), 80);
    const LayeredGraph lg = layeredRetainerGraph(g, widths);
    const LayeredLayout l = layoutLayered(lg, {});
    checkLayout(lg, l, {});
    CHECK(l.crossings == 0);
}

TEST_CASE("retainer graph: depth, expansion one level at a time", "[heap][graph]")
{
    Fixture f;
    const HeapAnalysis& a = *f.a;
    RetainerGraphOptions o;
    o.depth = 1;
    RetainerGraph g = buildRetainerGraph(a, f.s, o);
    checkInvariants(g);
    REQUIRE(g.nodes.size() == 3); // S, A, T
    CHECK(g.canExpand(1));
    CHECK(g.canExpand(2));
    CHECK_FALSE(g.canExpand(0));
    // Expanding T adds exactly M one level above it, and nothing else.
    CHECK(expandRetainerGraph(g, a, 2, o) == 1);
    REQUIRE(g.nodes.size() == 4);
    CHECK(g.nodes[3].node == f.m);
    CHECK(g.nodes[3].level == 2);
    CHECK_FALSE(g.canExpand(2));
    CHECK(expandRetainerGraph(g, a, 2, o) == 0);
    // Expanding M adds G at level 3 and the back edge from S; the existing S gains no node.
    CHECK(expandRetainerGraph(g, a, 3, o) == 1);
    REQUIRE(g.nodes.size() == 5);
    CHECK(g.nodes[4].node == f.g);
    CHECK(g.nodes[4].level == 3);
    CHECK(g.edges.size() == 5); // A->S, T->S, M->T, G->M, S->M
    checkInvariants(g);
    // A is still collapsed, so the path goes S <- A and stops there.
    CHECK(g.nodes[1].onPath);
    CHECK_FALSE(g.nodes[2].onPath);
    // An empty graph for a bad target.
    CHECK(buildRetainerGraph(a, a.nodeCount(), o).nodes.empty());
}

TEST_CASE("retainer graph: fan-in cap, +K more, the node cap", "[heap][graph]")
{
    // X retained by R1..R12 (ids 11, 13, ..., 33), each a global (distance 1), so they sort by id.
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto x = b.node("object", "X", 5, 10);
    std::vector<uint32_t> r;
    for (uint32_t i = 0; i < 12; ++i) {
        r.push_back(b.node("object", "R", 11 + 2 * i, 10));
        b.edge(root, "shortcut", "r" + std::to_string(i), r.back());
        b.edge(r.back(), "property", "x", x);
    }
    const auto a = testutil::analyzeBuilt(b);

    RetainerGraphOptions o;
    o.fanIn = 5;
    RetainerGraph g = buildRetainerGraph(*a, x, o);
    checkInvariants(g);
    // X, R1..R5, "+7 more".
    REQUIRE(g.nodes.size() == 7);
    for (uint32_t i = 0; i < 5; ++i)
        CHECK(g.nodes[1 + i].node == r[i]);
    CHECK(g.nodes[6].node == kNoNode);
    CHECK(g.nodes[6].more == 7);
    CHECK(g.nodes[6].owner == 0);
    CHECK(g.canExpand(6));
    // The more node: the next 5 (R6..R10); it stays with 2.
    CHECK(expandRetainerGraph(g, *a, 6, o) == 5);
    REQUIRE(g.nodes.size() == 12);
    CHECK(g.nodes[6].more == 2);
    CHECK(g.nodes[11].node == r[9]);
    // Then the last 2: the more node is gone; 2 added.
    CHECK(expandRetainerGraph(g, *a, 6, o) == 2);
    REQUIRE(g.nodes.size() == 13);
    checkInvariants(g);
    for (const auto& n : g.nodes)
        CHECK(n.node != kNoNode);
    CHECK(g.nodes[0].shown == 12);
    CHECK_FALSE(g.canExpand(0));

    // Node cap 6: X and 4 retainers, then the "+8 more" node takes the last place.
    o.fanIn = 8;
    o.maxNodes = 6;
    g = buildRetainerGraph(*a, x, o);
    checkInvariants(g);
    REQUIRE(g.nodes.size() == 6);
    CHECK(g.nodes[5].more == 8);
}

TEST_CASE("retainer graph: a Session of leak_s3 is held by Map -> (array) -> Session", "[heap][graph][samples]")
{
    // `v8scope retainers leak_s3 --id 108097 --paths 1` (README): ... system / Context @6163 --sessionCache-->
    // Map @75559 --table--> (array) @96345 --4925--> Session @108097. With depth 3 the graph has those three
    // levels above the Session, on the highlighted path.
    auto loaded = loadHeap(testutil::samplePath("heap/leak_s3.heapsnapshot.gz"), {}, {});
    REQUIRE(loaded.ok());
    const HeapAnalysis& a = *loaded.value().analysis;
    const RetainerGraph g = buildRetainerGraph(a, a.nodeForId(108097), {});
    checkInvariants(g);
    CHECK(g.nodes.size() <= RetainerGraphOptions {}.maxNodes);
    const uint32_t expected[] = { 108097, 96345, 75559, 6163 };
    for (uint32_t level = 0; level < 4; ++level) {
        const uint32_t i = g.find(a.nodeForId(expected[level]));
        REQUIRE(i != kNoNode);
        CHECK(g.nodes[i].level == level);
        CHECK(g.nodes[i].onPath);
    }
    std::vector<double> widths(g.nodes.size(), 120);
    const LayeredGraph lg = layeredRetainerGraph(g, widths);
    checkLayout(lg, layoutLayered(lg, {}), {});
}
