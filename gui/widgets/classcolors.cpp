// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "classcolors.h"

#include <cstdint>

namespace v8scope::gui {

QColor classColor(std::string_view name)
{
    uint32_t h = 2166136261u;
    for (const char c : name) {
        h ^= uint8_t(c);
        h *= 16777619u;
    }
    // Hue from the hash; two more bits vary saturation and value a little so neighbours in hue still differ.
    const int hue = int(h % 360);
    const int sat = 110 + int((h >> 9) % 3) * 30;
    const int val = 200 + int((h >> 11) % 3) * 20;
    return QColor::fromHsv(hue, sat, val);
}

} // namespace v8scope::gui
