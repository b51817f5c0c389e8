// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The heap commands end to end on the real samples: DevTools parity through the CLI, golden text outputs,
// JSON validity, exit codes.
#include "testutil.h"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <algorithm>
#include <fstream>

namespace {

std::string cli(const std::string& args)
{
    return std::string(V8SCOPE_CLI) + " " + args;
}

std::string sample(const std::string& name)
{
    return testutil::samplePath("heap/" + name + ".heapsnapshot.gz");
}

/// Compares with tests/cli/golden/NAME; V8SCOPE_UPDATE_GOLDEN=1 rewrites the file instead.
void checkGolden(const std::string& name, const std::string& actual)
{
    const std::string path = testutil::testDataPath("cli/golden/" + name);
    if (std::getenv("V8SCOPE_UPDATE_GOLDEN")) {
        std::ofstream(path, std::ios::binary) << actual;
        return;
    }
    const std::string expected = testutil::readText(path);
    CHECK(actual == expected);
}

std::vector<std::string> sortedRows(const std::string& tsv)
{
    auto lines = testutil::splitLines(tsv);
    if (!lines.empty())
        lines.erase(lines.begin());
    std::sort(lines.begin(), lines.end());
    return lines;
}

} // namespace

TEST_CASE("summary --format tsv equals DevTools' Summary on every sample", "[cli][heap]")
{
    for (const char* name : { "leak_s3", "shapes", "chromium_detached_dom_2" }) {
        INFO(name);
        const auto r = testutil::run(cli("summary --format tsv " + sample(name)));
        REQUIRE(r.exitCode == 0);
        CHECK(testutil::splitLines(r.out).at(0) == "class\tcount\tshallow\tretained\tdistance");
        const std::string ref
            = testutil::readText(testutil::samplePath("reference/" + std::string(name) + ".summary.tsv"));
        CHECK(sortedRows(r.out) == sortedRows(ref));
    }
}

TEST_CASE("nodes --format tsv equals DevTools' per-node table", "[cli][heap]")
{
    const auto r = testutil::run(cli("nodes --format tsv " + sample("leak_s1")));
    REQUIRE(r.exitCode == 0);
    CHECK(r.out == testutil::readText(testutil::samplePath("reference/leak_s1.nodes.tsv.gz")));
}

TEST_CASE("summary options: --top, --sort, --filter", "[cli][heap]")
{
    const auto r = testutil::run(cli("summary --top 5 --sort count --format tsv " + sample("leak_s3")));
    REQUIRE(r.exitCode == 0);
    const auto lines = testutil::splitLines(r.out);
    REQUIRE(lines.size() == 6);
    // Sorted by count, descending.
    uint64_t last = UINT64_MAX;
    for (size_t i = 1; i < lines.size(); ++i) {
        const uint64_t count = std::stoull(testutil::splitTabs(lines[i]).at(1));
        CHECK(count <= last);
        last = count;
    }
    const auto f = testutil::run(cli("summary --filter '^Session$' --format tsv " + sample("leak_s3")));
    REQUIRE(f.exitCode == 0);
    const auto flines = testutil::splitLines(f.out);
    REQUIRE(flines.size() == 2);
    // docs/samples.md: leak_s3 holds 1300 Session objects.
    CHECK(testutil::splitTabs(flines[1]).at(0) == "Session");
    CHECK(testutil::splitTabs(flines[1]).at(1) == "1300");
}

TEST_CASE("golden text outputs", "[cli][heap]")
{
    auto r = testutil::run(cli("summary --top 12 " + sample("leak_s3")));
    REQUIRE(r.exitCode == 0);
    checkGolden("summary_leak_s3_top12.txt", r.out);
    r = testutil::run(cli("summary --top 12 --format md " + sample("chromium_detached_dom_2")));
    REQUIRE(r.exitCode == 0);
    checkGolden("summary_chromium2_top12.md", r.out);
    r = testutil::run(cli("dominators --depth 2 --top 3 " + sample("leak_s3")));
    REQUIRE(r.exitCode == 0);
    checkGolden("dominators_leak_s3.txt", r.out);
}

TEST_CASE("retainers: the leaking Session is held by the sessionCache Map", "[cli][heap]")
{
    // Find a Session id from the node table, then ask for its retaining paths.
    const auto nodes = testutil::run(cli("nodes " + sample("leak_s3")));
    REQUIRE(nodes.exitCode == 0);
    std::string id;
    for (const auto& line : testutil::splitLines(nodes.out)) {
        const auto cells = testutil::splitTabs(line);
        if (cells.size() > 1 && cells[1] == "Session") {
            id = cells[0];
            break;
        }
    }
    REQUIRE(!id.empty());
    const auto r = testutil::run(cli("retainers --paths 2 --id " + id + " " + sample("leak_s3")));
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("--sessionCache (context)--> Map") != std::string::npos);
    const auto j = testutil::run(cli("retainers --format json --id " + id + " " + sample("leak_s3")));
    REQUIRE(j.exitCode == 0);
    rapidjson::Document doc;
    doc.Parse(j.out.c_str());
    REQUIRE(!doc.HasParseError());
    CHECK(doc["class"].GetString() == std::string("Session"));
    REQUIRE(doc["paths"].Size() >= 1);
    const auto& path = doc["paths"][0];
    CHECK(path[path.Size() - 1]["id"].GetUint() == std::stoul(id));
}

