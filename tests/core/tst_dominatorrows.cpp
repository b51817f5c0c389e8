// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The dominator tree as a tree model sees it: children sorted once in core (retained size descending, id
// ascending) and rowInParent, so index -> ordinal -> parent/row needs no sorting or allocation.
#include "snapshotbuilder.h"
#include "testutil.h"

#include <catch2/catch.hpp>
#include <heap/heapanalysis.h>
#include <heap/heaploader.h>

using namespace v8scope;
using testutil::SnapshotBuilder;

namespace {

/// Every node's children are in order and each child's rowInParent / dominatorParent lead back to it.
void checkRowsConsistent(const HeapAnalysis& h)
{
    const auto& ids = h.snapshot->nodeId;
    uint64_t children = 0;
    for (uint32_t n = 0; n < h.nodeCount(); ++n) {
        const uint32_t count = h.dominatedCount(n);
        children += count;
        for (uint32_t row = 0; row < count; ++row) {
            const uint32_t c = h.dominatedChild(n, row);
            REQUIRE(h.dominatorParent(c) == n);
            REQUIRE(h.rowInParent(c) == row);
            if (row > 0) {
                const uint32_t prev = h.dominatedChild(n, row - 1);
                const bool ordered = h.retainedSize[prev] > h.retainedSize[c]
                    || (h.retainedSize[prev] == h.retainedSize[c] && ids[prev] < ids[c]);
                REQUIRE(ordered);
            }
        }
    }
    CHECK(h.dominatorParent(h.root()) == kNoNode);
    CHECK(h.rowInParent(h.root()) == 0);
    CHECK(children == uint64_t(h.nodeCount()) - 1); // every node but the root is somebody's child
}

} // namespace

TEST_CASE("dominated children are sorted by retained size, ties by id, with their rows", "[heap][graphs]")
{
    // root -shortcut-> G(10); G -p-> P(5), G -q-> Q(50), G -r-> R(5) -> S(20), G -t-> T(25).
    // Each of P, Q, R, T has one retainer (G), S one (R): all are dominated by their only retainer.
    // Retained: P 5, Q 50, R 5 + 20 = 25, S 20, T 25, G 10 + 5 + 50 + 25 + 25 = 115.
    // G's children by retained desc, id asc: Q(50, id 9), R(25, id 11), T(25, id 15), P(5, id 7).
    // R and T tie on 25 bytes: R's id 11 < T's 15 puts R first even though T was added later with a bigger id.
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto g = b.node("object", "global", 3, 10);
    const auto t = b.node("object", "T", 15, 25);
    const auto p = b.node("object", "P", 7, 5);
    const auto q = b.node("object", "Q", 9, 50);
    const auto r = b.node("object", "R", 11, 5);
    const auto s = b.node("object", "S", 13, 20);
    b.edge(root, "shortcut", "global", g);
    b.edge(g, "property", "t", t);
    b.edge(g, "property", "p", p);
    b.edge(g, "property", "q", q);
    b.edge(g, "property", "r", r);
    b.edge(r, "property", "s", s);
    auto h = testutil::analyzeBuilt(b);
    REQUIRE(h->retainedSize[g] == 115);
    REQUIRE(h->dominatedCount(g) == 4);
    CHECK(h->dominatedChild(g, 0) == q);
    CHECK(h->dominatedChild(g, 1) == r);
    CHECK(h->dominatedChild(g, 2) == t);
    CHECK(h->dominatedChild(g, 3) == p);
    CHECK(h->rowInParent(q) == 0);
    CHECK(h->rowInParent(r) == 1);
    CHECK(h->rowInParent(t) == 2);
    CHECK(h->rowInParent(p) == 3);
    CHECK(h->dominatedCount(r) == 1);
    CHECK(h->dominatedChild(r, 0) == s);
    CHECK(h->rowInParent(s) == 0);
    CHECK(h->dominatorParent(s) == r);
    CHECK(h->dominatorParent(g) == root);
    CHECK(h->dominatorParent(root) == kNoNode);
    CHECK(h->nodeForId(4) == kNoNode);
    checkRowsConsistent(*h);
}

TEST_CASE("dominated children rows are consistent on every real sample", "[heap][samples]")
{
    for (const char* name : { "leak_s3", "control_a", "shapes", "chromium_detached_dom_1" }) {
        INFO(name);
        auto loaded = loadHeap(testutil::samplePath(std::string("heap/") + name + ".heapsnapshot.gz"), {}, {});
        REQUIRE(loaded.ok());
        checkRowsConsistent(*loaded.value().analysis);
    }
}
