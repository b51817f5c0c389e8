// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Hand-built graphs whose expected dominators, sizes and distances are derived in the comments, following
// DevTools' rules (shared/spec/heap-snapshot.md section 2).
#include "snapshotbuilder.h"
#include "testutil.h"

#include <catch2/catch.hpp>
#include <heap/heapanalysis.h>
#include <heap/retainingpaths.h>
#include <heap/snapshotreader.h>
#include <heap/summary.h>

#include <random>
#include <string>
#include <vector>

using namespace v8scope;
using testutil::SnapshotBuilder;

namespace {

const ClassAggregate* row(const std::vector<ClassAggregate>& rows, const std::string& name)
{
    for (const auto& r : rows)
        if (r.name == name)
            return &r;
    return nullptr;
}

} // namespace

TEST_CASE("diamond: the join point is dominated by the fork", "[heap][graphs]")
{
    // root -shortcut-> G(10) -a-> A(20) -> D(40), G -b-> B(30) -> D.
    // D has two retainers (A, B) whose common dominator is G. Retained: A 20, B 30, D 40, G 10+20+30+40 = 100.
    // Distances: G is a user root (1), A and B 2, D 3; the root is 100000000 because user roots exist.
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 10);
    const auto a = b.node("object", "A", 5, 20);
    const auto bb = b.node("object", "B", 7, 30);
    const auto d = b.node("object", "D", 9, 40);
    b.edge(root, "shortcut", "global", g);
    b.edge(g, "property", "a", a);
    b.edge(g, "property", "b", bb);
    b.edge(a, "property", "d", d);
    b.edge(bb, "property", "d", d);
    auto h = testutil::analyzeBuilt(b);
    CHECK(h->dominator[d] == g);
    CHECK(h->dominator[a] == g);
    CHECK(h->dominator[g] == root);
    CHECK(h->dominator[root] == root);
    CHECK(h->retainedSize[d] == 40);
    CHECK(h->retainedSize[g] == 100);
    CHECK(h->retainedSize[root] == 100);
    CHECK(h->distance[g] == 1);
    CHECK(h->distance[a] == 2);
    CHECK(h->distance[d] == 3);
    CHECK(h->distance[root] == HeapAnalysis::kBaseSystemDistance);
    CHECK(h->unreachableFromRoot == 0);
}

TEST_CASE("cycle: X and Y retain each other below the global", "[heap][graphs]")
{
    // G -> X -> Y -> X. X is entered only from G, so X dominates Y; retained X = 5 + 7.
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 1);
    const auto x = b.node("object", "X", 5, 5);
    const auto y = b.node("object", "Y", 7, 7);
    b.edge(root, "shortcut", "global", g);
    b.edge(g, "property", "x", x);
    b.edge(x, "property", "y", y);
    b.edge(y, "property", "x", x);
    auto h = testutil::analyzeBuilt(b);
    CHECK(h->dominator[y] == x);
    CHECK(h->dominator[x] == g);
    CHECK(h->retainedSize[x] == 12);
    CHECK(h->retainedSize[g] == 13);
}

TEST_CASE("weak-only: a node held only weakly hangs off the root and is unreached by the BFS", "[heap][graphs]")
{
    // G -weak-> W. W's only retainer edge is weak, so DevTools starts a DFS from W with the root as parent:
    // dominator root, retained 8 (own size), distance -5 (BFS never follows weak edges), one unreachable node.
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 1);
    const auto w = b.node("object", "W", 5, 8);
    b.edge(root, "shortcut", "global", g);
    b.edge(g, "weak", "w", w);
    auto h = testutil::analyzeBuilt(b);
    CHECK(h->dominator[w] == root);
    CHECK(h->retainedSize[w] == 8);
    CHECK(h->distance[w] == HeapAnalysis::kNoDistance);
    CHECK(h->unreachableFromRoot == 1);
    CHECK(h->stillUnreachable == 0);
    CHECK(h->retainedSize[root] == 9);
    // Weak edges never retain: no retaining path exists.
    CHECK(findRetainingPaths(*h, w).empty());
}

