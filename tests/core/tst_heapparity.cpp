// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// DevTools parity on every sample snapshot: the per-node table and the Summary rows must equal the reference
// outputs that shared/oracle/heap_oracle.mjs (Chrome DevTools' own model) produced for the same files.
#include "testutil.h"

#include <catch2/catch.hpp>
#include <heap/heapanalysis.h>
#include <heap/snapshotreader.h>
#include <heap/summary.h>

#include <algorithm>
#include <fmt/format.h>

using namespace v8scope;

namespace {

const char* const kSamples[] = { "leak_s1", "leak_s2", "leak_s3", "control_a", "control_b", "shapes",
    "chromium_detached_dom_1", "chromium_detached_dom_2", "alloc_tracking" };
/// Samples with a Summary reference only (no per-node file, to keep the repository small).
const char* const kSummarySamples[]
    = { "emitter_s1", "emitter_s2", "emitter_s3", "express_s1", "express_s2", "express_s3" };

std::shared_ptr<const HeapAnalysis> load(const std::string& name)
{
    auto snap = SnapshotReader::read(testutil::samplePath("heap/" + name + ".heapsnapshot.gz"));
    if (!snap)
        FAIL(snap.error().toString());
    auto analysis = HeapAnalysis::analyze(snap.value());
    if (!analysis)
        FAIL(analysis.error().toString());
    return analysis.value();
}

} // namespace

TEST_CASE("every node equals DevTools: class, self, retained, distance, dominator", "[heap][parity]")
{
    for (const char* name : kSamples) {
        INFO(name);
        auto a = load(name);
        const HeapSnapshot& s = *a->snapshot;
        const auto lines = testutil::splitLines(
            testutil::readText(testutil::samplePath("reference/" + std::string(name) + ".nodes.tsv.gz")));
        REQUIRE(lines.size() == size_t(s.nodeCount) + 1);
        REQUIRE(lines[0] == "id\tclass\tself\tretained\tdistance\tdominator_id");
        size_t mismatches = 0;
        std::string firstMismatches;
        for (uint32_t i = 0; i < s.nodeCount; ++i) {
            const std::string ours = fmt::format("{}\t{}\t{}\t{}\t{}\t{}", s.nodeId[i], a->className(i), a->selfSize[i],
                a->retainedSize[i], a->distance[i], s.nodeId[a->dominator[i]]);
            if (ours != lines[i + 1]) {
                if (++mismatches <= 5)
                    firstMismatches += "\n  ours:     " + ours + "\n  devtools: " + lines[i + 1];
            }
        }
        INFO(firstMismatches);
        CHECK(mismatches == 0);
    }
}

TEST_CASE("Summary rows equal DevTools' Summary view", "[heap][parity]")
{
    std::vector<const char*> names(std::begin(kSamples), std::end(kSamples));
    names.insert(names.end(), std::begin(kSummarySamples), std::end(kSummarySamples));
    for (const char* name : names) {
        INFO(name);
        auto a = load(name);
        // The analysis' own Summary (what `summary`, the viewer and the comparison read), and buildSummary (what
        // the filtered Summaries run) give the same rows.
        std::vector<std::string> ours, built;
        for (const ClassAggregate& r : a->summary)
            ours.push_back(fmt::format("{}\t{}\t{}\t{}\t{}", r.name, r.count, r.shallow, r.retained, r.distance));
        for (const ClassAggregate& r : buildSummary(*a, a->classes))
            built.push_back(fmt::format("{}\t{}\t{}\t{}\t{}", r.name, r.count, r.shallow, r.retained, r.distance));
        std::sort(built.begin(), built.end());
        auto ref = testutil::splitLines(
            testutil::readText(testutil::samplePath("reference/" + std::string(name) + ".summary.tsv")));
        REQUIRE(!ref.empty());
        REQUIRE(ref[0] == "class\tcount\tshallow\tretained\tdistance");
        ref.erase(ref.begin());
        std::sort(ours.begin(), ours.end());
        std::sort(ref.begin(), ref.end());
        std::vector<std::string> onlyOurs, onlyRef;
        std::set_difference(ours.begin(), ours.end(), ref.begin(), ref.end(), std::back_inserter(onlyOurs));
        std::set_difference(ref.begin(), ref.end(), ours.begin(), ours.end(), std::back_inserter(onlyRef));
        std::string diff;
        for (size_t i = 0; i < std::min<size_t>(5, onlyOurs.size()); ++i)
            diff += "\n  ours only:     " + onlyOurs[i];
        for (size_t i = 0; i < std::min<size_t>(5, onlyRef.size()); ++i)
            diff += "\n  devtools only: " + onlyRef[i];
        INFO(diff);
        CHECK(onlyOurs.empty());
        CHECK(onlyRef.empty());
        CHECK(built == ours);
    }
}
