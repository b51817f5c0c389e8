// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The bad-input contract in the core: SnapshotReader returns the ParseError that tests/bad_inputs/expected.tsv
// names for each file (the CLI only prefixes "v8scope: "), from a file and from memory with read buffers of every
// size, and the inputs it accepts survive the whole analysis.
#include "badinputmanifest.h"

#include <catch2/catch.hpp>
#include <cpu/profilereader.h>
#include <heap/heapanalysis.h>
#include <heap/snapshotreader.h>

#include <fstream>
#include <sys/stat.h>

using namespace v8scope;
using namespace testutil;

namespace {

std::string rawBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

InputOptions optionsFor(const BadInput& b, size_t bufferBytes = 0)
{
    InputOptions o;
    if (b.maxInput())
        o.maxDecompressedBytes = b.maxInput();
    o.bufferBytes = bufferBytes;
    return o;
}

/// What the CLI would print for this result: the error line, or "" when the snapshot loads and analyzes.
std::string outcome(const Result<std::shared_ptr<const HeapSnapshot>>& snap, const std::string& name)
{
    if (!snap) {
        ParseError e = snap.error();
        e.file = name;
        return "v8scope: " + e.toString();
    }
    auto analysis = HeapAnalysis::analyze(snap.value());
    if (!analysis)
        return "v8scope: " + analysis.error().toString();
    for (uint32_t i = 0; i < analysis.value()->nodeCount(); ++i)
        (void)analysis.value()->displayName(i);
    return "";
}

Result<std::shared_ptr<const HeapSnapshot>> readMemory(const std::string& text, const InputOptions& options = {})
{
    auto in = InputStream::fromMemory("mem", text.data(), text.size(), options);
    return SnapshotReader::read(*in);
}

std::string validText()
{
    return rawBytes(badInputsDir() + "/valid.heapsnapshot");
}

/// The string table entry of the Leak node (ordinal 3) of a bad_inputs variant.
std::string leakName(const std::string& file)
{
    auto snap = SnapshotReader::read(badInputsDir() + "/" + file);
    if (!snap)
        FAIL(snap.error().toString());
    return std::string(snap.value()->nodeNameView(3));
}

} // namespace

TEST_CASE("every bad input gives its exact ParseError from a file", "[core][badinputs]")
{
    const auto rows = readBadInputs("expected.tsv");
    REQUIRE(rows.size() >= 40);
    for (const BadInput& b : rows) {
        INFO(b.file);
        const auto snap = SnapshotReader::read(badInputsDir() + "/" + b.file, optionsFor(b));
        CHECK(snap.ok() == (b.exitCode == 0));
        CHECK(outcome(snap, b.file) == b.stderrLine);
    }
}

TEST_CASE("every bad input gives the same ParseError from memory, whatever the read buffer size", "[core][badinputs]")
{
    for (const BadInput& b : readBadInputs("expected.tsv")) {
        const std::string path = badInputsDir() + "/" + b.file;
        struct stat st
        {
        };
        if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
            continue; // the directory and the missing file exist only on disk
        const std::string bytes = rawBytes(path);
        const bool gz = bytes.size() >= 2 && uint8_t(bytes[0]) == 0x1f && uint8_t(bytes[1]) == 0x8b;
        // gzip errors are found per inflated chunk, so their offsets depend on the buffer: only the default there.
        const std::vector<size_t> buffers = gz ? std::vector<size_t> { 0 } : std::vector<size_t> { 0, 64, 97, 4096 };
        for (size_t buffer : buffers) {
            INFO(b.file << " with a " << buffer << "-byte buffer");
            auto in = InputStream::fromMemory(b.file, bytes.data(), bytes.size(), optionsFor(b, buffer));
            CHECK(outcome(SnapshotReader::read(*in), b.file) == b.stderrLine);
        }
    }
}

TEST_CASE("lone surrogates are accepted and become U+FFFD; pairs decode", "[core][badinputs]")
{
    CHECK(leakName("valid.heapsnapshot") == "Leak");
    CHECK(leakName("lone_high_surrogate.heapsnapshot")
        == "Le\xEF\xBF\xBD"
           "ak");
    CHECK(leakName("lone_low_surrogate.heapsnapshot") == "Leak\xEF\xBF\xBD");
    CHECK(leakName("reversed_surrogates.heapsnapshot") == "\xEF\xBF\xBD\xEF\xBF\xBDLeak");
    CHECK(leakName("surrogate_pair.heapsnapshot") == "Leak\xF0\x9F\x98\x80");
    CHECK(leakName("bom_utf8.heapsnapshot") == "Leak");
}

