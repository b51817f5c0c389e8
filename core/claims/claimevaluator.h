// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "claim.h"

#include <cpu/blocking.h>
#include <cpu/cpuprofile.h>
#include <cpu/timing.h>

#include <string>
#include <vector>

namespace v8scope {

/// How heap claims (`heap growth < 1MB`) get their numbers: the core stays free of file loading policy; the CLI
/// passes an implementation (SnapshotHeapClaims, heapclaims.h) to evaluateClaim. Without one, heap claims evaluate to
/// an error.
class HeapClaimProvider
{
public:
    virtual ~HeapClaimProvider() = default;
    /// Retained-size growth in bytes from the first to the last of `files` (heap snapshots), or an error.
    virtual Result<double> heapGrowthBytes(const std::vector<std::string>& files) = 0;
};

/// What a CPU claim is measured on: one profile, its perf timing, and its blocking stretches computed with
/// threshold 0 (all busy stretches; start-up and exit excluded unless the caller chose otherwise).
struct ClaimContext
{
    const CpuProfile* profile = nullptr;
    const Timing* timing = nullptr;
    const BlockingResult* blocking = nullptr;
    std::vector<std::string> files; ///< for heap claims
    /// A function, url or package claim that matches nothing is an error ("no function matches 'X'; closest:
    /// ..."); with missingOk it is measured as 0 (`check --missing-ok`).
    bool missingOk = false;
};

/// What a claim's number was measured on, so that a viewer can show it (the claims panel selects it on a click).
struct ClaimEvidence
{
    enum class Kind : uint8_t
    {
        None, ///< errors
        Functions, ///< time shares: function, package, url, category, gc, idle, program
        Stretch, ///< blocking claims: the longest busy stretch (none when the profile has no stretch)
        HeapGrowth, ///< heap claims: the growth from the first to the last of ClaimContext::files
    };
    Kind kind = Kind::None;
    /// Functions: the matched functions (indices into CpuProfile::functions), heaviest first by the claim's
    /// measure (self or total in the timing's window; ties by index). Empty when nothing matched.
    std::vector<uint32_t> functions;
    /// Stretch: index into ClaimContext::blocking->stretches, and its [start, end) in µs from the profile's
    /// startTime; UINT32_MAX when there is no stretch.
    uint32_t stretch = UINT32_MAX;
    int64_t startUs = 0;
    int64_t endUs = 0;
};

struct ClaimOutcome
{
    enum class Status : uint8_t
    {
        Pass,
        Fail,
        Error, ///< could not be evaluated (wrong kind of input, heap engine missing)
    };
    Status status = Status::Error;
    double measured = 0; ///< in the claim's unit (percent points, µs, bytes, count)
    std::string measuredText; ///< "34.6% of non-idle time (877.647 ms of 2536.430 ms)"
    ClaimEvidence evidence;
};

ClaimOutcome evaluateClaim(const Claim& claim, const ClaimContext& context, HeapClaimProvider* heap = nullptr);

} // namespace v8scope
