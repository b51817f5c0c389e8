// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The mapped reader and the parallel scan of "nodes"/"edges" (core/heap/snapshotparallel.cpp) must be invisible:
// the same columns as the streaming reader on every sample, on any thread count, and the same error line, byte
// for byte, on every bad input (the parallel path gives up and the serial reader reports).
#include "badinputmanifest.h"

#include <catch2/catch.hpp>
#include <heap/heapanalysis.h>
#include <heap/snapshotreader.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <sys/stat.h>

using namespace v8scope;
using namespace testutil;

namespace {

const char* const kSamples[] = { "leak_s1", "leak_s2", "leak_s3", "control_a", "control_b", "shapes",
    "chromium_detached_dom_1", "chromium_detached_dom_2" };

InputOptions parallel(unsigned threads, size_t blockBytes = 0)
{
    InputOptions o;
    o.parseThreads = threads;
    o.parallelMinBytes = 1; // every section, however small
    o.parallelBlockBytes = blockBytes; // 0: the default (4 MiB: one block for these samples)
    return o;
}

/// Block sizes that put block boundaries everywhere: inside numbers, records, runs of whitespace.
constexpr size_t kBlockSizes[] = { 0, 61, 4099 };

std::string writeTemp(const std::string& name, const std::string& text)
{
    const std::string path = std::string(P_tmpdir) + "/v8scope-parallelscan-" + std::to_string(::getpid()) + "-" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

void requireSameColumns(const HeapSnapshot& a, const HeapSnapshot& b)
{
    CHECK(a.nodeCount == b.nodeCount);
    CHECK(a.edgeCount == b.edgeCount);
    CHECK(a.nodeType == b.nodeType);
    CHECK(a.nodeName == b.nodeName);
    CHECK(a.nodeId == b.nodeId);
    CHECK(a.nodeSelfSize == b.nodeSelfSize);
    CHECK(a.firstEdge == b.firstEdge);
    CHECK(a.nodeTraceNodeId == b.nodeTraceNodeId);
    CHECK(a.nodeDetachedness == b.nodeDetachedness);
    CHECK(a.edgeWords == b.edgeWords);
    CHECK(a.edgeNameOrIndex == b.edgeNameOrIndex);
    CHECK(a.strings.size() == b.strings.size());
    CHECK(a.sourceBytes == b.sourceBytes);
}

std::string errorLine(const Result<std::shared_ptr<const HeapSnapshot>>& snap, const std::string& file)
{
    if (snap)
        return "";
    ParseError e = snap.error();
    e.file = file;
    return "v8scope: " + e.toString();
}

} // namespace

TEST_CASE("parallel scan of a mapped file gives the streaming reader's columns", "[core][parallelscan]")
{
    for (const char* name : kSamples) {
        const std::string gz = samplePath("heap/" + std::string(name) + ".heapsnapshot.gz");
        auto streamed = SnapshotReader::read(gz);
        REQUIRE(streamed.ok());
        const std::string path = writeTemp(std::string(name) + ".heapsnapshot", readText(gz));
        for (unsigned threads : { 1u, 2u, 3u, 7u })
            for (size_t block : kBlockSizes) {
                if (block == 61 && (threads == 1 || threads == 7))
                    continue; // slow (a read per 61 bytes) and adds nothing over 2 and 3 threads
                INFO(name << " on " << threads << " threads, blocks of " << block << " bytes");
                auto in = InputStream::open(path, parallel(threads, block));
                REQUIRE(in.ok());
                auto mapped = SnapshotReader::read(*in.value());
                REQUIRE(mapped.ok());
                CHECK(in.value()->parallelSections() == 2); // "nodes" and "edges" took the fast path
                requireSameColumns(*mapped.value(), *streamed.value());
            }
        std::remove(path.c_str());
    }
}

TEST_CASE("every bad input gives its exact error line with the parallel scan forced", "[core][parallelscan]")
{
    for (const BadInput& b : readBadInputs("expected.tsv")) {
        const std::string path = badInputsDir() + "/" + b.file;
        for (auto [threads, block] : { std::pair { 1u, size_t(0) }, std::pair { 2u, size_t(0) },
                 std::pair { 3u, size_t(0) }, std::pair { 2u, size_t(5) }, std::pair { 3u, size_t(61) } }) {
            INFO(b.file << " on " << threads << " threads, blocks of " << block << " bytes");
            InputOptions o = parallel(threads, block);
            if (b.maxInput())
                o.maxDecompressedBytes = b.maxInput();
            auto snap = SnapshotReader::read(path, o);
            if (snap) {
                auto analysis = HeapAnalysis::analyze(snap.value());
                CHECK((analysis ? std::string() : "v8scope: " + analysis.error().toString()) == b.stderrLine);
            } else {
                CHECK(errorLine(snap, b.file) == b.stderrLine);
            }
        }
    }
}

TEST_CASE("the mapped and the streaming reader agree on files that end early", "[core][parallelscan]")
{
    // Cut the decompressed leak_s1 snapshot at points inside and around its numeric sections: both readers must
    // report the same line (the parallel path gives up on a section without its ']').
    const std::string text = readText(samplePath("heap/leak_s1.heapsnapshot.gz"));
    const size_t nodes = text.find("\"nodes\":[");
    const size_t edges = text.find("\"edges\":[");
    REQUIRE(nodes != std::string::npos);
    REQUIRE(edges != std::string::npos);
    for (size_t cut : { nodes + 9, nodes + 1000, edges - 3, edges + 10, edges + 12345, text.size() - 1 }) {
        INFO("cut at " << cut);
        const std::string path = writeTemp("cut.heapsnapshot", text.substr(0, cut));
        InputOptions streaming;
        streaming.allowMap = false;
        const auto b = SnapshotReader::read(path, streaming);
        for (size_t block : kBlockSizes) {
            const auto a = SnapshotReader::read(path, parallel(2, block));
            CHECK(!a.ok());
            CHECK(errorLine(a, "f") == errorLine(b, "f"));
        }
        std::remove(path.c_str());
    }
}

TEST_CASE("a value the serial checks reject deep in a section is reported at its offset", "[core][parallelscan]")
{
    // Replace one to_node in the second half of the edges by a value that is not a multiple of the node field
    // count: the parallel scan must give up and the serial reader must name that byte.
    std::string text = readText(samplePath("heap/leak_s1.heapsnapshot.gz"));
    const size_t edges = text.find("\"edges\":[");
    const size_t strings = text.find("\"strings\":[");
    REQUIRE(edges != std::string::npos);
    size_t at = text.find(',', edges + (strings - edges) * 3 / 4);
    // Move to the start of an edge record: the snapshot writes one edge per line, "type,name,to_node\n,".
    at = text.find('\n', at) + 2;
    const size_t toNode = text.find(',', text.find(',', at) + 1) + 1;
    const size_t toNodeEnd = text.find_first_of(",\n]", toNode);
    text.replace(toNode, toNodeEnd - toNode, "13");
    const std::string path = writeTemp("bad-to-node.heapsnapshot", text);
    auto in = InputStream::open(path, parallel(2));
    REQUIRE(in.ok());
    const auto snap = SnapshotReader::read(*in.value());
    REQUIRE(!snap.ok());
    CHECK(in.value()->parallelSections() == 1); // "nodes" still did
    CHECK(snap.error().offset == toNode);
    CHECK(snap.error().message.find("to_node 13 is not a multiple") == 0);
    std::remove(path.c_str());
}

namespace {

/// Reads `text` as a file with the parallel scan forced (2 threads, the given block size) and with the streaming
/// reader; both must give the same columns or the same error line. Returns how many sections took the fast path.
unsigned compareWithStreaming(const std::string& text, size_t block, bool expectOk)
{
    const std::string path = writeTemp("variant.heapsnapshot", text);
    InputOptions streaming;
    streaming.allowMap = false;
    const auto b = SnapshotReader::read(path, streaming);
    auto in = InputStream::open(path, parallel(2, block));
    REQUIRE(in.ok());
    const auto a = SnapshotReader::read(*in.value());
    CHECK(a.ok() == expectOk);
    CHECK(b.ok() == expectOk);
    if (a.ok() && b.ok())
        requireSameColumns(*a.value(), *b.value());
    else
        CHECK(errorLine(a, "f") == errorLine(b, "f"));
    std::remove(path.c_str());
    return in.value()->parallelSections();
}

/// The text of the leak_s1 sample with every ',' inside the "nodes" and "edges" arrays passed through `edit`.
std::string editSeparators(const std::function<std::string(size_t)>& edit)
{
    const std::string text = readText(samplePath("heap/leak_s1.heapsnapshot.gz"));
    const size_t nodes = text.find("\"nodes\":[");
    const size_t locations = text.find("\"locations\":[");
    const size_t strings = locations != std::string::npos ? locations : text.find("\"strings\":[");
    std::string out = text.substr(0, nodes);
    size_t n = 0;
    for (size_t i = nodes; i < strings; ++i)
        out += text[i] == ',' && text[i - 1] != ']' ? edit(n++) : std::string(1, text[i]);
    return out + text.substr(strings);
}

} // namespace

TEST_CASE("whitespace of any kind between the values takes the fast path", "[core][parallelscan]")
{
    const std::string spaced = editSeparators([](size_t n) {
        static const char* const kinds[] = { ",", " ,", ", ", "\r\n,\t", ",\n\n  ", "\t,\r" };
        return std::string(kinds[n % 6]);
    });
    for (size_t block : kBlockSizes)
        CHECK(compareWithStreaming(spaced, block, true) == 2);
}

TEST_CASE("a record longer than the look-ahead makes the fast path give up, not fail", "[core][parallelscan]")
{
    // 70,000 spaces after one comma in the middle of each section: the record around them ends past the bytes a
    // thread reads beyond its block, so that block's scan gives up and the serial reader reads the section.
    const std::string text = editSeparators(
        [](size_t n) { return n > 0 && n % 20000 == 0 ? ",\n" + std::string(70000, ' ') : std::string(","); });
    CHECK(compareWithStreaming(text, 4096, true) < 2);
    CHECK(compareWithStreaming(text, 0, true) == 2); // one block holds the whole section
}

TEST_CASE(
    "node_count and edge_count that do not match the values give the serial reader's error", "[core][parallelscan]")
{
    const std::string text = readText(samplePath("heap/leak_s1.heapsnapshot.gz"));
    for (const char* key : { "\"node_count\":", "\"edge_count\":" }) {
        const size_t at = text.find(key) + std::strlen(key);
        const size_t end = text.find_first_of(",}", at);
        const uint64_t count = std::stoull(text.substr(at, end - at));
        for (uint64_t wrong : { count - 1, count + 1, count * 2 }) {
            INFO(key << wrong);
            const std::string edited = text.substr(0, at) + std::to_string(wrong) + text.substr(end);
            for (size_t block : kBlockSizes)
                compareWithStreaming(edited, block, false);
        }
    }
}

TEST_CASE(
    "a closing bracket or another token early in a section gives the serial reader's error", "[core][parallelscan]")
{
    const std::string text = readText(samplePath("heap/leak_s1.heapsnapshot.gz"));
    const size_t edges = text.find("\"edges\":[");
    const size_t nodes = text.find("\"nodes\":[");
    for (size_t section : { nodes, edges })
        for (const char* token : { "]", "],", "]]", "\"x\"", "-1", "1.5", "01", "[1]", "99999999999999999999" }) {
            // Replace the value after the 1000th comma of the section.
            size_t at = section;
            for (int i = 0; i < 1000; ++i)
                at = text.find(',', at + 1);
            const size_t end = text.find_first_of(",]", at + 1);
            const std::string edited = text.substr(0, at + 1) + token + text.substr(end);
            INFO("section at " << section << ", token " << token);
            for (size_t block : kBlockSizes)
                compareWithStreaming(edited, block, false);
        }
}
