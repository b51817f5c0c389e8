// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "jsonout.h"

#include <diff/gatemeasure.h>

#include <string>
#include <utility>
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

/// JSON pieces the diff and leak documents share: [{"class", "count"}] (a group's or cluster's most frequent
/// classes), a path step's fields ("edge_type" and "edge" when it has an edge, "class", "name", "id"; PathStep and
/// HoldStep alike) and a snapshot's {"file", "nodes", "total_size"}.
void writeClassCountsJson(JsonOut& j, const std::vector<std::pair<std::string, uint32_t>>& counts);
template <class Step> void writeStepFields(JsonOut& j, const Step& step)
{
    if (!step.edgeType.empty()) {
        j.key("edge_type");
        j.str(step.edgeType);
        j.key("edge");
        j.str(step.edgeName);
    }
    j.key("class");
    j.str(step.className);
    j.key("name");
    j.str(step.name);
    j.key("id");
    j.w().Uint(step.id);
}
void writeSnapshotJson(JsonOut& j, const std::string& file, uint32_t nodes, uint64_t totalSize);

/// A retaining path as indented lines ("(GC roots) @3", "  --sessionCache--> Map @75559", ...) and as JSON.
std::vector<std::string> pathLines(const PathText& path);
void writePathJson(JsonOut& j, const PathText& path);
/// "Class name @id" (name only when it differs from the class).
std::string stepLabel(const PathStep& step);

} // namespace v8scope::report
