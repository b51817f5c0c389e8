// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <common/error.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace v8scope {

/// A CI gate: `[class:NAME.]metric OP [+|-]NUMBER[UNIT]`, e.g. `retained>+5MB`, `class:Session.count>+100`,
/// `leaks>0`, `class:"Detached <div>".retained>=10%`. The metric is always a change (head minus base); the sign
/// of the number is optional. Units: B, KB, MB, GB (decimal, as DevTools shows sizes), KiB, MiB, GiB (binary), and
/// % of the base value. Size units only apply to size metrics. A gate *trips* when the comparison is true.
struct Gate
{
    enum class Op
    {
        Greater,
        GreaterEqual,
        Less,
        LessEqual,
        Equal,
        NotEqual,
    };
    std::string text; ///< as written
    bool hasClass = false;
    std::string className; ///< with hasClass: the class name it applies to (all keys with that name)
    std::string metric;
    Op op = Op::Greater;
    double threshold = 0; ///< bytes or count, or percent when `percent`
    bool percent = false;

    /// Whether `value` (bytes/count, or percent) trips the gate.
    bool trips(double value) const;
};

/// Metrics a command offers, so that a gate naming anything else is rejected before any file is read.
struct GateMetrics
{
    struct Metric
    {
        std::string name;
        bool bytes = false; ///< size metric: B/KB/MB/GB allowed
        bool percentAllowed = true;
        std::string help;
    };
    std::vector<Metric> global;
    std::vector<Metric> perClass;

    const Metric* find(std::string_view name, bool perClassMetric) const;
};

/// Parses one gate; the error message says what is wrong and what was expected.
Result<Gate> parseGate(std::string_view text, const GateMetrics& metrics);

/// A measured metric: the change and the base value (for %).
struct GateMeasure
{
    double delta = 0;
    double base = 0;
    bool found = true; ///< false: the class is in neither snapshot (value 0)
};

struct GateOutcome
{
    const Gate* gate = nullptr;
    bool tripped = false;
    double value = 0; ///< what was compared: delta, or percent of base
    GateMeasure measure;
};

/// Evaluates gates in order with a command-specific measuring function.
std::vector<GateOutcome> evaluateGates(
    const std::vector<Gate>& gates, const std::function<GateMeasure(const Gate&)>& measure);

/// "> ", ">=", ... as written in the language.
std::string_view opText(Gate::Op op);
/// The threshold as written back: "+5000000 B", "+10 %", "100".
std::string thresholdText(const Gate& gate);

} // namespace v8scope
