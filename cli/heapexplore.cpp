// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// `v8scope containment`, `v8scope allocations`, and the Summary's DevTools filters (--preset,
// --allocated-between, --allocated-before, --id-range): option wiring around the core views.
#include "heapexplore.h"
#include "commands.h"
#include "heapload.h"
#include "output.h"

#include <common/filekind.h>
#include <heap/allocations.h>
#include <heap/containment.h>
#include <heap/filters.h>
#include <heap/snapshotreader.h>
#include <report/exploreviews.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <fmt/format.h>

namespace v8scope::cli {

namespace {

/// The largest odd node id of a snapshot (parsed only, not analysed), or nothing after printing the error.
std::optional<uint32_t> maxJsObjectIdOf(const std::string& path, const HeapLoadOptions& load)
{
    InputOptions in;
    in.maxDecompressedBytes = load.maxInputBytes;
    in.maxMemoryBytes = load.maxMemoryBytes;
    auto snap = SnapshotReader::read(path, in);
    if (!snap) {
        printError(wrongKindError(path, FileKind::HeapSnapshot, snap.error()).toString());
        return std::nullopt;
    }
    return maxJsObjectId(*snap.value());
}

struct ContainmentOptions
{
    std::string file;
    std::optional<uint32_t> id;
    uint32_t depth = 2;
    uint32_t top = 20;
    Format format = Format::Text;
    bool human = false;
    HeapLoadOptions load;
};

int runContainment(const ContainmentOptions& o)
{
    auto loaded = loadHeap(o.file, o.load);
    if (!loaded)
        return kExitBadInput;
    const HeapAnalysis& a = *loaded->analysis;
    const uint32_t start = resolveNode(a, o.id, o.file);
    if (start == kNoNode)
        return kExitBadInput;
    auto rows = containmentRows(a, start, o.depth, o.top);
    if (!rows) {
        printError(rows.error().toString());
        return kExitBadInput;
    }
    report::write(stdout, report::containmentTable(a, rows.value()), o.format, heapWriteOptions(o.format, o.human));
    return kExitOk;
}

struct AllocationsOptions
{
    std::string file;
    std::optional<uint32_t> id;
    size_t top = 0;
    uint32_t callers = 0;
    Format format = Format::Text;
    bool human = false;
    HeapLoadOptions load;
};

int runAllocations(const AllocationsOptions& o)
{
    auto loaded = loadHeap(o.file, o.load);
    if (!loaded)
        return kExitBadInput;
    auto profile = AllocationProfile::build(loaded->analysis);
    if (!profile) {
        printError(profile.error().toString());
        return kExitBadInput;
    }
    const AllocationProfile& p = *profile.value();
    if (o.id) {
        const uint32_t node = resolveNode(*loaded->analysis, o.id, o.file);
        if (node == kNoNode)
            return kExitBadInput;
        report::write(stdout, report::allocationStackTable(p, node), o.format, heapWriteOptions(o.format, o.human));
        return kExitOk;
    }
    report::AllocationViewOptions view;
    view.top = o.top;
    view.callerDepth = o.callers;
    report::write(stdout, report::allocationsTable(p, view), o.format, heapWriteOptions(o.format, o.human));
    return kExitOk;
}

} // namespace

void addSummaryFilterOptions(CLI::App* cmd, SummaryFilterOptions& o)
{
    std::string presets;
    for (const SummaryFilterInfo& f : summaryFilters())
        presets += (presets.empty() ? "" : "|") + std::string(f.cliName);
    cmd->add_option("--preset", o.preset,
           "DevTools' Summary filter: " + presets
               + " (all objects; duplicated strings; objects retained by detached DOM nodes, by contexts, by the "
                 "DevTools console, by event handlers)")
        ->check(
            [](const std::string& v) { return parseSummaryFilter(v) ? std::string() : "unknown preset '" + v + "'"; })
        ->default_str("all");
    cmd->add_option("--allocated-between", o.between,
           "Objects allocated between snapshots A and B of the same session (DevTools' \"Objects allocated between "
           "A and B\"): ids above A's largest JS object id, up to B's")
        ->expected(2)
        ->type_name("A B");
    cmd->add_option("--allocated-before", o.before,
        "Objects allocated before snapshot A of the same session: ids up to A's largest JS object id");
    cmd->add_option("--id-range", o.idRange, "Objects with MIN < id <= MAX (DevTools' node id filter)")
        ->type_name("MIN,MAX");
}

std::optional<SummaryFilterPlan> planSummaryFilters(const SummaryFilterOptions& o, const HeapLoadOptions& load)
{
    SummaryFilterPlan plan;
    plan.preset = parseSummaryFilter(o.preset).value_or(SummaryFilter::AllObjects);
    const int ranges = int(!o.between.empty()) + int(!o.before.empty()) + int(!o.idRange.empty());
    if (ranges > 1) {
        printError("--allocated-between, --allocated-before and --id-range exclude each other");
        return std::nullopt;
    }
    if (!o.between.empty()) {
        const auto lo = maxJsObjectIdOf(o.between[0], load);
        const auto hi = lo ? maxJsObjectIdOf(o.between[1], load) : std::nullopt;
        if (!hi)
            return std::nullopt;
        plan.range = NodeIdRange { *lo, *hi };
    } else if (!o.before.empty()) {
        const auto hi = maxJsObjectIdOf(o.before, load);
        if (!hi)
            return std::nullopt;
        plan.range = NodeIdRange { 0, *hi };
    } else if (!o.idRange.empty()) {
        const size_t comma = o.idRange.find(',');
        uint32_t lo = 0, hi = 0;
        const char* s = o.idRange.data();
        const char* end = s + o.idRange.size();
        if (comma == std::string::npos || comma == 0 || comma + 1 == o.idRange.size()
            || std::from_chars(s, s + comma, lo).ptr != s + comma
            || std::from_chars(s + comma + 1, end, hi).ptr != end) {
            printError(fmt::format("--id-range: expected MIN,MAX (two unsigned 32-bit integers), got '{}'", o.idRange));
            return std::nullopt;
        }
        plan.range = NodeIdRange { lo, hi };
    }
    return plan;
}

std::optional<std::vector<ClassAggregate>> filteredSummary(const HeapAnalysis& a, const SummaryFilterPlan& plan)
{
    if (plan.preset == SummaryFilter::AllObjects && !plan.range) {
        // All objects: the analysis' own Summary (computed once in the analysis or read from its cache).
        std::vector<ClassAggregate> rows;
        rows.reserve(a.summary.size());
        for (const ClassAggregate& r : a.summary)
            rows.push_back(r.totalsOnly());
        return rows;
    }
    std::optional<NodeMask> mask;
    if (plan.preset != SummaryFilter::AllObjects) {
        auto computed = computeSummaryFilter(a, plan.preset);
        if (!computed) {
            printError(computed.error().toString());
            return std::nullopt;
        }
        mask = std::move(computed.value());
    }
    return buildFilteredSummary(a, mask ? &*mask : nullptr, plan.range);
}

void registerHeapExploreCommands(CLI::App& app, int& exitCode)
{
    {
        auto o = std::make_shared<ContainmentOptions>();
        auto* cmd = app.add_subcommand("containment",
            "DevTools' Containment view: the root's (or an object's) edges and their targets, biggest retained size "
            "first, level by level");
        addHeapInput(cmd, o->file);
        cmd->add_option("--id", o->id, "Start at the object with this id (the @id DevTools shows) instead of the root");
        cmd->add_option("--depth", o->depth, "Levels below the start object")->default_val(2);
        cmd->add_option("--top", o->top, "Rows per object, biggest retained size first (0: all)")->default_val(20);
        cmd->add_flag("--human", o->human, "Human-readable sizes (12.3 MB) even when stdout is not a terminal");
        addHeapFormat(cmd, o->format);
        addMaxInputOption(cmd, o->load);
        cmd->callback([o, &exitCode] { exitCode = runContainment(*o); });
    }
    {
        auto o = std::make_shared<AllocationsOptions>();
        auto* cmd = app.add_subcommand("allocations",
            "DevTools' Allocation view (snapshots recorded with allocation tracking): per allocating function the "
            "objects allocated and still alive; --callers: who called it; --id: one object's allocation stack");
        addHeapInput(cmd, o->file);
        cmd->add_option("--top", o->top, "Only the first N functions, by allocated size (default: all)");
        cmd->add_option("--callers", o->callers,
            "Below each function, its callers tree (DevTools' expansion of the row), this many levels deep");
        cmd->add_option("--id", o->id, "Print the allocation stack of the object with this id instead");
        cmd->add_flag("--human", o->human, "Human-readable sizes (12.3 MB) even when stdout is not a terminal");
        addHeapFormat(cmd, o->format);
        addMaxInputOption(cmd, o->load);
        cmd->callback([o, &exitCode] { exitCode = runAllocations(*o); });
    }
}

} // namespace v8scope::cli
