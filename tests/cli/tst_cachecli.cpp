// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The analysis cache from the command line: --cache-dir, --no-cache, info's cache and peak_rss_bytes keys, and the
// same Summary from the cache as from the file.
#include "testutil.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <unistd.h>

using namespace testutil;

namespace {

std::string cliPath()
{
    return V8SCOPE_CLI;
}

/// The value of `"key": value` in info's JSON (strings without their quotes).
std::string jsonValue(const std::string& json, const std::string& key)
{
    const size_t at = json.find("\"" + key + "\":");
    if (at == std::string::npos)
        return "<none>";
    size_t b = at + key.size() + 3;
    while (json[b] == ' ')
        ++b;
    const bool quoted = json[b] == '"';
    const size_t e = quoted ? json.find('"', b + 1) : json.find_first_of(",}\n", b);
    return json.substr(quoted ? b + 1 : b, e - (quoted ? b + 1 : b));
}

} // namespace

TEST_CASE("heap commands read the analysis back from the cache", "[cli][cache]")
{
    // A real snapshot padded with trailing whitespace (valid JSON) past the 16 MiB below which nothing is cached.
    std::string text = readText(samplePath("heap/leak_s2.heapsnapshot.gz"));
    text.append((size_t(17) << 20) - text.size(), ' ');
    TempFile snap(text, ".heapsnapshot");
    char tmpl[] = "/tmp/v8scope-cachecli-XXXXXX";
    const std::string dir = ::mkdtemp(tmpl);
    const std::string cache = " --cache-dir " + dir + "/c";

    const RunResult first = run(cliPath() + " info " + snap.path + " --format json" + cache);
    REQUIRE(first.exitCode == 0);
    CHECK(jsonValue(first.out, "cache") == "miss, written");
    CHECK(std::stoull(jsonValue(first.out, "peak_rss_bytes")) > 1000000);
    const RunResult second = run(cliPath() + " info " + snap.path + " --format json" + cache);
    REQUIRE(second.exitCode == 0);
    CHECK(jsonValue(second.out, "cache") == "hit");
    CHECK(jsonValue(second.out, "analyze_ms") == "0.0");
    for (const char* key : { "nodes", "edges", "total_size", "stat_v8_heap", "unreachable_nodes", "text_bytes" })
        CHECK(jsonValue(second.out, key) == jsonValue(first.out, key));

    const RunResult fresh = run(cliPath() + " summary " + snap.path + " --format tsv --no-cache");
    const RunResult cached = run(cliPath() + " summary " + snap.path + " --format tsv" + cache);
    REQUIRE(fresh.exitCode == 0);
    CHECK(cached.out == fresh.out);

    const RunResult off = run(cliPath() + " info " + snap.path + " --format json --no-cache" + cache);
    CHECK(jsonValue(off.out, "cache") == "off");
    const RunResult small
        = run(cliPath() + " info " + samplePath("heap/leak_s2.heapsnapshot.gz") + " --format json" + cache);
    CHECK(jsonValue(small.out, "cache") == "skipped");
    std::system(("rm -rf '" + dir + "'").c_str());
}
