// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "diffgates.h"
#include "output.h"

#include <diff/leakfinder.h>
#include <diff/snapshotdiff.h>

#include <vector>

namespace v8scope::cli {

struct DiffReportOptions
{
    size_t top = 0; ///< 0: every changed class
    bool byDominator = false; ///< group new objects by the object that keeps them instead of by class
    Format format = Format::Text;
    bool human = false;
    uint64_t minRetained = 1000; ///< bytes; smaller groups of new objects are not listed
};

/// Gate values of a diff (see docs/diff.md) with the rows that trip them.
std::vector<GateReport> evaluateDiffGates(const DiffResult& diff, const std::vector<Gate>& gates, bool human);
void printDiff(const DiffResult& diff, const DiffReportOptions& options, const std::vector<GateReport>& gates);

std::vector<GateReport> evaluateLeakGates(const LeakResult& leaks, const std::vector<Gate>& gates, bool human);
void printLeaks(const LeakResult& leaks, const DiffReportOptions& options, const std::vector<GateReport>& gates);

} // namespace v8scope::cli
