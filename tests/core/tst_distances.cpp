// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The distances' data structures: DistanceColumn (16-bit codes with an exact overflow table) and the BFS's
// ChunkedQueue, and computeDistances on graphs whose BFS crosses many (shrunk) queue chunks, against a plain
// transcription of DevTools' calculateDistances (one array as the queue, as before the chunked queue).
#include "hostilegraph.h"

#include <catch2/catch.hpp>
#include <heap/heapanalysis.h>
#include <heap/heapsteps.h>
#include <heap/weakmapedge.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <random>
#include <set>
#include <string>
#include <unistd.h>
#include <unordered_set>
#include <vector>

using namespace v8scope;

namespace {

constexpr int32_t kBase = DistanceColumn::kBaseSystemDistance;

/// Every value class of the column: the inline ranges' ends, the two reserved meanings, and overflow on both
/// sides of each range.
const std::vector<int32_t> kValues { DistanceColumn::kNoDistance, 0, 1, 2, 32766, 32767, 32768, 32769, 65535, 65536,
    1000000, kBase - 1, kBase, kBase + 1, kBase + 32765, kBase + 32766, kBase + 32767, kBase + 40000, -1, -4, -6,
    INT32_MIN, INT32_MAX, 2 * kBase };

bool inline16(int32_t v)
{
    return DistanceColumn::encode(v) != DistanceColumn::kOverflowCode;
}

/// DevTools' calculateDistances (HeapSnapshot.bfs with JSHeapSnapshot's WeakMap filter; the graphs here have no
/// NativeContext or map descriptors), with a plain array as the queue.
std::vector<int32_t> referenceDistances(const HeapSnapshot& s, const std::vector<bool>* ignored = nullptr)
{
    std::vector<int32_t> dist(s.nodeCount, DistanceColumn::kNoDistance);
    std::vector<uint32_t> queue;
    std::unordered_set<std::string> pending;
    auto bfs = [&](size_t head) {
        for (; head < queue.size(); ++head) {
            const uint32_t node = queue[head];
            for (uint32_t e = s.firstEdge[node]; e < s.firstEdge[node + 1]; ++e) {
                if (s.edgeType[e] == s.edgeTypes.weak)
                    continue;
                const uint32_t child = s.edgeTarget[e];
                if (dist[child] != DistanceColumn::kNoDistance)
                    continue;
                if (ignored && (*ignored)[child])
                    continue;
                if (s.edgeType[e] == s.edgeTypes.internal) {
                    if (const auto w = parseWeakMapEdgeName(s.strings.get(s.edgeNameOrIndex[e]))) {
                        const std::string part(w->duplicatedPart);
                        if (!pending.count(part)) {
                            pending.insert(part);
                            continue;
                        }
                        pending.erase(part);
                    }
                }
                dist[child] = dist[node] + 1;
                queue.push_back(child);
            }
        }
    };
    const uint32_t root = s.rootOrdinal;
    for (uint32_t e = s.firstEdge[root]; e < s.firstEdge[root + 1]; ++e) {
        const uint32_t child = s.edgeTarget[e];
        if (heapsteps::isUserRoot(s, child)) {
            dist[child] = 1;
            queue.push_back(child);
        }
    }
    const bool anyUserRoot = !queue.empty();
    bfs(0);
    dist[root] = anyUserRoot ? kBase : 0;
    queue.assign(1, root);
    bfs(0);
    return dist;
}

struct Graph
{
    std::shared_ptr<HeapSnapshot> snap;
    uint32_t userChainEnd = 0, systemChainEnd = 0;
};

/// root -> (GC roots) (synthetic: system) and -> two user roots; the first user root starts a chain of
/// `chain` objects, (GC roots) another one (system distances past the inline range); plus `random` objects, reached
/// from the second user root and now and then from the chains, with random property, weak and WeakMap-pair internal
/// edges among them (never into the chains, whose distances the test knows).
Graph makeGraph(uint32_t chain, uint32_t random, uint32_t seed)
{
    Graph g;
    g.snap = testutil::emptyV8Snapshot();
    HeapSnapshot& s = *g.snap;
    const uint32_t empty = s.strings.add("");
    const uint32_t gcRoots = s.strings.add("(GC roots)");
    const uint32_t cls = s.strings.add("Obj");
    const uint32_t prop = s.strings.add("p");
    std::vector<uint32_t> pairNames;
    for (int k = 0; k < 40; ++k)
        pairNames.push_back(s.strings.add(std::to_string(k % 2 + 1) + " / part of key (Key @" + std::to_string(k / 2)
            + ") -> value (Value @11) pair in WeakMap (table @7)"));
    // Ordinals: 0 root, 1 (GC roots), 2 and 3 user roots, then the user chain, the system chain, the random nodes.
    const uint32_t userChain = 4, systemChain = userChain + chain, randomFirst = systemChain + chain;
    const uint32_t n = randomFirst + random;
    std::mt19937 rng(seed);
    auto pick
        = [&](uint32_t lo, uint32_t hi) { return uint32_t(std::uniform_int_distribution<uint32_t>(lo, hi)(rng)); };
    uint32_t id = 1;
    testutil::addNode(s, s.nodeTypes.synthetic, empty, id++, 0);
    testutil::addEdge(s, s.edgeTypes.element, 1, 1);
    testutil::addEdge(s, s.edgeTypes.shortcut, prop, 2);
    testutil::addEdge(s, s.edgeTypes.shortcut, prop, 3);
    testutil::addNode(s, s.nodeTypes.synthetic, gcRoots, id++, 0); // 1
    testutil::addEdge(s, s.edgeTypes.element, 1, systemChain);
    testutil::addNode(s, s.nodeTypes.object, cls, id++, 8); // 2
    testutil::addEdge(s, s.edgeTypes.property, prop, userChain);
    testutil::addNode(s, s.nodeTypes.object, cls, id++, 8); // 3
    if (random)
        testutil::addEdge(s, s.edgeTypes.property, prop, randomFirst);
    for (uint32_t i = userChain; i < n; ++i) {
        testutil::addNode(s, s.nodeTypes.object, cls, id++, 8);
        const bool lastOfChain = i + 1 == systemChain || i + 1 == randomFirst;
        if (i < randomFirst && !lastOfChain)
            testutil::addEdge(s, s.edgeTypes.property, prop, i + 1);
        // Random edges: from chain nodes now and then, from random nodes always (1-4 of them).
        const uint32_t edges = i >= randomFirst ? pick(1, 4) : (random && pick(0, 50) == 0 ? 1 : 0);
        for (uint32_t k = 0; k < edges && random; ++k) {
            const uint32_t target = pick(randomFirst, n - 1);
            const uint32_t kind = pick(0, 9);
            if (kind == 0)
                testutil::addEdge(s, s.edgeTypes.weak, prop, target);
            else if (kind <= 2)
                testutil::addEdge(s, s.edgeTypes.internal, pairNames[pick(0, uint32_t(pairNames.size() - 1))], target);
            else
                testutil::addEdge(s, s.edgeTypes.property, prop, target);
        }
    }
    testutil::finishSnapshot(s);
    s.rootOrdinal = 0;
    g.userChainEnd = systemChain - 1;
    g.systemChainEnd = randomFirst - 1;
    return g;
}

std::vector<int32_t> computed(
    const HeapSnapshot& s, unsigned shift, const BitVector* ignored = nullptr, DistanceColumn* out = nullptr)
{
    heapsteps::WeakMapEdgeCache weakMaps(s);
    DistanceColumn d;
    heapsteps::computeDistances(s, weakMaps, ignored, d, {}, shift);
    REQUIRE(d.size() == s.nodeCount);
    REQUIRE(d.consistent());
    if (out)
        *out = d;
    return d.toVector();
}

} // namespace

