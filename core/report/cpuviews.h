// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "document.h"

#include <cpu/calltree.h>
#include <cpu/cpuprofile.h>
#include <cpu/profilereader.h>
#include <cpu/rollup.h>
#include <cpu/timing.h>

#include <optional>
#include <string>
#include <vector>

/// Views of one timed CPU (or sampling heap) profile: pure functions of the profile, its Timing and a small
/// options struct, shared by the CLI (`v8scope cpu ...`) and the viewer's tables and exports. Documented
/// contracts: docs/cpu.md.
namespace v8scope::report {

// ---- labels and numbers shared by the CPU views ----

/// Text tables fit 120 columns: `s` cut to at most `max` bytes (on a UTF-8 boundary) with "..." where it was cut,
/// at the end (names) or, with keepTail, at the start (locations, whose file and line are at the end).
std::string clipText(const std::string& s, size_t max, bool keepTail = false);
/// The longest function name and location a text table shows (unless --long-names): `cpu top`'s rows, the widest,
/// then fit 120 columns.
inline constexpr size_t kMaxNameText = 38;
inline constexpr size_t kMaxLocationText = 44;

/// "file.js:line" (the last path segment of the URL, query and fragment dropped; 1-based line; at most
/// kMaxLocationText bytes), "" without a URL.
std::string shortLocation(const std::string& url, int32_t line);
/// "url:line" (1-based), or "file.js:line" unless `longNames`; "" without a URL.
std::string locationText(const std::string& url, int32_t line, bool longNames);
/// "name url:line" (longNames) or "name file.js:line" (name and location clipped for text tables); the name alone
/// for frames without a URL.
std::string cpuFunctionLabel(const FunctionInfo& function, bool longNames);
/// Weight units as the JSON contracts write them: ms rounded to 0.001, or bytes.
double weightNumber(const Timing& timing, int64_t units);
/// Weight units as ms (unrounded) or bytes, for the fixed-decimal TSV and text cells.
Cell weightCell(const Timing& timing, int64_t units);
/// The column unit and name suffix of weights: Ms and "ms", or Number and "bytes".
Unit weightUnit(const Timing& timing);
const char* weightUnitName(const Timing& timing);
/// "perf", "profile" or "hitcount".
const char* timingModelName(TimingModel model);
/// (idle) and (program): outside the JavaScript a user looks for, listed after it. (idle) is outside the
/// non-idle percentages too.
bool isIdleFunction(const FunctionInfo& function);
bool isProgramFunction(const FunctionInfo& function);

// ---- the views ----

/// `cpu info`: key/value rows (text, TSV, CSV, Markdown), the trace's profiles as a second table (text, Markdown)
/// and the JSON object {"file", ..., "profiles": [{"key", "pid", "tid", "source", "nodes", "samples"}]}.
Document cpuInfoDocument(const CpuProfile& profile, const Timing& timing, const std::string& chosenKey,
    const std::vector<ProfileListing>& available);

/// `cpu functions`: one row per function (DevTools' key), sorted by self then total descending.
///  - TSV / CSV: function url line column script_id self_ms total_ms (the test contract; *_bytes for heap profiles)
///  - text / Markdown: self, total, function, location (file.js:line unless longNames)
///  - JSON: {"unit", "functions": [{"function", "url", "line", "column", "script_id", "self", "total"}]}
Document functionsDocument(const CpuProfile& profile, const Timing& timing, bool longNames = false);

struct RollupViewOptions
{
    RollupKey by = RollupKey::Function;
    size_t top = 20; ///< 0: every row
    bool longNames = false;
};
/// "function", "url", "package", "category".
const char* rollupKeyName(RollupKey key);

/// `cpu top`: rows with self time (DevTools' Bottom-up leaves out the others) by self descending; (idle) and
/// (program) come after the JavaScript rows, and (idle) has no percentages (it is outside non-idle time; the text
/// preamble gives it as a share of the window). Table::rowKeys: the function index (RollupKey::Function).
///  - TSV / CSV / Markdown / text: self_ms self_% total_ms total_% KEY [location]
///  - JSON: {"by", "unit", "percent_of", "denominator", "rows": [{"key", ["url", "line", "column", "script_id",]
///    "self", "total", "self_pct", "total_pct"}]}
Document rollupDocument(const CpuProfile& profile, const Timing& timing, const RollupViewOptions& options);

/// `cpu flame --format json|tsv|csv`: the laid-out flame graph (flameLayout of a top-down tree):
/// {"unit", "total", "frames": [{"function", "url", "line", "depth", "x0", "x1", "self"}]}.
Document flameDocument(const CpuProfile& profile, const Timing& timing, const CallTree& topDown);

} // namespace v8scope::report
