// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Flame graph and flame chart layout, hit-testing and viewport arithmetic on hand-built trees and profiles
// (expected rectangles derived in comments), the call tree's child offsets, and the activity buckets.
#include "testutil.h"

#include <cpu/activity.h>
#include <cpu/calltree.h>
#include <cpu/flamediff.h>
#include <cpu/flamegraph.h>
#include <cpu/profilereader.h>
#include <cpu/timing.h>

#include <catch2/catch.hpp>

using namespace v8scope;
using namespace testutil;

namespace {

std::shared_ptr<const CpuProfile> readString(const std::string& json)
{
    TempFile f(json);
    auto r = ProfileReader::read(f.path);
    if (!r)
        FAIL(r.error().toString());
    return r.value().profile;
}

// The profile of tst_cpuprofile.cpp: root -> a(2) -> b(3) -> a(4); root -> GC(5); root -> idle(6).
// Samples at 1000 a, 2000 b, 3000 a>b>a, 4000 GC (on a>b>a), 5000 idle, 6000 a; the last lasts until 7000
// (the average interval); endTime 10000.
const char* kTiny = R"J({"nodes":[
 {"id":1,"callFrame":{"functionName":"(root)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1},"children":[2,5,6]},
 {"id":2,"callFrame":{"functionName":"a","scriptId":"3","url":"file:///x.js","lineNumber":0,"columnNumber":0},"children":[3]},
 {"id":3,"callFrame":{"functionName":"b","scriptId":"3","url":"file:///x.js","lineNumber":5,"columnNumber":2},"children":[4]},
 {"id":4,"callFrame":{"functionName":"a","scriptId":"3","url":"file:///x.js","lineNumber":0,"columnNumber":0}},
 {"id":5,"callFrame":{"functionName":"(garbage collector)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1}},
 {"id":6,"callFrame":{"functionName":"(idle)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1}}],
 "startTime":0,"endTime":10000,"samples":[2,3,4,5,6,2],"timeDeltas":[1000,1000,1000,1000,1000,1000]})J";

/// A call tree by hand, pre-order: root(0) -> A(1: total 60, self 10) -> B(2: 30) and C(3: 20);
/// root -> D(4: 40). Top-down layout: row 0 A [0,60) D [60,100); row 1 B [0,30) C [30,50).
CallTree handTree()
{
    CallTree t;
    t.parent = { CallTree::kNoNode, 0, 1, 1, 0 };
    t.depth = { 0, 1, 2, 2, 1 };
    t.subtreeSize = { 5, 3, 1, 1, 1 };
    t.function = { CallTree::kNoNode, 10, 11, 12, 13 };
    t.self = { 0, 10, 30, 20, 40 };
    t.total = { 100, 60, 30, 20, 40 };
    return t;
}

std::string rowsText(const FlameRows& r)
{
    std::string s;
    for (uint32_t d = 0; d < r.rows(); ++d) {
        s += std::to_string(d) + ":";
        for (uint32_t i = r.rowBegin[d]; i < r.rowBegin[d + 1]; ++i)
            s += " " + std::to_string(r.node[i]) + "[" + std::to_string(r.x0[i]) + "," + std::to_string(r.x1[i]) + ")s"
                + std::to_string(r.self[i]);
        s += "\n";
    }
    return s;
}

} // namespace

TEST_CASE("flame graph rows of a hand-built tree", "[cpu][flame]")
{
    const FlameRows r = flameGraphRows(handTree());
    CHECK(rowsText(r) == "0: 1[0,60)s10 4[60,100)s40\n1: 2[0,30)s30 3[30,50)s20\n");
    CHECK(r.extent0 == 0);
    CHECK(r.extent1 == 100);
    CHECK(r.function[r.rowBegin[1]] == 11);
    CHECK(r.total[1] == 40);

    // Hit-testing: half-open intervals; the gap [50,60) in row 1 is empty; rows past the top are empty.
    CHECK(r.node[flameFrameAt(r, 0, 0)] == 1);
    CHECK(r.node[flameFrameAt(r, 0, 59.9)] == 1);
    CHECK(r.node[flameFrameAt(r, 0, 60)] == 4);
    CHECK(flameFrameAt(r, 0, 100) == FlameRows::kNoFrame);
    CHECK(flameFrameAt(r, 0, -1) == FlameRows::kNoFrame);
    CHECK(r.node[flameFrameAt(r, 1, 30)] == 3);
    CHECK(flameFrameAt(r, 1, 55) == FlameRows::kNoFrame);
    CHECK(flameFrameAt(r, 2, 10) == FlameRows::kNoFrame);

    // Visible frames: overlap with [v0, v1) and at least minWidth wide.
    std::vector<uint32_t> out;
    auto nodes = [&] {
        std::vector<uint32_t> n;
        for (uint32_t i : out)
            n.push_back(r.node[i]);
        return n;
    };
    visibleFrames(r, 1, 0, 100, 25, out);
    CHECK(nodes() == std::vector<uint32_t> { 2 }); // C is 20 wide
    visibleFrames(r, 1, 0, 100, 10, out);
    CHECK(nodes() == std::vector<uint32_t> { 2, 3 });
    visibleFrames(r, 1, 40, 100, 1, out);
    CHECK(nodes() == std::vector<uint32_t> { 3 }); // B ends at 30
    visibleFrames(r, 0, 0, 60, 1, out);
    CHECK(nodes() == std::vector<uint32_t> { 1 }); // D starts at 60
}

TEST_CASE("visible frames skip runs of sub-pixel frames", "[cpu][flame]")
{
    // root -> A (100) -> 100 children of 1; root -> B (50) -> C (50). Row 0: A [0,100), B [100,150); row 1: the
    // children [i, i+1) for i < 100, then C [100, 150).
    CallTree t;
    auto add = [&t](uint32_t parent, int64_t self, int64_t total) {
        t.parent.push_back(parent);
        t.depth.push_back(parent == CallTree::kNoNode ? 0 : t.depth[parent] + 1);
        t.function.push_back(uint32_t(t.parent.size()));
        t.self.push_back(self);
        t.total.push_back(total);
        return uint32_t(t.parent.size() - 1);
    };
    add(CallTree::kNoNode, 0, 150);
    const uint32_t a = add(0, 0, 100);
    for (uint32_t i = 0; i < 100; ++i)
        add(a, 1, 1);
    const uint32_t b = add(0, 0, 50);
    add(b, 50, 50);
    const FlameRows r = flameGraphRows(t);
    REQUIRE(r.rows() == 2);
    REQUIRE(r.rowBegin[2] - r.rowBegin[1] == 101);
    std::vector<uint32_t> out;
    visibleFrames(r, 1, 0, 150, 2, out);
    REQUIRE(out.size() == 1);
    CHECK(r.x0[out[0]] == 100);
    visibleFrames(r, 1, 0, 150, 1, out);
    CHECK(out.size() == 101);
    visibleFrames(r, 1, 10.5, 20, 1, out); // frames [10,11) .. [19,20)
    CHECK(out.size() == 10);
}

TEST_CASE("call tree child offsets give index -> node -> parent/row", "[cpu][flame]")
{
    const auto p = readString(kTiny);
    const Timing t = computeTiming(*p).value();
    for (const CallTree& tree : { CallTree::topDown(t), CallTree::bottomUp(t) }) {
        REQUIRE(tree.childBegin.size() == tree.size() + 1);
        CHECK(tree.childBegin.back() == tree.size() - 1);
        for (uint32_t x = 1; x < tree.size(); ++x)
            CHECK(tree.childAt(tree.parent[x], tree.rowInParent[x]) == x);
        // Children in display order: total descending.
        for (uint32_t x = 0; x < tree.size(); ++x)
            for (uint32_t row = 1; row < tree.childCount(x); ++row)
                CHECK(tree.total[tree.childAt(x, row - 1)] >= tree.total[tree.childAt(x, row)]);
    }
    // Top-down: root children a (5000) then (idle) (1000).
    const CallTree td = CallTree::topDown(t);
    REQUIRE(td.childCount(0) == 2);
    CHECK(p->functions[td.function[td.childAt(0, 0)]].name == "a");
    CHECK(p->functions[td.function[td.childAt(0, 1)]].name == "(idle)");
    CHECK(td.childCount(td.childAt(0, 1)) == 0);
}

TEST_CASE("inverted flame graph: functions as wide as their self time", "[cpu][flame]")
{
    const auto p = readString(kTiny);
    const Timing t = computeTiming(*p).value();
    const FlameRows r = flameGraphRows(CallTree::bottomUp(t), FlameWidth::Self);
    // Row 0: a 3000, b 1000, GC 1000, idle 1000 (self); extent = all self = 6000.
    CHECK(r.extent1 == 6000);
    int64_t row0 = 0;
    for (uint32_t i = r.rowBegin[0]; i < r.rowBegin[1]; ++i)
        row0 += r.x1[i] - r.x0[i];
    CHECK(row0 == 6000);
    for (uint32_t i = r.rowBegin[0] + 1; i < r.rowBegin[1]; ++i) // heaviest self first
        CHECK(r.x1[i - 1] - r.x0[i - 1] >= r.x1[i] - r.x0[i]);
    // a's callers (row 1 under a): b (the inner a, 1000); the outer a's 2000 has no caller frame.
    const uint32_t a = flameFrameAt(r, 0, 0);
    REQUIRE(a != FlameRows::kNoFrame);
    CHECK(p->functions[r.function[a]].name == "a");
    CHECK(r.x1[a] - r.x0[a] == 3000);
}

TEST_CASE("flame chart: runs of the same node in time order", "[cpu][flame]")
{
    const auto p = readString(kTiny);
    const FlameRows r = flameChartRows(*p);
    // Row 0: a(node 1) [1000,5000) (samples 1-4 share it; idle at 5000 ends it), then a again [6000,7000).
    // Row 1: b [2000,5000); row 2: inner a [3000,5000); row 3: the GC sample on a>b>a [4000,5000).
    // Self = time as the leaf: 1000 each. Profile nodes are in pre-order: a 1, b 2, a 3, GC 4, idle 5.
    CHECK(rowsText(r)
        == "0: 1[1000,5000)s1000 1[6000,7000)s1000\n"
           "1: 2[2000,5000)s1000\n"
           "2: 3[3000,5000)s1000\n"
           "3: 4[4000,5000)s1000\n");
    CHECK(r.total[0] == 4000);
    CHECK(r.extent1 == 10000);
    // With idle: a row-0 frame for the idle sample.
    FlameChartOptions o;
    o.includeIdle = true;
    CHECK(flameChartRows(*p, o).rowBegin[1] == 3);
    // A window clips the frames: [2500, 4500).
    o = {};
    o.windowStart = 2500;
    o.windowEnd = 4500;
    CHECK(rowsText(flameChartRows(*p, o))
        == "0: 1[2500,4500)s0\n"
           "1: 2[2500,4500)s500\n"
           "2: 3[3000,4500)s1000\n"
           "3: 4[4000,4500)s500\n");
}

TEST_CASE("flame viewport zoom and pan stay inside the graph", "[cpu][flame]")
{
    const FlameViewport v { 0, 100 };
    const FlameViewport z = v.zoomedAt(50, 0.5, 0, 100, 1);
    CHECK(z.x0 == 25); // the anchor 50 stays at the middle
    CHECK(z.x1 == 75);
    CHECK(v.zoomedAt(0, 0.5, 0, 100, 1).x1 == 50);
    CHECK(z.zoomedAt(50, 4, 0, 100, 1).span() == 100); // no further out than the graph
    CHECK(v.zoomedAt(50, 0.001, 0, 100, 1).span() == 1); // no further in than minSpan
    CHECK(z.panned(-10, 0, 100).x0 == 15);
    CHECK(z.panned(-100, 0, 100).x0 == 0);
    CHECK(z.panned(100, 0, 100).x1 == 100);
}

TEST_CASE("activity buckets split sample intervals", "[cpu][flame]")
{
    const auto p = readString(kTiny);
    // Duration 10000 µs (endTime); 10 buckets of 1000: script at 1-3 and 6, GC at 4, idle at 5.
    const auto b = cpuActivity(*p, 10);
    REQUIRE(b.size() == 10);
    CHECK(b[0].scriptUs == 0);
    CHECK(b[1].scriptUs == 1000);
    CHECK(b[3].scriptUs == 1000);
    CHECK(b[4].gcUs == 1000);
    CHECK(b[5].idleUs == 1000);
    CHECK(b[5].busyShare() == 0);
    CHECK(b[6].scriptUs == 1000);
    CHECK(b[7].scriptUs == 0);
    // 3 buckets, edges 0, 3333, 6666, 10000: script [1000,3333) = 2333, [3333,4000) + [6000,6666) = 1333,
    // [6666,7000) = 334; GC and idle in the middle one.
    const auto c = cpuActivity(*p, 3);
    CHECK(c[0].scriptUs == 2333);
    CHECK(c[1].scriptUs == 1333);
    CHECK(c[1].gcUs == 1000);
    CHECK(c[1].idleUs == 1000);
    CHECK(c[2].scriptUs == 334);
    CHECK(c[2].endUs == 10000);
}

TEST_CASE("differential flame graph: per-path total deltas", "[cpu][flame]")
{
    const auto base = readString(kTiny);
    // HEAD: the third sample is b instead of a>b>a, so the GC sample after it sits on a>b.
    std::string headJson = kTiny;
    const std::string from = "\"samples\":[2,3,4,5,6,2]";
    headJson.replace(headJson.find(from), from.size(), "\"samples\":[2,3,3,5,6,2]");
    const auto head = readString(headJson);
    const CallTree bt = CallTree::topDown(computeTiming(*base).value());
    const CallTree ht = CallTree::topDown(computeTiming(*head).value());
    // Against itself: nothing changed.
    for (int64_t d : pathTotalDeltas(*base, bt, *base, bt))
        CHECK(d == 0);
    // BASE: a 5000 > b 3000 > a 2000 > GC 1000. HEAD: a 5000 > b 3000 > GC 1000 (no inner a).
    // Deltas: a 0, b 0, a>b>GC +1000 (a path BASE never ran), idle 0.
    const auto d = pathTotalDeltas(*base, bt, *head, ht);
    REQUIRE(d.size() == ht.size());
    std::string shape;
    for (uint32_t x = 1; x < ht.size(); ++x)
        shape += head->functions[ht.function[x]].displayName() + " " + std::to_string(d[x]) + "\n";
    CHECK(shape == "a 0\nb 0\n(garbage collector) 1000\n(idle) 0\n");
}