TEST_CASE("DistanceColumn: codes, the inline ranges' boundaries and the reserved codes", "[core][distances]")
{
    using C = DistanceColumn;
    CHECK(C::encode(C::kNoDistance) == C::kNoDistanceCode);
    CHECK(C::encode(0) == 0);
    CHECK(C::encode(1) == 1);
    CHECK(C::encode(32767) == 0x7FFF);
    CHECK(C::encode(32768) == C::kOverflowCode);
    CHECK(C::encode(kBase) == 0x8000);
    CHECK(C::encode(kBase + 1) == 0x8001);
    CHECK(C::encode(kBase + 32765) == 0xFFFD);
    CHECK(C::encode(kBase + 32766) == C::kOverflowCode);
    CHECK(C::encode(kBase - 1) == C::kOverflowCode);
    CHECK(C::encode(-1) == C::kOverflowCode);
    CHECK(C::encode(-6) == C::kOverflowCode);
    CHECK(C::encode(INT32_MIN) == C::kOverflowCode);
    CHECK(C::encode(INT32_MAX) == C::kOverflowCode);
    // No two values share an inline code.
    std::set<uint16_t> codes;
    size_t inlined = 0;
    for (const int32_t v : kValues)
        if (inline16(v)) {
            codes.insert(C::encode(v));
            ++inlined;
        }
    CHECK(codes.size() == inlined);
    CHECK(inlined == 9); // -5, 0, 1, 2, 32766, 32767, base, base + 1, base + 32765
}

