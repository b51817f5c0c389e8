// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Retaining paths (core/heap/retainingpaths.h) that prefer distinct direct retainers, and the file-kind sniff
// (core/common/filekind.h) that tells a heap snapshot from a CPU profile.
#include "snapshotbuilder.h"
#include "testutil.h"

#include <catch2/catch.hpp>
#include <common/filekind.h>
#include <heap/heapanalysis.h>
#include <heap/retainingpaths.h>

using namespace v8scope;
using testutil::SnapshotBuilder;

TEST_CASE("retaining paths: distinct direct retainers before near-duplicate paths", "[heap][paths]")
{
    // root -shortcut-> R1, R2, R3 (distance 1); R1 -a-> X, R2 -b-> X, R3 -c-> Y (distance 2); X -t-> T, Y -t-> T
    // (distance 3). Every path has 2 edges. The best-first search pops X before Y (T's first retainer), then
    // completes R1-X-T and R2-X-T before it reaches R3: two paths that differ only at the root end. With
    // distinctRetainers the second path goes through T's other direct retainer, Y: R1-X-T, R3-Y-T.
    SnapshotBuilder b;
    const auto root = b.node("synthetic", "", 1, 0);
    const auto r1 = b.node("object", "R1", 3, 10);
    const auto r2 = b.node("object", "R2", 5, 10);
    const auto r3 = b.node("object", "R3", 7, 10);
    const auto x = b.node("object", "X", 9, 10);
    const auto y = b.node("object", "Y", 11, 10);
    const auto t = b.node("object", "T", 13, 10);
    b.edge(root, "shortcut", "r1", r1);
    b.edge(root, "shortcut", "r2", r2);
    b.edge(root, "shortcut", "r3", r3);
    b.edge(r1, "property", "a", x);
    b.edge(r2, "property", "b", x);
    b.edge(r3, "property", "c", y);
    b.edge(x, "property", "t", t);
    b.edge(y, "property", "t", t);
    auto h = testutil::analyzeBuilt(b);
    REQUIRE(h->distance[t] == 3);

    RetainingPathOptions plain;
    plain.maxPaths = 2;
    auto near = findRetainingPaths(*h, t, plain);
    REQUIRE(near.size() == 2);
    CHECK(near[0].nodes == std::vector<uint32_t> { r1, x, t });
    CHECK(near[1].nodes == std::vector<uint32_t> { r2, x, t });

    RetainingPathOptions distinct = plain;
    distinct.distinctRetainers = true;
    auto paths = findRetainingPaths(*h, t, distinct);
    REQUIRE(paths.size() == 2);
    CHECK(paths[0].nodes == std::vector<uint32_t> { r1, x, t });
    CHECK(paths[1].nodes == std::vector<uint32_t> { r3, y, t });

    // Asked for more paths than there are direct retainers: the rest are the next shortest paths.
    distinct.maxPaths = 5;
    paths = findRetainingPaths(*h, t, distinct);
    REQUIRE(paths.size() == 3);
    CHECK(paths[2].nodes == std::vector<uint32_t> { r2, x, t });

    // One direct retainer: the same paths as the plain search.
    distinct.maxPaths = 2;
    CHECK(findRetainingPaths(*h, x, distinct).size() == 2);
}

TEST_CASE("file kind: heap snapshots and CPU profiles told apart from their first bytes", "[common][sniff]")
{
    CHECK(sniffFileKind(std::string_view(R"({"snapshot":{"meta":{}}})")) == FileKind::HeapSnapshot);
    CHECK(sniffFileKind(std::string_view(" {\n \"nodes\": [9,0,1]")) == FileKind::HeapSnapshot);
    CHECK(sniffFileKind(std::string_view(R"({"nodes":[{"id":1,"callFrame":{}}]})")) == FileKind::CpuProfile);
    CHECK(sniffFileKind(std::string_view(R"({"traceEvents":[]})")) == FileKind::CpuProfile);
    CHECK(sniffFileKind(std::string_view(R"([{"pid":1,"tid":2,"ph":"X"}])")) == FileKind::CpuProfile);
    CHECK(sniffFileKind(std::string_view(R"({"head":{"callFrame":{}}})")) == FileKind::CpuProfile);
    // Neither: a snapshot wrapped in an array, "nodes" as an object, not JSON.
    CHECK(sniffFileKind(std::string_view(R"([{"snapshot":{}}])")) == FileKind::Unknown);
    CHECK(sniffFileKind(std::string_view(R"({"nodes":{"a":1}})")) == FileKind::Unknown);
    CHECK(sniffFileKind(std::string_view("garbage")) == FileKind::Unknown);
    CHECK(sniffFileKind(std::string_view("")) == FileKind::Unknown);

    // Every bundled sample, through gzip.
    for (const char* f : { "heap/leak_s1.heapsnapshot.gz", "heap/chromium_detached_dom_1.heapsnapshot.gz" })
        CHECK(sniffFileKind(testutil::samplePath(f)) == FileKind::HeapSnapshot);
    for (const char* f : { "cpu/cpu_mix.cpuprofile", "cpu/http_blocking.cpuprofile", "cpu/heap_prof.heapprofile",
             "cpu/chromium_trace.json.gz" })
        CHECK(sniffFileKind(testutil::samplePath(f)) == FileKind::CpuProfile);
    CHECK(sniffFileKind(std::string("-")) == FileKind::Unknown);

    // The error a wrong command gets; the original error otherwise.
    const ParseError original = ParseError::at("x", 10, "unexpected object inside \"nodes\"");
    const std::string cpu = testutil::samplePath("cpu/cpu_mix.cpuprofile");
    CHECK(wrongKindError(cpu, FileKind::HeapSnapshot, original).toString()
        == cpu + ": this is a CPU profile, not a heap snapshot: use `v8scope cpu ...` (or `v8scope check`)");
    CHECK(wrongKindError(cpu, FileKind::CpuProfile, original).toString() == original.toString());
}