TEST_CASE("JSON outputs parse and carry the documented keys", "[cli][heap]")
{
    const auto s = testutil::run(cli("summary --top 3 --format json " + sample("shapes")));
    REQUIRE(s.exitCode == 0);
    rapidjson::Document doc;
    doc.Parse(s.out.c_str());
    REQUIRE(!doc.HasParseError());
    REQUIRE(doc["classes"].Size() == 3);
    for (const char* key : { "class", "key", "count", "shallow", "retained", "distance" })
        CHECK(doc["classes"][0].HasMember(key));
    const auto i = testutil::run(cli("info --format json " + sample("shapes")));
    REQUIRE(i.exitCode == 0);
    rapidjson::Document info;
    info.Parse(i.out.c_str());
    REQUIRE(!info.HasParseError());
    // docs/samples.md: shapes has 50,810 nodes and 211,999 edges.
    CHECK(info["nodes"].GetUint() == 50810);
    CHECK(info["edges"].GetUint() == 211999);
    CHECK(info["total_size"].GetUint64() == doc["total_size"].GetUint64());
}

TEST_CASE("bad usage and bad input exit with 2 and one line", "[cli][heap]")
{
    auto r = testutil::run(cli("summary /nonexistent/file.heapsnapshot"));
    CHECK(r.exitCode == 2);
    CHECK(r.err == "v8scope: /nonexistent/file.heapsnapshot: cannot open: No such file or directory\n");
    r = testutil::run(cli("summary --filter '(' " + sample("shapes")));
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("--filter: invalid regular expression") != std::string::npos);
    r = testutil::run(cli("summary --sort bogus " + sample("shapes")));
    CHECK(r.exitCode == 2);
    r = testutil::run(cli("retainers --id 2 " + sample("shapes")));
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("no node with id 2") != std::string::npos);
    r = testutil::run(cli("nosuchcommand"));
    CHECK(r.exitCode == 2);
}

TEST_CASE("a --max-memory limit refuses a snapshot before allocating for it", "[cli][heap]")
{
    // shapes: 50,810 nodes and 211,999 edges (docs/samples.md) -> about 100 B/node + 17 B/edge + 16 MiB = 25 MB.
    auto r = testutil::run(cli("summary --max-memory 1MB " + sample("shapes")));
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("analyzing 50810 nodes and 211999 edges needs about 25 MB, more than --max-memory allows (1 MB)")
        != std::string::npos);
    r = testutil::run(cli("summary --top 1 --max-memory 1GiB " + sample("shapes")));
    CHECK(r.exitCode == 0);
}

TEST_CASE("stdin input", "[cli][heap]")
{
    const auto r = testutil::run("gzip -dc " + sample("control_a") + " | " + cli("summary --top 3 --format tsv -"));
    REQUIRE(r.exitCode == 0);
    const auto direct = testutil::run(cli("summary --top 3 --format tsv " + sample("control_a")));
    CHECK(r.out == direct.out);
}

TEST_CASE("a file given to the wrong command says which command reads it", "[heap][cli][sniff]")
{
    // The kind is known from the content (core/common/filekind.h), so the one line names the command, not the
    // parser's byte offset; exit code 2 as for any bad input.
    const std::string cpu = testutil::samplePath("cpu/cpu_mix.cpuprofile");
    const std::string wantCpu = "v8scope: " + cpu
        + ": this is a CPU profile, not a heap snapshot: use `v8scope cpu ...`" + " (or `v8scope check`)\n";
    for (const std::string& args : { "summary --no-cache " + cpu, "nodes --no-cache " + cpu,
             "diff --no-cache " + cpu + " " + sample("leak_s1"), "retainers --no-cache --id 1 " + cpu }) {
        INFO(args);
        const auto r = testutil::run(cli(args));
        CHECK(r.exitCode == 2);
        CHECK(r.err == wantCpu);
    }
    const auto heap = testutil::run(cli("cpu info " + sample("leak_s1")));
    CHECK(heap.exitCode == 2);
    CHECK_THAT(heap.err, Catch::Contains(sample("leak_s1") + ": this is a heap snapshot, not a CPU profile"));
}

