// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The analysis cache from the command line: --cache-dir, --no-cache, info's cache and peak_rss_bytes keys, and the
// same Summary from the cache as from the file.
#include "testutil.h"

#include <catch2/catch.hpp>
#include <heap/heaploader.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
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

/// A real snapshot padded with trailing whitespace (valid JSON) past the 16 MiB below which nothing is cached, and
/// a fresh cache directory for it (`cache`: the option naming it).
struct CachedSnapshot
{
    static std::string paddedText()
    {
        std::string text = readText(samplePath("heap/leak_s2.heapsnapshot.gz"));
        text.append((size_t(17) << 20) - text.size(), ' ');
        return text;
    }
    static std::string tempDir()
    {
        char tmpl[] = "/tmp/v8scope-cachecli-XXXXXX";
        return ::mkdtemp(tmpl);
    }
    TempFile snap { paddedText(), ".heapsnapshot" };
    std::string dir = tempDir();
    std::string cache = " --cache-dir " + dir + "/c";
};

} // namespace

TEST_CASE("heap commands read the analysis back from the cache", "[cli][cache]")
{
    const CachedSnapshot fixture;
    const TempFile& snap = fixture.snap;
    const std::string& dir = fixture.dir;
    const std::string& cache = fixture.cache;

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

TEST_CASE(
    "summary and retainers --id read a cached analysis lazily and never print from a corrupted block", "[cli][cache]")
{
    const CachedSnapshot fixture;
    const TempFile& snap = fixture.snap;
    const std::string& dir = fixture.dir;
    const std::string& cache = fixture.cache;

    v8scope::HeapLoadOptions plain;
    plain.cache.enabled = false;
    auto loaded = v8scope::loadHeap(snap.path, plain, {});
    REQUIRE(loaded.ok());
    const v8scope::HeapAnalysis& a = *loaded.value().analysis;
    const v8scope::HeapSnapshot& s = *a.snapshot;
    REQUIRE(run(cliPath() + " summary " + snap.path + cache).exitCode == 0); // writes the cache
    const std::string entry = v8scope::heapcache::entryPath(snap.path, v8scope::HeapCacheOptions { true, dir + "/c" });
    std::ifstream in(entry, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto find = [&](const auto& column) {
        const size_t at = bytes.find(
            std::string_view(reinterpret_cast<const char*>(column.data()), column.size() * sizeof(column[0])));
        REQUIRE(at != std::string::npos);
        return at;
    };
    // The header's dataAt and blockBytes (docs/performance.md: the cache file's layout), where the string arena is
    // (checked on open even when the rest is lazy), the root's retained size (summary's total) and the retaining
    // nodes.
    uint64_t dataAt = 0, blockBytes = 0;
    std::memcpy(&dataAt, bytes.data() + 56, 8);
    std::memcpy(&blockBytes, bytes.data() + 80, 8);
    REQUIRE(blockBytes == (1u << 20));
    const size_t arena = find(s.strings.bytes());
    const size_t slots = find(a.retainers.retainerNode);
    const size_t rootSize = find(a.retainedSize.low()) + size_t(a.root()) * 4; // the total size summary prints
    auto block = [&](size_t at) { return (at - dataAt) / blockBytes; };
    // A node of the top Summary rows with a byte retainers --id must read (its id: the lookup scans the ids up to
    // it; its retainer range's start; its first retaining node) in a block summary does not read.
    const size_t ids = find(s.nodeId), firsts = find(a.retainers.firstRetainer);
    auto summaryReads = [&](size_t at) {
        return (block(at) >= block(arena) && block(at) <= block(arena + s.strings.byteSize()))
            || block(at) == block(rootSize);
    };
    uint32_t node = v8scope::kNoNode;
    size_t flip = 0;
    for (size_t r = 0; r < a.summary.size() && node == v8scope::kNoNode; ++r) {
        const uint32_t n = a.summary[r].nodes.front();
        if (a.retainers.count(n) == 0)
            continue;
        const uint32_t slot = a.retainers.firstRetainer[n];
        for (const size_t at : { ids + size_t(n) * 4, firsts + size_t(n) * 4, slots + size_t(slot) * 4 })
            if (node == v8scope::kNoNode && !summaryReads(at)) {
                node = n;
                flip = at;
            }
    }
    REQUIRE(node != v8scope::kNoNode);
    const std::string summary = " summary " + snap.path + " --format tsv";
    const std::string retainers = " retainers --id " + std::to_string(s.nodeId[node]) + " " + snap.path;
    const RunResult fresh = run(cliPath() + summary + " --no-cache");
    const RunResult freshRetainers = run(cliPath() + retainers + " --no-cache");
    REQUIRE(fresh.exitCode == 0);
    REQUIRE(freshRetainers.exitCode == 0);
    CHECK(run(cliPath() + retainers + cache).out == freshRetainers.out);

    // Flip that byte in the cache file.
    std::FILE* f = std::fopen(entry.c_str(), "r+b");
    REQUIRE(f);
    std::fseek(f, long(flip), SEEK_SET);
    std::fputc(bytes[flip] ^ 0x5a, f);
    std::fclose(f);

    // summary does not read that block: the same output from the cache.
    const RunResult sum = run(cliPath() + summary + cache);
    CHECK(sum.exitCode == 0);
    CHECK(sum.out == fresh.out);
    // retainers --id does: a one-line error, exit 2, nothing printed; the file is deleted and the next run rebuilds.
    const RunResult bad = run(cliPath() + retainers + cache);
    CHECK(bad.exitCode == 2);
    CHECK(bad.out.empty());
    CHECK(bad.err.find(entry + ": the analysis cache file does not match its checksum; it was deleted")
        != std::string::npos);
    CHECK(::access(entry.c_str(), F_OK) != 0);
    const RunResult again = run(cliPath() + retainers + cache);
    CHECK(again.exitCode == 0);
    CHECK(again.out == freshRetainers.out);
    std::system(("rm -rf '" + dir + "'").c_str());
}
