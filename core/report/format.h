// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>

namespace v8scope {
class HeapAnalysis;
struct FunctionInfo;
} // namespace v8scope

/// The one place numbers become text for people: every byte size, count, delta, percentage and duration the CLI
/// prints and the viewer displays goes through these (the writers call them per Unit).
namespace v8scope::report {

/// "12.3 MB": decimal units as DevTools shows them ("999 B", "1.0 kB", "-4.2 MB"); one decimal above 1000 B.
std::string humanSize(double bytes);
/// "12.3 MB" when `human`, else the plain integer "12345".
std::string sizeText(uint64_t bytes, bool human);
/// A byte delta: "+12.3 MB" / "-4.0 kB" when `human`, else "+12345" / "-40" / "0".
std::string signedSizeText(int64_t bytes, bool human);
/// A byte delta with its unit for gate reports: "+482.6 kB" when `human`, else "+482584 B".
std::string signedBytesText(double bytes, bool human);
/// Thousands separators: 1,234,567.
std::string groupedCount(uint64_t n);
/// "+12", "-3", "0"; "+1.5" for a fraction, "+inf"/"-inf".
std::string signedCount(double n);
/// A percentage with `decimals` digits: "12.3"; 100 * part / whole, "0.0" when whole <= 0.
std::string percentText(double percent, int decimals = 1);
std::string percentOf(double part, double whole, int decimals = 1);
/// Milliseconds with `decimals` digits (3: "12.345"); `sign` adds "+" to positive values.
std::string msText(double ms, int decimals = 3, bool sign = false);
/// A DevTools distance: "-" for unreachable nodes and those only system roots reach (>= 100000000).
std::string distanceText(int64_t distance);

/// "Class name @id" as DevTools labels an object (the name only when it differs from the class; names longer than
/// 80 characters end in "...").
std::string nodeLabel(const HeapAnalysis& analysis, uint32_t node);
/// "name url:line" with the 1-based line DevTools shows, or just the name for frames without a URL.
std::string functionLabel(const FunctionInfo& function);

} // namespace v8scope::report
