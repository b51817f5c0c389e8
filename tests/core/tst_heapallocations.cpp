// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Allocation tracking (DevTools' AllocationProfile) on a hand-built snapshot with a trace tree, expectations
// derived in the comments; parity with DevTools on the recorded sample is in tst_heapviewsparity.cpp.
#include "snapshotbuilder.h"

#include <heap/allocations.h>

using namespace v8scope;
using testutil::SnapshotBuilder;

namespace {

/// Trace tree (id: function count size):
///   1: (root) 0 0
///     2: main 1 16
///       3: make 4 100
///       4: helper 0 0
///         5: make 2 60
/// Live objects: a (self 20) and b (30) at trace 3, c (25) at 5, d (16) at 2, e untracked (trace id 0).
struct AllocGraph
{
    SnapshotBuilder b;
    uint32_t fRoot, fMain, fMake, fHelper;
    uint32_t t1, t2, t3, t4, t5;
    uint32_t na, nb, nc, nd, ne;
    AllocGraph()
    {
        const uint32_t root = b.node("synthetic", "", 1, 0);
        const uint32_t g = b.node("object", "global", 3, 8);
        na = b.node("object", "A", 5, 20);
        nb = b.node("object", "B", 7, 30);
        nc = b.node("object", "C", 9, 25);
        nd = b.node("object", "D", 11, 16);
        ne = b.node("object", "E", 13, 40);
        b.edge(root, "shortcut", "1", g);
        for (uint32_t n : { na, nb, nc, nd, ne })
            b.edge(g, "property", "p" + std::to_string(n), n);
        fRoot = b.traceFunction("(root)", "", 0, 0, 0);
        fMain = b.traceFunction("main", "s.js", 7, 1, 1);
        fMake = b.traceFunction("make", "s.js", 7, 5, 3);
        fHelper = b.traceFunction("helper", "s.js", 7, 9, 2);
        t1 = b.traceNode(1, fRoot, 0, 0, -1);
        t2 = b.traceNode(2, fMain, 1, 16, int(t1));
        t3 = b.traceNode(3, fMake, 4, 100, int(t2));
        t4 = b.traceNode(4, fHelper, 0, 0, int(t2));
        t5 = b.traceNode(5, fMake, 2, 60, int(t4));
        b.traceNodeId(na, 3);
        b.traceNodeId(nb, 3);
        b.traceNodeId(nc, 5);
        b.traceNodeId(nd, 2);
    }
};

} // namespace

TEST_CASE("allocation profile: live objects per trace node and per function", "[heap][allocations]")
{
    AllocGraph g;
    auto a = testutil::analyzeBuilt(g.b);
    REQUIRE(AllocationProfile::available(*a->snapshot));
    auto built = AllocationProfile::build(a);
    REQUIRE(built.ok());
    const AllocationProfile& p = *built.value();
    REQUIRE(p.traceNodeCount() == 5);
    REQUIRE(p.functions.size() == 4);
    CHECK(p.functions[g.fMake].name == "make");
    CHECK(p.functions[g.fMake].scriptName == "s.js");
    CHECK(p.functions[g.fMake].line == 5);

    // Live: trace 3 holds a and b (2 objects, 50 bytes), 5 holds c (25), 2 holds d (16); e is untracked.
    CHECK(p.traceLiveCount[g.t3] == 2);
    CHECK(p.traceLiveSize[g.t3] == 50);
    CHECK(p.traceLiveCount[g.t5] == 1);
    CHECK(p.traceLiveSize[g.t5] == 25);
    CHECK(p.traceLiveCount[g.t2] == 1);
    CHECK(p.traceLiveCount[g.t1] == 0);
    CHECK(p.traceNodeForId(5) == g.t5);
    CHECK(p.traceNodeForId(6) == UINT32_MAX);

    // Function totals over trace nodes with count > 0: make = t3 + t5 (6 objects, 160 bytes, live 3 / 75);
    // main = t2 (1, 16, live 1 / 16); helper and (root) allocated nothing.
    const AllocationFunction& make = p.functions[g.fMake];
    CHECK(make.count == 6);
    CHECK(make.size == 160);
    CHECK(make.liveCount == 3);
    CHECK(make.liveSize == 75);
    CHECK(p.functions[g.fMain].liveSize == 16);
    CHECK(p.functions[g.fHelper].count == 0);
    // The Allocation view's rows: allocating functions by size descending: make (160), main (16).
    CHECK(p.topFunctions() == std::vector<uint32_t> { g.fMake, g.fMain });

    // Top-down children (file order): root -> main -> {make, helper}, helper -> make.
    auto children = [&](uint32_t t) {
        return std::vector<uint32_t>(
            p.traceChildren.begin() + p.traceFirstChild[t], p.traceChildren.begin() + p.traceFirstChild[t + 1]);
    };
    CHECK(children(g.t1) == std::vector<uint32_t> { g.t2 });
    CHECK(children(g.t2) == std::vector<uint32_t> { g.t3, g.t4 });
    CHECK(children(g.t4) == std::vector<uint32_t> { g.t5 });

    // Object c was allocated at trace 5: make <- helper <- main <- (root).
    std::vector<uint32_t> stack;
    p.allocationStack(g.nc, stack);
    CHECK(stack == std::vector<uint32_t> { g.t5, g.t4, g.t2, g.t1 });
    p.allocationStack(g.ne, stack);
    CHECK(stack.empty());
}