TEST_CASE(
    "orphan clique: mutual retainers reachable from nothing are attached to the root one by one", "[heap][graphs]")
{
    // P <-> Q, nothing else points at them. Neither has only weak retainers (they hold each other strongly),
    // so both are "still unreachable" and get the root as DFS parent individually. In the semidominator pass
    // Q's bucket entry sits under P, which is never processed as a parent, so the final step gives both
    // dom = dom[0] = root. Each retains only itself.
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 1);
    const auto p = b.node("object", "P", 5, 11);
    const auto q = b.node("object", "Q", 7, 13);
    b.edge(root, "shortcut", "global", g);
    b.edge(p, "property", "q", q);
    b.edge(q, "property", "p", p);
    auto h = testutil::analyzeBuilt(b);
    CHECK(h->unreachableFromRoot == 2);
    CHECK(h->stillUnreachable == 2);
    CHECK(h->dominator[p] == root);
    CHECK(h->dominator[q] == root);
    CHECK(h->retainedSize[p] == 11);
    CHECK(h->retainedSize[q] == 13);
    CHECK(h->retainedSize[root] == 1 + 11 + 13);
}

TEST_CASE(
    "WeakMap ephemeron: the key dominates the value; the value's distance is max(key, table) + 1", "[heap][graphs]")
{
    // G(10) -wm-> WM(20) -table-> T(array, 30); G -k-> K(40); K and T both point at V(50) through the two
    // "part of key ... pair in WeakMap (table @T)" internal edges. The edge leaving T itself is not essential,
    // so dom(V) = K. T is an array owned only by WM: its 30 bytes move to WM (WM 50, T 0).
    // Retained: V 50, K 90, WM 50, G 10 + 50 + 90 = 150.
    // Distances: G 1; WM, K 2; T 3. K->V is the first edge of the pair the BFS meets and is skipped, T->V is
    // the second and is taken: V = 4, not 3.
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 10);
    const auto wm = b.node("object", "WeakMap", 5, 20);
    const auto t = b.node("array", "", 7, 30);
    const auto k = b.node("object", "Key", 9, 40);
    const auto v = b.node("object", "Value", 11, 50);
    b.edge(root, "shortcut", "global", g);
    b.edge(g, "property", "wm", wm);
    b.edge(g, "property", "k", k);
    b.edge(wm, "internal", "table", t);
    const std::string pair = " / part of key (Key @9) -> value (Value @11) pair in WeakMap (table @7)";
    b.edge(k, "internal", "1" + pair, v);
    b.edge(t, "internal", "2" + pair, v);
    auto h = testutil::analyzeBuilt(b);
    CHECK(h->dominator[v] == k);
    CHECK(h->selfSize[wm] == 50);
    CHECK(h->selfSize[t] == 0);
    CHECK(h->retainedSize[v] == 50);
    CHECK(h->retainedSize[k] == 90);
    CHECK(h->retainedSize[wm] == 50);
    CHECK(h->retainedSize[g] == 150);
    CHECK(h->distance[t] == 3);
    CHECK(h->distance[v] == 4);
}

TEST_CASE("page-owned: an edge from a GC root into page objects does not dominate", "[heap][graphs]")
{
    // root -shortcut-> G(10) -x-> X(20); root -element-> (GC roots) -> (Global handles) -internal-> X.
    // X is page-owned (reached from the global); (Global handles) is not, so its edge into X is not essential
    // and X is dominated by G, not by the root. Distances: X 2; the GC-root nodes are only reached by the
    // second BFS: 100000001 and 100000002.
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 10);
    const auto x = b.node("object", "X", 5, 20);
    const auto gcRoots = b.node("synthetic", "(GC roots)", 7, 0);
    const auto handles = b.node("synthetic", "(Global handles)", 9, 0);
    b.edge(root, "shortcut", "global", g);
    b.edge(root, "element", "1", gcRoots);
    b.edge(g, "property", "x", x);
    b.edge(gcRoots, "element", "1", handles);
    b.edge(handles, "internal", "0 / handle", x);
    auto h = testutil::analyzeBuilt(b);
    CHECK((h->flags(x) & kFlagPageObject) != 0);
    CHECK((h->flags(handles) & kFlagPageObject) == 0);
    CHECK(h->dominator[x] == g);
    CHECK(h->retainedSize[g] == 30);
    CHECK(h->distance[x] == 2);
    CHECK(h->distance[gcRoots] == HeapAnalysis::kBaseSystemDistance + 1);
    CHECK(h->distance[handles] == HeapAnalysis::kBaseSystemDistance + 2);
    // The retaining path prefers the user root.
    auto paths = findRetainingPaths(*h, x);
    REQUIRE(!paths.empty());
    CHECK(paths[0].nodes == std::vector<uint32_t> { g, x });
}

