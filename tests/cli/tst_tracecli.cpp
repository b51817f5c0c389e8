// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The CPU commands on the Chromium samples (trace model, categories, diff --match) and on a synchronous batch
// job (blocking and check agree).
#include "testutil.h"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <map>
#include <regex>
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

std::vector<std::vector<std::string>> tsvRows(const std::string& out)
{
    std::vector<std::vector<std::string>> rows;
    for (const auto& line : splitLines(out))
        if (!line.empty() && line[0] != '#')
            rows.push_back(splitTabs(line));
    return rows;
}

} // namespace

TEST_CASE("cpu functions on a trace: trace events are rows, --model profile has none", "[cli][cpu][trace]")
{
    const std::string file = sample("chromium_trace.json.gz") + " --profile 23139:0x1";
    const RunResult perf = run(cli() + " cpu functions " + file);
    REQUIRE(perf.exitCode == 0);
    std::map<std::string, double> self;
    for (const auto& c : tsvRows(perf.out))
        if (c[0] != "function" && c[4].empty())
            self[c[0]] = std::stod(c[5]);
    // trace_oracle's '#event Layout' row (reference/chromium_trace.23139.full.tsv).
    REQUIRE(self.count("Layout"));
    double ref = -1;
    for (const auto& line : splitLines(readText(samplePath("reference/chromium_trace.23139.full.tsv"))))
        if (line.rfind("#event Layout\t", 0) == 0)
            ref = std::stod(splitTabs(line)[5]);
    CHECK(self["Layout"] == Approx(ref).margin(0.002));
    const RunResult profile = run(cli() + " cpu functions --model profile " + file);
    REQUIRE(profile.exitCode == 0);
    for (const auto& c : tsvRows(profile.out))
        CHECK(c[0] != "Layout");

    const RunResult cat = run(cli() + " cpu top --by category --format tsv " + file);
    REQUIRE(cat.exitCode == 0);
    std::set<std::string> cats;
    for (const auto& c : tsvRows(cat.out))
        cats.insert(c.back());
    for (const char* want : { "layout", "paint", "gc", "scripting", "user" })
        CHECK(cats.count(want));
}

TEST_CASE("a trace without --profile: the traced page's main frame process", "[cli][cpu][trace]")
{
    // chromium_trace also holds a profile of Chrome's own omnibox WebUI renderer (23041) with more samples;
    // TracingStartedInBrowser names the page's frame process, 23139.
    const RunResult r = run(cli() + " cpu info " + sample("chromium_trace.json.gz") + " --format json");
    REQUIRE(r.exitCode == 0);
    CHECK(r.out.find("23139:0x1") != std::string::npos);
    CHECK(r.err.find("using 23139:0x1") != std::string::npos);
}

TEST_CASE("cpu blocking on a trace: what ran is the panel's rows, a Layout included", "[cli][cpu][trace]")
{
    const RunResult r = run(
        cli() + " cpu blocking " + sample("chromium_trace.json.gz") + " --profile 23139:0x1 --format json --top 2");
    REQUIRE(r.exitCode == 0);
    // The layout-heavy stretch (300 forced layouts in maybeResize) is mostly Layout time, a trace event.
    CHECK(r.out.find("\"function\": \"Layout\"") != std::string::npos);
}

