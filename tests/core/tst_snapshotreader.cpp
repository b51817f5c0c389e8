// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Format variants the reader must accept: field layouts resolved by name, sections in any order, nested
// trace trees, 5-field locations, escapes. Every expected value is read off the literal JSON in the test.
#include "testutil.h"

#include <catch2/catch.hpp>
#include <heap/heapanalysis.h>
#include <heap/snapshotreader.h>

#include <sys/mman.h>

#include <algorithm>
#include <memory>
#include <vector>

using namespace v8scope;

namespace {

std::shared_ptr<const HeapSnapshot> parse(const std::string& json)
{
    testutil::TempFile f(json, ".heapsnapshot");
    auto r = SnapshotReader::read(f.path);
    if (!r)
        FAIL(r.error().toString());
    return r.value();
}

// 6 node fields (no trace_node_id, as Chromium and newer V8 write), "detachedness" last.
const char* kSixFields
    = R"({"snapshot":{"meta":{"node_fields":["type","name","id","self_size","edge_count","detachedness"],
"node_types":[["hidden","array","string","object","code","closure","regexp","number","native","synthetic"],"string","number","number","number","number"],
"edge_fields":["type","name_or_index","to_node"],
"edge_types":[["context","element","property","internal","hidden","shortcut","weak"],"string_or_number","node"],
"location_fields":["object_index","script_id","script_object_index","line","column"]},
"node_count":3,"edge_count":2,"trace_function_count":0,"extra_native_bytes":100},
"nodes":[9,0,1,0,1,0, 3,1,3,24,1,0, 8,2,4,64,0,2],
"edges":[5,1,6, 2,3,12],
"locations":[6,17,99,4,2],
"strings":["","global","<div id=\"x\">","p"]})";

} // namespace

TEST_CASE("6-field layout with 5-field locations and extra_native_bytes", "[heap][reader]")
{
    auto s = parse(kSixFields);
    CHECK(s->nodeCount == 3);
    CHECK(s->edgeCount == 2);
    CHECK(s->nodeFields.size() == 6);
    CHECK(s->nodeTraceNodeId.empty());
    REQUIRE(s->nodeDetachedness.size() == 3);
    CHECK(s->nodeDetachedness[2] == 2);
    CHECK(s->extraNativeBytes == 100);
    // to_node 6 and 12 with 6 fields are ordinals 1 and 2.
    CHECK(s->edgeTarget[0] == 1);
    CHECK(s->edgeTarget[1] == 2);
    CHECK(s->firstEdge == std::vector<uint32_t> { 0, 1, 2, 2 });
    // locations: object_index 6 -> node 1; script 17; line 4; column 2 (script_object_index skipped).
    REQUIRE(s->locations.size() == 1);
    CHECK(s->locations[0].node == 1);
    REQUIRE(s->locationSites.size() == 1);
    CHECK(s->locations[0].site == 0);
    CHECK(s->locationSites[0].scriptId == 17);
    CHECK(s->locationSites[0].line == 4);
    CHECK(s->locationSites[0].column == 2);
    CHECK(s->edgeName(1) == "p");
    auto a = HeapAnalysis::analyze(s);
    REQUIRE(a);
    // The detached native node gets the DevTools name and class; total = root retained + extra native bytes.
    CHECK(a.value()->className(2) == "Detached <div>");
    CHECK(a.value()->totalSize() == 24 + 64 + 100);
}

