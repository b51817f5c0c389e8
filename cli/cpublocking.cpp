// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "commands.h"
#include "cpucommands.h"
#include "cpuload.h"
#include "output.h"

#include <cpu/blocking.h>
#include <cpu/profilediff.h>
#include <cpu/tracetimeline.h>
#include <report/blockingview.h>

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
    bool longNames = false;
};

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
        addLongNamesFlag(cmd, o->longNames);
        cmd->callback([o, &exitCode] {
            BlockingOptions bo;
            if (!parseDurationUs(o->threshold, bo.thresholdUs)) {
                printError("--threshold: expected a duration such as 50ms, found \"" + o->threshold + "\"");
                exitCode = kExitBadInput;
                return;
            }
            if (!o->common.range.empty() || o->common.model != "perf") {
                printError("cpu blocking works on the whole profile's samples (no --range or --model)");
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
            auto ignored = ignoredFunctions(lp->profile(), o->common.ignoreList);
            if (!ignored) { // checked by loadProfile already; kept for the error path
                printError(ignored.error().toString());
                exitCode = kExitBadInput;
                return;
            }
            bo.ignoredFunctions = std::move(ignored.value());
            BlockingResult found = findBlocking(lp->profile(), bo);
            // Traces: what the panel shows over each stretch, with the same ignore list.
            attributeStretchesToTimeline(lp->profile(), found, bo.topFunctions, o->common.ignoreList);
            for (const std::string& w : found.warnings)
                fmt::print(stderr, "v8scope: warning: {}\n", w);
            report::BlockingViewOptions vo;
            vo.thresholdUs = bo.thresholdUs;
            vo.longNames = o->longNames;
            vo.ignoreList = lp->timing.ignoreList;
            printDocument(report::blockingDocument(lp->profile(), found, vo), o->common.format);
        });
    }
    {
        auto base = std::make_shared<CpuCommonOptions>();
        auto headFile = std::make_shared<std::string>();
        auto normalize = std::make_shared<bool>(false);
        auto top = std::make_shared<size_t>(30);
        auto match = std::make_shared<std::string>("path");
        auto longNames = std::make_shared<bool>(false);
        auto headProfile = std::make_shared<std::string>();
        auto* cmd = cpu->add_subcommand("diff", "Per-function self/total change from BASE to HEAD");
        addCpuCommonOptions(cmd, *base);
        addCpuFileOption(cmd, *headFile, "HEAD");
        cmd->get_option("--profile")
            ->description("Trace with several profiles: which one of BASE (pid:id, see `cpu info`)");
        cmd->add_option("--head-profile", *headProfile, "Trace with several profiles: which one of HEAD (pid:id)");
        cmd->add_flag("--normalize", *normalize, "Scale HEAD so both profiles have the same non-idle time");
        cmd->add_option("--top", *top, "How many rows (0 = all)");
        cmd->add_option("--match", *match,
               "How functions pair up: path (default: name + URL path without origin and common root + line), "
               "url (name + full URL + line), name (name + file name)")
            ->check(CLI::IsMember({ "url", "path", "name" }));
        addLongNamesFlag(cmd, *longNames);
        cmd->callback([base, headFile, normalize, top, match, longNames, headProfile, &exitCode] {
            auto b = loadProfile(*base);
            if (!b) {
                exitCode = kExitBadInput;
                return;
            }
            CpuCommonOptions ho = *base;
            ho.file = *headFile;
            ho.profile = *headProfile;
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
            printDocument(
                report::cpuDiffDocument(diffProfiles(b->profile(), b->timing, h->profile(), h->timing, *normalize, m),
                    { *top, *longNames }),
                base->format);
        });
    }
}

} // namespace v8scope::cli
