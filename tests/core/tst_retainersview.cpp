// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The Retainers view with "Ignore this retainer" (RetainersView): hand-built graphs with the distances derived in
// comments, then every node of the samples against DevTools' own worker code (references made by
// sample_profiles/scripts/make_retainers_ignore_reference.sh, which calls ignoreNodeInRetainersView /
// unignoreNodeInRetainersView and reads getDistanceForRetainersView and isEdgeIgnoredInRetainersView).
#include "snapshotbuilder.h"
#include "testutil.h"

#include <catch2/catch.hpp>
#include <heap/heapanalysis.h>
#include <heap/retainersview.h>
#include <heap/retainingpaths.h>
#include <heap/snapshotreader.h>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <sstream>

using namespace v8scope;
using testutil::SnapshotBuilder;

namespace {
constexpr int32_t kUnreachable = RetainersView::kBaseUnreachableDistance;

/// The WeakMap graph of tst_heapgraphs.cpp: G(global) -wm-> WM -table-> T; G -k-> K; K and T both hold V through
/// the two halves of one ephemeron pair. Ordinary distances: G 1, WM 2, K 2, T 3, V 4.
struct WeakMapGraph
{
    SnapshotBuilder b;
    uint32_t root, g, wm, t, k, v;
    uint32_t keyEdge = 4, tableEdge = 5; ///< edge ordinals K->V and T->V (edges in node order)
    WeakMapGraph()
    {
        root = b.node("synthetic", "", 1, 0);
        g = b.node("object", "global", 3, 10);
        wm = b.node("object", "WeakMap", 5, 20);
        t = b.node("array", "", 7, 30);
        k = b.node("object", "Key", 9, 40);
        v = b.node("object", "Value", 11, 50);
        b.edge(root, "shortcut", "global", g); // edge 0
        b.edge(g, "property", "wm", wm); // 1
        b.edge(g, "property", "k", k); // 2
        b.edge(wm, "internal", "table", t); // 3
        const std::string pair = " / part of key (Key @9) -> value (Value @11) pair in WeakMap (table @7)";
        b.edge(t, "internal", "2" + pair, v); // 4 (T comes before K in node order)
        b.edge(k, "internal", "1" + pair, v); // 5
        keyEdge = 5;
        tableEdge = 4;
    }
};
} // namespace

TEST_CASE("nothing ignored: the ordinary distances, unreached ones sorted last", "[heap][retainersview]")
{
    WeakMapGraph w;
    // An orphan O (no edge leads to it): ordinary distance -5, shown as baseUnreachableDistance + max(0, -5).
    const auto o = w.b.node("object", "Orphan", 13, 5);
    auto a = testutil::analyzeBuilt(w.b);
    auto view = RetainersView::compute(a, {});
    REQUIRE(view);
    CHECK_FALSE(view->hasIgnoredNodes());
    CHECK(view->ignoredEdges().empty());
    CHECK(view->distance(w.v) == 4);
    CHECK(view->distance(w.t) == 3);
    CHECK(view->distance(o) == kUnreachable);
    CHECK(view->bfsDistance(o) == HeapAnalysis::kNoDistance);
    CHECK_FALSE(RetainersView::isReachable(view->distance(o)));
}

TEST_CASE("ignoring a WeakMap key: the value becomes unreachable and both halves of its pair are ignored",
    "[heap][retainersview]")
{
    // K ignored: G 1; WM 2 (K is never entered); T 3. T->V is the first half of the pair the BFS meets, so the filter
    // skips it, and the second half (from K) never comes: V is unreached. Unreachable nodes: K and V. K's WeakMap
    // edge gives (V, pair): every edge into V with that pair name is ignored, T->V as well as K->V.
    // Shown distances: K 2 + 2e8, V 4 + 2e8 (their ordinary distances plus baseUnreachableDistance); the row
    // "T->V" sorts as exactly 2e8.
    WeakMapGraph w;
    auto a = testutil::analyzeBuilt(w.b);
    auto view = RetainersView::compute(a, { w.k });
    REQUIRE(view);
    CHECK(view->isIgnored(w.k));
    CHECK_FALSE(view->isIgnored(w.t));
    CHECK(view->distance(w.g) == 1);
    CHECK(view->distance(w.wm) == 2);
    CHECK(view->distance(w.t) == 3);
    CHECK(view->distance(w.k) == 2 + kUnreachable);
    CHECK(view->distance(w.v) == 4 + kUnreachable);
    CHECK(view->ignoredEdges() == std::vector<uint32_t> { w.tableEdge, w.keyEdge });
    CHECK(view->retainerDistance(w.tableEdge, w.t) == kUnreachable);
    CHECK(view->retainerDistance(1, w.g) == 1);
    // The ordinary distances are untouched.
    CHECK(a->distance[w.v] == 4);
}