TEST_CASE("a surrogate escape split across read buffers is repaired the same", "[core][badinputs]")
{
    // Move the escape across every buffer boundary position by padding the text in front of the snapshot.
    const std::string valid = validText();
    for (const char* escape : { "\\ud800", "\\udc00", "\\ud83d\\ude00" }) {
        std::string text = valid;
        text.replace(text.find("\"Leak\""), 6, std::string("\"Le") + escape + "ak\"");
        const std::string expected = std::string(escape) == "\\ud83d\\ude00" ? "Le\xF0\x9F\x98\x80"
                                                                               "ak"
                                                                             : "Le\xEF\xBF\xBD"
                                                                               "ak";
        for (size_t pad = 0; pad < 16; ++pad) {
            INFO(escape << " pad " << pad);
            InputOptions o;
            o.bufferBytes = 64;
            const auto snap = readMemory(std::string(pad, ' ') + text, o);
            REQUIRE(snap.ok());
            CHECK(snap.value()->nodeNameView(3) == expected);
        }
    }
}

TEST_CASE("100k levels of nesting never overflow the stack", "[core][badinputs]")
{
    const std::string valid = validText();
    const size_t depth = 100000;
    SECTION("unclosed arrays as the whole input")
    {
        const auto snap = readMemory(std::string(depth, '['));
        REQUIRE_FALSE(snap.ok());
        CHECK(snap.error().toString() == "mem: byte 0: expected a JSON object at the top level, found an array");
    }
    SECTION("unclosed objects")
    {
        std::string text;
        for (size_t i = 0; i < depth; ++i)
            text += "{\"a\":";
        const auto snap = readMemory(text);
        REQUIRE_FALSE(snap.ok());
        CHECK(snap.error().toString()
            == "mem: byte " + std::to_string(text.size())
                + ": invalid JSON: unexpected end of input (truncated file?): Invalid value");
    }
    SECTION("deep arrays in the header stop at the header's depth limit")
    {
        std::string text = valid;
        text.insert(text.find("\"node_count\""), "\"deep\":" + std::string(depth, '[') + std::string(depth, ']') + ",");
        const auto snap = readMemory(text);
        REQUIRE_FALSE(snap.ok());
        CHECK(snap.error().toString() == "mem: byte 861: header nests deeper than 64 levels");
    }
    SECTION("a deep unknown section is skipped")
    {
        const std::string text
            = "{\"deep\":" + std::string(depth, '[') + std::string(depth, ']') + "," + valid.substr(1);
        const auto snap = readMemory(text);
        REQUIRE(snap.ok());
        CHECK(snap.value()->nodeCount == 4);
    }
    SECTION("a 100k-deep trace_tree is read iteratively")
    {
        std::string tree;
        for (size_t i = 0; i < depth; ++i)
            tree += std::to_string(i + 1) + ",0,1,8,[";
        tree += std::string(depth, ']');
        std::string text = valid;
        text.replace(text.find("\"trace_tree\":[]"), 15, "\"trace_tree\":[" + tree + "]");
        const auto snap = readMemory(text);
        REQUIRE(snap.ok());
        const auto& t = snap.value()->traceTree;
        REQUIRE(t.size() == depth);
        CHECK(t[0].parent == UINT32_MAX);
        CHECK(t[depth - 1].parent == depth - 2);
        CHECK(t[depth - 1].id == depth);
    }
}

TEST_CASE("a cancelled read stops with an error", "[core][badinputs]")
{
    const std::string valid = validText();
    CancelToken cancel;
    cancel.cancel();
    InputOptions o;
    o.control.cancel = &cancel;
    const auto snap = readMemory(valid, o);
    REQUIRE_FALSE(snap.ok());
    CHECK(snap.error().toString() == "mem: byte 0: cancelled");
}

TEST_CASE("the decompressed-size limit applies to memory input too", "[core][badinputs]")
{
    const std::string valid = validText();
    InputOptions o;
    o.maxDecompressedBytes = 100;
    const auto snap = readMemory(valid, o);
    REQUIRE_FALSE(snap.ok());
    CHECK(snap.error().toString() == "mem: byte 100: input exceeds the limit of 100 bytes (raise it with --max-input)");
}

TEST_CASE("every bad profile gives its exact ParseError, from a file and from memory", "[core][badinputs][cpu]")
{
    for (const BadInput& b : readBadInputs("cpu/expected.tsv")) {
        const std::string path = badInputsDir() + "/cpu/" + b.file;
        auto describe = [&](const Result<ProfileReadResult>& r) -> std::string {
            if (r)
                return "";
            ParseError e = r.error();
            e.file = b.file;
            return "v8scope: " + e.toString();
        };
        INFO(b.file);
        CHECK(describe(ProfileReader::read(path)) == b.stderrLine);
        const std::string bytes = rawBytes(path);
        for (size_t buffer : { size_t(0), size_t(64) }) {
            INFO("buffer " << buffer);
            InputOptions o;
            o.bufferBytes = buffer;
            auto in = InputStream::fromMemory(b.file, bytes.data(), bytes.size(), o);
            CHECK(describe(ProfileReader::read(*in)) == b.stderrLine);
        }
    }
}
