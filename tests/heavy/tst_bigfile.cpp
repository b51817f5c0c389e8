// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// Past DevTools' limits (issue 13): a generated .heapsnapshot of more than 4 GiB, whose strings section holds
// more than 512 Mi characters (five strings of 500,000,000 characters: V8's longest string is 2^29 - 24, and
// DevTools cannot hold the whole text as one JavaScript string), read through the real loader (mapped file,
// parallel scan of the numeric sections, 64-bit byte offsets). The graph is built so that every number the test
// checks follows from its shape:
//   root (synthetic) --element--> G holders (object "Holder", 64 bytes)
//   holder g --element i--> its S leaves (object "Leaf", 32 bytes); leaf i --property "next"--> leaves i+1..i+E (E =
//   14) of the same holder (mod S); holder 0 --property "bigN"--> five string nodes named by the long strings.
// Every leaf is reachable only through its holder (which reaches each leaf directly), so the holder is every
// leaf's immediate dominator; a holder retains itself and its leaves (holder 0 also the strings); leaves retain
// themselves; DevTools' distances are 1 for holders (non-synthetic children of the root are user roots) and 2
// for leaves and strings. A scaled-down file of the same shape was checked against DevTools' model
// (../shared/oracle/heap_oracle.mjs --nodes): same retained sizes, dominators and distances.
// Then one byte is appended and the load must fail at exactly the old file size, a byte offset past 2^32.
// Labelled "heavy": about 4.4 GB of disk under $TMPDIR, 5-6 GB of memory and a minute or two.
#include <catch2/catch.hpp>
#include <heap/heaploader.h>
#include <heap/summary.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace v8scope;