TEST_CASE("ignoring the WeakMap table: the key's half alone does not reach the value", "[heap][retainersview]")
{
    // T ignored: G 1; WM 2, K 2. WM -> T is dropped; K->V is now the first half met and is skipped: V unreached.
    // Unreachable: T (3 + 2e8) and V (4 + 2e8); T's WeakMap edge ignores both halves again.
    WeakMapGraph w;
    auto a = testutil::analyzeBuilt(w.b);
    auto view = RetainersView::compute(a, { w.t, w.t, 999 }); // duplicates and unknown ordinals are dropped
    REQUIRE(view);
    CHECK(view->ignoredNodes() == std::vector<uint32_t> { w.t });
    CHECK(view->distance(w.k) == 2);
    CHECK(view->distance(w.t) == 3 + kUnreachable);
    CHECK(view->distance(w.v) == 4 + kUnreachable);
    CHECK(view->ignoredEdges() == std::vector<uint32_t> { w.tableEdge, w.keyEdge });
}

TEST_CASE(
    "an ignored user root keeps distance 1 (DevTools seeds the roots before filtering edges)", "[heap][retainersview]")
{
    WeakMapGraph w;
    auto a = testutil::analyzeBuilt(w.b);
    auto view = RetainersView::compute(a, { w.g });
    REQUIRE(view);
    CHECK(view->isIgnored(w.g));
    CHECK(view->distance(w.g) == 1);
    CHECK(view->distance(w.v) == 4);
    CHECK(view->ignoredEdges().empty());
}

TEST_CASE("a second path: ignoring the nearer retainer moves the object to the longer path", "[heap][retainersview]")
{
    // G -a-> A -x-> X and G -b-> B -c-> C -x-> X. Ordinary X = 3 through A. A ignored: X = 4 through B, C; the
    // retaining path follows the view and avoids A. A itself: unreached, 2 + 2e8. Cancel gives no view.
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 1);
    const auto an = b.node("object", "A", 5, 1);
    const auto bn = b.node("object", "B", 7, 1);
    const auto cn = b.node("object", "C", 9, 1);
    const auto x = b.node("object", "X", 11, 1);
    b.edge(root, "shortcut", "global", g);
    b.edge(g, "property", "a", an);
    b.edge(g, "property", "b", bn);
    b.edge(an, "property", "x", x);
    b.edge(bn, "property", "c", cn);
    b.edge(cn, "property", "x", x);
    auto a = testutil::analyzeBuilt(b);
    REQUIRE(a->distance[x] == 3);
    auto view = RetainersView::compute(a, { an });
    REQUIRE(view);
    CHECK(view->distance(x) == 4);
    CHECK(view->distance(an) == 2 + kUnreachable);
    RetainingPathOptions opts;
    opts.view = view.get();
    const auto paths = findRetainingPaths(*a, x, opts);
    REQUIRE(paths.size() == 1);
    CHECK(paths[0].nodes == std::vector<uint32_t> { g, bn, cn, x });
    const auto plain = findRetainingPaths(*a, x);
    REQUIRE(plain.size() == 1); // C (3) is no nearer to a root than X (3): only A leads on
    CHECK(plain[0].nodes == std::vector<uint32_t> { g, an, x });
    // Ignoring both A and B leaves no path.
    auto both = RetainersView::compute(a, { an, bn });
    opts.view = both.get();
    CHECK(findRetainingPaths(*a, x, opts).empty());
    CHECK(both->distance(x) == 3 + kUnreachable);

    CancelToken cancel;
    cancel.cancel();
    TaskControl control;
    control.cancel = &cancel;
    CHECK(RetainersView::compute(a, { an }, control) == nullptr);
}

