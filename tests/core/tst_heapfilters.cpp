// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Summary filters and the Containment view on hand-built graphs; every expectation is derived in the comments
// from DevTools' rules (HeapSnapshot.createNamedFilter, createDuplicatedStringsFilter, HeapSnapshotEdgesProvider
// .sort with HeapSnapshotObjectNode.comparator, JSHeapSnapshotEdge.name/toString).
#include "snapshotbuilder.h"

#include <heap/containment.h>
#include <heap/filters.h>

#include <set>

using namespace v8scope;
using testutil::SnapshotBuilder;

namespace {

std::set<uint32_t> members(const NodeMask& m)
{
    std::set<uint32_t> out;
    for (uint32_t i = 0; i < m.size(); ++i)
        if (m.test(i))
            out.insert(i);
    return out;
}

/// The filter graph: a global with a detached DOM subtree, a context, a console-held object, event handlers,
/// duplicated strings (plain, cons, flat cons, truncated) and an orphan.
struct FilterGraph
{
    SnapshotBuilder b;
    uint32_t root, gcRoots, global, a, div, b_, c, orphan, ctx, d, handles, e, listener, onClick, code, f, listener2,
        wrapper, h, hCode;
    uint32_t s1, s2, solo, cons, du, p, flat, empty, zero, t1, t2, t3, u, boolNode, trueStr, len, hash77, hash78;

    FilterGraph()
    {
        root = b.node("synthetic", "", 1, 0);
        gcRoots = b.node("synthetic", "(GC roots)", 3, 0);
        global = b.node("object", "global", 5, 10);
        a = b.node("object", "A", 7, 20);
        div = b.node("native", "HTMLDivElement", 8, 30, 2); // detached
        b_ = b.node("object", "B", 9, 40);
        c = b.node("object", "C", 11, 50);
        orphan = b.node("object", "Orphan", 13, 60);
        ctx = b.node("object", "system / Context", 15, 70);
        d = b.node("object", "D", 17, 80);
        handles = b.node("synthetic", "(Global handles)", 19, 0);
        e = b.node("object", "E", 21, 90);
        listener = b.node("native", "V8EventListener", 22, 16);
        onClick = b.node("closure", "onClick", 23, 32);
        code = b.node("code", "", 25, 8);
        f = b.node("object", "F", 27, 24);
        listener2 = b.node("native", "V8EventListener", 24, 16);
        wrapper = b.node("object", "Wrapper", 29, 12);
        h = b.node("closure", "h", 31, 32);
        hCode = b.node("code", "", 33, 8);
        s1 = b.node("string", "dup", 35, 16);
        s2 = b.node("string", "dup", 37, 16);
        solo = b.node("string", "solo", 39, 16);
        cons = b.node("concatenated string", "", 41, 32);
        du = b.node("string", "du", 43, 16);
        p = b.node("string", "p", 45, 16);
        flat = b.node("concatenated string", "", 47, 32);
        empty = b.node("string", "", 49, 0);
        zero = b.node("string", "dup", 51, 0);
        t1 = b.node("string", "long", 53, 16);
        t2 = b.node("string", "long", 55, 16);
        t3 = b.node("string", "long", 57, 16);
        u = b.node("string", "long", 59, 16);
        boolNode = b.node("number", "bool", 61, 0);
        trueStr = b.node("string", "true", 63, 0);
        len = b.node("number", "int", 65, 0);
        const uint32_t lenStr = b.node("string", "2000", 67, 0);
        hash77 = b.node("number", "int", 69, 0);
        const uint32_t s77 = b.node("string", "77", 71, 0);
        hash78 = b.node("number", "int", 73, 0);
        const uint32_t s78 = b.node("string", "78", 75, 0);

        b.edge(root, "element", "1", gcRoots);
        b.edge(root, "shortcut", "2", global);
        b.edge(root, "element", "3", handles);
        b.edge(global, "property", "a", a);
        b.edge(global, "property", "c", c);
        b.edge(global, "internal", "context", ctx);
        b.edge(global, "property", "listener", listener);
        b.edge(global, "property", "listener2", listener2);
        const std::vector<std::pair<const char*, uint32_t>> strings { { "s1", s1 }, { "solo", solo }, { "cons", cons },
            { "flat", flat }, { "zero", zero }, { "t1", t1 }, { "t2", t2 }, { "t3", t3 }, { "u", u } };
        for (const auto& [name, to] : strings)
            b.edge(global, "property", name, to);
        b.edge(a, "property", "div", div);
        b.edge(a, "property", "s2", s2);
        b.edge(div, "property", "data", b_);
        b.edge(div, "property", "c2", c);
        b.edge(ctx, "context", "x", d);
        b.edge(handles, "internal", "1 / DevTools console", e);
        b.edge(listener, "internal", "1", onClick);
        b.edge(onClick, "internal", "code", code);
        b.edge(onClick, "context", "captured", f);
        b.edge(listener2, "internal", "1", wrapper);
        b.edge(wrapper, "property", "handleEvent", h);
        b.edge(h, "internal", "code", hCode);
        b.edge(cons, "internal", "first", du);
        b.edge(cons, "internal", "second", p);
        b.edge(flat, "internal", "first", s1);
        b.edge(flat, "internal", "second", empty);
        for (uint32_t t : { t1, t2, t3 }) {
            b.edge(t, "internal", "truncated", boolNode);
            b.edge(t, "internal", "length", len);
            b.edge(t, "internal", "hash", t == t3 ? hash78 : hash77);
        }
        b.edge(boolNode, "internal", "value", trueStr);
        b.edge(len, "internal", "value", lenStr);
        b.edge(hash77, "internal", "value", s77);
        b.edge(hash78, "internal", "value", s78);
    }
};

} // namespace