TEST_CASE("shallow sizes: single-owner arrays move into their owner, shared ones stay", "[heap][graphs]")
{
    // A(8) and B(8) share ARR(100): two owners, nothing moves. C(8) alone owns ARR2(64): C becomes 72, ARR2 0.
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 4);
    const auto a = b.node("object", "A", 5, 8);
    const auto bb = b.node("object", "B", 7, 8);
    const auto arr = b.node("array", "", 9, 100);
    const auto c = b.node("object", "C", 11, 8);
    const auto arr2 = b.node("array", "", 13, 64);
    b.edge(root, "shortcut", "global", g);
    b.edge(g, "property", "a", a);
    b.edge(g, "property", "b", bb);
    b.edge(g, "property", "c", c);
    b.edge(a, "internal", "elements", arr);
    b.edge(bb, "internal", "elements", arr);
    b.edge(c, "internal", "elements", arr2);
    auto h = testutil::analyzeBuilt(b);
    CHECK(h->selfSize[arr] == 100);
    CHECK(h->selfSize[a] == 8);
    CHECK(h->selfSize[c] == 72);
    CHECK(h->selfSize[arr2] == 0);
    // The Summary skips zero-size nodes: (array) holds only ARR.
    auto rows = buildSummary(*h, h->classes);
    REQUIRE(row(rows, "(array)"));
    CHECK(row(rows, "(array)")->count == 1);
    CHECK(row(rows, "(array)")->shallow == 100);
}

TEST_CASE("detached DOM: state propagates through native nodes and renames them", "[heap][graphs]")
{
    // DIV is detached; its native child TEXT (state unknown) inherits "detached" and is renamed; the JS
    // wrapper object below it is not renamed (propagation stops at JavaScript). Class names cut tags at the
    // first space: "Detached <div>".
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 4);
    const auto div = b.node("native", "<div id=\"x\">", 4, 96, 2);
    const auto text = b.node("native", "Text", 6, 48, 0);
    const auto js = b.node("object", "Wrapper", 5, 16);
    b.edge(root, "shortcut", "global", g);
    b.edge(g, "property", "kept", div);
    b.edge(div, "property", "firstChild", text);
    b.edge(text, "property", "wrapper", js);
    auto h = testutil::analyzeBuilt(b);
    CHECK(h->domState(div) == kDomDetached);
    CHECK(h->domState(text) == kDomDetached);
    CHECK(h->name(text) == "Detached Text");
    CHECK(h->className(div) == "Detached <div>");
    CHECK(h->className(js) == "Wrapper");
    CHECK((h->flags(div) & kFlagDetachedDomTreeNode) != 0);
}