TEST_CASE(
    "DistanceColumn: every value reads back exactly, overflow ones through the sorted side table", "[core][distances]")
{
    DistanceColumn c;
    CHECK(c.empty());
    CHECK(c.consistent());
    const size_t n = kValues.size() * 3;
    c.assignNoDistance(n);
    CHECK(c.size() == n);
    for (size_t i = 0; i < n; ++i)
        CHECK(c[i] == DistanceColumn::kNoDistance);
    // Written in a scrambled order (as the BFS does), every third node left unreached.
    std::vector<size_t> order;
    for (size_t i = 0; i < n; i += 3)
        order.push_back(i), order.push_back(i + 1);
    std::shuffle(order.begin(), order.end(), std::mt19937(7));
    std::vector<int32_t> expected(n, DistanceColumn::kNoDistance);
    for (const size_t i : order) {
        expected[i] = kValues[(i * 7) % kValues.size()];
        c.setOnce(i, expected[i]);
    }
    c.finishWrites();
    REQUIRE(c.consistent());
    for (size_t i = 0; i < n; ++i)
        CHECK(c[i] == expected[i]);
    CHECK(c.toVector() == expected);
    size_t overflowing = 0;
    for (const int32_t v : expected)
        overflowing += !inline16(v);
    CHECK(c.overflow().size() == overflowing);
    CHECK(std::is_sorted(c.overflow().entries().begin(), c.overflow().entries().end(),
        [](const DistanceColumn::Overflow& a, const DistanceColumn::Overflow& b) { return a.index < b.index; }));
    CHECK(c.codes().size() * sizeof(uint16_t) == n * 2);

    SECTION("set() overwrites inline and overflow values alike")
    {
        size_t over = n, inl = n, none = n;
        for (size_t i = 0; i < n; ++i) {
            if (expected[i] == DistanceColumn::kNoDistance)
                none = std::min(none, i);
            else if (inline16(expected[i]))
                inl = std::min(inl, i);
            else if (over == n)
                over = i;
        }
        REQUIRE(std::max({ over, inl, none }) < n);
        c.set(over, 3); // overflow -> inline: its entry goes
        c.set(inl, 70000); // inline -> overflow
        c.set(none, kBase + 50000); // unreached -> overflow, then overwritten again
        c.set(none, kBase + 50001);
        c.finishWrites();
        REQUIRE(c.consistent());
        CHECK(c[over] == 3);
        CHECK(c[inl] == 70000);
        CHECK(c[none] == kBase + 50001);
        CHECK(c.overflow().size() == overflowing + 1);
    }
    SECTION("copies compare equal")
    {
        DistanceColumn d = c;
        CHECK(d == c);
        d.set(0, 12345);
        CHECK_FALSE(d == c);
    }
}