TEST_CASE("Summary filter presets keep the nodes DevTools' named filters keep", "[heap][filters]")
{
    FilterGraph g;
    auto a = testutil::analyzeBuilt(g.b);
    auto run = [&](SummaryFilter f) {
        auto m = computeSummaryFilter(*a, f);
        REQUIRE(m.ok());
        return members(m.value());
    };
    // The orphan has no retainer: distance -5, so markUnreachableNodes drops it from every "retained by" filter.
    REQUIRE(a->distance[g.orphan] == HeapAnalysis::kNoDistance);

    // Detached DOM: the BFS from the root never enters the detached div; it misses the div and B (held only by the
    // div). C is also held by the global, so it is reached.
    CHECK(run(SummaryFilter::RetainedByDetachedDom) == std::set<uint32_t> { g.div, g.b_ });
    // Contexts: the barrier is "system / Context": the context and D (only its variable x).
    CHECK(run(SummaryFilter::RetainedByContexts) == std::set<uint32_t> { g.ctx, g.d });
    // Console: the edge "1 / DevTools console" from the synthetic (Global handles) is not followed: E only.
    CHECK(run(SummaryFilter::RetainedByConsole) == std::set<uint32_t> { g.e });
    // Event handlers: listener 1's callback (edge "1") onClick has a "code" edge: it is the handler; listener 2's
    // callback Wrapper has none, its first child with a "code" edge (h) is. Not reached: each handler and what
    // only it holds (onClick's code and F; h's code). Wrapper is reached through listener 2.
    CHECK(run(SummaryFilter::RetainedByEventHandlers) == std::set<uint32_t> { g.onClick, g.code, g.f, g.h, g.hCode });
    // Duplicated strings: "dup" x2 (s1, s2) and the cons "du"+"p" (display name "dup"); the flat cons (second half
    // empty) and the zero-size "dup" are skipped; "du", "p", "solo" are unique. Truncated "long" strings match
    // on length and hash too: t1 and t2 (hash 77), not t3 (hash 78), and not u (untruncated: its own group).
    CHECK(run(SummaryFilter::DuplicatedStrings) == std::set<uint32_t> { g.s1, g.s2, g.cons, g.t1, g.t2 });
    CHECK(run(SummaryFilter::AllObjects).size() == a->nodeCount());
}

TEST_CASE("Summary with a filter aggregates only the kept nodes", "[heap][filters]")
{
    FilterGraph g;
    auto a = testutil::analyzeBuilt(g.b);
    auto m = computeSummaryFilter(*a, SummaryFilter::RetainedByDetachedDom);
    REQUIRE(m.ok());
    // Kept: the div (renamed "Detached HTMLDivElement" by DOM-state propagation, self 30) and B (self 40).
    auto rows = buildFilteredSummary(*a, &m.value(), std::nullopt);
    REQUIRE(rows.size() == 2);
    std::set<std::pair<std::string, uint64_t>> got;
    for (const auto& r : rows)
        got.insert({ r.name, r.shallow });
    CHECK(got == std::set<std::pair<std::string, uint64_t>> { { "Detached HTMLDivElement", 30 }, { "B", 40 } });

    // Id range (min, max]: ids 8..11 are the div (8), B (9), C (11); 7 (A) is excluded, 11 included.
    rows = buildFilteredSummary(*a, nullptr, NodeIdRange { 7, 11 });
    uint32_t count = 0;
    for (const auto& r : rows)
        count += r.count;
    CHECK(count == 3);
    // Both: the detached-DOM nodes within (8, 11]: B only.
    rows = buildFilteredSummary(*a, &m.value(), NodeIdRange { 8, 11 });
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].name == "B");
    // maxJSObjectId: the largest odd id (75); the even ids of native nodes do not count.
    CHECK(maxJsObjectId(*a->snapshot) == 75);
}

TEST_CASE("filter names: CLI and DevTools spellings", "[heap][filters]")
{
    CHECK(parseSummaryFilter("detached-dom") == SummaryFilter::RetainedByDetachedDom);
    CHECK(parseSummaryFilter("objectsRetainedByDetachedDomNodes") == SummaryFilter::RetainedByDetachedDom);
    CHECK(parseSummaryFilter("duplicated-strings") == SummaryFilter::DuplicatedStrings);
    CHECK(parseSummaryFilter("all") == SummaryFilter::AllObjects);
    CHECK(!parseSummaryFilter("nope"));
    CHECK(!parseSummaryFilter(""));
}