TEST_CASE("detached DOM: renames are a sorted table of file names, renamed nodes carry a bit", "[heap][graphs]")
{
    // Four native nodes share the file name "Text". DIV (detached, 2) reaches T1 and T2: both become detached and
    // are renamed "Detached Text" (one extraNames entry for both). BODY (attached, 1) reaches T3: attached, not
    // renamed. T4 is reached by nothing with a state: unknown, not renamed. The JS object "Text" below T1 is never
    // renamed (propagation stops at JavaScript). Renames in DevTools' order: the first loop visits DIV (renamed
    // first: extraNames[0]) and BODY; then the attached stack (T3), then the detached one (T2 pushed after T1,
    // popped first: T1 and T2 share "Detached Text", extraNames[1]).
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 4);
    const auto t4 = b.node("native", "Text", 15, 8, 0); // before the others: "Text" is string 3, "<div>" string 4
    const auto div = b.node("native", "<div>", 5, 96, 2);
    const auto body = b.node("native", "<body>", 7, 96, 1);
    const auto t1 = b.node("native", "Text", 9, 48, 0);
    const auto t2 = b.node("native", "Text", 11, 48, 0);
    const auto t3 = b.node("native", "Text", 13, 48, 0);
    const auto js = b.node("object", "Text", 17, 16);
    b.edge(root, "shortcut", "global", g);
    b.edge(g, "property", "d", div);
    b.edge(g, "property", "b", body);
    b.edge(g, "property", "t4", t4);
    b.edge(div, "property", "a", t1);
    b.edge(div, "property", "b", t2);
    b.edge(body, "property", "c", t3);
    b.edge(t1, "property", "w", js);
    auto h = testutil::analyzeBuilt(b);
    const HeapSnapshot& s = *h->snapshot;
    const uint32_t text = s.nodeName[t1], divName = s.nodeName[div], strings = s.strings.size();
    REQUIRE(s.nodeName[t3] == text);
    REQUIRE(s.nodeName[js] == text);
    REQUIRE(text < divName); // the table is sorted by file name, not in order of rename

    CHECK(h->extraNames == std::vector<std::string> { "Detached <div>", "Detached Text" });
    CHECK(h->renames == Column<RenamedName> { { text, strings + 1 }, { divName, strings } });
    CHECK(h->renamedName(text) == strings + 1);
    CHECK(h->renamedName(divName) == strings);
    CHECK(h->renamedName(s.nodeName[body]) == s.nodeName[body]); // not renamed: the file's name

    CHECK(h->renamed(div));
    CHECK(h->renamed(t1));
    CHECK(h->renamed(t2));
    CHECK(!h->renamed(t3));
    CHECK(!h->renamed(t4));
    CHECK(!h->renamed(js));
    CHECK(!h->renamed(body));
    CHECK(h->nameId(t1) == strings + 1);
    CHECK(h->nameId(t2) == strings + 1);
    CHECK(h->nameId(t3) == text); // same old name, not renamed
    CHECK(h->nameId(t4) == text);
    CHECK(h->nameId(js) == text);
    CHECK(h->name(t1) == "Detached Text");
    CHECK(h->name(t2) == "Detached Text");
    CHECK(h->name(t3) == "Text");
    CHECK(h->name(t4) == "Text");
    CHECK(h->name(js) == "Text");
    CHECK(h->name(div) == "Detached <div>");
    CHECK(h->name(body) == "<body>");
    CHECK(h->domState(t3) == kDomAttached);
    CHECK(h->domState(t4) == kDomUnknown);
    CHECK(h->domState(js) == kDomUnknown);
}

TEST_CASE("detached DOM: an analysis without renames names every node by its file name", "[heap][graphs]")
{
    // Only an attached native node: nothing is renamed, the table and extraNames stay empty.
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 4);
    const auto body = b.node("native", "<body>", 5, 96, 1);
    b.edge(root, "shortcut", "global", g);
    b.edge(g, "property", "b", body);
    auto h = testutil::analyzeBuilt(b);
    CHECK(h->renames.empty());
    CHECK(h->extraNames.empty());
    CHECK(h->domState(body) == kDomAttached);
    for (uint32_t i = 0; i < h->nodeCount(); ++i) {
        CHECK(!h->renamed(i));
        CHECK(h->nameId(i) == h->snapshot->nodeName[i]);
    }
}

TEST_CASE("the state byte: DOM state, flags and the renamed bit", "[heap][graphs]")
{
    // Layout: DOM state in bits 0-1, NodeFlag << 2 in bits 2-4, renamed in bit 5. DIV is detached (2), a detached
    // DOM tree node (flag 2 -> 0x08), page-owned (reached from the global, flag 4 -> 0x10) and renamed (0x20): 0x3a.
    // BODY: attached (1) and page-owned: 0x11. ORPHAN, a native node reached only from (GC roots): detached from
    // the file (2), a detached DOM tree node, not page-owned, renamed: 0x2a. G: page-owned only: 0x10.
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 4);
    const auto div = b.node("native", "<div>", 5, 96, 2);
    const auto body = b.node("native", "<body>", 7, 96, 1);
    const auto gcRoots = b.node("synthetic", "(GC roots)", 9, 0);
    const auto orphan = b.node("native", "<span>", 11, 32, 2);
    b.edge(root, "shortcut", "global", g);
    b.edge(root, "element", "1", gcRoots);
    b.edge(g, "property", "d", div);
    b.edge(g, "property", "b", body);
    b.edge(gcRoots, "element", "1", orphan);
    for (const bool takeOver : { false, true }) {
        // analyzeBuilt's analysis copies the file's detachedness (the test holds the snapshot too); the loader's
        // (the only reference) takes it over as the state column.
        testutil::TempFile f(b.json(), ".heapsnapshot");
        auto snap = SnapshotReader::read(f.path);
        REQUIRE(snap);
        std::shared_ptr<const HeapSnapshot> held = std::move(snap.value()); // the only reference
        REQUIRE(held->nodeDetachedness.size() == held->nodeCount);
        const HeapSnapshot* raw = held.get();
        auto a = HeapAnalysis::analyze(takeOver ? std::move(held) : held);
        REQUIRE(a);
        const HeapAnalysis& h = *a.value();
        CHECK(raw->nodeDetachedness.size() == (takeOver ? 0 : raw->nodeCount));
        CHECK(h.state.size() == h.nodeCount());
        CHECK(h.state[div] == 0x3a);
        CHECK(h.state[body] == 0x11);
        CHECK(h.state[orphan] == 0x2a);
        CHECK(h.state[g] == 0x10);
        CHECK(h.state[gcRoots] == 0x00);
        CHECK(h.state[root] == 0x00);
        CHECK(h.domState(div) == kDomDetached);
        CHECK(h.flags(div) == (kFlagDetachedDomTreeNode | kFlagPageObject));
        CHECK(h.renamed(div));
        CHECK(h.domState(body) == kDomAttached);
        CHECK(h.flags(body) == kFlagPageObject);
        CHECK(!h.renamed(body));
        CHECK(h.flags(orphan) == kFlagDetachedDomTreeNode);
        CHECK(h.name(orphan) == "Detached <span>");
    }
}

