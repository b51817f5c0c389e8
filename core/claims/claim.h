// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <common/error.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace v8scope {

/// A parsed claim (docs/claims.md):
///   function 'parseJson' self < 5%        package 'lodash' total < 10%      url 'app.js' self < 200ms
///   category 'npm' total < 30%            gc < 5%     idle > 10%     program < 2%
///   blocking max < 50ms                   blocking count(>100ms) == 0       blocking total < 1s
///   heap growth < 1MB                     (total-size growth over heap snapshots; see HeapClaimProvider)
struct Claim
{
    enum class Subject : uint8_t
    {
        Function,
        Package,
        Url,
        Category,
        Gc,
        Idle,
        Program,
        BlockingMax,
        BlockingCount,
        BlockingTotal,
        HeapGrowth,
    };
    enum class Op : uint8_t
    {
        Less,
        LessEqual,
        Greater,
        GreaterEqual,
        Equal,
        NotEqual,
    };
    enum class Unit : uint8_t
    {
        Percent,
        Microseconds,
        Bytes,
        Count,
    };
    /// What a percentage is of: non-idle time (the default) or the whole profile window.
    enum class Denominator : uint8_t
    {
        Busy,
        Wall,
    };

    std::string text; ///< as written
    Subject subject = Subject::Function;
    std::string name; ///< function name, package, URL substring or category
    bool self = false; ///< self time (else total, each stack counted once)
    Op op = Op::Less;
    double value = 0; ///< in `unit` (µs for times, bytes for sizes, percent points for %)
    Unit unit = Unit::Count;
    Denominator denominator = Denominator::Busy;
    Op countOp = Op::Greater; ///< blocking count(OP DURATION)
    int64_t countThresholdUs = 0;

    bool isHeap() const
    {
        return subject == Subject::HeapGrowth;
    }
    bool isBlocking() const
    {
        return subject == Subject::BlockingMax || subject == Subject::BlockingCount
            || subject == Subject::BlockingTotal;
    }
};

/// Parses one claim. Errors name the claim (as `source`, e.g. "--claim" or "claims.json: claim 2") and the
/// character offset where it went wrong, in the ParseError's offset.
Result<Claim> parseClaim(std::string_view text, const std::string& source);

bool compare(double measured, Claim::Op op, double expected);
const char* opText(Claim::Op op);

} // namespace v8scope