TEST_CASE("edge type and target share a word in any field order, serial and parallel", "[heap][reader]")
{
    // edge_fields in reverse (to_node first, type last) and 8 edge types, the most a word holds: type 7 sets all
    // three type bits above the target. 5 node fields: to_node 5 and 10 are ordinals 1 and 2.
    const std::string json = R"({"snapshot":{"meta":{"node_fields":["type","name","id","self_size","edge_count"],
"node_types":[["hidden","object","synthetic"],"string","number","number","number"],
"edge_fields":["to_node","name_or_index","type"],
"edge_types":["node","string_or_number",["context","element","property","internal","hidden","shortcut","weak","extra"]]},
"node_count":3,"edge_count":3},
"nodes":[2,0,1,0,2, 1,1,3,10,1, 1,2,5,20,0],
"edges":[5,1,2, 10,3,7, 10,2,6],
"strings":["","a","b","c"]})";
    testutil::TempFile f(json, ".heapsnapshot");
    InputOptions streaming;
    streaming.allowMap = false;
    InputOptions parallel;
    parallel.parseThreads = 2;
    parallel.parallelMinBytes = 1;
    for (const InputOptions& o : { streaming, parallel }) {
        auto in = InputStream::open(f.path, o);
        REQUIRE(in.ok());
        auto r = SnapshotReader::read(*in.value());
        REQUIRE(r.ok());
        const HeapSnapshot& s = *r.value();
        CHECK(in.value()->parallelSections() == (o.allowMap ? 2 : 0));
        REQUIRE(s.edgeCount == 3);
        CHECK(s.edgeType[0] == 2);
        CHECK(s.edgeTarget[0] == 1);
        CHECK(s.edgeName(0) == "a");
        CHECK(s.edgeType[1] == 7);
        CHECK(s.edgeTarget[1] == 2);
        CHECK(s.edgeTypeName(1) == "extra");
        CHECK(s.edgeName(1) == "c");
        CHECK(s.edgeType[2] == 6);
        CHECK(s.edgeTarget[2] == 2);
        CHECK(s.edgeWords[1] == (7u << 29 | 2u));
    }
}

TEST_CASE("an analysis holding the only reference takes the file's self sizes over; a shared snapshot keeps them",
    "[heap][reader]")
{
    auto shared = parse(kSixFields);
    auto a = HeapAnalysis::analyze(shared); // the test keeps a reference: copied
    REQUIRE(a);
    REQUIRE(shared->nodeSelfSize.size() == 3);
    CHECK(shared->nodeSelfSize[1] == 24); // self_size values of the literal: 0, 24, 64
    CHECK(shared->nodeSelfSize[2] == 64);

    auto only = parse(kSixFields);
    const HeapSnapshot* raw = only.get();
    auto b = HeapAnalysis::analyze(std::move(only)); // the loader's case: taken over
    REQUIRE(b);
    CHECK(raw->nodeSelfSize.empty());
    REQUIRE(b.value()->selfSize.size() == 3);
    for (uint32_t i = 0; i < 3; ++i) {
        CHECK(b.value()->selfSize[i] == a.value()->selfSize[i]);
        CHECK(b.value()->retainedSize[i] == a.value()->retainedSize[i]);
    }
    CHECK(b.value()->selfSize[1] + b.value()->selfSize[2] == 24 + 64);
}

TEST_CASE("location sites are stored once; records are sorted by node, a node's own in file order", "[heap][reader]")
{
    // Five records out of node order (as V8 writes them), node 3 twice (sites (7,1,2) then (7,5,0)), three distinct
    // sites. object_index / 5 fields = node: 15 -> 3, 5 -> 1, 10 -> 2, 15 -> 3, 0 -> 0.
    const std::string json = R"({"snapshot":{"meta":{"node_fields":["type","name","id","self_size","edge_count"],
"node_types":[["synthetic","object"]],"edge_fields":["type","name_or_index","to_node"],"edge_types":[["weak"]],
"location_fields":["object_index","script_id","line","column"]},"node_count":4,"edge_count":0},
"nodes":[0,0,1,0,0, 1,1,3,8,0, 1,1,5,8,0, 1,1,7,8,0],"edges":[],
"locations":[15,7,1,2, 5,7,1,2, 10,9,0,0, 15,7,5,0, 0,7,1,2],
"strings":["","A"]})";
    auto s = parse(json);
    // Sites in first-seen order: (7,1,2), (9,0,0), (7,5,0).
    REQUIRE(s->locationSites.size() == 3);
    CHECK(s->locationSites[0] == HeapSnapshot::LocationSite { 7, 1, 2 });
    CHECK(s->locationSites[1] == HeapSnapshot::LocationSite { 9, 0, 0 });
    CHECK(s->locationSites[2] == HeapSnapshot::LocationSite { 7, 5, 0 });
    // Every record is kept (info's count); node 3's two records keep their file order.
    const std::vector<HeapSnapshot::Location> sorted { { 0, 0 }, { 1, 0 }, { 2, 1 }, { 3, 0 }, { 3, 2 } };
    CHECK(std::vector<HeapSnapshot::Location>(s->locations.begin(), s->locations.end()) == sorted);
    // The last record wins: node 3 is at (7,5,0).
    REQUIRE(s->locationSiteOf(3));
    CHECK(*s->locationSiteOf(3) == HeapSnapshot::LocationSite { 7, 5, 0 });
    REQUIRE(s->locationSiteOf(2));
    CHECK(*s->locationSiteOf(2) == HeapSnapshot::LocationSite { 9, 0, 0 });
    LocationCursor cursor(s->locations);
    CHECK(cursor.site(1) == 0);
    CHECK(cursor.site(3) == 2);
    CHECK(cursor.site(3) == 2);
    CHECK(cursor.site(4) == LocationCursor::kNone);
}

