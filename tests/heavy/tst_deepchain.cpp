// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Graphs that would overflow any recursion: a chain of 10 million objects (root -> (GC roots) -> o1 -> o2 -> ...),
// built in memory. Every step of the analysis (DOM state, flags, dominators, retained sizes, distances, class names,
// summary) must walk it iteratively. Labelled "heavy" in ctest (about 1.5 GB and a few seconds in a normal
// build); the sanitizer run in CI leaves it out.
#include "hostilegraph.h"

#include <catch2/catch.hpp>
#include <heap/heapanalysis.h>
#include <heap/retainingpaths.h>
#include <heap/summary.h>

using namespace v8scope;

TEST_CASE("a 10-million-node chain: dominators, retained sizes and distances without recursion", "[heavy]")
{
    constexpr uint32_t kChain = 10'000'000;
    auto snap = testutil::emptyV8Snapshot();
    HeapSnapshot& s = *snap;
    const uint32_t emptyName = s.strings.add("");
    const uint32_t gcRoots = s.strings.add("(GC roots)");
    const uint32_t link = s.strings.add("next");
    const uint32_t cls = s.strings.add("Link");
    const size_t nodes = size_t(kChain) + 2;
    for (auto* v : { &s.nodeName, &s.nodeId })
        v->reserve(nodes);
    s.nodeSelfSize.reserve(nodes);
    s.edgeWords.reserve(nodes);
    s.edgeNameOrIndex.reserve(nodes);
    // root (0) -> (GC roots) (1) -> o_1 (2) -> ... -> o_10M (10M + 1); every object is 16 bytes.
    testutil::addNode(s, s.nodeTypes.synthetic, emptyName, 1, 0);
    testutil::addEdge(s, s.edgeTypes.element, 1, 1);
    testutil::addNode(s, s.nodeTypes.synthetic, gcRoots, 3, 0);
    testutil::addEdge(s, s.edgeTypes.element, 1, 2);
    for (uint32_t i = 0; i < kChain; ++i) {
        testutil::addNode(s, s.nodeTypes.object, cls, 5 + 2 * i, 16);
        if (i + 1 < kChain)
            testutil::addEdge(s, s.edgeTypes.property, link, i + 3);
    }
    testutil::finishSnapshot(s);
    REQUIRE(s.nodeCount == nodes);

    auto result = HeapAnalysis::analyze(snap);
    REQUIRE(result.ok());
    const HeapAnalysis& a = *result.value();
    // Each object dominates the rest of the chain: o_i retains 16 * (10M - i + 1) bytes.
    CHECK(a.retainedSize[0] == uint64_t(16) * kChain);
    CHECK(a.retainedSize[2] == uint64_t(16) * kChain);
    CHECK(a.retainedSize[nodes - 1] == 16);
    CHECK(a.retainedSize[nodes / 2] == uint64_t(16) * (nodes - nodes / 2));
    CHECK(a.dominator[nodes - 1] == nodes - 2);
    CHECK(a.dominator[2] == 1);
    // Distances through (GC roots) count from the system base; the chain adds one per link.
    CHECK(a.distance[nodes - 1] - a.distance[2] == int32_t(kChain - 1));
    const auto rows = buildSummary(a, a.classes);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].name == "Link");
    CHECK(rows[0].count == kChain);
    CHECK(rows[0].shallow == uint64_t(16) * kChain);
    CHECK(rows[0].retained == uint64_t(16) * kChain); // nested members are not counted twice
    RetainingPathOptions options;
    options.maxDepth = 100;
    CHECK(findRetainingPaths(a, nodes - 1, options).empty()); // 10M edges away: beyond the depth bound
}
