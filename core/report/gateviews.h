// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "jsonout.h"

#include <diff/gatemeasure.h>

#include <string>
#include <vector>

/// Gate results of `diff` and `leaks` for people and CI: the measured value and offending rows as text, and the
/// text, Markdown, JSON and JUnit sections every report format ends with.
namespace v8scope::report {

struct GateReport
{
    GateResult result;
    std::string valueText; ///< "+482584 B (+11.2%)", "+400"
    std::vector<std::string> offending; ///< one line per offending row; empty when the gate holds
    bool tripped() const
    {
        return result.outcome.tripped;
    }
};

std::vector<GateReport> diffGateReports(const DiffResult& diff, const std::vector<GateResult>& results, bool human);
std::vector<GateReport> leakGateReports(const LeakResult& leaks, const std::vector<GateResult>& results, bool human);
bool anyTripped(const std::vector<GateReport>& reports);

/// "\nGates:\n  FAIL  retained>+5MB  (measured ...)\n        offending row\n"; nothing without gates.
std::string gatesText(const std::vector<GateReport>& reports);
std::string gatesMarkdown(const std::vector<GateReport>& reports);
void writeGatesJson(JsonOut& j, const std::vector<GateReport>& reports);
/// <testsuites> with one <testsuite name=SUITE> and one test case per gate.
std::string gatesJUnit(const std::string& suite, const std::vector<GateReport>& reports);
/// One "v8scope: gate failed: ..." line per tripped gate, then its offending rows (for stderr).
std::string gateFailures(const std::vector<GateReport>& reports);

/// A retaining path as indented lines ("(GC roots) @3", "  --sessionCache--> Map @75559", ...) and as JSON.
std::vector<std::string> pathLines(const PathText& path);
void writePathJson(JsonOut& j, const PathText& path);
/// "Class name @id" (name only when it differs from the class).
std::string stepLabel(const PathStep& step);

} // namespace v8scope::report
