// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "gate.h"
#include "leakfinder.h"
#include "snapshotdiff.h"

#include <cstdint>
#include <vector>

namespace v8scope {

/// The metrics of `v8scope diff` and `v8scope leaks` (documented in docs/diff.md).
const GateMetrics& diffGateMetrics();
const GateMetrics& leakGateMetrics();

/// What GateResult::offending indexes.
enum class OffendingKind
{
    ClassDiff, ///< DiffResult::classes
    Keeper, ///< DiffResult::newObjects.byDominator (leak suspects of a diff)
    LeakCluster, ///< LeakResult::clusters
    GrowthSeries, ///< LeakResult::classes
};

/// A gate after measuring: the outcome and, when it tripped, the rows that made it trip (at most
/// kOffendingRows, most offending first). The report layer turns them into text (core/report/gateviews.h).
struct GateResult
{
    static constexpr size_t kOffendingRows = 5;
    GateOutcome outcome;
    bool bytes = false; ///< a size metric (JSON unit "bytes")
    OffendingKind kind = OffendingKind::ClassDiff;
    std::vector<uint32_t> offending;
};

/// Measures every gate on a diff: whole-heap metrics from the totals, per-class ones summed over the classes of
/// that name; a tripped whole-heap gate lists the classes that moved most in its direction.
std::vector<GateResult> measureDiffGates(const DiffResult& diff, const std::vector<Gate>& gates);
/// The same for a leak series: leaks/leaked/growing/retained, per class count/retained/size/leaked/growing.
std::vector<GateResult> measureLeakGates(const LeakResult& leaks, const std::vector<Gate>& gates);

bool anyTripped(const std::vector<GateResult>& results);

} // namespace v8scope
