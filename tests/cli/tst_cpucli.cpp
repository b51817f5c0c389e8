// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "testutil.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

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
    CHECK(r.out.find("\"stretches\": [{\"start_ms\": 517.328, \"duration_ms\": 61.451, \"samples\": 56, "
                     "\"top_functions\": [{\"function\": \"busyUntil\"")
        != std::string::npos);
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
