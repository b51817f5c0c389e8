// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// SnapshotHeapClaims (core/claims/heapclaims.h), the heap claims' numbers for `check` and the viewer, in process.
// The expected growth is DevTools' own: the root's retained size in the oracle's per-node tables (the first row
// after the header is the root; extra_native_bytes is 0 in Node snapshots), last snapshot minus first.
#include "testutil.h"

#include <claims/claimevaluator.h>
#include <claims/heapclaims.h>

#include <catch2/catch.hpp>

using namespace v8scope;

namespace {
uint64_t devtoolsRootRetained(const std::string& name)
{
    const auto lines
        = testutil::splitLines(testutil::readText(testutil::samplePath("reference/" + name + ".nodes.tsv.gz")));
    return std::stoull(testutil::splitTabs(lines.at(1)).at(3));
}
std::string snapshot(const std::string& name)
{
    return testutil::samplePath("heap/" + name + ".heapsnapshot.gz");
}
} // namespace

TEST_CASE(
    "SnapshotHeapClaims: growth equals DevTools' total size difference; limits and errors as values", "[claims][heap]")
{
    HeapLoadOptions options;
    options.cache.enabled = false;
    SnapshotHeapClaims claims(options);
    const std::vector<std::string> files { snapshot("leak_s1"), snapshot("leak_s2"), snapshot("leak_s3") };
    auto growth = claims.heapGrowthBytes(files);
    REQUIRE(growth);
    CHECK(growth.value() == double(devtoolsRootRetained("leak_s3")) - double(devtoolsRootRetained("leak_s1")));

    // Through the evaluator, as `check` and the viewer call it: a bound 1 byte above passes, 1 below fails.
    auto claimAbove = parseClaim("heap growth < " + std::to_string(uint64_t(growth.value()) + 1) + "B", "test");
    auto claimBelow = parseClaim("heap growth < " + std::to_string(uint64_t(growth.value()) - 1) + "B", "test");
    REQUIRE(claimAbove);
    REQUIRE(claimBelow);
    ClaimContext ctx;
    ctx.files = files;
    CHECK(evaluateClaim(claimAbove.value(), ctx, &claims).status == ClaimOutcome::Status::Pass);
    CHECK(evaluateClaim(claimBelow.value(), ctx, &claims).status == ClaimOutcome::Status::Fail);

    // One snapshot is not enough.
    auto one = claims.heapGrowthBytes({ snapshot("leak_s1") });
    REQUIRE(!one);
    CHECK(one.error().toString().find("two or more heap snapshots") != std::string::npos);

    // The load limits are loadHeap's: leak_s1 needs about 24 MB (43421 nodes, 191644 edges), 1 MB is refused.
    HeapLoadOptions small = options;
    small.maxMemoryBytes = 1'000'000;
    auto refused = SnapshotHeapClaims(small).heapGrowthBytes(files);
    REQUIRE(!refused);
    CHECK(refused.error().toString().find("more than --max-memory allows") != std::string::npos);
}
