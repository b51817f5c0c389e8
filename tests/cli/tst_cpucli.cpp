// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "testutil.h"

#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

using namespace testutil;

namespace {

std::string cli()
{
    return V8SCOPE_CLI;
}

std::string sample(const std::string& name)
{
    return samplePath("cpu/" + name);
}

} // namespace

TEST_CASE("cpu functions: the TSV contract", "[cli][cpu]")
{
    const RunResult r = run(cli() + " cpu functions " + sample("edge_cases.cpuprofile") + " --format tsv");
    REQUIRE(r.exitCode == 0);
    CHECK(r.out
        == "function\turl\tline\tcolumn\tscript_id\tself_ms\ttotal_ms\n"
           "fib\tfile:///app/app.js\t10\t2\t11\t4.000\t7.000\n"
           "(idle)\t\t-1\t-1\t0\t2.900\t2.900\n"
           "(garbage collector)\t\t-1\t-1\t0\t2.000\t2.000\n"
           "main\tfile:///app/app.js\t0\t0\t11\t1.000\t8.000\n"
           "leaf\tfile:///app/app.js\t20\t4\t11\t1.000\t3.000\n"
           "main\tfile:///app/other.js\t0\t0\t12\t1.000\t1.000\n"
           "(program)\t\t-1\t-1\t0\t0.000\t0.000\n");
}

TEST_CASE("cpu functions on every sample matches the DevTools reference within 0.001 ms", "[cli][cpu]")
{
    for (const char* name : { "cpu_mix", "http_blocking", "parent_only" }) {
        const RunResult r = run(cli() + " cpu functions " + sample(std::string(name) + ".cpuprofile"));
        REQUIRE(r.exitCode == 0);
        std::map<std::string, std::pair<double, double>> ours;
        for (const auto& line : splitLines(r.out)) {
            const auto c = splitTabs(line);
            if (c[0] == "function")
                continue;
            ours[c[0] + "@" + c[4] + ":" + c[2] + ":" + c[3]] = { std::stod(c[5]), std::stod(c[6]) };
        }
        const auto ref = splitLines(readText(samplePath("reference/" + std::string(name) + ".bottomup.tsv")));
        for (size_t i = 1; i < ref.size(); ++i) {
            const auto c = splitTabs(ref[i]);
            const std::string key = c[0] + "@" + c[4] + ":" + c[2] + ":" + c[3];
            INFO(name << " " << key);
            REQUIRE(ours.count(key));
            CHECK(ours[key].first == Approx(std::stod(c[8])).margin(0.001));
            CHECK(ours[key].second == Approx(std::stod(c[9])).margin(0.001));
        }
    }
}

TEST_CASE("bad input: one-line error and exit 2", "[cli][cpu][errors]")
{
    TempFile bad("{\"nodes\": [{\"id\": 1}, {\"id\": 1}]}");
    RunResult r = run(cli() + " cpu top " + bad.path);
    CHECK(r.exitCode == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "v8scope: " + bad.path + ": byte 22: duplicate node id 1\n");
    r = run(cli() + " cpu info /nonexistent.cpuprofile");
    CHECK(r.exitCode == 2);
    CHECK(r.err == "v8scope: /nonexistent.cpuprofile: cannot open: No such file or directory\n");
    TempFile truncated("{\"nodes\": [{\"id\": 1, \"callFrame\": {\"functionName\": \"a");
    r = run(cli() + " cpu blocking " + truncated.path);
    CHECK(r.exitCode == 2);
    CHECK(r.err.find(": byte ") != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    r = run(cli() + " cpu top " + sample("cpu_mix.cpuprofile") + " --range 5");
    CHECK(r.exitCode == 2);
    CHECK(r.err == "v8scope: --range: expected START,END in ms (e.g. 100,2500), found \"5\"\n");
}

TEST_CASE("check: exit codes 0, 1 and 2", "[cli][claims]")
{
    const std::string mix = sample("cpu_mix.cpuprofile");
    RunResult r = run(cli() + " check " + mix + " --claim \"gc < 5%\" --claim \"function 'parseJson' total < 45%\"");
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("PASS  gc < 5%") != std::string::npos);
    r = run(cli() + " check " + mix + " --claim \"function 'parseJson' self < 5%\"");
    CHECK(r.exitCode == 1);
    CHECK(r.out.find("FAIL  function 'parseJson' self < 5%  ->  38.61% of non-idle time") != std::string::npos);
    r = run(cli() + " check " + mix + " --claim \"function parseJson < 5%\"");
    CHECK(r.exitCode == 2);
    CHECK(r.err
        == "v8scope: --claim 1: byte 9: in claim \"function parseJson < 5%\": expected a quoted function name, e.g. "
           "'function 'name' self < 5%'\n");
    TempFile claims("{\"claims\": [\"blocking max < 50ms\", \"blocking count(>100ms) == 0\"]}");
    r = run(cli() + " check " + sample("http_blocking.cpuprofile") + " --claims " + claims.path + " --format junit");
    CHECK(r.exitCode == 1);
    CHECK(
        r.out.find("<testsuite name=\"v8scope check\" tests=\"2\" failures=\"2\" errors=\"0\">") != std::string::npos);
    TempFile badClaims("{\"claims\": 5}");
    r = run(cli() + " check " + mix + " --claims " + badClaims.path);
    CHECK(r.exitCode == 2);
    CHECK(r.err == "v8scope: " + badClaims.path + ": byte 0: expected an object {\"claims\": [\"CLAIM\", ...]}\n");
}