TEST_CASE("object shapes and location-split classes", "[heap][graphs]")
{
    // Three plain objects {a, b} and one {c}: {a, b} has 3 >= max(2, 4/1000) instances and becomes a class
    // name; {c} (1 instance) stays "Object". Two "Widget" objects with different constructor locations form
    // two Summary rows.
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 4);
    b.edge(root, "shortcut", "global", g);
    for (uint32_t i = 0; i < 3; ++i) {
        const auto o = b.node("object", "Object", 101 + 2 * i, 16);
        b.edge(g, "element", std::to_string(i), o);
        b.edge(o, "property", "a", g);
        b.edge(o, "property", "b", g);
    }
    const auto lone = b.node("object", "Object", 201, 16);
    b.edge(g, "property", "lone", lone);
    b.edge(lone, "property", "c", g);
    const auto w1 = b.node("object", "Widget", 301, 24);
    const auto w2 = b.node("object", "Widget", 303, 24);
    b.edge(g, "property", "w1", w1);
    b.edge(g, "property", "w2", w2);
    b.location(w1, 10, 1, 2);
    b.location(w2, 11, 5, 0);
    auto h = testutil::analyzeBuilt(b);
    CHECK(h->className(lone) == "Object");
    auto rows = buildSummary(*h, h->classes);
    REQUIRE(row(rows, "{a, b}"));
    CHECK(row(rows, "{a, b}")->count == 3);
    size_t widgetRows = 0;
    for (const auto& r : rows)
        widgetRows += r.name == "Widget";
    CHECK(widgetRows == 2);
    CHECK(h->displayName(lone) == "{c}");
}

TEST_CASE("the analysis' Summary: rows by retained size, members biggest retained first, then by id", "[heap][graphs]")
{
    // global(4) holds A1(10) -> X(50), A2(30), B(20), C1(5, id 21) and C2(5, id 19). Retained by hand: A1 60,
    // A2 30, so class A 90; X 50; B 20; C 10; global 4 + 60 + 30 + 20 + 10 = 124. Rows by retained size: global,
    // A, X, B, C. Members: A1 before A2 (60 > 30) although A2 comes first in the file; C2 before C1
    // (equal retained size, smaller id first) although C1 comes first in the file.
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 4);
    const auto a2 = b.node("object", "A", 5, 30);
    const auto a1 = b.node("object", "A", 7, 10);
    const auto x = b.node("object", "X", 9, 50);
    const auto bb = b.node("object", "B", 11, 20);
    const auto c1 = b.node("object", "C", 21, 5);
    const auto c2 = b.node("object", "C", 19, 5);
    b.edge(root, "shortcut", "global", g);
    b.edge(g, "property", "a2", a2);
    b.edge(g, "property", "a1", a1);
    b.edge(a1, "property", "x", x);
    b.edge(g, "property", "b", bb);
    b.edge(g, "property", "c1", c1);
    b.edge(g, "property", "c2", c2);
    auto h = testutil::analyzeBuilt(b);
    const auto& rows = h->summary;
    std::vector<std::string> names;
    std::vector<uint64_t> retained;
    for (const ClassAggregate& r : rows) {
        names.push_back(r.name);
        retained.push_back(r.retained);
    }
    CHECK(names == std::vector<std::string> { "global", "A", "X", "B", "C" });
    CHECK(retained == std::vector<uint64_t> { 124, 90, 50, 20, 10 });
    REQUIRE(rows.size() == 5);
    CHECK(rows[1].nodes == std::vector<uint32_t> { a1, a2 });
    CHECK(rows[1].shallow == 40);
    CHECK(rows[4].nodes == std::vector<uint32_t> { c2, c1 });
    // buildSummary (the filtered Summaries' path) keeps file order.
    CHECK(row(buildSummary(*h, h->classes), "A")->nodes == std::vector<uint32_t> { a2, a1 });
}

