// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <common/error.h>
#include <cpu/activity.h>
#include <cpu/blocking.h>
#include <cpu/calltree.h>
#include <cpu/cpuprofile.h>
#include <cpu/flamegraph.h>
#include <cpu/rollup.h>
#include <cpu/timing.h>

#include <QMetaType>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace v8scope::gui {

/// What the CPU views are computed for: a time window (the timeline's selection) and the frames to hide.
struct CpuViewOptions
{
    std::optional<std::pair<int64_t, int64_t>> range; ///< µs from the profile's startTime; unset = all
    bool hideIdle = false;
    bool hideProgram = false;
    bool hideGc = false;
    int64_t blockingThresholdUs = 50'000;
};

/// Everything the CPU views of one profile show, computed by the core for one CpuViewOptions on a worker and
/// then shared read-only by every model and widget (immutable, like the core's results).
struct CpuAnalysis
{
    std::shared_ptr<const CpuProfile> profile;
    CpuViewOptions options;
    Timing timing; ///< for options.range
    CallTree topDown; ///< hidden frames excluded (their self time goes to the caller)
    CallTree bottomUp; ///< rows of hidden functions left out
    FlameRows flame; ///< top-down flame graph (widths = total)
    FlameRows inverted; ///< bottom-up flame graph (widths = self)
    FlameRows chart; ///< flame chart in time order over the window (CPU profiles only)
    BlockingResult blocking; ///< the whole profile (not the window), at options.blockingThresholdUs
    std::vector<ActivityBucket> activity; ///< the whole profile, kActivityBuckets buckets
    std::vector<RollupRow> byFunction, byUrl, byPackage, byCategory; ///< for the window

    static constexpr uint32_t kActivityBuckets = 600;

    bool isHeap() const
    {
        return profile->isHeap();
    }
    /// The denominator of every percentage: non-idle time in the window (CPU), all sampled bytes (heap).
    int64_t denominator() const
    {
        return isHeap() ? timing.duration : timing.busy();
    }
    /// "12.3 ms" (CPU) or "1.2 MB" (heap) for a weight in the timing's units.
    QString formatWeight(int64_t units) const;
    /// The raw value of a weight for sorting and exports: ms (CPU) or bytes (heap).
    double weightValue(int64_t units) const;
    /// "ms" or "bytes".
    QString unitName() const;
    /// "name  file.js:12" pieces for labels and tooltips.
    QString functionName(uint32_t function) const;
    QString functionLocation(uint32_t function) const; ///< "url:line" (1-based), "" without a script
    /// "file.js:12": the URL's last path segment and the line (the CLI's text tables), "" without a script.
    QString shortLocation(uint32_t function) const;
};

using CpuAnalysisPtr = std::shared_ptr<const CpuAnalysis>;

/// Runs the core for `options` (timing, trees, flame layouts, blocking, activity, rollups). Pure: call it on a
/// worker. Errors only for bad options (an empty range, a range on a heap profile).
Result<CpuAnalysisPtr> analyzeProfile(std::shared_ptr<const CpuProfile> profile, const CpuViewOptions& options);

/// "1,234.5 ms" / "12.3 MB": the two weight formats of the CPU views.
QString formatMs(double ms);
QString formatBytesShort(double bytes);

} // namespace v8scope::gui

Q_DECLARE_METATYPE(v8scope::gui::CpuAnalysisPtr)
