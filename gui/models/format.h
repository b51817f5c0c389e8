// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <cstdint>

namespace v8scope {
class HeapAnalysis;
}

namespace v8scope::gui {

/// "12.3 MB", "512 B": decimal units with one decimal, the CLI's human size format.
QString formatBytes(uint64_t bytes);
/// "1,234,567": the CLI's grouped count format.
QString formatCount(uint64_t count);
/// "12.3 %" of `whole` (empty when whole is 0).
QString formatPercent(double part, double whole);
/// The CLI's distance cell: the number, or "-" when unreachable or reachable only through system roots.
QString formatDistance(int32_t distance);
/// "Class name @id" as the CLI's nodeLabel (the name only when it differs from the class).
QString nodeLabel(const HeapAnalysis& analysis, uint32_t node);
/// Exact bytes for tooltips: "12,345,678 bytes".
QString exactBytes(uint64_t bytes);

} // namespace v8scope::gui
