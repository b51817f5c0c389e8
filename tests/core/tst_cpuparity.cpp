// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// DevTools parity on the real samples: per-function and per-node self/total against the Performance panel
// numbers (perf_* columns) that ../shared/oracle/cpu_oracle.mjs wrote into sample_profiles/reference/.
#include "testutil.h"

#include <cpu/blocking.h>
#include <cpu/profilereader.h>
#include <cpu/timing.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <rapidjson/document.h>

using namespace v8scope;
using namespace testutil;

namespace {

struct Loaded
{
    std::shared_ptr<const CpuProfile> profile;
    Timing timing;
};

Loaded load(const std::string& rel, TimingOptions options = {})
{
    auto r = ProfileReader::read(samplePath(rel));
    REQUIRE(r.ok());
    auto t = computeTiming(*r.value().profile, options);
    REQUIRE(t.ok());
    return { r.value().profile, std::move(t.value()) };
}

std::vector<std::map<std::string, std::string>> readTsv(const std::string& rel)
{
    const auto lines = splitLines(readText(samplePath(rel)));
    const auto head = splitTabs(lines.at(0));
    std::vector<std::map<std::string, std::string>> rows;
    for (size_t i = 1; i < lines.size(); ++i) {
        if (lines[i].empty() || lines[i][0] == '#')
            continue;
        const auto cells = splitTabs(lines[i]);
        std::map<std::string, std::string> row;
        for (size_t c = 0; c < head.size() && c < cells.size(); ++c)
            row[head[c]] = cells[c];
        rows.push_back(row);
    }
    return rows;
}

/// Compares every function row of the reference; returns the largest difference in ms.
double checkFunctions(
    const std::string& name, const std::string& selfCol, const std::string& totalCol, TimingOptions options = {})
{
    const Loaded l = load("cpu/" + name + ".cpuprofile", options);
    const CpuProfile& p = *l.profile;
    std::map<std::tuple<std::string, std::string, int, int>, uint32_t> byKey;
    for (uint32_t f = 0; f < p.functions.size(); ++f)
        byKey[{ p.functions[f].name, p.functions[f].scriptId, p.functions[f].line, p.functions[f].column }] = f;
    double worst = 0;
    const auto rows = readTsv("reference/" + name + ".bottomup.tsv");
    REQUIRE(!rows.empty());
    for (const auto& row : rows) {
        const auto key = std::make_tuple(
            row.at("functionName"), row.at("scriptId"), std::stoi(row.at("line")), std::stoi(row.at("col")));
        INFO(name << ": " << row.at("functionName") << " " << row.at("url") << ":" << row.at("line"));
        REQUIRE(byKey.count(key) == 1);
        const uint32_t f = byKey[key];
        const double self = l.timing.toMs(l.timing.functionSelf[f]);
        const double total = l.timing.toMs(l.timing.functionTotal[f]);
        CHECK(self == Approx(std::stod(row.at(selfCol))).margin(0.001));
        CHECK(total == Approx(std::stod(row.at(totalCol))).margin(0.001));
        worst = std::max(
            { worst, std::fabs(self - std::stod(row.at(selfCol))), std::fabs(total - std::stod(row.at(totalCol))) });
    }
    return worst;
}

void checkNodes(const std::string& name)
{
    const Loaded l = load("cpu/" + name + ".cpuprofile");
    const CpuProfile& p = *l.profile;
    std::map<int64_t, uint32_t> byId;
    for (uint32_t x = 0; x < p.nodeCount(); ++x)
        byId[p.nodeId[x]] = x;
    for (const auto& row : readTsv("reference/" + name + ".nodes.tsv")) {
        if (row.at("parent").empty())
            continue; // (root): DevTools makes no event for it
        const uint32_t x = byId.at(std::stoll(row.at("id")));
        INFO(name << ": node " << row.at("id") << " " << row.at("functionName"));
        CHECK(l.timing.toMs(l.timing.nodeSelf[x]) == Approx(std::stod(row.at("perf_self_ms"))).margin(0.001));
        CHECK(l.timing.toMs(l.timing.nodeTotal[x]) == Approx(std::stod(row.at("perf_total_ms"))).margin(0.001));
        CHECK(p.depth[x] - 1 == uint32_t(std::stoi(row.at("depth"))));
    }
}

void checkTotals(const std::string& name)
{
    const Loaded l = load("cpu/" + name + ".cpuprofile");
    for (const auto& row : readTsv("reference/" + name + ".totals.tsv")) {
        if (row.at("model") != "perf")
            continue;
        CHECK(l.timing.toMs(l.timing.duration) == Approx(std::stod(row.at("duration_ms"))).margin(0.001));
        CHECK(l.timing.toMs(l.timing.idle) == Approx(std::stod(row.at("idle_ms"))).margin(0.001));
        CHECK(l.timing.toMs(l.timing.program) == Approx(std::stod(row.at("program_ms"))).margin(0.001));
        CHECK(l.timing.toMs(l.timing.gc) == Approx(std::stod(row.at("gc_ms"))).margin(0.001));
        CHECK(l.timing.toMs(l.timing.unattributed) == Approx(std::stod(row.at("unattributed_ms"))).margin(0.001));
        CHECK(l.profile->sampleCount() == std::stoull(row.at("sample_count")));
    }
}

} // namespace