TEST_CASE("blocking json, folded stacks and pprof export", "[cli][cpu]")
{
    RunResult r = run(cli() + " cpu blocking " + sample("http_blocking.cpuprofile") + " --format json");
    REQUIRE(r.exitCode == 0);
    rapidjson::Document doc;
    doc.Parse(r.out.c_str());
    REQUIRE(!doc.HasParseError());
    const auto& first = doc["stretches"][0];
    CHECK(first["start_ms"].GetDouble() == 517.328);
    CHECK(first["duration_ms"].GetDouble() == 61.451);
    CHECK(first["samples"].GetInt() == 56);
    CHECK(std::string(first["top_functions"][0]["function"].GetString()) == "busyUntil");
    r = run(cli() + " cpu flame " + sample("edge_cases.cpuprofile") + " --format folded");
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("main file:///app/app.js:1;fib file:///app/app.js:11;leaf file:///app/app.js:21;(garbage "
                     "collector) 2000\n")
        != std::string::npos);
    TempFile out("", ".pb.gz");
    r = run(cli() + " cpu export " + sample("cpu_mix.cpuprofile") + " --pprof " + out.path);
    REQUIRE(r.exitCode == 0);
    const std::string proto = readText(out.path); // gunzips
    CHECK(proto.find("parseJson") != std::string::npos);
    CHECK(proto.find("nanoseconds") != std::string::npos);
}

TEST_CASE("cpu blocking --ignore-list default: each stretch's top functions are the panel's rows", "[cli][cpu]")
{
    // reference/http_blocking.blocking_ignore.tsv: cpu_oracle.mjs --window STRETCH --ignore-list default
    // (make_blocking_ignore_reference.sh), every row with self time, per stretch.
    const std::string file = sample("http_blocking.cpuprofile");
    RunResult on = run(cli() + " cpu blocking --ignore-list default --top 1000 --format json " + file);
    RunResult off = run(cli() + " cpu blocking --top 1000 --format json " + file);
    REQUIRE(on.exitCode == 0);
    REQUIRE(off.exitCode == 0);
    CHECK(on.err.find("v8scope: note: ignore list default") != std::string::npos);
    rapidjson::Document a, b;
    a.Parse(on.out.c_str());
    b.Parse(off.out.c_str());
    REQUIRE((!a.HasParseError() && !b.HasParseError()));
    // Stretches do not move; what ran in them does.
    REQUIRE(a["stretches"].Size() == 7);
    REQUIRE(b["stretches"].Size() == 7);
    std::map<std::string, std::map<std::string, double>> ours; // start_ms -> function@url:line -> self_ms
    size_t changed = 0;
    for (rapidjson::SizeType i = 0; i < a["stretches"].Size(); ++i) {
        const auto& s = a["stretches"][i];
        CHECK(s["start_ms"].GetDouble() == b["stretches"][i]["start_ms"].GetDouble());
        CHECK(s["duration_ms"].GetDouble() == b["stretches"][i]["duration_ms"].GetDouble());
        changed += s["top_functions"] != b["stretches"][i]["top_functions"];
        auto& rows = ours[fmt::format("{}", s["start_ms"].GetDouble())];
        for (const auto& f : s["top_functions"].GetArray())
            rows[fmt::format("{}@{}:{}", f["function"].GetString(), f["url"].GetString(), f["line"].GetInt())]
                = f["self_ms"].GetDouble();
    }
    CHECK(changed > 0); // node: frames (undestroy, ...) fold into their outermost node: caller
    std::map<std::string, std::map<std::string, double>> ref;
    const auto lines = splitLines(readText(samplePath("reference/http_blocking.blocking_ignore.tsv")));
    for (size_t i = 1; i < lines.size(); ++i) {
        const auto c = splitTabs(lines[i]);
        const std::string name = c[2].empty() ? "(anonymous)" : c[2];
        ref[c[0]][name + "@" + c[3] + ":" + c[4]] = std::stod(c[5]);
    }
    REQUIRE(ref.size() == 7);
    for (const auto& [start, rows] : ref) {
        INFO("stretch at " << start);
        REQUIRE(ours.count(start));
        CHECK(ours[start].size() == rows.size());
        for (const auto& [key, self] : rows) {
            INFO(key);
            REQUIRE(ours[start].count(key));
            CHECK(ours[start][key] == Approx(self).margin(0.001));
        }
    }
}

