// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// DevTools parity on snapshots from other V8 versions than the samples' (tests/producers/, made by
// make_producers.sh): Node 22 / V8 12.4 writes 15 node types where Node 20 / V8 11.3 writes 16. Every node and
// every Summary row must equal DevTools' model (shared/oracle/heap_oracle.mjs) on the same file.
#include "testutil.h"

#include <catch2/catch.hpp>
#include <heap/heapanalysis.h>
#include <heap/snapshotreader.h>
#include <heap/summary.h>

#include <algorithm>
#include <fmt/format.h>

using namespace v8scope;

TEST_CASE("snapshots from other V8 versions equal DevTools node for node", "[heap][parity][producers]")
{
    for (const char* stem : { "node22_v8_12_4" }) {
        INFO(stem);
        const std::string base = testutil::testDataPath("producers/") + stem;
        auto snap = SnapshotReader::read(base + ".heapsnapshot.gz");
        REQUIRE(snap.ok());
        auto analysis = HeapAnalysis::analyze(snap.value());
        REQUIRE(analysis.ok());
        const HeapAnalysis& a = *analysis.value();
        const HeapSnapshot& s = *a.snapshot;

        const auto lines = testutil::splitLines(testutil::readText(base + ".nodes.tsv.gz"));
        REQUIRE(lines.size() == size_t(s.nodeCount) + 1);
        size_t mismatches = 0;
        std::string first;
        for (uint32_t i = 0; i < s.nodeCount; ++i) {
            const std::string ours = fmt::format("{}\t{}\t{}\t{}\t{}\t{}", s.nodeId[i], a.className(i), a.selfSize[i],
                a.retainedSize[i], a.distance[i], s.nodeId[a.dominator[i]]);
            if (ours != lines[i + 1] && ++mismatches <= 3)
                first += "\n  ours:     " + ours + "\n  devtools: " + lines[i + 1];
        }
        INFO(first);
        CHECK(mismatches == 0);

        std::vector<std::string> ours;
        for (const ClassAggregate& r : a.summary)
            ours.push_back(fmt::format("{}\t{}\t{}\t{}\t{}", r.name, r.count, r.shallow, r.retained, r.distance));
        auto ref = testutil::splitLines(testutil::readText(base + ".summary.tsv"));
        REQUIRE(!ref.empty());
        ref.erase(ref.begin());
        std::sort(ours.begin(), ours.end());
        std::sort(ref.begin(), ref.end());
        CHECK(ours == ref);
    }
}
