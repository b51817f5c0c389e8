// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "table.h"

#include <heap/summary.h>

#include <optional>
#include <string>
#include <vector>

namespace v8scope {
class HeapAnalysis;
}

/// Views of one analysed heap snapshot: pure functions of immutable results plus a small options struct, shared by
/// the CLI (`v8scope summary`, ...) and the viewer's pages and exports.
namespace v8scope::report {

/// Row order of the Summary: retained/shallow/count descending, name/distance ascending; ties by name, then key.
enum class SummarySort
{
    Retained,
    Shallow,
    Count,
    Name,
    Distance,
};
/// "retained", "shallow", "count", "name", "distance" (the CLI's --sort words); nullopt for anything else.
std::optional<SummarySort> summarySortFromName(const std::string& name);

struct SummaryViewOptions
{
    SummarySort sort = SummarySort::Retained;
    size_t top = 0; ///< 0: every row
};

/// Sorts Summary rows in place (stable, deterministic tie-breaks).
void sortSummary(std::vector<ClassAggregate>& rows, SummarySort by);

/// DevTools' Summary as a table. `rows` are buildSummary's rows, already filtered by the caller (class regex,
/// DevTools' filters); the view sorts them and keeps the first `top`. Table::rowKeys[i] is the index in `rows`
/// of row i.
///  - text / Markdown / viewer: Class, Distance, Count, Shallow, %, Retained, %   (percent of the total size)
///  - TSV / CSV: class count shallow retained distance                             (docs/heap.md contract)
///  - JSON: {"file", "total_size", "classes": [{class, key, count, shallow, retained, distance}]}
Table summaryTable(
    const HeapAnalysis& analysis, const std::vector<ClassAggregate>& rows, const SummaryViewOptions& options = {});

} // namespace v8scope::report
