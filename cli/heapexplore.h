// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "heapload.h"

#include <heap/filters.h>
#include <heap/summary.h>

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
} // namespace CLI

namespace v8scope::cli {

/// The Summary's DevTools filters: a preset of its drop-down and/or an id range.
struct SummaryFilterOptions
{
    std::string preset = "all";
    std::vector<std::string> between; ///< --allocated-between A B
    std::string before; ///< --allocated-before A
    std::string idRange; ///< --id-range MIN,MAX
};

void addSummaryFilterOptions(CLI::App* cmd, SummaryFilterOptions& options);

/// What the options ask for, with the id range resolved (bound snapshots parsed, not analysed).
struct SummaryFilterPlan
{
    SummaryFilter preset = SummaryFilter::AllObjects;
    std::optional<NodeIdRange> range;
};

/// Checks the options and reads the bound snapshots (before the summarized one is loaded, so that two graphs
/// are never held at once). Prints the one-line error and returns nothing on a bad option or unreadable file.
std::optional<SummaryFilterPlan> planSummaryFilters(const SummaryFilterOptions& options, const HeapLoadOptions& load);

/// The Summary rows of the nodes the plan keeps (totals; members only for a filtered Summary); nothing after
/// printing the error (cancelled).
std::optional<std::vector<ClassAggregate>> filteredSummary(const HeapAnalysis& analysis, const SummaryFilterPlan& plan);

/// `v8scope containment` and `v8scope allocations`.
void registerHeapExploreCommands(CLI::App& app, int& exitCode);

} // namespace v8scope::cli
