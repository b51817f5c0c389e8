// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "cpuprofile.h"
#include "timing.h"

#include <string>
#include <string_view>
#include <vector>

namespace v8scope {

enum class RollupKey : uint8_t
{
    Function,
    Url,
    Package,
    Category,
};

/// The npm package of a script URL: the path segment after the last `/node_modules/` (with its `@scope/`),
/// or "" when the URL is not inside node_modules.
std::string packageOf(std::string_view url);

/// Category of a function: "idle", "program", "gc", "v8" (builtins and other frames without a script URL),
/// "node" (node: and internal/ scripts), "npm" (inside node_modules) or "user"; for a trace event row (perf
/// model on a trace), traceEventCategory(): "gc", "layout", "paint", "scripting", "loading" or "other".
std::string_view categoryOf(const FunctionInfo& f);

struct RollupRow
{
    std::string key; ///< function label, url, package or category
    uint32_t function = UINT32_MAX; ///< for RollupKey::Function
    int64_t self = 0; ///< weight units
    int64_t total = 0; ///< each stack counted once per key
};

/// Self/total per function, URL, package or category, sorted by self descending, then total descending, then
/// key (deterministic). Functions with no URL have the URL "" and the package "" (shown as "(none)").
std::vector<RollupRow> rollup(const CpuProfile& profile, const Timing& timing, RollupKey by);

} // namespace v8scope
