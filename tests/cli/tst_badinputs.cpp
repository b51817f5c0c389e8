// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The bad-input contract at the command line: every file of tests/bad_inputs/ gives its exact one-line error and
// exit code 2 (or is accepted, for the inputs V8 really writes: lone surrogates, a UTF-8 byte order mark, hostile
// but valid graphs). Never a crash: a signal would show up as exit code -1 here.
#include "badinputmanifest.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace testutil;

namespace {

RunResult runIn(const std::string& dir, const std::string& args)
{
    return run("cd '" + dir + "' && '" + std::string(V8SCOPE_CLI) + "' " + args);
}

} // namespace

TEST_CASE("bad heap snapshots: exact error line and exit code", "[cli][badinputs]")
{
    const auto rows = readBadInputs("expected.tsv");
    REQUIRE(rows.size() >= 40);
    size_t failing = 0;
    for (const BadInput& b : rows) {
        INFO(b.file);
        const RunResult r = runIn(badInputsDir(), "info '" + b.file + "' " + b.args);
        CHECK(r.exitCode == b.exitCode);
        CHECK(r.err == (b.stderrLine.empty() ? std::string() : b.stderrLine + "\n"));
        if (b.exitCode == 2) {
            ++failing;
            CHECK(r.out.empty());
        }
    }
    CHECK(failing >= 40);
}

TEST_CASE("accepted inputs also run summary, nodes and dominators", "[cli][badinputs]")
{
    for (const BadInput& b : readBadInputs("expected.tsv")) {
        if (b.exitCode != 0)
            continue;
        INFO(b.file);
        // dominators prints node labels (DevTools display names: flattened cons strings, {a, b} objects).
        for (const char* command : { "summary", "nodes", "dominators" }) {
            const RunResult r = runIn(badInputsDir(), std::string(command) + " '" + b.file + "' " + b.args);
            CHECK(r.exitCode == 0);
            CHECK(r.err.empty());
        }
    }
}

TEST_CASE("the max-input limit on every heap command, with size suffixes", "[cli][badinputs]")
{
    const std::string limitError
        = "v8scope: valid.heapsnapshot: byte 1024: input exceeds the limit of 1024 bytes (raise it with --max-input)\n";
    for (const char* command : { "info", "summary", "nodes" }) {
        INFO(command);
        RunResult r = runIn(badInputsDir(), std::string(command) + " valid.heapsnapshot --max-input 1KiB");
        CHECK(r.exitCode == 2);
        CHECK(r.err == limitError);
        r = runIn(badInputsDir(), std::string(command) + " valid.heapsnapshot --max-input 2048");
        CHECK(r.exitCode == 0);
    }
    const RunResult bad = runIn(badInputsDir(), "info valid.heapsnapshot --max-input lots");
    CHECK(bad.exitCode == 2);
}

TEST_CASE("bad input on stdin names <stdin>", "[cli][badinputs]")
{
    RunResult r
        = run("'" + std::string(V8SCOPE_CLI) + "' info - < '" + badInputsDir() + "/to_node_out_of_range.heapsnapshot'");
    CHECK(r.exitCode == 2);
    CHECK(r.err == "v8scope: <stdin>: byte 956: to_node 28 points past the last node (node_count 4)\n");
    // Without a file size the header cannot be checked up front: the columns grow as values arrive instead, and
    // the lie is caught at the end of "nodes".
    r = run("'" + std::string(V8SCOPE_CLI) + "' info - < '" + badInputsDir() + "/header_1_million_nodes.heapsnapshot'");
    CHECK(r.exitCode == 2);
    CHECK(r.err == "v8scope: <stdin>: byte 923: node_count is 1000000 but \"nodes\" holds 4 nodes\n");
}