TEST_CASE("DistanceColumn: consistent() rejects every mismatch of codes and side table", "[core][distances]")
{
    DistanceColumn c;
    c.assignNoDistance(8);
    c.setOnce(1, 40000);
    c.setOnce(5, kBase + 40000);
    c.setOnce(3, 7);
    c.finishWrites();
    REQUIRE(c.consistent());
    REQUIRE(c.overflow().size() == 2);
    auto broken = [&](auto&& change) {
        DistanceColumn d = c;
        change(d);
        return !d.consistent();
    };
    CHECK(broken([](DistanceColumn& d) { d.codes()[2] = DistanceColumn::kOverflowCode; })); // code without entry
    CHECK(broken([](DistanceColumn& d) { d.codes()[1] = 4; })); // entry without its code
    CHECK(
        broken([](DistanceColumn& d) { std::swap(d.overflow().entries()[0], d.overflow().entries()[1]); })); // unsorted
    CHECK(broken([](DistanceColumn& d) { d.overflow().entries()[1].index = 1; })); // duplicate
    CHECK(broken([](DistanceColumn& d) { d.overflow().entries()[1].index = 8; })); // past the column
    CHECK(broken([](DistanceColumn& d) { d.overflow().entries()[0].value = 9; })); // a value with an inline code
    CHECK(broken([](DistanceColumn& d) { d.overflow().entries()[0].value = DistanceColumn::kNoDistance; }));
    CHECK(broken([](DistanceColumn& d) { d.overflow().entries().push_back({ 7, 50000 }); })); // extra entry
    // The side table alone catches what it can see without the codes.
    DistanceColumn d = c;
    d.overflow().entries()[0].value = 9;
    CHECK_FALSE(d.overflowTableValid());
    d = c;
    d.codes()[2] = DistanceColumn::kOverflowCode;
    CHECK(d.overflowTableValid()); // needs the codes: consistent()
    CHECK(d[2] == DistanceColumn::kNoDistance); // an entry missing reads as unreached, never out of bounds
}

TEST_CASE("ChunkedQueue: FIFO across chunk boundaries, look-ahead, consumed chunks freed", "[core][distances]")
{
    ChunkedQueue q(2); // 4 values a chunk
    CHECK(q.chunkValues() == 4);
    CHECK(q.empty());
    uint32_t next = 0, expected = 0;
    size_t mostChunks = 0;
    // Grow to 30 values, then keep about 10 in flight, then drain: positions stay absolute.
    for (int round = 0; round < 200; ++round) {
        const int pushes = round < 10 ? 3 : round < 150 ? 1 : 0;
        for (int k = 0; k < pushes; ++k)
            q.push(next++);
        REQUIRE(q.tail() == next);
        for (size_t ahead = 0; ahead < q.size(); ++ahead)
            REQUIRE(q.at(q.head() + ahead) == expected + ahead);
        if (!q.empty()) {
            REQUIRE(q.head() == expected);
            REQUIRE(q.pop() == expected++);
        }
        mostChunks = std::max(mostChunks, q.chunksInMemory());
        // The values in flight, one partly used chunk at each end, one spare.
        REQUIRE(q.chunksInMemory() <= (q.size() + 3) / 4 + 2);
    }
    CHECK(q.empty());
    CHECK(expected == next);
    CHECK(next == 170);
    CHECK(mostChunks <= (20 + 3) / 4 + 2); // at most 20 values in flight
    CHECK(q.chunksInMemory() <= 2);
    q.clear();
    CHECK(q.chunksInMemory() == 0);
    CHECK(q.head() == 0);
    q.push(5);
    CHECK(q.tail() == 1);
    CHECK(q.pop() == 5);
}

namespace {
/// This process' resident memory in bytes (/proc/self/statm).
size_t residentBytes()
{
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    unsigned long pages = 0, resident = 0;
    if (f) {
        if (std::fscanf(f, "%lu %lu", &pages, &resident) != 2)
            resident = 0;
        std::fclose(f);
    }
    return size_t(resident) * size_t(sysconf(_SC_PAGESIZE));
}
} // namespace

TEST_CASE("ChunkedQueue: default (mapped, 2 MiB) chunks hold the values and go back to the system when consumed",
    "[core][distances]")
{
    ChunkedQueue q;
    REQUIRE(q.chunkValues() == (size_t(1) << 19));
    constexpr uint32_t kValues = 8u << 20; // 32 MiB: 16 chunks
    const size_t before = residentBytes();
    for (uint32_t v = 0; v < kValues; ++v)
        q.push(v * 3);
    CHECK(q.chunksInMemory() == 16);
    const size_t full = residentBytes();
    CHECK(full >= before + (size_t(24) << 20)); // written chunks are resident
    for (uint32_t v = 0; v + 100 < kValues; ++v) {
        if (q.at(q.head() + 99) != (v + 99) * 3 || q.pop() != v * 3)
            FAIL("wrong value at " << v);
    }
    CHECK(q.size() == 100);
    CHECK(q.chunksInMemory() == 2); // the last chunk and the spare
    const size_t drained = residentBytes();
    CHECK(drained + (size_t(24) << 20) <= full); // the consumed chunks were unmapped
    q.clear();
    CHECK(q.chunksInMemory() == 0);
}