namespace {

// V8SCOPE_BIGFILE_SMALL=FILE: write a few-kilobyte file of the same shape to FILE and keep it (to check the shape
// against the oracle: heap_oracle.mjs FILE --nodes OUT); the size checks are skipped then.
const char* const kSmallPath = std::getenv("V8SCOPE_BIGFILE_SMALL");
const bool kSmall = kSmallPath && *kSmallPath;
const uint32_t kHolders = kSmall ? 3 : 50'000;
const uint32_t kLeavesPerHolder = kSmall ? 5 : 159;
const uint32_t kNextEdges = kSmall ? 2 : 14;
constexpr uint32_t kLongStrings = 5;
const uint64_t kLongStringChars = kSmall ? 20 : 500'000'000;
constexpr uint64_t kHolderSize = 64, kLeafSize = 32, kStringNodeSize = 1000;
constexpr uint32_t kNodeFields = 7;

// string indexes
enum : uint32_t
{
    kEmpty,
    kHolder,
    kLeaf,
    kNext,
    kBig0 /* kBig0 + k: "bigk" */,
    kLong0 = kBig0 + kLongStrings
};

struct Writer
{
    FILE* f;
    std::string buf;
    explicit Writer(FILE* file)
        : f(file)
    {
        buf.reserve(1 << 22);
    }
    void flushIfFull()
    {
        if (buf.size() >= (1u << 22)) {
            REQUIRE(std::fwrite(buf.data(), 1, buf.size(), f) == buf.size());
            buf.clear();
        }
    }
    void put(std::string_view s)
    {
        buf.append(s);
        flushIfFull();
    }
    void num(uint64_t v)
    {
        char tmp[24];
        int n = 0;
        do {
            tmp[n++] = char('0' + v % 10);
            v /= 10;
        } while (v);
        while (n)
            buf.push_back(tmp[--n]);
    }
    void finish()
    {
        REQUIRE(std::fwrite(buf.data(), 1, buf.size(), f) == buf.size());
        buf.clear();
    }
};

// Ordinals: 0 root, then holder g at 1 + g * (1 + S), its leaves right after it, the string nodes last.
uint32_t holderOrdinal(uint32_t g)
{
    return 1 + g * (1 + kLeavesPerHolder);
}
uint32_t leafOrdinal(uint32_t g, uint32_t i)
{
    return holderOrdinal(g) + 1 + i;
}
const uint32_t kFirstStringNode = 1 + kHolders * (1 + kLeavesPerHolder);
const uint32_t kNodeCount = kFirstStringNode + kLongStrings;
const uint64_t kEdgeCount
    = uint64_t(kHolders) + uint64_t(kHolders) * kLeavesPerHolder * (1 + kNextEdges) + kLongStrings;

uint32_t idOf(uint32_t ordinal)
{
    return 2 * ordinal + 1;
}

void writeSnapshot(const std::string& path)
{
    FILE* f = std::fopen(path.c_str(), "wb");
    REQUIRE(f);
    Writer w(f);
    w.put(R"({"snapshot":{"meta":{"node_fields":["type","name","id","self_size","edge_count","trace_node_id",)"
          R"("detachedness"],"node_types":[["hidden","array","string","object","code","closure","regexp","number",)"
          R"("native","synthetic","concatenated string","sliced string","symbol","bigint","object shape"],"string",)"
          R"("number","number","number","number","number"],"edge_fields":["type","name_or_index","to_node"],)"
          R"("edge_types":[["context","element","property","internal","hidden","shortcut","weak"],"string_or_number",)"
          R"("node"],"trace_function_info_fields":["function_id","name","script_name","script_id","line","column"],)"
          R"("trace_node_fields":["id","function_info_index","count","size","children"],"sample_fields":)"
          R"(["timestamp_us","last_assigned_id"],"location_fields":["object_index","script_id","line","column"]},)"
          R"("node_count":)");
    w.num(kNodeCount);
    w.put(",\"edge_count\":");
    w.num(kEdgeCount);
    w.put(",\"trace_function_count\":0},\n\"nodes\":[");
    auto node = [&](uint32_t type, uint32_t name, uint32_t ordinal, uint64_t size, uint32_t edges) {
        if (ordinal)
            w.buf.push_back(',');
        w.num(type);
        w.buf.push_back(',');
        w.num(name);
        w.buf.push_back(',');
        w.num(idOf(ordinal));
        w.buf.push_back(',');
        w.num(size);
        w.buf.push_back(',');
        w.num(edges);
        w.put(",0,0\n");
    };
    node(9, kEmpty, 0, 0, kHolders);
    for (uint32_t g = 0; g < kHolders; ++g) {
        node(3, kHolder, holderOrdinal(g), kHolderSize, kLeavesPerHolder + (g == 0 ? kLongStrings : 0));
        for (uint32_t i = 0; i < kLeavesPerHolder; ++i)
            node(3, kLeaf, leafOrdinal(g, i), kLeafSize, kNextEdges);
    }
    for (uint32_t k = 0; k < kLongStrings; ++k)
        node(2, kLong0 + k, kFirstStringNode + k, kStringNodeSize, 0);
    w.put("],\n\"edges\":[");
    bool first = true;
    auto edge = [&](uint32_t type, uint32_t nameOrIndex, uint32_t target) {
        if (!first)
            w.buf.push_back(',');
        first = false;
        w.num(type);
        w.buf.push_back(',');
        w.num(nameOrIndex);
        w.buf.push_back(',');
        w.num(uint64_t(target) * kNodeFields);
        w.put("\n");
    };
    for (uint32_t g = 0; g < kHolders; ++g)
        edge(1, g + 1, holderOrdinal(g));
    for (uint32_t g = 0; g < kHolders; ++g) {
        for (uint32_t i = 0; i < kLeavesPerHolder; ++i)
            edge(1, i, leafOrdinal(g, i));
        if (g == 0)
            for (uint32_t k = 0; k < kLongStrings; ++k)
                edge(2, kBig0 + k, kFirstStringNode + k);
        for (uint32_t i = 0; i < kLeavesPerHolder; ++i)
            for (uint32_t j = 1; j <= kNextEdges; ++j)
                edge(2, kNext, leafOrdinal(g, (i + j) % kLeavesPerHolder));
    }
    w.put("],\n\"trace_function_infos\":[],\n\"trace_tree\":[],\n\"samples\":[],\n\"locations\":[],\n\"strings\":"
          "[\"\",\n\"Holder\",\n\"Leaf\",\n\"next\"");
    for (uint32_t k = 0; k < kLongStrings; ++k) {
        w.put(",\n\"big");
        w.num(k);
        w.put("\"");
    }
    for (uint32_t k = 0; k < kLongStrings; ++k) {
        w.put(",\n\"");
        w.buf.push_back(char('A' + k));
        for (uint64_t c = 1; c < kLongStringChars; c += 4096) {
            const uint64_t n = std::min<uint64_t>(4096, kLongStringChars - c);
            w.buf.append(n, 'x');
            w.flushIfFull();
        }
        w.put("\"");
    }
    w.put("]}\n");
    w.finish();
    REQUIRE(std::fclose(f) == 0);
}

} // namespace