TEST_CASE("node counts from 2^29 on are refused at the header", "[cli][badinputs]")
{
    // An edge's target takes 29 bits next to its type (HeapSnapshot::edgeWords). A file that could hold 2^29 nodes
    // is over 7.5 GB: on stdin the header cannot be checked against a size, so the limit itself answers. The
    // header's '}' is at byte 845 of valid.heapsnapshot, plus the longer count's digits.
    const std::string valid = readText(badInputsDir() + "/valid.heapsnapshot");
    REQUIRE(valid.find("\"node_count\":4,") != std::string::npos);
    auto withNodeCount = [&](const std::string& count) {
        std::string text = valid;
        text.replace(text.find("\"node_count\":4,"), 15, "\"node_count\":" + count + ",");
        return text;
    };
    auto stdinRun
        = [](const TempFile& f) { return run("'" + std::string(V8SCOPE_CLI) + "' info - < '" + f.path + "'"); };
    {
        TempFile f(withNodeCount("536870912"), ".heapsnapshot");
        const RunResult r = stdinRun(f);
        CHECK(r.exitCode == 2);
        CHECK(r.err
            == "v8scope: <stdin>: byte 853: snapshot.node_count 536870912 is too large: this reader takes fewer than "
               "2^29 "
               "(536870912) nodes\n");
    }
    {
        TempFile f(withNodeCount("4000000000"), ".heapsnapshot");
        const RunResult r = stdinRun(f);
        CHECK(r.exitCode == 2);
        CHECK(r.err
            == "v8scope: <stdin>: byte 854: snapshot.node_count 4000000000 is too large: this reader takes fewer than "
               "2^29 (536870912) nodes\n");
    }
    {
        // One less passes the header; the lie is caught at the end of "nodes" (2 more digits than 1000000 above).
        TempFile f(withNodeCount("536870911"), ".heapsnapshot");
        const RunResult r = stdinRun(f);
        CHECK(r.exitCode == 2);
        CHECK(r.err == "v8scope: <stdin>: byte 925: node_count is 536870911 but \"nodes\" holds 4 nodes\n");
    }
}

TEST_CASE("100k levels of nesting: an error or a result, never a stack overflow", "[cli][badinputs]")
{
    const std::string valid = readText(badInputsDir() + "/valid.heapsnapshot");
    const size_t depth = 100000;
    {
        // Unclosed arrays as the whole input.
        TempFile f(std::string(depth, '['), ".heapsnapshot");
        const RunResult r = run("'" + std::string(V8SCOPE_CLI) + "' info '" + f.path + "'");
        CHECK(r.exitCode == 2);
        CHECK(r.err == "v8scope: " + f.path + ": byte 0: expected a JSON object at the top level, found an array\n");
    }
    {
        // A valid snapshot with a deeply nested unknown section: skipped, so the snapshot loads.
        TempFile f(valid.substr(0, 1) + "\"deep\":" + std::string(depth, '[') + std::string(depth, ']') + ","
                + valid.substr(1),
            ".heapsnapshot");
        const RunResult r = run("'" + std::string(V8SCOPE_CLI) + "' info '" + f.path + "'");
        CHECK(r.exitCode == 0);
        CHECK(r.err.empty());
    }
}

TEST_CASE("bad CPU and heap profiles: exact error line and exit code", "[cli][badinputs][cpu]")
{
    const auto rows = readBadInputs("cpu/expected.tsv");
    REQUIRE(rows.size() >= 30);
    for (const BadInput& b : rows) {
        INFO(b.file);
        const RunResult r = runIn(badInputsDir() + "/cpu", "cpu info '" + b.file + "' " + b.args);
        CHECK(r.exitCode == b.exitCode);
        CHECK(r.err == (b.stderrLine.empty() ? std::string() : b.stderrLine + "\n"));
    }
}

TEST_CASE("a real Node --trace-events file holds no CPU samples: the trace error, on every CPU command",
    "[cli][badinputs][cpu]")
{
    // sample_profiles/scripts/node_trace_events.js: Node 20 traced with v8,disabled-by-default-v8.cpu_profiler
    // writes 58 MinorGC and other V8 events but no Profile/ProfileChunk (Node's tracing never starts the sampler).
    for (const char* command : { "cpu info", "cpu top", "cpu blocking" }) {
        INFO(command);
        const RunResult r
            = runIn(std::string(V8SCOPE_SAMPLES) + "/cpu", std::string(command) + " node20_trace_events.json");
        CHECK(r.exitCode == 2);
        CHECK(r.err
            == "v8scope: node20_trace_events.json: byte 25854: expected a CPU profile (Profile and ProfileChunk trace "
               "events, or a CpuProfile event) in this trace\n");
    }
}

TEST_CASE("100k levels of nesting in a profile: an error, not a stack overflow", "[cli][badinputs][cpu]")
{
    TempFile f(std::string(100000, '['), ".json");
    const RunResult r = run("'" + std::string(V8SCOPE_CLI) + "' cpu info '" + f.path + "'");
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("byte 100000: invalid JSON") != std::string::npos);
}
