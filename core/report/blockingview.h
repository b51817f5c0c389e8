// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "document.h"

#include <cpu/blocking.h>
#include <cpu/cpuprofile.h>
#include <cpu/profilediff.h>

#include <string>

namespace v8scope::report {

struct BlockingViewOptions
{
    int64_t thresholdUs = 50'000; ///< what the stretches were found with (for the preamble and JSON)
    bool longNames = false; ///< text: full URLs instead of file.js:line
    std::string ignoreList = "off"; ///< the ignore list the attribution used, for the preamble
};

/// `cpu blocking`: one row per stretch.
///  - TSV / CSV / Markdown: start_ms duration_ms samples gc_ms dominant_frame top_self_functions note (full URLs)
///  - text: start_ms duration_ms samples gc_ms note self_ms frame, the dominant frame on the stretch's row and its
///    top self functions on the rows below it (file.js:line, so lines fit 120 columns; --long-names: full URLs)
///  - JSON: {"threshold_ms", "median_interval_ms", "busy_stretches", "has_idle", "warnings", "stretches":
///    [{"start_ms", "duration_ms", "samples", "top_functions": [{"function", "url", "line", "column",
///    "self_ms"}], "dominant_frame": {...} | null, "gc_ms", "max_gap_ms", "startup", "exit"}]}
Document blockingDocument(const CpuProfile& profile, const BlockingResult& result, const BlockingViewOptions& options);

struct CpuDiffViewOptions
{
    size_t top = 30; ///< 0: every row
    bool longNames = false; ///< text: file.js:line instead of the matched location
};

/// `cpu diff`: rows by |self delta| (ProfileDiff's order) with (idle) and (program) after the others; (idle) has
/// no percentages (outside non-idle time).
///  - TSV / CSV / text / Markdown: self_delta_ms base_self_ms head_self_ms base_self_% head_self_% total_delta_ms
///    base_total_% head_total_% function location
///  - JSON: {"base_busy_ms", "head_busy_ms", "scale", "percent_of", "match", "base_root", "head_root", "rows":
///    [{"function", "url", "line", "base_self_ms", ..., "in_base", "in_head"}]}
Document cpuDiffDocument(const ProfileDiff& diff, const CpuDiffViewOptions& options);

/// "url", "path", "name".
const char* diffMatchName(DiffMatch match);

} // namespace v8scope::report