TEST_CASE("a generated snapshot past 4 GiB with a strings section over 512 Mi characters", "[heavy]")
{
    const char* tmp = std::getenv("TMPDIR");
    const std::string path = kSmall
        ? std::string(kSmallPath)
        : std::string(tmp && *tmp ? tmp : "/tmp") + "/v8scope_bigfile_" + std::to_string(getpid()) + ".heapsnapshot";
    struct Remove
    {
        std::string p;
        ~Remove()
        {
            if (!kSmall)
                std::remove(p.c_str());
        }
    } remove { path };
    writeSnapshot(path);
    struct stat st
    {
    };
    REQUIRE(stat(path.c_str(), &st) == 0);
    const uint64_t fileBytes = uint64_t(st.st_size);
    if (!kSmall)
        REQUIRE(fileBytes > (uint64_t(1) << 32));

    HeapLoadOptions options;
    options.cache.enabled = false;
    {
        auto loaded = loadHeap(path, options, {});
        REQUIRE(loaded.ok());
        const HeapAnalysis& a = *loaded.value().analysis;
        const HeapSnapshot& s = *a.snapshot;
        REQUIRE(s.nodeCount == kNodeCount);
        REQUIRE(uint64_t(s.edgeCount) == kEdgeCount);
        CHECK(s.sourceBytes == fileBytes);
        for (uint32_t k = 0; k < kLongStrings; ++k) {
            const std::string_view name = s.nodeNameView(kFirstStringNode + k);
            REQUIRE(name.size() == kLongStringChars);
            CHECK(name.front() == char('A' + k));
            CHECK(name.back() == 'x');
        }
        if (!kSmall)
            CHECK(s.strings.byteSize() > (uint64_t(512) << 20) * 4);

        const uint64_t leaves = uint64_t(kHolders) * kLeavesPerHolder;
        const uint64_t strings = uint64_t(kLongStrings) * kStringNodeSize;
        CHECK(a.retainedSize[a.root()] == kHolders * kHolderSize + leaves * kLeafSize + strings);
        const uint64_t holderRetained = kHolderSize + kLeavesPerHolder * kLeafSize;
        for (const uint32_t g : { 0u, 1u, kHolders / 2, kHolders - 1 }) {
            const uint32_t h = holderOrdinal(g);
            CHECK(a.nodeForId(idOf(h)) == h);
            CHECK(a.retainedSize[h] == holderRetained + (g == 0 ? strings : 0));
            CHECK(a.dominator[h] == a.root());
            CHECK(a.distance[h] == 1);
            for (const uint32_t i : { 0u, 1u, kLeavesPerHolder - 1 }) {
                const uint32_t leaf = leafOrdinal(g, i);
                CHECK(a.retainedSize[leaf] == kLeafSize);
                CHECK(a.dominator[leaf] == h);
                CHECK(a.distance[leaf] == 2);
            }
        }
        for (uint32_t k = 0; k < kLongStrings; ++k) {
            CHECK(a.dominator[kFirstStringNode + k] == holderOrdinal(0));
            CHECK(a.distance[kFirstStringNode + k] == 2);
        }
        // The Summary: Holder, Leaf and the strings' class, each with the sizes the shape implies.
        const auto rows = buildSummary(a, a.classes);
        bool sawHolder = false, sawLeaf = false;
        for (const auto& row : rows) {
            if (row.name == "Holder") {
                sawHolder = true;
                CHECK(row.count == kHolders);
                CHECK(row.retained == kHolders * holderRetained + strings);
            } else if (row.name == "Leaf") {
                sawLeaf = true;
                CHECK(row.count == leaves);
                CHECK(row.retained == leaves * kLeafSize);
            }
        }
        CHECK(sawHolder);
        CHECK(sawLeaf);
    }

    if (kSmall)
        return;
    // One byte more: the error names the byte just past the end of the snapshot object, beyond 2^32.
    {
        FILE* f = std::fopen(path.c_str(), "ab");
        REQUIRE(f);
        REQUIRE(std::fputc('x', f) == 'x');
        REQUIRE(std::fclose(f) == 0);
        auto loaded = loadHeap(path, options, {});
        REQUIRE_FALSE(loaded.ok());
        const ParseError& e = loaded.error();
        CHECK(e.hasOffset);
        CHECK(e.offset == fileBytes);
        CHECK(e.message == "unexpected data after the end of the snapshot object");
    }
}