TEST_CASE("sortLocations: a stable sort by node for one, two and three radix passes", "[heap][reader]")
{
    // Against std::stable_sort: node counts of 12, 20 and 31 bits take one, two and three 12-bit-at-most passes.
    for (const uint32_t nodeCount : { 3000u, 1u << 20, 1u << 31 }) {
        INFO(nodeCount);
        HeapSnapshot s;
        s.nodeCount = nodeCount;
        const uint32_t distinct = std::min(nodeCount, 2000u);
        uint64_t x = 88172645463325252ull;
        for (uint32_t k = 0; k < 20000; ++k) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Few distinct nodes among many records, so that nodes repeat; the site numbers the record.
            s.locations.push_back({ uint32_t(x % distinct) * (nodeCount / distinct), k });
        }
        std::vector<HeapSnapshot::Location> expected(s.locations.begin(), s.locations.end());
        std::stable_sort(expected.begin(), expected.end(),
            [](const HeapSnapshot::Location& a, const HeapSnapshot::Location& b) { return a.node < b.node; });
        s.sortLocations();
        CHECK(std::vector<HeapSnapshot::Location>(s.locations.begin(), s.locations.end()) == expected);
        CHECK(s.locations.capacity() == expected.size());
    }
}

TEST_CASE("sections in any order, header last, unknown keys skipped", "[heap][reader]")
{
    const std::string json = R"({"strings":["","a"],"unknown":{"x":[1,[2,{"y":3}]]},"edges":[],
"nodes":[0,1,1,0,0],"snapshot":{"meta":{"node_fields":["type","name","id","self_size","edge_count"],
"node_types":[["synthetic"]],"edge_fields":["type","name_or_index","to_node"],"edge_types":[["weak"]]},
"node_count":1,"edge_count":0}})";
    auto s = parse(json);
    CHECK(s->nodeCount == 1);
    CHECK(s->nodeNameView(0) == "a");
    CHECK(s->nodeId[0] == 1);
}

TEST_CASE("nested trace_tree and samples of a .heaptimeline", "[heap][reader]")
{
    std::string json = kSixFields;
    // Insert allocation tracking sections: a root trace node (id 1) with two children, one with a grandchild.
    json.insert(json.find("\"strings\""),
        R"("trace_function_infos":[0,1,2,3,4,5],"trace_tree":[1,0,0,0,[2,0,3,96,[4,0,1,8,[]],3,0,0,0,[]]],"samples":[1000,5,2000,9],)");
    auto s = parse(json);
    REQUIRE(s->traceTree.size() == 4);
    CHECK(s->traceTree[0].id == 1);
    CHECK(s->traceTree[0].parent == UINT32_MAX);
    CHECK(s->traceTree[1].id == 2);
    CHECK(s->traceTree[1].count == 3);
    CHECK(s->traceTree[1].size == 96);
    CHECK(s->traceTree[1].parent == 0);
    CHECK(s->traceTree[2].id == 4);
    CHECK(s->traceTree[2].parent == 1);
    CHECK(s->traceTree[3].id == 3);
    CHECK(s->traceTree[3].parent == 0);
    CHECK(s->traceFunctionInfos.size() == 6);
    CHECK(s->samples == std::vector<uint64_t> { 1000, 5, 2000, 9 });
}

