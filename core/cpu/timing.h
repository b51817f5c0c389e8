// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "cpuprofile.h"

#include <common/error.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace v8scope {

enum class TimingModel : uint8_t
{
    /// DevTools' Performance panel (the default). For a .cpuprofile: sample i lasts ts[i+1] - ts[i], GC on the
    /// previous stack. For a trace: the thread's trace events merged with the samples (tracetimeline.h).
    Perf,
    /// The samples alone, with the .cpuprofile rules (for a trace: ignores its trace events).
    Profile,
    /// The old JavaScript Profiler: self = hitCount x (endTime - startTime) / sum(hitCount). (program) is
    /// inflated in it because V8's extra hits land there.
    HitCount,
};

/// What one weight unit of a Timing is.
enum class WeightUnit : uint8_t
{
    Microseconds, ///< perf model
    Hits, ///< hitcount model; msPerUnit converts
    Bytes, ///< heap profiles
};

struct TimingOptions
{
    TimingModel model = TimingModel::Perf;
    /// Range in µs from the profile's startTime (perf model only); unset = [startTime, endTime].
    std::optional<std::pair<int64_t, int64_t>> range;
    /// The Performance panel's ignore list ("Enable ignore listing"): "off" (or empty), "default" (DevTools'
    /// default rule, kDefaultIgnoreList on the script URL) or an ECMAScript regular expression on the URL. A
    /// frame whose URL matches and whose caller's URL matches too is left out, its time going to the
    /// outermost matching frame of the chain (DevTools' ThreadAppender).
    std::string ignoreList;
};

/// DevTools' default ignore-list rule (IgnoreListManager: node_modules and node: scripts).
inline constexpr const char* kDefaultIgnoreList = "/node_modules/|^node:";

/// The profile's call tree with weights: every profile node, plus a virtual `(garbage collector)` child under
/// each frame that a GC sample interrupted (DevTools opens GC frames on top of the previous sample's stack).
/// Pre-order, root at 0, subtree of x = [x, x + subtreeSize[x]).
struct WeightedTree
{
    std::vector<uint32_t> parent;
    std::vector<uint32_t> depth;
    std::vector<uint32_t> subtreeSize;
    std::vector<uint32_t> function;
    std::vector<uint32_t> profileNode; ///< source node (the GC node for virtual GC children)
    std::vector<int64_t> self; ///< weight units
    std::vector<int64_t> total;
    std::vector<uint32_t> selfSamples; ///< samples whose interval starts in the window (hits / heap: 0)

    size_t size() const
    {
        return parent.size();
    }
    /// Total weight of the stacks that contain a function matching `pred`, each stack counted once (the
    /// outermost matching frame), and the self weight of the matching functions.
    std::pair<int64_t, int64_t> matchTotals(const std::function<bool(uint32_t function)>& pred) const;
};

/// DevTools-exact times for one profile and one window, as integer weights (µs, hits or bytes).
struct Timing
{
    TimingModel model = TimingModel::Perf;
    WeightUnit unit = WeightUnit::Microseconds;
    double msPerUnit = 0.001; ///< ms per weight unit (0 for bytes)

    int64_t windowStart = 0; ///< µs from the profile's startTime
    int64_t windowEnd = 0;
    int64_t duration = 0; ///< window length in units (hits: total hits; bytes: total bytes)
    int64_t unattributed = 0; ///< window time covered by no sample (before the first, after the last)
    uint64_t samplesInWindow = 0;

    std::vector<int64_t> nodeSelf; ///< per profile node (DevTools' per-node numbers; GC node holds all GC)
    std::vector<int64_t> nodeTotal;
    WeightedTree tree;
    std::vector<int64_t> functionSelf; ///< per FunctionIndex
    std::vector<int64_t> functionTotal; ///< recursion counted once (outermost frame)

    /// "off", "default" or the regular expression the ignore list used.
    std::string ignoreList = "off";

    int64_t idle = 0; ///< self of (idle), (program), (garbage collector)
    int64_t program = 0;
    int64_t gc = 0;

    /// Time that is neither idle nor unattributed: the default denominator of percentages and claims.
    int64_t busy() const
    {
        return duration - unattributed - idle;
    }
    double toMs(int64_t units) const
    {
        return double(units) * msPerUnit;
    }
};

/// Self and total weight per group of functions (`groupOf[function]`, or UINT32_MAX for no group); a stack
/// counts once per group (at the group's outermost frame), so recursion and nesting are not double-counted.
void groupTotals(const WeightedTree& tree, const std::vector<uint32_t>& groupOf, size_t groupCount,
    std::vector<int64_t>& self, std::vector<int64_t>& total);

/// Which functions an ignore list ("off"/"" , "default" or an ECMAScript regular expression on the script URL)
/// matches, one flag per FunctionIndex (frames without a URL never match); empty for "off". Errors for a malformed
/// regular expression.
Result<std::vector<uint8_t>> ignoredFunctions(const CpuProfile& profile, const std::string& ignoreList);

/// Applies `options.ignoreList` to `timing.tree` and computes the per-function self and total from it (the last
/// step of every model). Errors for a malformed regular expression.
Result<bool> finishFunctionTimes(const CpuProfile& profile, const TimingOptions& options, Timing& timing);

/// The GC parent of each sample (the node whose stack a GC sample sits on), or UINT32_MAX for non-GC samples.
std::vector<uint32_t> gcParents(const CpuProfile& profile);

/// Computes times (perf or hitcount model) or heap bytes. Errors only for bad options (a range on a heap
/// profile or with the hitcount model, an empty range).
Result<Timing> computeTiming(const CpuProfile& profile, const TimingOptions& options = {});

} // namespace v8scope