TEST_CASE("RowKeys: 16-bit row per node, widened once when a row reaches 65,535", "[heap][graphs]")
{
    RowKeys k;
    k.assignNone(6);
    CHECK_FALSE(k.wide());
    k.set(0, 0);
    k.set(2, 65534); // the largest narrow row
    k.set(5, 7);
    CHECK(k[0] == 0);
    CHECK(k[1] == RowKeys::kNone);
    CHECK(k[2] == 65534);
    CHECK(k[5] == 7);
    CHECK_FALSE(k.wide());
    CHECK(k.visit([](auto keys) { return sizeof(keys[0]); }) == 2);
    CHECK(k.visit([](auto keys) { return uint64_t(keys[1]); }) == UINT16_MAX);
    k.set(3, 65535); // does not fit: the column widens, earlier rows and nones keep their values
    CHECK(k.wide());
    k.set(4, 1000000);
    const std::vector<uint32_t> expected { 0, RowKeys::kNone, 65534, 65535, 1000000, 7 };
    std::vector<uint32_t> read, visited;
    for (size_t i = 0; i < k.size(); ++i)
        read.push_back(k[i]);
    CHECK(read == expected);
    k.visit([&](auto keys) {
        for (auto v : keys)
            visited.push_back(uint32_t(v));
    });
    CHECK(visited == expected);
    CHECK(k.visit([](auto keys) { return sizeof(keys[0]); }) == 4);
    k.clear();
    CHECK(k.size() == 0);
    k.assignNone(2); // a new column starts narrow again
    CHECK_FALSE(k.wide());
    CHECK(k[1] == RowKeys::kNone);
}

TEST_CASE("the Summary with more than 65,535 rows: keys, members and class retained sizes", "[heap][graphs]")
{
    // global(1) holds, for k < 70,000, P_k(10) -> Q_k(7), both of class "C<k>", so 70,001 rows and the Summary's
    // row keys must widen past 16 bits partway through the node loop. Per class C<k>: count 2, shallow 17, retained
    // 17 (Q_k is inside P_k's dominator subtree, so it is not counted again: DevTools' maxRet), members P_k (17)
    // then Q_k (7); global: retained 1 + 70,000 * 17.
    constexpr uint32_t kClasses = 70000;
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 1);
    b.edge(root, "shortcut", "global", g);
    std::vector<uint32_t> p(kClasses), q(kClasses);
    for (uint32_t k = 0; k < kClasses; ++k) {
        const std::string name = "C" + std::to_string(k);
        p[k] = b.node("object", name, 5 + 4 * k, 10);
        q[k] = b.node("object", name, 7 + 4 * k, 7);
        b.edge(g, "property", "p" + std::to_string(k), p[k]);
        b.edge(p[k], "property", "q", q[k]);
    }
    auto h = testutil::analyzeBuilt(b);
    for (const std::vector<ClassAggregate>& rows : { h->summary, buildSummary(*h, h->classes) }) {
        REQUIRE(rows.size() == kClasses + 1);
        uint32_t checked = 0;
        for (const ClassAggregate& r : rows) {
            if (r.name == "global") {
                CHECK(r.retained == 1 + uint64_t(kClasses) * 17);
                CHECK(r.nodes == std::vector<uint32_t> { g });
                continue;
            }
            REQUIRE(r.name.size() > 1);
            const uint32_t k = uint32_t(std::stoul(r.name.substr(1)));
            REQUIRE(k < kClasses);
            const bool ok = r.count == 2 && r.shallow == 17 && r.retained == 17
                && r.nodes == std::vector<uint32_t> { p[k], q[k] };
            if (!ok) {
                FAIL_CHECK("row " << r.name << ": count " << r.count << ", shallow " << r.shallow << ", retained "
                                  << r.retained);
                break;
            }
            ++checked;
        }
        CHECK(checked == kClasses);
    }
}