TEST_CASE("allocation profile: a function's callers tree as the Allocation view expands it", "[heap][allocations]")
{
    AllocGraph g;
    auto a = testutil::analyzeBuilt(g.b);
    auto built = AllocationProfile::build(a);
    REQUIRE(built.ok());
    const AllocationProfile& p = *built.value();
    // make's allocating trace nodes: t3 (4, 100, live 2/50) with stack main <- (root), and t5 (2, 60, live 1/25)
    // with stack helper <- main <- (root). Bottom-up: make -> {main (t3's counts), helper (t5's)}, main -> (root),
    // helper -> main -> (root). Children by size descending: main (100) before helper (60).
    AllocationCallers c = p.callers(g.fMake);
    REQUIRE(c.nodeCount() == 6);
    CHECK(c.function[0] == g.fMake);
    CHECK(c.count[0] == 6);
    CHECK(c.liveSize[0] == 75);
    auto kids = [&](uint32_t n) {
        return std::vector<uint32_t>(c.children.begin() + c.firstChild[n], c.children.begin() + c.firstChild[n + 1]);
    };
    const auto top = kids(0);
    REQUIRE(top.size() == 2);
    CHECK(c.function[top[0]] == g.fMain);
    CHECK(c.size[top[0]] == 100);
    CHECK(c.liveCount[top[0]] == 2);
    CHECK(c.function[top[1]] == g.fHelper);
    CHECK(c.size[top[1]] == 60);
    const auto underHelper = kids(top[1]);
    REQUIRE(underHelper.size() == 1);
    CHECK(c.function[underHelper[0]] == g.fMain);
    CHECK(c.size[underHelper[0]] == 60);
    const auto rootFrame = kids(underHelper[0]);
    REQUIRE(rootFrame.size() == 1);
    CHECK(c.function[rootFrame[0]] == g.fRoot);
    CHECK(kids(rootFrame[0]).empty());
    // A function that allocated nothing has no callers tree.
    CHECK(p.callers(g.fHelper).nodeCount() == 0);

    // Selecting a row filters the Summary to what was allocated there: make = trace 3 (a, b) + trace 5 (c);
    // its caller main (t3's stacks) = a, b; helper (t5's) = c.
    auto objects = [&](uint32_t node) {
        const NodeMask m = p.allocatedAt(c, node);
        std::vector<uint32_t> out;
        for (uint32_t i = 0; i < m.size(); ++i)
            if (m.test(i))
                out.push_back(i);
        return out;
    };
    CHECK(objects(0) == std::vector<uint32_t> { g.na, g.nb, g.nc });
    CHECK(objects(top[0]) == std::vector<uint32_t> { g.na, g.nb });
    CHECK(objects(top[1]) == std::vector<uint32_t> { g.nc });
}

TEST_CASE("allocation profile: snapshots without tracking, and broken trace trees, give errors", "[heap][allocations]")
{
    SnapshotBuilder plain;
    const uint32_t root = plain.node("synthetic", "", 1, 0);
    const uint32_t g = plain.node("object", "global", 3, 8);
    plain.edge(root, "shortcut", "1", g);
    auto a = testutil::analyzeBuilt(plain);
    CHECK(!AllocationProfile::available(*a->snapshot));
    CHECK(!AllocationProfile::build(a).ok());

    // A trace node naming function info 5 of 1: DevTools throws on it; we refuse with a message.
    SnapshotBuilder bad;
    const uint32_t r2 = bad.node("synthetic", "", 1, 0);
    const uint32_t g2 = bad.node("object", "global", 3, 8);
    bad.edge(r2, "shortcut", "1", g2);
    const uint32_t f = bad.traceFunction("(root)", "", 0, 0, 0);
    const uint32_t t = bad.traceNode(1, f, 0, 0, -1);
    bad.traceNode(2, 5, 1, 8, int(t));
    auto a2 = testutil::analyzeBuilt(bad);
    auto p2 = AllocationProfile::build(a2);
    REQUIRE(!p2.ok());
    CHECK(p2.error().message.find("function info 5") != std::string::npos);
}