TEST_CASE(
    "Containment: children in DevTools' grid order, names and labels as DevTools writes them", "[heap][containment]")
{
    // G's edges in file order: e0 .b, e1 .__proto__, e2 [10], e3 [9], e4 .a, e5 {map}, e6 .Z. All targets are
    // leaves dominated by G: retained = self: 10 each, map 30, __proto__ 100.
    SnapshotBuilder b;
    const uint32_t root = b.node("synthetic", "", 1, 0);
    const uint32_t empty = b.node("synthetic", "(GC roots)", 3, 0);
    const uint32_t g = b.node("object", "global", 5, 8);
    std::vector<uint32_t> x;
    for (uint32_t i = 0; i < 7; ++i)
        x.push_back(b.node("object", "X" + std::to_string(i), 7 + 2 * i, i == 1 ? 100 : (i == 5 ? 30 : 10)));
    b.edge(root, "shortcut", "2", g);
    b.edge(root, "element", "1", empty);
    b.edge(g, "property", "b", x[0]);
    b.edge(g, "property", "__proto__", x[1]);
    b.edge(g, "element", "10", x[2]);
    b.edge(g, "element", "9", x[3]);
    b.edge(g, "property", "a", x[4]);
    b.edge(g, "internal", "map", x[5]);
    b.edge(g, "property", "Z", x[6]);
    auto a = testutil::analyzeBuilt(b);
    const HeapSnapshot& s = *a->snapshot;
    const uint32_t e0 = s.firstEdge[g];
    auto rel = [&](const std::vector<uint32_t>& edges) {
        std::vector<uint32_t> r;
        for (uint32_t e : edges)
            r.push_back(e - e0);
        return r;
    };
    std::vector<uint32_t> out;
    // Retained descending, then name: __proto__ (100), map (30), then the 10s by name: named before numbered,
    // "Z" < "a" < "b" (UTF-16 order), then "10" < "9" (names compare as strings).
    sortedChildEdges(*a, g, EdgeOrder::RetainedSize, true, out);
    CHECK(rel(out) == std::vector<uint32_t> { 1, 5, 6, 4, 0, 2, 3 });
    // Name ascending: Z a b map, 10 9, __proto__ always last.
    sortedChildEdges(*a, g, EdgeOrder::Name, false, out);
    CHECK(rel(out) == std::vector<uint32_t> { 6, 4, 0, 5, 2, 3, 1 });
    // Name descending: numbered first (9, 10), then map b a Z; __proto__ still last.
    sortedChildEdges(*a, g, EdgeOrder::Name, true, out);
    CHECK(rel(out) == std::vector<uint32_t> { 3, 2, 5, 0, 4, 6, 1 });
    // Shallow ascending: the 10s by name (Z a b 10 9), then map (30), then __proto__ (100).
    sortedChildEdges(*a, g, EdgeOrder::ShallowSize, false, out);
    CHECK(rel(out) == std::vector<uint32_t> { 6, 4, 0, 2, 3, 5, 1 });
    // Distance: all 2; then the targets' names X0..X6 ascending = file order.
    sortedChildEdges(*a, g, EdgeOrder::Distance, false, out);
    CHECK(rel(out) == std::vector<uint32_t> { 0, 1, 2, 3, 4, 5, 6 });

    for (uint32_t e = e0; e < s.firstEdge[g + 1]; ++e)
        CHECK(edgeSource(s, e) == g);
    CHECK(edgeSource(s, s.firstEdge[root]) == root);
    CHECK(edgeName(s, e0 + 2) == "10");
    CHECK(edgeLabel(s, e0 + 2) == "[10]");
    CHECK(edgeLabel(s, e0) == ".b");
    CHECK(edgeLabel(s, e0 + 5) == "{map}");
    // The root's shortcut "2" is numeric: its name is the number, and it has no string name.
    CHECK(edgeName(s, s.firstEdge[root]) == "2");
    CHECK(!edgeHasStringName(s, s.firstEdge[root]));
    CHECK(edgeHasStringName(s, e0 + 5));

    // Walk from the root, 2 levels, 2 rows a level: global (retained 8+180) before (GC roots) (0); under global
    // its top two (__proto__, map); (GC roots) has no edges.
    auto rows = containmentRows(*a, a->root(), 2, 2);
    REQUIRE(rows.ok());
    std::vector<std::pair<uint32_t, uint32_t>> got;
    for (const ContainmentRow& r : rows.value())
        got.push_back({ r.depth, r.node });
    CHECK(got == std::vector<std::pair<uint32_t, uint32_t>> { { 1, g }, { 2, x[1] }, { 2, x[5] }, { 1, empty } });
    CHECK(rows.value()[0].childCount == 7);
    CHECK(!containmentRows(*a, a->root(), 2, 0, {}, 3).ok()); // 9 rows (global, its 7 children, (GC roots)) > maxRows 3
    CHECK(!containmentRows(*a, 999, 1, 0).ok());
}
