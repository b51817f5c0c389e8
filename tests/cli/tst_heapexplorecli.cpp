// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// summary --preset / --allocated-between / --id-range, containment and allocations end to end: DevTools parity
// through the CLI (the references of sample_profiles/scripts/devtools_views.mjs), formats, exit codes.
#include "testutil.h"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <algorithm>

namespace {

std::string cli(const std::string& args)
{
    return std::string(V8SCOPE_CLI) + " " + args;
}

std::string sample(const std::string& name)
{
    return testutil::samplePath("heap/" + name + ".heapsnapshot.gz");
}

/// The references escape \ tab newline CR as \\ \t \n \r; the CLI's TSV writes tabs and line breaks as spaces.
std::string asCliTsv(const std::string& line)
{
    std::string out;
    for (size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size()) {
            const char c = line[++i];
            out += (c == 't' || c == 'n' || c == 'r') ? ' ' : c;
        } else {
            out += line[i];
        }
    }
    return out;
}

std::vector<std::string> referenceRows(const std::string& file)
{
    auto lines = testutil::splitLines(testutil::readText(testutil::samplePath("reference/" + file)));
    lines.erase(lines.begin());
    for (auto& l : lines)
        l = asCliTsv(l);
    return lines;
}

std::vector<std::string> dataRows(const std::string& tsv)
{
    auto lines = testutil::splitLines(tsv);
    if (!lines.empty())
        lines.erase(lines.begin());
    return lines;
}

std::vector<std::string> sorted(std::vector<std::string> v)
{
    std::sort(v.begin(), v.end());
    return v;
}

} // namespace

TEST_CASE("summary --preset equals DevTools' Summary filters", "[cli][heap][filters]")
{
    const std::pair<const char*, const char*> cases[]
        = { { "detached-dom", "objectsRetainedByDetachedDomNodes" }, { "duplicated-strings", "duplicatedStrings" },
              { "contexts", "objectsRetainedByContexts" }, { "objectsRetainedByConsole", "objectsRetainedByConsole" },
              { "event-handlers", "objectsRetainedByEventHandlers" } };
    for (const char* name : { "chromium_detached_dom_2", "leak_s3" }) {
        for (const auto& [preset, devtools] : cases) {
            INFO(name << " " << preset);
            const auto r
                = testutil::run(cli("summary --format tsv --preset " + std::string(preset) + " " + sample(name)));
            REQUIRE(r.exitCode == 0);
            CHECK(
                sorted(dataRows(r.out)) == sorted(referenceRows(std::string(name) + "." + devtools + ".summary.tsv")));
        }
    }
}

TEST_CASE("summary --allocated-between and --id-range equal DevTools' id filter", "[cli][heap][filters]")
{
    // The three-snapshot technique: what was allocated between s1 and s2 and is still alive in s3.
    auto r = testutil::run(cli("summary --format tsv " + sample("leak_s3") + " --allocated-between " + sample("leak_s1")
        + " " + sample("leak_s2")));
    REQUIRE(r.exitCode == 0);
    const auto ref = referenceRows("leak_s3.between_s1_s2.summary.tsv");
    CHECK(sorted(dataRows(r.out)) == sorted(ref));
    // The same range by numbers: leak_s1's and leak_s2's largest odd ids (read from the files by the CLI above;
    // here from `nodes`: the largest odd id column value).
    auto maxOdd = [&](const char* name) {
        const auto n = testutil::run(cli("nodes " + sample(name)));
        uint64_t best = 0;
        for (const auto& line : dataRows(n.out)) {
            const uint64_t id = std::stoull(line.substr(0, line.find('\t')));
            if (id % 2 == 1)
                best = std::max(best, id);
        }
        return best;
    };
    r = testutil::run(cli("summary --format tsv " + sample("leak_s3") + " --id-range "
        + std::to_string(maxOdd("leak_s1")) + "," + std::to_string(maxOdd("leak_s2"))));
    REQUIRE(r.exitCode == 0);
    CHECK(sorted(dataRows(r.out)) == sorted(ref));

    CHECK(testutil::run(cli("summary " + sample("leak_s3") + " --id-range 5")).exitCode == 2);
    CHECK(testutil::run(cli("summary " + sample("leak_s3") + " --id-range 1,2 --allocated-before " + sample("leak_s1")))
              .exitCode
        == 2);
    CHECK(testutil::run(cli("summary " + sample("leak_s3") + " --preset nope")).exitCode == 2);
    CHECK(testutil::run(cli("summary " + sample("leak_s3") + " --allocated-before /nonexistent.heapsnapshot")).exitCode
        == 2);
}

