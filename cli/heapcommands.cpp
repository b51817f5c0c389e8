// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "commands.h"
#include "heapexplore.h"
#include "heapload.h"
#include "output.h"

#include <heap/summary.h>
#include <report/heaptreeviews.h>
#include <report/heapviews.h>
#include <report/infoview.h>

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <fmt/format.h>
#include <optional>
#include <regex>

namespace v8scope::cli {

namespace {

/// The process' peak resident set so far (VmHWM), in bytes; 0 where /proc is not available.
uint64_t peakRssBytes()
{
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    char line[256];
    uint64_t kb = 0;
    while (std::fgets(line, sizeof line, f))
        if (std::sscanf(line, "VmHWM: %" SCNu64 " kB", &kb) == 1)
            break;
    std::fclose(f);
    return kb * 1024;
}

void print(const std::string& text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
}

struct SummaryOptions
{
    std::string file;
    size_t top = 0;
    std::string sort = "retained";
    std::string filter;
    SummaryFilterOptions filters;
    Format format = Format::Text;
    bool human = false;
    HeapLoadOptions load;
};

int runSummary(const SummaryOptions& o)
{
    std::optional<std::regex> filter;
    if (!o.filter.empty()) {
        try {
            filter.emplace(o.filter, std::regex::ECMAScript);
        } catch (const std::regex_error& e) {
            printError(fmt::format("--filter: invalid regular expression '{}': {}", o.filter, e.what()));
            return kExitBadInput;
        }
    }
    const auto plan = planSummaryFilters(o.filters, o.load);
    if (!plan)
        return kExitBadInput;
    auto loaded = loadHeap(o.file, o.load);
    if (!loaded)
        return kExitBadInput;
    const HeapAnalysis& a = *loaded->analysis;
    auto summary = filteredSummary(a, *plan);
    if (!summary)
        return kExitBadInput;
    std::vector<ClassAggregate> rows = std::move(*summary);
    if (filter)
        std::erase_if(rows, [&](const ClassAggregate& r) { return !std::regex_search(r.name, *filter); });
    report::SummaryViewOptions view;
    view.sort = report::summarySortFromName(o.sort).value_or(report::SummarySort::Retained);
    view.top = o.top;
    report::write(stdout, report::summaryTable(a, rows, view), o.format, heapWriteOptions(o.format, o.human));
    return kExitOk;
}

struct InfoOptions
{
    std::string file;
    Format format = Format::Text;
    HeapLoadOptions load;
};

int runInfo(const InfoOptions& o)
{
    auto loaded = loadHeap(o.file, o.load);
    if (!loaded)
        return kExitBadInput;
    print(report::heapInfoReport(*loaded, peakRssBytes(), o.format));
    return kExitOk;
}

struct NodesOptions
{
    std::string file;
    Format format = Format::Tsv;
    HeapLoadOptions load;
};

int runNodes(const NodesOptions& o)
{
    auto loaded = loadHeap(o.file, o.load);
    if (!loaded)
        return kExitBadInput;
    report::writeNodes(stdout, *loaded->analysis, o.format);
    return kExitOk;
}

} // namespace

void registerHeapCommands(CLI::App& app, int& exitCode)
{
    {
        auto o = std::make_shared<InfoOptions>();
        auto* cmd
            = app.add_subcommand("info", "Snapshot format, node/edge/string counts, total and root sizes, timings");
        addHeapInput(cmd, o->file);
        addHeapFormat(cmd, o->format);
        addMaxInputOption(cmd, o->load);
        cmd->callback([o, &exitCode] { exitCode = runInfo(*o); });
    }
    {
        auto o = std::make_shared<SummaryOptions>();
        auto* cmd = app.add_subcommand("summary",
            "DevTools' Summary view: one row per class with count, shallow size, retained size and distance");
        addHeapInput(cmd, o->file);
        cmd->add_option("--top", o->top, "Print only the first N rows (default: all)");
        cmd->add_option("--sort", o->sort, "Row order")
            ->check(CLI::IsMember({ "retained", "shallow", "count", "name", "distance" }))
            ->default_str("retained");
        cmd->add_option("--filter", o->filter, "Keep classes whose name matches this regular expression (ECMAScript)");
        addSummaryFilterOptions(cmd, o->filters);
        cmd->add_flag("--human", o->human, "Human-readable sizes (12.3 MB) even when stdout is not a terminal");
        addHeapFormat(cmd, o->format);
        addMaxInputOption(cmd, o->load);
        cmd->callback([o, &exitCode] { exitCode = runSummary(*o); });
    }
    {
        auto o = std::make_shared<NodesOptions>();
        auto* cmd = app.add_subcommand("nodes",
            "Every node in file order: id, class, self (DevTools shallow size), retained, distance, dominator id");
        addHeapInput(cmd, o->file);
        addFormatOption(cmd, o->format, { Format::Tsv, Format::Csv, Format::Json })->default_str("tsv");
        addMaxInputOption(cmd, o->load);
        cmd->callback([o, &exitCode] { exitCode = runNodes(*o); });
    }
    registerHeapTreeCommands(app, exitCode);
    registerHeapExploreCommands(app, exitCode);
}

} // namespace v8scope::cli
