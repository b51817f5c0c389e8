// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "gate.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace v8scope {

namespace {
struct Unit
{
    const char* name;
    double factor;
};
constexpr Unit kUnits[] = { { "b", 1 }, { "kb", 1e3 }, { "mb", 1e6 }, { "gb", 1e9 }, { "kib", 1024.0 },
    { "mib", 1024.0 * 1024 }, { "gib", 1024.0 * 1024 * 1024 } };

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s)
{
    std::string r(s);
    for (char& c : r)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return r;
}

/// Length of the comparison operator at the start of `s`, and which one; 0 when there is none.
size_t matchOp(std::string_view s, Gate::Op* op)
{
    if (s.starts_with(">=")) {
        *op = Gate::Op::GreaterEqual;
        return 2;
    }
    if (s.starts_with("<=")) {
        *op = Gate::Op::LessEqual;
        return 2;
    }
    if (s.starts_with("==")) {
        *op = Gate::Op::Equal;
        return 2;
    }
    if (s.starts_with("!=")) {
        *op = Gate::Op::NotEqual;
        return 2;
    }
    if (s.starts_with(">")) {
        *op = Gate::Op::Greater;
        return 1;
    }
    if (s.starts_with("<")) {
        *op = Gate::Op::Less;
        return 1;
    }
    return 0;
}

std::string metricList(const std::vector<GateMetrics::Metric>& metrics)
{
    std::string s;
    for (const auto& m : metrics)
        s += (s.empty() ? "" : ", ") + m.name;
    return s;
}

size_t identifierLength(std::string_view s)
{
    size_t n = 0;
    while (n < s.size() && (std::isalnum(static_cast<unsigned char>(s[n])) || s[n] == '_'))
        ++n;
    return n;
}
} // namespace

const GateMetrics::Metric* GateMetrics::find(std::string_view name, bool perClassMetric) const
{
    for (const Metric& m : perClassMetric ? perClass : global)
        if (m.name == name)
            return &m;
    return nullptr;
}

bool Gate::trips(double value) const
{
    switch (op) {
    case Op::Greater:
        return value > threshold;
    case Op::GreaterEqual:
        return value >= threshold;
    case Op::Less:
        return value < threshold;
    case Op::LessEqual:
        return value <= threshold;
    case Op::Equal:
        return value == threshold;
    case Op::NotEqual:
        return value != threshold;
    }
    return false;
}

