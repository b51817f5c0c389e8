// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// `v8scope check` with heap claims on the real leaking app's snapshots. The expected growth is derived from
// DevTools' own numbers: the root's retained size in the oracle's per-node tables (the first row after the
// header is the root; extra_native_bytes is 0 in Node snapshots).
#include "testutil.h"

#include <catch2/catch.hpp>

#include <rapidjson/document.h>

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
    "check: heap growth claims measure DevTools' total size from the first to the last snapshot", "[cli][claims][heap]")
{
    const double growth = double(devtoolsRootRetained("leak_s3")) - double(devtoolsRootRetained("leak_s1"));
    REQUIRE(growth > 0);
    const std::string files = snapshot("leak_s1") + " " + snapshot("leak_s2") + " " + snapshot("leak_s3");
    const std::string cli = std::string(V8SCOPE_CLI) + " check " + files;

    // A bound just above the growth holds, one just below fails.
    const std::string above = std::to_string(uint64_t(growth) + 1) + "B";
    const std::string below = std::to_string(uint64_t(growth) - 1) + "B";
    auto pass = testutil::run(cli + " --claim 'heap growth < " + above + "' --format json");
    CHECK(pass.exitCode == 0);
    rapidjson::Document doc;
    doc.Parse(pass.out.c_str());
    REQUIRE(!doc.HasParseError());
    CHECK(doc["claims"][0]["measured"].GetDouble() == growth);
    auto fail = testutil::run(cli + " --claim 'heap growth < " + below + "'");
    CHECK(fail.exitCode == 1);
    CHECK(fail.out.find("FAIL") != std::string::npos);

    // The control app does not grow by 1 MB.
    auto control = testutil::run(std::string(V8SCOPE_CLI) + " check " + snapshot("control_a") + " "
        + snapshot("control_b") + " --claim 'heap growth < 1MB'");
    CHECK(control.exitCode == 0);

    // One snapshot is not enough: a clear error, exit 2.
    auto one
        = testutil::run(std::string(V8SCOPE_CLI) + " check " + snapshot("leak_s1") + " --claim 'heap growth < 1MB'");
    CHECK(one.exitCode == 2);
    CHECK((one.out + one.err).find("two or more heap snapshots") != std::string::npos);
}

TEST_CASE("check: heap claims honour --max-memory and --max-input like every heap command", "[cli][claims][heap]")
{
    const std::string cli = std::string(V8SCOPE_CLI) + " check " + snapshot("leak_s1") + " " + snapshot("leak_s3")
        + " --claim 'heap growth < 1MB' --no-cache";
    // leak_s1's header (43421 nodes, 191644 edges) needs about 24 MB (HeapSnapshot::estimatedPeakBytes): 1MB is
    // refused before any big allocation with summary's message, the claim is an error and check exits 2.
    auto mem = testutil::run(cli + " --max-memory 1MB");
    CHECK(mem.exitCode == 2);
    CHECK(mem.out.find("ERROR") != std::string::npos);
    CHECK(mem.out.find("more than --max-memory allows (1 MB)") != std::string::npos);
    auto summary
        = testutil::run(std::string(V8SCOPE_CLI) + " summary --no-cache --max-memory 1MB " + snapshot("leak_s1"));
    CHECK(summary.exitCode == 2);
    CHECK(summary.err.find("more than --max-memory allows (1 MB)") != std::string::npos);

    auto input = testutil::run(cli + " --max-input 1000");
    CHECK(input.exitCode == 2);
    CHECK(input.out.find("decompressed input exceeds the limit of 1000 bytes") != std::string::npos);
}