TEST_CASE("containment equals DevTools' Containment view, in order", "[cli][heap][containment]")
{
    for (const char* name : { "leak_s3", "chromium_detached_dom_2" }) {
        INFO(name);
        const auto r = testutil::run(cli("containment --format tsv --depth 3 --top 10 " + sample(name)));
        REQUIRE(r.exitCode == 0);
        auto lines = testutil::splitLines(r.out);
        REQUIRE(lines.at(0) == "depth\tedge_type\tedge_name\tid\tclass\tname\tdistance\tself\tretained\tedges");
        // The reference has no class and edges columns: drop them (5th and 10th).
        std::vector<std::string> ours;
        for (size_t i = 1; i < lines.size(); ++i) {
            auto cells = testutil::splitTabs(lines[i]);
            REQUIRE(cells.size() == 10);
            std::string row;
            for (size_t c = 0; c < 9; ++c)
                if (c != 4)
                    row += (row.empty() ? "" : "\t") + cells[c];
            ours.push_back(row);
        }
        CHECK(ours == referenceRows(std::string(name) + ".containment.tsv"));
    }
    // Text: DevTools' edge notation, indented; JSON parses; CSV has the header; a bad id is an error.
    auto t = testutil::run(cli("containment --depth 2 --top 2 " + sample("leak_s3")));
    REQUIRE(t.exitCode == 0);
    CHECK(t.out.find(".2 :: global @") != std::string::npos);
    CHECK(t.out.find("\n  {native_context} :: system / NativeContext @") != std::string::npos);
    auto j = testutil::run(cli("containment --format json --depth 1 " + sample("leak_s3")));
    rapidjson::Document d;
    d.Parse(j.out.c_str());
    REQUIRE(!d.HasParseError());
    CHECK(d["rows"].IsArray());
    auto csv = testutil::run(cli("containment --format csv --depth 1 " + sample("leak_s3")));
    CHECK(csv.out.rfind("depth,edge_type,edge_name,id,class,name,distance,self,retained,edges\n", 0) == 0);
    CHECK(testutil::run(cli("containment --id 4 " + sample("leak_s3"))).exitCode == 2);
    // --id starts elsewhere: the global object's own edges.
    auto g = testutil::run(cli("containment --format tsv --depth 1 --top 0 --id 6049 " + sample("leak_s3")));
    REQUIRE(g.exitCode == 0);
    CHECK(dataRows(g.out).size() == 228); // the global's edge count (228 in the root's row for it)
}

TEST_CASE("allocations equals DevTools' Allocation view and allocation stacks", "[cli][heap][allocations]")
{
    // Every function with its whole callers tree (the deepest stack has fewer than 100 frames).
    auto r = testutil::run(cli("allocations --format tsv --callers 100 " + sample("alloc_tracking")));
    REQUIRE(r.exitCode == 0);
    CHECK(testutil::splitLines(r.out).at(0)
        == "depth\tfunction\tscript\tscript_id\tline\tcolumn\tcount\tsize\tlive_count\tlive_size");
    CHECK(dataRows(r.out) == referenceRows("alloc_tracking.allocations.tsv"));

    // Without --callers: the function rows only (depth 0), the first --top of them.
    r = testutil::run(cli("allocations --format tsv --top 3 " + sample("alloc_tracking")));
    std::vector<std::string> tops;
    for (const auto& row : referenceRows("alloc_tracking.allocations.tsv"))
        if (row.rfind("0\t", 0) == 0 && tops.size() < 3)
            tops.push_back(row);
    CHECK(dataRows(r.out) == tops);

    // One object's stack: the 100th line of the stacks reference.
    const auto stacks = referenceRows("alloc_tracking.stacks.tsv.gz");
    const std::string line = stacks.at(99);
    const std::string id = line.substr(0, line.find('\t'));
    r = testutil::run(cli("allocations --format tsv --id " + id + " " + sample("alloc_tracking")));
    REQUIRE(r.exitCode == 0);
    std::string joined;
    for (const auto& frame : dataRows(r.out)) {
        const auto c = testutil::splitTabs(frame); // frame function script script_id line column
        REQUIRE(c.size() == 6);
        joined += (joined.empty() ? "" : " <- ") + c[1] + " " + c[2] + ":" + c[4] + ":" + c[5];
    }
    CHECK(id + "\t" + joined == line);

    // A snapshot recorded without allocation tracking: one line, exit 2.
    r = testutil::run(cli("allocations " + sample("leak_s3")));
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("no allocation tracking data") != std::string::npos);
}
