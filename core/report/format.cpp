// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "format.h"

#include <cpu/cpuprofile.h>
#include <heap/heapanalysis.h>

#include <cmath>
#include <fmt/format.h>

namespace v8scope::report {

std::string humanSize(double bytes)
{
    const double a = bytes < 0 ? -bytes : bytes;
    const char* sign = bytes < 0 ? "-" : "";
    if (a < 1000)
        return fmt::format("{}{} B", sign, uint64_t(a));
    static const char* kUnits[] = { "kB", "MB", "GB", "TB" };
    double v = a / 1000;
    int u = 0;
    while (v >= 1000 && u < 3) {
        v /= 1000;
        ++u;
    }
    return fmt::format("{}{:.1f} {}", sign, v, kUnits[u]);
}

std::string sizeText(uint64_t bytes, bool human)
{
    return human ? humanSize(double(bytes)) : std::to_string(bytes);
}

std::string signedSizeText(int64_t bytes, bool human)
{
    if (human)
        return (bytes > 0 ? "+" : "") + humanSize(double(bytes));
    return fmt::format("{}{}", bytes > 0 ? "+" : "", bytes);
}

std::string signedBytesText(double bytes, bool human)
{
    if (human)
        return (bytes > 0 ? "+" : "") + humanSize(bytes);
    return fmt::format("{}{} B", bytes > 0 ? "+" : "", int64_t(bytes));
}

std::string groupedCount(uint64_t n)
{
    const std::string digits = std::to_string(n);
    std::string out;
    const size_t len = digits.size();
    for (size_t i = 0; i < len; ++i) {
        out += digits[i];
        if ((len - i - 1) % 3 == 0 && i + 1 < len)
            out += ',';
    }
    return out;
}

std::string signedCount(double n)
{
    if (std::isinf(n))
        return n > 0 ? "+inf" : "-inf";
    if (n == std::floor(n))
        return fmt::format("{}{}", n > 0 ? "+" : "", int64_t(n));
    return fmt::format("{}{:.1f}", n > 0 ? "+" : "", n);
}

std::string percentText(double percent, int decimals)
{
    return fmt::format("{:.{}f}", percent, decimals);
}

std::string percentOf(double part, double whole, int decimals)
{
    if (whole <= 0)
        return percentText(0, decimals);
    return percentText(100.0 * part / whole, decimals);
}

std::string msText(double ms, int decimals, bool sign)
{
    return sign ? fmt::format("{:+.{}f}", ms, decimals) : fmt::format("{:.{}f}", ms, decimals);
}

std::string distanceText(int64_t distance)
{
    if (distance < 0 || distance >= HeapAnalysis::kBaseSystemDistance)
        return "-";
    return std::to_string(distance);
}

std::string nodeLabel(const HeapAnalysis& a, uint32_t node)
{
    std::string name = a.displayName(node);
    if (name.size() > 80)
        name = name.substr(0, 77) + "...";
    const std::string_view cls = a.className(node);
    if (name.empty() || name == cls)
        return fmt::format("{} @{}", cls, a.snapshot->nodeId[node]);
    return fmt::format("{} {} @{}", cls, name, a.snapshot->nodeId[node]);
}

std::string functionLabel(const FunctionInfo& f)
{
    if (f.url.empty())
        return f.displayName();
    return fmt::format("{} {}:{}", f.displayName(), f.url, f.line + 1);
}

} // namespace v8scope::report