TEST_CASE("distances: the BFS gives DevTools' distances whatever the queue's chunk size", "[core][distances]")
{
    // Chains of 40,000 from a user root and from (GC roots): user distances up to 40,001 and system ones up to
    // base + 40,001, both past the inline ranges; random edges (weak ones, WeakMap pairs whose first edge the
    // filter drops: order-dependent) between 20,000 more nodes.
    const Graph g = makeGraph(40000, 20000, 1);
    const HeapSnapshot& s = *g.snap;
    const std::vector<int32_t> reference = referenceDistances(s);
    CHECK(reference[2] == 1);
    CHECK(reference[g.userChainEnd] == 40001);
    CHECK(reference[1] == kBase + 1);
    CHECK(reference[g.systemChainEnd] == kBase + 40001);
    CHECK(reference[0] == kBase);
    const size_t unreached = std::count(reference.begin(), reference.end(), DistanceColumn::kNoDistance);
    CHECK(unreached > 0); // some random nodes only weak or filtered edges reach
    // At least the chains' user 32,768 .. 40,001 and system 32,766 .. 40,001 overflow.
    const size_t overflowing
        = std::count_if(reference.begin(), reference.end(), [](int32_t v) { return !inline16(v); });
    CHECK(overflowing >= size_t(40001 - 32767) + (40001 - 32765));
    for (const unsigned shift : { 1u, 3u, 7u, 12u, ChunkedQueue::kDefaultChunkShift }) {
        INFO("chunk shift " << shift);
        DistanceColumn column;
        CHECK(computed(s, shift, nullptr, &column) == reference);
        CHECK(column.overflow().size() == overflowing);
    }

    SECTION("with ignored nodes (the Retainers view's distances)")
    {
        std::vector<bool> ignoredBits(s.nodeCount, false);
        BitVector ignored(s.nodeCount);
        for (const uint32_t node : { 100u, 50000u, 41000u, 90000u, 95000u }) {
            ignoredBits[node] = true;
            ignored.set(node);
        }
        const auto expected = referenceDistances(s, &ignoredBits);
        CHECK(expected[g.userChainEnd] == DistanceColumn::kNoDistance);
        for (const unsigned shift : { 2u, 9u, ChunkedQueue::kDefaultChunkShift })
            CHECK(computed(s, shift, &ignored) == expected);
    }
}

TEST_CASE("distances: random graphs, small chunks", "[core][distances]")
{
    for (uint32_t seed = 2; seed < 8; ++seed) {
        INFO("seed " << seed);
        const Graph g = makeGraph(seed * 10, 3000 + seed * 500, seed);
        const auto reference = referenceDistances(*g.snap);
        CHECK(computed(*g.snap, 1) == reference);
        CHECK(computed(*g.snap, 4) == reference);
    }
}

TEST_CASE("distances: a user root the root reaches twice is visited twice, as DevTools' queue holds it twice",
    "[core][distances]")
{
    // root -shortcut-> X twice; X's one edge is the first half of a WeakMap pair: its first turn leaves the pair
    // pending and drops the edge, its second turn passes it (DevTools' filter), so V is at distance 2.
    auto snap = testutil::emptyV8Snapshot();
    HeapSnapshot& s = *snap;
    const uint32_t empty = s.strings.add("");
    const uint32_t name = s.strings.add("x");
    const uint32_t pair = s.strings.add("1 / part of key (Key @9) -> value (Value @11) pair in WeakMap (table @7)");
    testutil::addNode(s, s.nodeTypes.synthetic, empty, 1, 0);
    testutil::addEdge(s, s.edgeTypes.shortcut, name, 1);
    testutil::addEdge(s, s.edgeTypes.shortcut, name, 1);
    testutil::addNode(s, s.nodeTypes.object, name, 3, 8); // X
    testutil::addEdge(s, s.edgeTypes.internal, pair, 2);
    testutil::addNode(s, s.nodeTypes.object, name, 5, 8); // V
    testutil::finishSnapshot(s);
    const auto reference = referenceDistances(s);
    CHECK(reference == std::vector<int32_t> { kBase, 1, 2 });
    CHECK(computed(s, 1) == reference);
    CHECK(computed(s, ChunkedQueue::kDefaultChunkShift) == reference);
}