TEST_CASE("dominators equal the definition's on random graphs with weak-only orphans", "[heap][graphs]")
{
    // The Lengauer-Tarjan step keeps a bucket's head in the dominator entry of its semidominator when every vertex
    // was numbered by a DFS (the root's and the weak-only orphans'). Checked against the definition on the graph
    // the dominators are defined on (the essential edges plus root -> each orphan): d dominates v when v is not
    // reached from the root with d removed; the immediate dominator is the strict dominator that all others
    // dominate. Graphs with cliques outside every DFS keep a separate array (the orphan clique test above).
    std::mt19937 rng(20261204);
    int checked = 0, withOrphans = 0;
    for (int graph = 0; graph < 300; ++graph) {
        const uint32_t n = 3 + rng() % 28;
        SnapshotBuilder b;
        const auto root = b.node("synthetic", "", 1, 0);
        for (uint32_t i = 1; i < n; ++i)
            b.node("object", "O" + std::to_string(i % 5), 2 * i + 1, 1 + rng() % 50);
        b.edge(root, "shortcut", "global", 1);
        for (uint32_t from = 1; from < n; ++from) {
            const uint32_t edges = rng() % 4;
            for (uint32_t k = 0; k < edges; ++k)
                b.edge(from, rng() % 5 == 0 ? "weak" : "property", "p" + std::to_string(k), 1 + rng() % (n - 1));
        }
        auto h = testutil::analyzeBuilt(b);
        if (h->stillUnreachable != 0)
            continue;
        ++checked;
        withOrphans += h->unreachableFromRoot != 0;
        // The dominators' graph: essential retainer slots, plus the root to every other node without one.
        const Retainers& r = h->retainers;
        std::vector<std::vector<uint32_t>> succ(n);
        for (uint32_t t = 0; t < n; ++t) {
            bool essential = false;
            for (uint32_t k = r.firstRetainer[t]; k < r.firstRetainer[t + 1]; ++k)
                if (r.essential.get(k)) {
                    succ[r.retainerNode[k]].push_back(t);
                    essential = true;
                }
            if (!essential && t != root)
                succ[root].push_back(t);
        }
        auto reachedWithout = [&](uint32_t removed) {
            std::vector<char> seen(n, 0);
            std::vector<uint32_t> stack;
            if (removed != root) {
                seen[root] = 1;
                stack.push_back(root);
            }
            while (!stack.empty()) {
                const uint32_t v = stack.back();
                stack.pop_back();
                for (uint32_t w : succ[v])
                    if (w != removed && !seen[w]) {
                        seen[w] = 1;
                        stack.push_back(w);
                    }
            }
            return seen;
        };
        std::vector<std::vector<char>> dominates(n); // dominates[d][v]
        for (uint32_t d = 0; d < n; ++d) {
            const auto seen = reachedWithout(d);
            dominates[d].assign(n, 0);
            for (uint32_t v = 0; v < n; ++v)
                dominates[d][v] = v == d || !seen[v];
        }
        for (uint32_t v = 0; v < n; ++v) {
            if (v == root) {
                CHECK(h->dominator[v] == root);
                continue;
            }
            uint32_t idom = kNoNode;
            for (uint32_t d = 0; d < n; ++d) {
                if (d == v || !dominates[d][v])
                    continue;
                bool dominatedByOthers = true; // every other strict dominator of v dominates d
                for (uint32_t e = 0; e < n && dominatedByOthers; ++e)
                    if (e != v && e != d && dominates[e][v] && !dominates[e][d])
                        dominatedByOthers = false;
                if (dominatedByOthers)
                    idom = d;
            }
            INFO("graph " << graph << ", node " << v);
            CHECK(h->dominator[v] == idom);
        }
    }
    CHECK(checked > 100);
    CHECK(withOrphans > 20);
}
