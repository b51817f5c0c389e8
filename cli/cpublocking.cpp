// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "commands.h"
#include "cpucommands.h"
#include "cpuload.h"
#include "output.h"

#include <cpu/blocking.h>
#include <cpu/profilediff.h>
#include <cpu/tracetimeline.h>

#include <fmt/format.h>

#include <memory>

namespace v8scope::cli {

namespace {

struct BlockingCliOptions
{
    CpuCommonOptions common;
    std::string threshold = "50ms";
    bool excludeStartup = false;
    bool excludeExit = false;
    uint32_t top = 3;
};

std::string functionJson(const CpuProfile& p, uint32_t f)
{
    const FunctionInfo& fi = p.functions[f];
    return fmt::format("\"function\": {}, \"url\": {}, \"line\": {}, \"column\": {}", jsonString(fi.displayName()),
        jsonString(fi.url), fi.line, fi.column);
}

void printBlocking(const CpuProfile& p, const BlockingResult& r, const BlockingCliOptions& o, int64_t thresholdUs)
{
    for (const std::string& w : r.warnings)
        fmt::print(stderr, "v8scope: warning: {}\n", w);
    const Format format = o.common.format;
    if (format == Format::Json) {
        fmt::print("{{\"threshold_ms\": {}, \"median_interval_ms\": {}, \"busy_stretches\": {}, \"has_idle\": {}, "
                   "\"warnings\": [",
            double(thresholdUs) / 1000, double(r.medianIntervalUs) / 1000, r.busyStretches, r.hasIdle);
        for (size_t i = 0; i < r.warnings.size(); ++i)
            fmt::print("{}{}", i ? ", " : "", jsonString(r.warnings[i]));
        fmt::print("], \"stretches\": [");
        for (size_t i = 0; i < r.stretches.size(); ++i) {
            const BlockingStretch& s = r.stretches[i];
            fmt::print("{}{{\"start_ms\": {}, \"duration_ms\": {}, \"samples\": {}, \"top_functions\": [",
                i ? ", " : "", double(s.startUs) / 1000, double(s.durationUs) / 1000, s.samples);
            for (size_t k = 0; k < s.topFunctions.size(); ++k)
                fmt::print("{}{{{}, \"self_ms\": {}}}", k ? ", " : "", functionJson(p, s.topFunctions[k].function),
                    double(s.topFunctions[k].selfUs) / 1000);
            fmt::print("], \"dominant_frame\": {}, \"gc_ms\": {}, \"max_gap_ms\": {}, \"startup\": {}, \"exit\": {}}}",
                s.dominantFunction == UINT32_MAX ? std::string("null")
                                                 : "{" + functionJson(p, s.dominantFunction) + "}",
                double(s.gcUs) / 1000, double(s.maxGapUs) / 1000, s.startup, s.exit);
        }
        fmt::print("]}}\n");
        return;
    }
    Table table({ { "start_ms", true }, { "duration_ms", true }, { "samples", true }, { "gc_ms", true },
        { "dominant_frame" }, { "top_self_functions" }, { "note" } });
    for (const BlockingStretch& s : r.stretches) {
        std::string tops;
        for (const BlockingFunction& f : s.topFunctions)
            tops += fmt::format("{}{} {:.1f}", tops.empty() ? "" : ", ", functionLabel(p.functions[f.function]),
                double(f.selfUs) / 1000);
        table.addRow({ fmt::format("{:.3f}", double(s.startUs) / 1000),
            fmt::format("{:.3f}", double(s.durationUs) / 1000), std::to_string(s.samples),
            fmt::format("{:.1f}", double(s.gcUs) / 1000),
            s.dominantFunction == UINT32_MAX ? std::string("-") : functionLabel(p.functions[s.dominantFunction]), tops,
            s.startup    ? "startup"
                : s.exit ? "exit"
                         : "" });
    }
    if (format == Format::Text)
        fmt::print("# {} busy stretch(es) >= {} ms (of {}); median sample interval {:.3f} ms\n", r.stretches.size(),
            double(thresholdUs) / 1000, r.busyStretches, double(r.medianIntervalUs) / 1000);
    table.print(stdout, format);
}

const char* matchName(DiffMatch m)
{
    return m == DiffMatch::Url ? "url" : m == DiffMatch::Path ? "path" : "name";
}

void printDiff(const ProfileDiff& d, Format format, size_t top)
{
    const size_t n = top && d.rows.size() > top ? top : d.rows.size();
    if (format == Format::Json) {
        fmt::print("{{\"base_busy_ms\": {:.3f}, \"head_busy_ms\": {:.3f}, \"scale\": {}, \"percent_of\": "
                   "\"non-idle time\", \"match\": {}, \"base_root\": {}, \"head_root\": {}, \"rows\": [",
            d.baseBusyMs, d.headBusyMs, d.scale, jsonString(matchName(d.match)), jsonString(d.baseRoot),
            jsonString(d.headRoot));
        for (size_t i = 0; i < n; ++i) {
            const DiffRow& r = d.rows[i];
            fmt::print("{}{{\"function\": {}, \"url\": {}, \"line\": {}, \"base_self_ms\": {:.3f}, \"head_self_ms\": "
                       "{:.3f}, \"self_delta_ms\": {:.3f}, \"base_total_ms\": {:.3f}, \"head_total_ms\": {:.3f}, "
                       "\"total_delta_ms\": {:.3f}, \"base_self_pct\": {:.2f}, \"head_self_pct\": {:.2f}, "
                       "\"base_total_pct\": {:.2f}, \"head_total_pct\": {:.2f}, \"in_base\": {}, \"in_head\": {}}}",
                i ? ", " : "", jsonString(r.name), jsonString(r.url), r.line, r.baseSelfMs, r.headSelfMs,
                r.selfDeltaMs(), r.baseTotalMs, r.headTotalMs, r.totalDeltaMs(), r.baseSelfPct, r.headSelfPct,
                r.baseTotalPct, r.headTotalPct, r.inBase, r.inHead);
        }
        fmt::print("]}}\n");
        return;
    }
    Table table({ { "self_delta_ms", true }, { "base_self_ms", true }, { "head_self_ms", true },
        { "base_self_%", true }, { "head_self_%", true }, { "total_delta_ms", true }, { "base_total_%", true },
        { "head_total_%", true }, { "function" }, { "location" } });
    for (size_t i = 0; i < n; ++i) {
        const DiffRow& r = d.rows[i];
        table.addRow({ fmt::format("{:+.3f}", r.selfDeltaMs()), fmt::format("{:.3f}", r.baseSelfMs),
            fmt::format("{:.3f}", r.headSelfMs), fmt::format("{:.1f}", r.baseSelfPct),
            fmt::format("{:.1f}", r.headSelfPct), fmt::format("{:+.3f}", r.totalDeltaMs()),
            fmt::format("{:.1f}", r.baseTotalPct), fmt::format("{:.1f}", r.headTotalPct), r.name,
            r.url.empty()    ? std::string()
                : r.line < 0 ? r.url
                             : fmt::format("{}:{}", r.url, r.line + 1) });
    }
    if (format == Format::Text)
        fmt::print("# HEAD - BASE; percentages of each profile's non-idle time (base {:.3f} ms, head {:.3f} ms){}\n"
                   "# functions matched by {}{}\n",
            d.baseBusyMs, d.headBusyMs, d.scale != 1 ? fmt::format("; head scaled by {:.4f}", d.scale) : "",
            matchName(d.match),
            d.match == DiffMatch::Path
                ? fmt::format(" (roots stripped: base \"{}\", head \"{}\")", d.baseRoot, d.headRoot)
                : std::string());
    table.print(stdout, format);
}

} // namespace

void addCpuBlockingCommands(CLI::App* cpu, int& exitCode)
{
    {
        auto o = std::make_shared<BlockingCliOptions>();
        auto* cmd = cpu->add_subcommand("blocking", "Event-loop blocking: busy stretches between (idle) samples");
        addCpuCommonOptions(cmd, o->common);
        cmd->add_option("--threshold", o->threshold, "Report stretches at least this long (50ms, 0.1s, 500us)");
        cmd->add_flag("--exclude-startup", o->excludeStartup, "Drop the stretch that starts with the first sample");
        cmd->add_flag("--exclude-exit", o->excludeExit, "Drop the stretch that runs to the end of the profile");
        cmd->add_option("--top", o->top, "Top self functions listed per stretch");
        cmd->callback([o, &exitCode] {
            BlockingOptions bo;
            if (!parseDurationUs(o->threshold, bo.thresholdUs)) {
                printError("--threshold: expected a duration such as 50ms, found \"" + o->threshold + "\"");
                exitCode = kExitBadInput;
                return;
            }
            if (!o->common.range.empty() || o->common.model != "perf" || o->common.ignoreList != "off") {
                printError("cpu blocking works on the whole profile's samples (no --range, --model or --ignore-list)");
                exitCode = kExitBadInput;
                return;
            }
            auto lp = loadProfile(o->common);
            if (!lp) {
                exitCode = kExitBadInput;
                return;
            }
            if (lp->profile().isHeap()) {
                printError(o->common.file + ": a heap profile has no samples over time; blocking needs a CPU profile");
                exitCode = kExitBadInput;
                return;
            }
            bo.excludeStartup = o->excludeStartup;
            bo.excludeExit = o->excludeExit;
            bo.topFunctions = o->top;
            BlockingResult found = findBlocking(lp->profile(), bo);
            attributeStretchesToTimeline(lp->profile(), found, bo.topFunctions); // traces: what the panel shows
            printBlocking(lp->profile(), found, *o, bo.thresholdUs);
        });
    }
    {
        auto base = std::make_shared<CpuCommonOptions>();
        auto headFile = std::make_shared<std::string>();
        auto normalize = std::make_shared<bool>(false);
        auto top = std::make_shared<size_t>(30);
        auto match = std::make_shared<std::string>("path");
        auto* cmd = cpu->add_subcommand("diff", "Per-function self/total change from BASE to HEAD");
        addCpuCommonOptions(cmd, *base);
        addCpuFileOption(cmd, *headFile, "HEAD");
        cmd->add_flag("--normalize", *normalize, "Scale HEAD so both profiles have the same non-idle time");
        cmd->add_option("--top", *top, "How many rows (0 = all)");
        cmd->add_option("--match", *match,
               "How functions pair up: path (default: name + URL path without origin and common root + line), "
               "url (name + full URL + line), name (name + file name)")
            ->check(CLI::IsMember({ "url", "path", "name" }));
        cmd->callback([base, headFile, normalize, top, match, &exitCode] {
            auto b = loadProfile(*base);
            if (!b) {
                exitCode = kExitBadInput;
                return;
            }
            CpuCommonOptions ho = *base;
            ho.file = *headFile;
            ho.profile.clear();
            auto h = loadProfile(ho);
            if (!h) {
                exitCode = kExitBadInput;
                return;
            }
            if (b->profile().isHeap() != h->profile().isHeap() || b->profile().isHeap()) {
                printError("cpu diff compares two CPU profiles");
                exitCode = kExitBadInput;
                return;
            }
            const DiffMatch m = *match == "url" ? DiffMatch::Url : *match == "name" ? DiffMatch::Name : DiffMatch::Path;
            printDiff(
                diffProfiles(b->profile(), b->timing, h->profile(), h->timing, *normalize, m), base->format, *top);
        });
    }
}

} // namespace v8scope::cli
