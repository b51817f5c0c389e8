// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "gateviews.h"
#include "table.h"
#include "writers.h"

#include <diff/leakfinder.h>
#include <diff/snapshotdiff.h>

#include <string>
#include <vector>

/// Views of a snapshot comparison (`v8scope diff`) and a leak series (`v8scope leaks`), shared by the CLI and the
/// viewer. The tables are the rows a page shows; the *Report functions compose the CLI's whole documents
/// (docs/diff.md) from the same tables.
namespace v8scope::report {

struct DiffViewOptions
{
    size_t top = 0; ///< Comparison: 0 = every changed class; other sections: 0 = kDefaultSectionRows
    bool byDominator = false; ///< group new objects by the object that keeps them instead of by class
    uint64_t minRetained = 1000; ///< bytes a group of new objects (or a leak cluster) must retain to be listed
    static constexpr size_t kDefaultSectionRows = 10;
    size_t sectionRows() const
    {
        return top ? top : kDefaultSectionRows;
    }
};

/// DevTools' Comparison: the changed classes in DevTools' order (size delta descending), the first `top`.
/// Text: Class # New # Deleted # Delta Alloc. size Freed size Size delta Retained delta. TSV/CSV (contract): class
/// new deleted delta alloc_size freed_size size_delta base_retained head_retained retained_delta. JSON adds key,
/// base_count, head_count. rowKeys: index in DiffResult::classes.
Table comparisonTable(const DiffResult& diff, const DiffViewOptions& options);
/// Classes whose retained size or count grew, by retained delta, the first sectionRows(). rowKeys as above.
Table retainedGrowthTable(const DiffResult& diff, const DiffViewOptions& options);
/// New objects still alive, grouped by class or by keeper (options.byDominator), retaining at least minRetained,
/// the first sectionRows(). rowKeys: index in newObjects.byClass / byDominator.
Table newObjectGroupsTable(const DiffResult& diff, const DiffViewOptions& options);

/// The whole `diff` document in `format` (text, md, json, tsv, csv, junit), gate sections included.
std::string diffReport(const DiffResult& diff, const DiffViewOptions& options, const std::vector<GateReport>& gates,
    Format format, const WriteOptions& write);

/// Leak clusters (memlab's suspects), the first `top` (0: all for TSV/JSON, sectionRows() in text).
/// Text: # Leaked Objects Shallow Retained Holds. rowKeys: index in LeakResult::clusters.
Table leakClustersTable(const LeakResult& leaks, size_t top, bool human);
/// Classes growing in every step. Text: Class Count Retained Retained delta (series "a -> b -> c").
/// rowKeys: index in LeakResult::classes.
Table growingClassesTable(const LeakResult& leaks, size_t top, bool human);

/// The whole `leaks` document in `format`, gate sections included.
std::string leaksReport(const LeakResult& leaks, const DiffViewOptions& options, const std::vector<GateReport>& gates,
    Format format, const WriteOptions& write);

} // namespace v8scope::report
