// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "cpucommands.h"

#include "commands.h"
#include "cpuload.h"
#include "output.h"

#include <cpu/rollup.h>

#include <fmt/format.h>

#include <memory>

namespace v8scope::cli {

namespace {

void printInfo(const LoadedProfile& lp, Format format)
{
    const CpuProfile& p = lp.profile();
    const Timing& t = lp.timing;
    std::vector<std::pair<std::string, std::string>> kv;
    kv.emplace_back("file", p.sourceName);
    kv.emplace_back("format", p.format);
    kv.emplace_back("profile", lp.read.chosenKey);
    kv.emplace_back("nodes", std::to_string(p.nodeCount()));
    kv.emplace_back("functions", std::to_string(p.functions.size()));
    kv.emplace_back("max_depth", std::to_string(p.maxDepth));
    if (p.isHeap()) {
        kv.emplace_back("samples", std::to_string(p.heapSampleCount));
        kv.emplace_back("total_bytes", std::to_string(t.duration));
    } else {
        kv.emplace_back("model", modelName(t.model));
        kv.emplace_back("ignore_list", t.ignoreList);
        kv.emplace_back("samples", std::to_string(p.sampleCount()));
        kv.emplace_back("total_hit_count", std::to_string(p.totalHitCount));
        kv.emplace_back("fixed_program_samples", std::to_string(p.fixedProgramSamples));
        kv.emplace_back("window_start_ms", fmt::format("{:.3f}", double(t.windowStart) / 1000));
        kv.emplace_back("window_end_ms", fmt::format("{:.3f}", double(t.windowEnd) / 1000));
        kv.emplace_back("duration_ms", formatWeight(t, t.duration));
        const double interval = p.sampleCount() > 1
            ? double(p.timestamps.back() - p.timestamps.front()) / double(p.sampleCount() - 1) / 1000
            : 0;
        kv.emplace_back("mean_interval_ms", fmt::format("{:.3f}", interval));
        kv.emplace_back("busy_ms", formatWeight(t, t.busy()));
        kv.emplace_back("idle_ms", formatWeight(t, t.idle));
        kv.emplace_back("program_ms", formatWeight(t, t.program));
        kv.emplace_back("gc_ms", formatWeight(t, t.gc));
        kv.emplace_back("js_ms", formatWeight(t, t.duration - t.unattributed - t.idle - t.program - t.gc));
        kv.emplace_back("unattributed_ms", formatWeight(t, t.unattributed));
    }
    if (format == Format::Json) {
        std::string out = "{";
        for (size_t i = 0; i < kv.size(); ++i) {
            const bool text = kv[i].first == "file" || kv[i].first == "format" || kv[i].first == "profile"
                || kv[i].first == "model";
            out += fmt::format(
                "{}{}: {}", i ? ", " : "", jsonString(kv[i].first), text ? jsonString(kv[i].second) : kv[i].second);
        }
        out += ", \"profiles\": [";
        for (size_t i = 0; i < lp.read.available.size(); ++i) {
            const ProfileListing& l = lp.read.available[i];
            out += fmt::format("{}{{\"key\": {}, \"pid\": {}, \"tid\": {}, \"source\": {}, \"nodes\": {}, "
                               "\"samples\": {}}}",
                i ? ", " : "", jsonString(l.key), l.pid, l.tid, jsonString(l.source), l.nodes, l.samples);
        }
        fmt::print("{}]}}\n", out);
        return;
    }
    Table table({ { "key" }, { "value" } });
    for (auto& [k, v] : kv)
        table.addRow({ k, v });
    table.print(stdout, format);
    if (lp.read.available.size() > 1 && format != Format::Tsv) {
        fmt::print("\n");
        Table profiles({ { "profile" }, { "tid", true }, { "source" }, { "nodes", true }, { "samples", true } });
        for (const ProfileListing& l : lp.read.available)
            profiles.addRow(
                { l.key, std::to_string(l.tid), l.source, std::to_string(l.nodes), std::to_string(l.samples) });
        profiles.print(stdout, format);
    }
}

void printFunctions(const LoadedProfile& lp)
{
    const CpuProfile& p = lp.profile();
    const Timing& t = lp.timing;
    const char* u = weightUnitName(t);
    fmt::print("function\turl\tline\tcolumn\tscript_id\tself_{}\ttotal_{}\n", u, u);
    for (const RollupRow& r : rollup(p, t, RollupKey::Function)) {
        const FunctionInfo& f = p.functions[r.function];
        fmt::print("{}\t{}\t{}\t{}\t{}\t{}\t{}\n", tsvCell(f.name), tsvCell(f.url), f.line, f.column,
            tsvCell(f.scriptId), formatWeight(t, r.self), formatWeight(t, r.total));
    }
}

void printTop(const LoadedProfile& lp, RollupKey by, size_t top, Format format)
{
    const CpuProfile& p = lp.profile();
    const Timing& t = lp.timing;
    std::vector<RollupRow> rows = rollup(p, t, by);
    // As DevTools' Bottom-up tab: functions without self time are not listed.
    std::erase_if(rows, [](const RollupRow& r) { return r.self <= 0; });
    if (top && rows.size() > top)
        rows.resize(top);
    const int64_t denom = p.isHeap() ? t.duration : t.busy();
    const char* u = weightUnitName(t);
    const std::string denomName = p.isHeap() ? "total bytes" : "non-idle time";
    if (format == Format::Json) {
        fmt::print("{{\"by\": {}, \"unit\": {}, \"percent_of\": {}, \"denominator\": {}, \"rows\": [",
            jsonString(by == RollupKey::Function ? "function"
                    : by == RollupKey::Url       ? "url"
                    : by == RollupKey::Package   ? "package"
                                                 : "category"),
            jsonString(u), jsonString(denomName), weightValue(t, denom));
        for (size_t i = 0; i < rows.size(); ++i) {
            const RollupRow& r = rows[i];
            std::string key = jsonString(r.key);
            if (by == RollupKey::Function) {
                const FunctionInfo& f = p.functions[r.function];
                key = fmt::format("{}, \"url\": {}, \"line\": {}, \"column\": {}, \"script_id\": {}",
                    jsonString(f.displayName()), jsonString(f.url), f.line, f.column, jsonString(f.scriptId));
            }
            fmt::print("{}{{\"key\": {}, \"self\": {}, \"total\": {}, \"self_pct\": {}, \"total_pct\": {}}}",
                i ? ", " : "", key, weightValue(t, r.self), weightValue(t, r.total), percent(r.self, denom),
                percent(r.total, denom));
        }
        fmt::print("]}}\n");
        return;
    }
    std::vector<Table::Column> cols { { fmt::format("self_{}", u), true }, { "self_%", true },
        { fmt::format("total_{}", u), true }, { "total_%", true } };
    cols.push_back({ by == RollupKey::Function ? "function"
            : by == RollupKey::Url             ? "url"
            : by == RollupKey::Package         ? "package"
                                               : "category" });
    if (by == RollupKey::Function)
        cols.push_back({ "location" });
    Table table(cols);
    for (const RollupRow& r : rows) {
        std::vector<std::string> cells { formatWeight(t, r.self), percent(r.self, denom), formatWeight(t, r.total),
            percent(r.total, denom), r.key };
        if (by == RollupKey::Function) {
            const FunctionInfo& f = p.functions[r.function];
            cells.push_back(f.url.empty() ? std::string() : fmt::format("{}:{}", f.url, f.line + 1));
        }
        table.addRow(std::move(cells));
    }
    if (format == Format::Text)
        fmt::print("# {} of {} {} ({}); model {}\n", "percent", formatWeight(t, denom), u, denomName,
            p.isHeap() ? "heap" : modelName(t.model));
    table.print(stdout, format);
}

} // namespace

void addCpuInfoCommands(CLI::App* cpu, int& exitCode)
{
    {
        auto o = std::make_shared<CpuCommonOptions>();
        auto* cmd = cpu->add_subcommand("info", "Format, size, duration and idle/program/GC/JS split of a profile");
        addCpuCommonOptions(cmd, *o);
        cmd->callback([o, &exitCode] {
            auto lp = loadProfile(*o);
            if (!lp) {
                exitCode = kExitBadInput;
                return;
            }
            printInfo(*lp, o->format);
        });
    }
    {
        auto o = std::make_shared<CpuCommonOptions>();
        auto* cmd = cpu->add_subcommand("functions",
            "One row per function (DevTools' key: name, script, line, column) with self and total, as TSV");
        addCpuCommonOptions(cmd, *o);
        cmd->callback([o, &exitCode] {
            auto lp = loadProfile(*o);
            if (!lp) {
                exitCode = kExitBadInput;
                return;
            }
            printFunctions(*lp);
        });
    }
    {
        auto o = std::make_shared<CpuCommonOptions>();
        auto by = std::make_shared<std::string>("function");
        auto top = std::make_shared<size_t>(20);
        auto* cmd = cpu->add_subcommand("top", "The heaviest functions, URLs, npm packages or categories by self time");
        addCpuCommonOptions(cmd, *o);
        cmd->add_option("--by", *by, "function, url, package or category")
            ->check(CLI::IsMember({ "function", "url", "package", "category" }));
        cmd->add_option("--top", *top, "How many rows (0 = all)");
        cmd->callback([o, by, top, &exitCode] {
            auto lp = loadProfile(*o);
            if (!lp) {
                exitCode = kExitBadInput;
                return;
            }
            const RollupKey key = *by == "url" ? RollupKey::Url
                : *by == "package"             ? RollupKey::Package
                : *by == "category"            ? RollupKey::Category
                                               : RollupKey::Function;
            printTop(*lp, key, *top, o->format);
        });
    }
}

void registerCpuCommands(CLI::App& app, int& exitCode)
{
    auto* cpu = app.add_subcommand("cpu", "Analyse V8 CPU profiles (.cpuprofile, traces) and sampling heap profiles");
    cpu->require_subcommand(1);
    addCpuInfoCommands(cpu, exitCode);
    addCpuTreeCommands(cpu, exitCode);
    addCpuBlockingCommands(cpu, exitCode);
    addCheckCommand(app, exitCode);
}

} // namespace v8scope::cli