TEST_CASE("perf model matches DevTools' Performance panel on every sample profile", "[cpu][parity]")
{
    for (const char* name : { "cpu_mix", "http_blocking", "edge_cases", "parent_only", "chromium_page",
             "chromium_page_port2", "batch_sync" }) {
        CHECK(checkFunctions(name, "perf_self_ms", "perf_total_ms") <= 0.001);
        checkNodes(name);
        checkTotals(name);
    }
}

TEST_CASE("ignore list default matches the Performance panel with \"Enable ignore listing\" on", "[cpu][parity]")
{
    // cpu_oracle.mjs --ignore-list default: perf_ign_* columns (DevTools' ThreadAppender drops an ignore-listed
    // entry whose parent entry is ignore-listed before the tree views are built).
    TimingOptions o;
    o.ignoreList = "default";
    size_t changed = 0;
    for (const char* name : { "cpu_mix", "http_blocking", "edge_cases", "parent_only", "chromium_page",
             "chromium_page_port2", "batch_sync" }) {
        CHECK(checkFunctions(name, "perf_ign_self_ms", "perf_ign_total_ms", o) <= 0.001);
        for (const auto& row : readTsv(std::string("reference/") + name + ".bottomup.tsv"))
            changed += std::fabs(std::stod(row.at("perf_ign_self_ms")) - std::stod(row.at("perf_self_ms"))) > 0.001;
    }
    CHECK(changed > 10); // the rule does change numbers on these node: and node_modules heavy profiles
}

TEST_CASE("hitcount model matches the legacy JavaScript Profiler (once-per-stack total)", "[cpu][parity]")
{
    TimingOptions o;
    o.model = TimingModel::HitCount;
    for (const char* name : { "cpu_mix", "http_blocking", "edge_cases" })
        CHECK(checkFunctions(name, "legacy_self_ms", "legacy_total_once_ms", o) <= 0.001);
}

TEST_CASE("heap profile self and once-per-stack total bytes match DevTools", "[cpu][heap][parity]")
{
    const Loaded l = load("cpu/heap_prof.heapprofile");
    const CpuProfile& p = *l.profile;
    REQUIRE(p.isHeap());
    // The reference has no scriptId column: sum our functions with the same (name, url, line, column).
    std::map<std::tuple<std::string, std::string, int, int>, std::pair<int64_t, int64_t>> ours;
    for (uint32_t f = 0; f < p.functions.size(); ++f) {
        auto& v = ours[{ p.functions[f].name, p.functions[f].url, p.functions[f].line, p.functions[f].column }];
        v.first += l.timing.functionSelf[f];
        v.second += l.timing.functionTotal[f];
    }
    std::map<std::tuple<std::string, std::string, int, int>, std::pair<int64_t, int64_t>> ref;
    for (const auto& row : readTsv("reference/heap_prof.heapprofile.tsv")) {
        auto& v = ref[{ row.at("functionName"), row.at("url"), std::stoi(row.at("line")), std::stoi(row.at("col")) }];
        v.first += std::stoll(row.at("self_bytes"));
        v.second += std::stoll(row.at("total_once_bytes"));
    }
    REQUIRE(ref.size() > 10);
    for (const auto& [k, v] : ref) {
        INFO(std::get<0>(k) << " " << std::get<1>(k));
        REQUIRE(ours.count(k));
        CHECK(ours[k].first == v.first);
        CHECK(ours[k].second == v.second);
    }
}

TEST_CASE("blocking finds every logged blocking handler and matches the reference stretches", "[cpu][blocking]")
{
    const Loaded l = load("cpu/http_blocking.cpuprofile");
    const CpuProfile& p = *l.profile;
    const BlockingResult r = findBlocking(p);
    REQUIRE(r.hasIdle);
    rapidjson::Document ref;
    ref.Parse(readText(samplePath("reference/http_blocking.blocking.json")).c_str());
    REQUIRE(ref.IsArray());
    REQUIRE(r.stretches.size() == ref.Size());
    for (rapidjson::SizeType i = 0; i < ref.Size(); ++i) {
        const BlockingStretch& s = r.stretches[i];
        CHECK(double(s.startUs) / 1000 == Approx(ref[i]["startMs"].GetDouble()).margin(0.001));
        CHECK(double(s.durationUs) / 1000 == Approx(ref[i]["durationMs"].GetDouble()).margin(0.002));
        CHECK(s.samples == ref[i]["samples"].GetUint());
        CHECK(double(s.gcUs) / 1000 == Approx(ref[i]["gcMs"].GetDouble()).margin(0.001));
    }
    // The server's own log: each handler must fall in a stretch whose length is within one sample interval + 5 ms.
    rapidjson::Document blocks;
    blocks.Parse(readText(samplePath("cpu/http_blocking.blocks.json")).c_str());
    REQUIRE(blocks.IsArray());
    REQUIRE(blocks.Size() == 7);
    for (const auto& b : blocks.GetArray()) {
        const int64_t startUs = b["startUs"].GetInt64() - p.startTime;
        const int64_t endUs = b["endUs"].GetInt64() - p.startTime;
        const BlockingStretch* match = nullptr;
        for (const BlockingStretch& s : r.stretches)
            if (s.startUs <= endUs && s.startUs + s.durationUs >= startUs)
                match = &s;
        INFO(b["handler"].GetString() << " at " << startUs);
        REQUIRE(match);
        CHECK(std::fabs(double(match->durationUs) / 1000 - b["actualMs"].GetDouble())
            <= double(r.medianIntervalUs) / 1000 + 5);
        REQUIRE(match->dominantFunction != UINT32_MAX);
    }
}
