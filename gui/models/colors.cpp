// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "colors.h"

#include <cpu/cpuprofile.h>
#include <cpu/rollup.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace v8scope::gui {

namespace {

uint32_t fnv1a(std::string_view s)
{
    uint32_t h = 2166136261u;
    for (unsigned char c : s) {
        h ^= c;
        h *= 16777619u;
    }
    return h;
}

} // namespace

QColor stableColor(std::string_view name)
{
    const uint32_t h = fnv1a(name);
    // Hue anywhere; saturation and value in a pastel band picked by other hash bits, so neighbours differ.
    const int hue = int(h % 360);
    const int sat = 90 + int((h >> 9) % 70);
    const int val = 215 + int((h >> 17) % 35);
    return QColor::fromHsv(hue, sat, val);
}

QColor categoryColor(std::string_view category)
{
    if (category == "idle")
        return QColor(0xd8, 0xd8, 0xd8);
    if (category == "program")
        return QColor(0xb0, 0xb4, 0xbc);
    if (category == "gc")
        return QColor(0xc9, 0x9a, 0xe6);
    if (category == "v8")
        return QColor(0xf2, 0xd0, 0x8a);
    if (category == "node")
        return QColor(0x9c, 0xd4, 0x9c);
    if (category == "npm")
        return QColor(0x8e, 0xc3, 0xf0);
    return QColor(0xf5, 0xa6, 0x7a); // user code
}

QColor functionColor(const FunctionInfo& f, ColorBy by)
{
    const std::string_view category = categoryOf(f);
    if (category == "idle" || category == "program" || category == "gc" || by == ColorBy::Category)
        return categoryColor(category);
    if (by == ColorBy::Package) {
        const std::string package = packageOf(f.url);
        if (!package.empty())
            return stableColor(package);
        if (category == "user" || category == "node")
            return stableColor(std::string_view(f.url).substr(f.url.rfind('/') + 1));
        return categoryColor(category);
    }
    return stableColor(f.name + "\n" + f.url);
}

QColor deltaColor(double delta, double scale)
{
    if (scale <= 0 || delta == 0)
        return QColor(0xdd, 0xdd, 0xdd);
    const double t = std::clamp(std::sqrt(std::abs(delta) / scale), 0.0, 1.0);
    const int s = int(30 + 200 * t);
    return delta > 0 ? QColor::fromHsv(0, s, 245) : QColor::fromHsv(215, s, 245);
}

QColor fadedColor(const QColor& c)
{
    return QColor((c.red() + 3 * 246) / 4, (c.green() + 3 * 246) / 4, (c.blue() + 3 * 246) / 4);
}

} // namespace v8scope::gui