TEST_CASE("string escapes decode to UTF-8; lone surrogates become U+FFFD", "[heap][reader]")
{
    std::string json = kSixFields;
    json.replace(json.find("\"p\"]"), 3, R"("\u00e9\ud83d\ude00\ud800x\udc00\n")");
    auto s = parse(json);
    CHECK(s->strings.get(3) == "\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBDx\xEF\xBF\xBD\n");
}

TEST_CASE("gzip and plain inputs give the same snapshot", "[heap][reader]")
{
    auto gz = SnapshotReader::read(testutil::samplePath("heap/shapes.heapsnapshot.gz"));
    REQUIRE(gz);
    const std::string text = testutil::readText(testutil::samplePath("heap/shapes.heapsnapshot.gz"));
    testutil::TempFile plain(text, ".heapsnapshot");
    auto p = SnapshotReader::read(plain.path);
    REQUIRE(p);
    CHECK(gz.value()->nodeId == p.value()->nodeId);
    CHECK(gz.value()->edgeWords == p.value()->edgeWords);
    CHECK(gz.value()->sourceBytes == text.size());
}

TEST_CASE("string offsets: 32-bit halves with wraps past 4 GiB of string bytes", "[heap][reader]")
{
    SECTION("below 4 GiB: no wraps, add and assign agree")
    {
        StringTable t;
        t.add("");
        t.add("alpha");
        t.add("βeta");
        CHECK(t.size() == 3);
        CHECK(t.wraps().empty());
        CHECK(t.get(0).empty());
        CHECK(t.get(1) == "alpha");
        CHECK(t.get(2) == "βeta");
        CHECK(t.offset(3) == t.byteSize());
        StringTable u;
        REQUIRE(u.assign(t.bytes(), t.lowOffsets(), t.wraps()));
        CHECK(u.get(2) == "βeta");
        CHECK_FALSE(u.assign(t.bytes(), Column<uint32_t> { 0, 5, 4, 10 }, {})); // not ascending
        CHECK(u.assign(t.bytes(), Column<uint32_t> { 0, 5, 4, 10 }, {}, false)); // order left to the checksums
        CHECK_FALSE(u.assign(t.bytes(), Column<uint32_t> { 0, 5, 8 }, {})); // the end is not the arena's
        CHECK_FALSE(u.assign(t.bytes(), Column<uint32_t> { 0, 5, 10 }, Column<uint32_t> { 1 })); // a wrap too many
    }
    SECTION("past 4 GiB: the high half steps up at the wraps")
    {
        // 5 GiB of arena that is never written: a read-only mapping of zero pages (no memory is used), read in
        // place as the analysis cache reads its arrays.
        const size_t arena = size_t(5) << 30;
        void* p = ::mmap(nullptr, arena, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        REQUIRE(p != MAP_FAILED);
        std::shared_ptr<const void> keep(p, [arena](const void* q) { ::munmap(const_cast<void*>(q), arena); });
        const auto bytes = Column<char>::mapped(static_cast<const char*>(p), arena, keep);
        const uint64_t four = uint64_t(1) << 32;
        // Offsets 0, 3, 2^32 - 1, 2^32 + 7, 5 GiB: the high half is 1 from string 3 on.
        const Column<uint32_t> low { 0, 3, uint32_t(four - 1), 7, uint32_t(arena) };
        StringTable t;
        REQUIRE(t.assign(bytes, low, Column<uint32_t> { 3 }));
        CHECK(t.size() == 4);
        CHECK(t.offset(2) == four - 1);
        CHECK(t.offset(3) == four + 7);
        CHECK(t.offset(4) == arena);
        CHECK(t.get(1).size() == 4294967292u);
        CHECK(t.get(2).size() == 8);
        CHECK(t.get(2).data() == static_cast<const char*>(p) + (four - 1));
        CHECK(t.get(3).size() == arena - four - 7);
        // Wrong wraps are refused: none (the end does not fit), at the wrong place (order), unsorted, out of range.
        StringTable u;
        CHECK_FALSE(u.assign(bytes, low, {}));
        CHECK_FALSE(u.assign(bytes, low, Column<uint32_t> { 2 }));
        CHECK_FALSE(u.assign(bytes, low, Column<uint32_t> { 5 }));
        CHECK_FALSE(u.assign(bytes, low, Column<uint32_t> { 0 }));
        CHECK(u.size() == 0);
    }
}