TEST_CASE("every node's Retainers-view distance and every ignored edge equal DevTools'", "[heap][retainersview]")
{
    const std::string dir = testutil::samplePath("reference/retainers_ignore/");
    auto cases = testutil::splitLines(testutil::readText(dir + "cases.tsv"));
    REQUIRE(cases.size() >= 2);
    REQUIRE(cases[0] == "case\tsample\tignore\tunignore");
    cases.erase(cases.begin());
    std::map<std::string, std::shared_ptr<const HeapAnalysis>> loaded;
    auto ids = [](const std::string& list) {
        std::vector<uint32_t> out;
        std::stringstream in(list);
        for (std::string id; std::getline(in, id, ',');)
            if (id != "-" && id != "all")
                out.push_back(uint32_t(std::stoul(id)));
        return out;
    };
    size_t ignoredEdgesSeen = 0;
    for (const std::string& line : cases) {
        std::stringstream in(line);
        std::string name, sample, ignore, unignore;
        std::getline(in, name, '\t');
        std::getline(in, sample, '\t');
        std::getline(in, ignore, '\t');
        std::getline(in, unignore, '\t');
        INFO(name);
        auto& a = loaded[sample];
        if (!a) {
            auto snap = SnapshotReader::read(testutil::samplePath("heap/" + sample + ".heapsnapshot.gz"));
            REQUIRE(snap);
            auto analysis = HeapAnalysis::analyze(snap.value());
            REQUIRE(analysis);
            a = analysis.value();
        }
        // What DevTools ignores after the calls: the ignored ids minus the unignored ones (none after "all").
        std::vector<uint32_t> nodes;
        const auto removed = ids(unignore);
        if (unignore != "all")
            for (const uint32_t id : ids(ignore))
                if (std::find(removed.begin(), removed.end(), id) == removed.end()) {
                    const uint32_t n = a->nodeForId(id);
                    REQUIRE(n != kNoNode);
                    nodes.push_back(n);
                }
        auto view = RetainersView::compute(a, nodes);
        REQUIRE(view);
        CHECK(view->hasIgnoredNodes() == !nodes.empty());
        const HeapSnapshot& s = *a->snapshot;

        const auto ref = testutil::splitLines(testutil::readText(dir + name + ".nodes.tsv.gz"));
        REQUIRE(ref.size() == size_t(s.nodeCount) + 1);
        REQUIRE(ref[0] == "id\tdistance");
        size_t mismatches = 0, unreachable = 0, changed = 0;
        std::string firstMismatches;
        for (uint32_t i = 0; i < s.nodeCount; ++i) {
            const int32_t d = view->distance(i);
            unreachable += !RetainersView::isReachable(d);
            changed += d != a->distance[i];
            const std::string ours = fmt::format("{}\t{}", s.nodeId[i], d);
            if (ours != ref[i + 1] && ++mismatches <= 5)
                firstMismatches += "\n  ours:     " + ours + "\n  devtools: " + ref[i + 1];
        }
        INFO(firstMismatches);
        CHECK(mismatches == 0);
        // Each ignoring case changes something (else it would prove little) and leaves some node unreachable; with
        // nothing left ignored the only change is DevTools' sort value of nodes unreached anyway.
        if (nodes.empty()) {
            CHECK(changed == unreachable);
        } else {
            CHECK(changed > 0);
            CHECK(unreachable > 0);
        }

        const auto edgeRef = testutil::splitLines(testutil::readText(dir + name + ".edges.tsv"));
        REQUIRE(!edgeRef.empty());
        std::vector<std::string> ours { "edge\tfrom_id\tto_id\tname" };
        for (const uint32_t e : view->ignoredEdges()) {
            const uint32_t from
                = uint32_t(std::upper_bound(s.firstEdge.begin(), s.firstEdge.end(), e) - s.firstEdge.begin() - 1);
            ours.push_back(fmt::format("{}\t{}\t{}\t{}", e, s.nodeId[from], s.nodeId[s.edgeTarget[e]], s.edgeName(e)));
        }
        CHECK(ours == edgeRef);
        ignoredEdgesSeen += ours.size() - 1;
    }
    CHECK(ignoredEdgesSeen > 0); // the WeakMap rule was exercised
}

TEST_CASE("retaining paths through the view avoid ignored nodes and edges on the samples", "[heap][retainersview]")
{
    // leak_s3: Session @108097 is held through Map @75559 (sessionCache). With it ignored DevTools shows the Session
    // unreachable, so there is no path; with the Context @6163 above it ignored instead, paths avoid that Context.
    auto snap = SnapshotReader::read(testutil::samplePath("heap/leak_s3.heapsnapshot.gz"));
    REQUIRE(snap);
    auto analysis = HeapAnalysis::analyze(snap.value());
    REQUIRE(analysis);
    auto a = analysis.value();
    const uint32_t session = a->nodeForId(108097), map = a->nodeForId(75559), context = a->nodeForId(6163);
    REQUIRE(session != kNoNode);
    RetainingPathOptions opts;
    opts.maxPaths = 3;
    opts.distinctRetainers = true;
    auto mapView = RetainersView::compute(a, { map });
    opts.view = mapView.get();
    CHECK(findRetainingPaths(*a, session, opts).empty());
    CHECK_FALSE(RetainersView::isReachable(mapView->distance(session)));

    auto contextView = RetainersView::compute(a, { context });
    opts.view = contextView.get();
    const auto paths = findRetainingPaths(*a, session, opts);
    for (const RetainingPath& p : paths) {
        for (const uint32_t n : p.nodes)
            CHECK_FALSE(contextView->isIgnored(n));
        for (size_t i = 0; i + 1 < p.nodes.size(); ++i)
            CHECK(contextView->bfsDistance(p.nodes[i]) < contextView->bfsDistance(p.nodes[i + 1]));
        CHECK(p.nodes.back() == session);
    }
    if (RetainersView::isReachable(contextView->distance(session)))
        CHECK(!paths.empty());
    else
        CHECK(paths.empty());
}