TEST_CASE("check --ignore-list default: function claims equal the panel with ignore listing on", "[cli][claims]")
{
    // Every function name that is unique in the oracle's bottom-up rows (perf_ign_* = cpu_oracle.mjs
    // --ignore-list default) becomes a self and a total claim in ms; the measured values must equal the oracle's.
    for (const char* name : { "http_blocking", "cpu_mix" }) {
        const auto ref = splitLines(readText(samplePath(std::string("reference/") + name + ".bottomup.tsv")));
        std::map<std::string, std::pair<double, double>> unique;
        std::set<std::string> seen;
        for (size_t i = 1; i < ref.size(); ++i) {
            const auto c = splitTabs(ref[i]);
            const std::string fn = c[0].empty() ? "(anonymous)" : c[0];
            if (fn.find_first_of("'\"\\") != std::string::npos || fn.front() == '(')
                continue;
            if (!seen.insert(fn).second)
                unique.erase(fn);
            else
                unique[fn] = { std::stod(c[14]), std::stod(c[15]) };
        }
        REQUIRE(unique.size() > 10);
        std::string claims = "{\"claims\": [";
        for (const auto& [fn, v] : unique)
            claims += fmt::format("\"function '{}' self < 100000ms\", \"function '{}' total < 100000ms\", ", fn, fn);
        claims += "\"gc < 100%\"]}";
        TempFile file(claims, ".json");
        const RunResult r = run(cli() + " check --ignore-list default --format json --claims " + file.path + " "
            + sample(std::string(name) + ".cpuprofile"));
        INFO(r.err);
        REQUIRE(r.exitCode == 0);
        rapidjson::Document doc;
        doc.Parse(r.out.c_str());
        REQUIRE(!doc.HasParseError());
        REQUIRE(doc["claims"].Size() == 2 * unique.size() + 1);
        rapidjson::SizeType i = 0;
        for (const auto& [fn, v] : unique) {
            INFO(name << " " << fn);
            CHECK(doc["claims"][i++]["measured"].GetDouble() / 1000 == Approx(v.first).margin(0.001));
            CHECK(doc["claims"][i++]["measured"].GetDouble() / 1000 == Approx(v.second).margin(0.001));
        }
    }
}

TEST_CASE(
    "check: a name that matches nothing is an error naming the closest; --missing-ok counts it as 0", "[cli][claims]")
{
    const std::string mix = sample("cpu_mix.cpuprofile");
    RunResult r = run(cli() + " check " + mix + " --claim \"function 'parseJsn' self < 5%\"");
    CHECK(r.exitCode == 2);
    CHECK(r.out.find("ERROR function 'parseJsn' self < 5%  ->  no function matches 'parseJsn'; closest: parseJson")
        != std::string::npos);
    r = run(cli() + " check --missing-ok " + mix + " --claim \"function 'parseJsn' self < 5%\"");
    CHECK(r.exitCode == 0);
    CHECK(r.out.find("(absent: counted as 0)") != std::string::npos);
    r = run(cli() + " check " + mix + " --claim \"url 'cpu_mx.js' self < 5%\"");
    CHECK(r.exitCode == 2);
    CHECK(r.out.find("no url matches 'cpu_mx.js'; closest: file:///work/main/sample_profiles/scripts/cpu_mix.js")
        != std::string::npos);
}

TEST_CASE("cpu --help shows formats as plain words; an unknown format is one clear error", "[cli][cpu]")
{
    for (const char* cmd : { "info", "functions", "top", "tree", "blocking", "diff" }) {
        INFO(cmd);
        const RunResult r = run(cli() + " cpu " + cmd + " --help");
        CHECK(r.out.find("--format FORMAT:{text,tsv,csv,md,json}") != std::string::npos);
        CHECK(r.out.find("ENUM") == std::string::npos);
    }
    RunResult r = run(cli() + " check --help");
    CHECK(r.out.find("--format FORMAT:{text,tsv,csv,md,json,junit}") != std::string::npos);
    CHECK(r.out.find("--ignore-list") != std::string::npos);
    CHECK(r.out.find("--missing-ok") != std::string::npos);
    r = run(cli() + " cpu top --format xml " + sample("cpu_mix.cpuprofile"));
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("\"xml\" is not one of text,tsv,csv,md,json") != std::string::npos);
    r = run(cli() + " cpu tree --sort size " + sample("cpu_mix.cpuprofile"));
    CHECK(r.exitCode == 2);
}
