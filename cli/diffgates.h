// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "output.h"

#include <diff/gate.h>
#include <diff/newobjects.h>

#include <cstdio>
#include <string>
#include <vector>

namespace v8scope::cli {

/// A gate after evaluation, ready to print: what was measured and, when it tripped, the rows that made it trip.
struct GateReport
{
    GateOutcome outcome;
    std::string valueText; ///< "+482584 B (+11.2%)", "+400"
    bool bytes = false; ///< a size metric (JSON unit "bytes")
    std::vector<std::string> offending; ///< one line per offending row; empty when the gate holds
};

/// The metrics of `v8scope diff` and `v8scope leaks` (documented in docs/diff.md).
const GateMetrics& diffGateMetrics();
const GateMetrics& leakGateMetrics();

/// Parses every --fail-if; on the first malformed one prints the error and returns false.
bool parseGates(const std::vector<std::string>& texts, const GateMetrics& metrics, std::vector<Gate>& gates);

/// "+482584 B" or "+482.6 kB" for a signed byte delta; "+400" for a count.
std::string signedBytes(double bytes, bool human);
std::string signedCount(double n);

bool anyTripped(const std::vector<GateReport>& reports);
/// Text/Markdown sections and JSON array of gate results, and the JUnit document (one test case per gate).
void printGatesText(std::FILE* out, const std::vector<GateReport>& reports);
void printGatesMarkdown(std::FILE* out, const std::vector<GateReport>& reports);
void writeGatesJson(JsonOut& j, const std::vector<GateReport>& reports);
void printGatesJunit(std::FILE* out, const std::string& suite, const std::vector<GateReport>& reports);
/// One stderr line per tripped gate, then its offending rows (what CI logs show whatever the format).
void printGateFailures(const std::vector<GateReport>& reports);

/// A retaining path as indented lines ("(GC roots) @3", "  --sessionCache--> Map @75559", ...).
std::vector<std::string> pathLines(const PathText& path);
void writePathJson(JsonOut& j, const PathText& path);
/// "Class name @id" (name only when it differs from the class).
std::string stepLabel(const PathStep& step);

} // namespace v8scope::cli