TEST_CASE("cpu diff --match path pairs the same page served on two ports", "[cli][cpu][diff]")
{
    const std::string files = sample("chromium_page.cpuprofile") + " " + sample("chromium_page_port2.cpuprofile");
    auto pairs = [&](const std::string& match) {
        const RunResult r = run(cli() + " cpu diff " + files + " --top 0 --format json" + match);
        REQUIRE(r.exitCode == 0);
        size_t both = 0, baseOnly = 0, headOnly = 0;
        std::set<std::string> keys;
        rapidjson::Document doc;
        doc.Parse(r.out.c_str());
        REQUIRE(!doc.HasParseError());
        for (const auto& row : doc["rows"].GetArray()) {
            // each function once
            CHECK(keys.insert(std::string(row["function"].GetString()) + "\x1f" + row["url"].GetString() + "\x1f"
                          + std::to_string(row["line"].GetInt()))
                      .second);
            const bool b = row["in_base"].GetBool(), h = row["in_head"].GetBool();
            both += b && h;
            baseOnly += b && !h;
            headOnly += h && !b;
        }
        return std::make_tuple(both, baseOnly, headOnly, r.out);
    };
    // The functions of app.js and vendor.js that both runs sampled, by name + path + line, counted here
    // independently from the two files' URLs with the origin cut off.
    auto functionsOf = [](const std::string& name) {
        std::set<std::string> out;
        const std::string text = readText(sample(name));
        const std::regex frame(
            R"re("functionName":"([^"]*)","scriptId":"\d+","url":"http://127\.0\.0\.1:\d+(/[^"]*)","lineNumber":(\d+))re");
        for (auto it = std::sregex_iterator(text.begin(), text.end(), frame); it != std::sregex_iterator(); ++it)
            out.insert((*it)[1].str() + (*it)[2].str() + (*it)[3].str());
        return out;
    };
    const auto a = functionsOf("chromium_page.cpuprofile");
    const auto b = functionsOf("chromium_page_port2.cpuprofile");
    size_t common = 0;
    for (const auto& k : a)
        common += b.count(k);
    REQUIRE(common > 10);

    const auto [pathBoth, pathBase, pathHead, pathOut] = pairs("");
    CHECK(pathOut.find("\"match\": \"path\"") != std::string::npos);
    const auto [urlBoth, urlBase, urlHead, urlOut] = pairs(" --match url");
    // By full URL nothing of the page pairs (the port differs); by path every function both runs have pairs
    // once, on top of the builtins and meta rows (no URL) that pair in both modes.
    CHECK(pathBoth == urlBoth + common);
    CHECK(pathBase == urlBase - common);
    CHECK(pathHead == urlHead - common);
    const auto [nameBoth, nameBase, nameHead, nameOut] = pairs(" --match name");
    CHECK(nameBoth >= pathBoth - 2); // name + file name may merge two functions of one file
    CHECK(nameOut.find("\"match\": \"name\"") != std::string::npos);
}

TEST_CASE("a synchronous batch job: cpu blocking and check agree on its one stretch", "[cli][cpu][claims]")
{
    const std::string file = sample("batch_sync.cpuprofile");
    const RunResult b = run(cli() + " cpu blocking " + file + " --threshold 0 --format json");
    REQUIRE(b.exitCode == 0);
    CHECK(b.out.find("\"has_idle\": false") != std::string::npos);
    CHECK(b.out.find("event loop never waited") != std::string::npos);
    const std::regex dur(R"re("duration_ms": ([0-9.]+))re");
    std::smatch m;
    REQUIRE(std::regex_search(b.out, m, dur));
    const double stretch = std::stod(m[1]);
    CHECK(stretch > 100); // the job runs for about 400 ms of wall time
    // check: excluding startup and exit (its defaults) must not hide the only stretch.
    const RunResult fail = run(cli() + " check " + file + " --claim 'blocking max < 100ms'");
    CHECK(fail.exitCode == 1);
    CHECK(fail.out.find("whole profile is one stretch") != std::string::npos);
    const RunResult pass = run(cli() + " check " + file + " --claim 'blocking max < 100s'");
    CHECK(pass.exitCode == 0);
}

TEST_CASE("cpu diff of two renderers of one trace: --profile picks BASE's, --head-profile HEAD's", "[cli][cpu][diff]")
{
    // chromium_two_renderers: renderer profiles 23183:0x1 (the page) and 23218:0x1 (its cross-site iframe).
    const std::string t = sample("chromium_two_renderers.json.gz");
    auto busy = [&](const std::string& options) {
        const RunResult r = run(cli() + " cpu diff --format json --top 1 " + options + " " + t + " " + t);
        REQUIRE(r.exitCode == 0);
        rapidjson::Document doc;
        doc.Parse(r.out.c_str());
        REQUIRE(!doc.HasParseError());
        return std::make_pair(doc["base_busy_ms"].GetDouble(), doc["head_busy_ms"].GetDouble());
    };
    const auto same = busy("--profile 23183:0x1");
    CHECK(same.first == same.second); // HEAD defaults to the page's main profile, the same one
    const auto two = busy("--profile 23183:0x1 --head-profile 23218:0x1");
    CHECK(two.first == same.first);
    CHECK(two.second != two.first);
    const auto swapped = busy("--profile 23218:0x1 --head-profile 23183:0x1");
    CHECK(swapped.first == two.second);
    CHECK(swapped.second == two.first);
}