Result<Gate> parseGate(std::string_view input, const GateMetrics& metrics)
{
    const std::string original(input);
    auto fail
        = [&](const std::string& message) { return ParseError::general("--fail-if '" + original + "'", message); };
    Gate g;
    g.text = std::string(trim(input));
    std::string_view s = trim(input);
    if (s.empty())
        return fail("empty gate (expected e.g. 'retained>+5MB', 'class:Session.count>+100' or 'leaks>0')");

    std::string_view rest; // from the operator on
    if (s.starts_with("class:")) {
        g.hasClass = true;
        std::string_view body = s.substr(6);
        std::string_view afterName;
        if (body.starts_with("\"")) {
            const size_t close = body.find('"', 1);
            if (close == std::string_view::npos)
                return fail("unterminated quoted class name");
            g.className = std::string(body.substr(1, close - 1));
            afterName = body.substr(close + 1);
            if (!afterName.starts_with("."))
                return fail("expected '.' and a metric after the quoted class name");
            afterName.remove_prefix(1);
        } else {
            // The name may contain dots and '<' ("Detached <div>"): take the last ".metric" followed by an operator.
            size_t split = std::string_view::npos;
            for (size_t p = body.size(); p-- > 0;) {
                if (body[p] != '.')
                    continue;
                std::string_view tail = body.substr(p + 1);
                const size_t len = identifierLength(tail);
                Gate::Op op;
                if (len && matchOp(trim(tail.substr(len)), &op)) {
                    split = p;
                    break;
                }
            }
            if (split == std::string_view::npos)
                return fail("expected class:NAME.METRIC followed by an operator (> >= < <= == !=), e.g. "
                            "'class:Session.count>+100'");
            g.className = std::string(trim(body.substr(0, split)));
            afterName = body.substr(split + 1);
        }
        if (g.className.empty())
            return fail("empty class name after 'class:'");
        const size_t len = identifierLength(afterName);
        g.metric = std::string(afterName.substr(0, len));
        rest = trim(afterName.substr(len));
    } else {
        const size_t len = identifierLength(s);
        g.metric = std::string(s.substr(0, len));
        rest = trim(s.substr(len));
    }
    const std::vector<GateMetrics::Metric>& allowed = g.hasClass ? metrics.perClass : metrics.global;
    if (g.metric.empty())
        return fail("expected a metric (" + metricList(allowed) + ")");
    const GateMetrics::Metric* metric = metrics.find(g.metric, g.hasClass);
    if (!metric)
        return fail("unknown " + std::string(g.hasClass ? "class " : "") + "metric '" + g.metric
            + "' (expected one of: " + metricList(allowed) + ")");

    const size_t opLen = matchOp(rest, &g.op);
    if (!opLen)
        return fail("expected a comparison operator (> >= < <= == !=) after '" + g.metric + "'");
    std::string_view value = trim(rest.substr(opLen));
    if (value.empty())
        return fail("expected a number after '" + std::string(opText(g.op)) + "'");

    // [+|-]digits[.digits] then an optional unit.
    size_t p = 0;
    if (value[p] == '+' || value[p] == '-')
        ++p;
    const size_t digitsStart = p;
    while (p < value.size() && (std::isdigit(static_cast<unsigned char>(value[p])) || value[p] == '.'))
        ++p;
    const std::string number(value.substr(0, p));
    char* end = nullptr;
    const double parsed = std::strtod(number.c_str(), &end);
    if (p == digitsStart || end != number.c_str() + number.size() || !std::isfinite(parsed))
        return fail("expected a number after '" + std::string(opText(g.op)) + "', got '" + std::string(value) + "'");
    const std::string unit = lower(trim(value.substr(p)));
    g.threshold = parsed;
    if (unit == "%") {
        if (!metric->percentAllowed)
            return fail("'" + g.metric + "' has no base value, so % does not apply");
        g.percent = true;
    } else if (!unit.empty()) {
        const Unit* found = nullptr;
        for (const Unit& u : kUnits)
            if (unit == u.name)
                found = &u;
        if (!found)
            return fail("unknown unit '" + std::string(trim(value.substr(p)))
                + "' (expected B, KB, MB, GB, KiB, MiB, GiB or %)");
        if (!metric->bytes)
            return fail("'" + g.metric + "' is a count; size units (B, KB, MB, GB) apply to size metrics only");
        g.threshold = parsed * found->factor;
    }
    return g;
}

std::vector<GateOutcome> evaluateGates(
    const std::vector<Gate>& gates, const std::function<GateMeasure(const Gate&)>& measure)
{
    std::vector<GateOutcome> out;
    for (const Gate& g : gates) {
        GateOutcome o;
        o.gate = &g;
        o.measure = measure(g);
        if (g.percent) {
            if (o.measure.base != 0)
                o.value = 100.0 * o.measure.delta / o.measure.base;
            else
                o.value = o.measure.delta > 0 ? std::numeric_limits<double>::infinity()
                    : o.measure.delta < 0     ? -std::numeric_limits<double>::infinity()
                                              : 0.0;
        } else {
            o.value = o.measure.delta;
        }
        o.tripped = g.trips(o.value);
        out.push_back(o);
    }
    return out;
}

std::string_view opText(Gate::Op op)
{
    switch (op) {
    case Gate::Op::Greater:
        return ">";
    case Gate::Op::GreaterEqual:
        return ">=";
    case Gate::Op::Less:
        return "<";
    case Gate::Op::LessEqual:
        return "<=";
    case Gate::Op::Equal:
        return "==";
    case Gate::Op::NotEqual:
        return "!=";
    }
    return "?";
}

std::string thresholdText(const Gate& g)
{
    std::string s = std::to_string(g.threshold);
    // Trim "5000000.000000" to "5000000", keep needed decimals.
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0')
            s.pop_back();
        if (s.back() == '.')
            s.pop_back();
    }
    return s + (g.percent ? "%" : "");
}

} // namespace v8scope