TEST_CASE("retainers: one edge per line in text, the documented TSV and CSV rows", "[heap][cli][retainers]")
{
    // leak_s3's Session @79983 (the golden retainers_leak_s3.*): one path of 5 edges, root child first.
    const auto text = testutil::run(cli("retainers --id 79983 --paths 3 " + sample("leak_s3")));
    REQUIRE(text.exitCode == 0);
    const auto lines = testutil::splitLines(text.out);
    REQUIRE(lines.size() == 7); // the object, the path's first node, one line per edge (5)
    CHECK(lines[1] == "  1. (synthetic) (GC roots) @3");
    CHECK(lines[2] == "       --7 (element)--> (synthetic) (Stack roots) @17");
    CHECK(lines[6] == "       --1616 (internal)--> Session @79983");
    const auto csv = testutil::run(cli("retainers --format csv --id 79983 " + sample("leak_s3")));
    CHECK(csv.exitCode == 0);
    CHECK(testutil::splitLines(csv.out).at(0) == "path,length,retainers");
}

TEST_CASE("retainers --ignore: DevTools' \"Ignore this retainer\"", "[heap][cli][retainers]")
{
    // chromium_detached_dom_1: Detached <div> @53027 is element 0 of Array @35593 (window.detachedPanels): distance 6.
    // With that Array ignored DevTools gives it 7 (sample_profiles/reference/retainers_ignore/chromium_1.panels).
    const std::string chromium = sample("chromium_detached_dom_1");
    const auto plain = testutil::run(cli("retainers --id 53027 " + chromium));
    REQUIRE(plain.exitCode == 0);
    CHECK(plain.out.find("Array @35593") != std::string::npos);
    CHECK(testutil::splitLines(plain.out).at(0).find("distance 6)") != std::string::npos);
    const auto r = testutil::run(cli("retainers --id 53027 --ignore 35593 " + chromium));
    REQUIRE(r.exitCode == 0);
    const auto lines = testutil::splitLines(r.out);
    REQUIRE(lines.size() > 3);
    CHECK(lines[0].find("distance 7)") != std::string::npos);
    CHECK(lines[1] == "  ignoring: Array @35593");
    CHECK(r.out.find("@35593", lines[0].size() + lines[1].size() + 2) == std::string::npos); // no path through it
    CHECK(lines[2].rfind("  1. ", 0) == 0);

    // leak_s3: Session @108097 lives only through Map @75559 (sessionCache): ignored, DevTools has the Session
    // unreachable (leak_s3.map: 300000006, shown "-"), so no path is left.
    const std::string leak = sample("leak_s3");
    const auto s = testutil::run(cli("retainers --id 108097 --ignore 75559 " + leak));
    REQUIRE(s.exitCode == 0);
    CHECK(s.out
        == "Session @108097 (retained 688 B, distance -)\n  ignoring: Map @75559\n"
           "  no retaining path from the GC roots that avoids the ignored objects\n");
    const auto j = testutil::run(cli("retainers --format json --id 108097 --ignore 75559 " + leak));
    REQUIRE(j.exitCode == 0);
    rapidjson::Document doc;
    doc.Parse(j.out.c_str());
    REQUIRE(!doc.HasParseError());
    CHECK(doc["distance"].GetInt() == -5);
    REQUIRE(doc["ignored"].Size() == 1);
    CHECK(doc["ignored"][0].GetUint() == 75559);
    CHECK(doc["paths"].Size() == 0);
    // Repeated and comma-separated --ignore are the same set.
    const auto repeated = testutil::run(cli("retainers --id 53027 --ignore 33667 --ignore 35593 " + chromium));
    const auto comma = testutil::run(cli("retainers --id 53027 --ignore 35593,33667 " + chromium));
    CHECK(repeated.exitCode == 0);
    CHECK(repeated.out == comma.out);
    CHECK(
        testutil::splitLines(comma.out).at(1) == "  ignoring: Window [JSGlobalObject] / file:// @33667, Array @35593");

    // An id that is not in the file: one line, exit 2; so is a value that is not an id.
    const auto bad = testutil::run(cli("retainers --id 108097 --ignore 75559,2 " + leak));
    CHECK(bad.exitCode == 2);
    CHECK(bad.err == "v8scope: " + leak + ": no node with id 2\n");
    CHECK(bad.out.empty());
    const auto word = testutil::run(cli("retainers --id 108097 --ignore map " + leak));
    CHECK(word.exitCode == 2);
    CHECK(testutil::splitLines(word.err).at(0) == "Could not convert: --ignore = map"); // as --id x says it
    // The retainer graph does not take it (paths only): refused, not silently dropped.
    const auto graph = testutil::run(cli("retainers --id 108097 --graph --ignore 75559 " + leak));
    CHECK(graph.exitCode == 2);
    CHECK_THAT(graph.err, Catch::Contains("--ignore apply to retaining paths, not to --graph"));
}
