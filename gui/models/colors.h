// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>

#include <string_view>

namespace v8scope {
struct FunctionInfo;
}

namespace v8scope::gui {

/// What a flame frame's colour stands for. The colour of a key is a stable hash of its text (FNV-1a), so the
/// same function, package or class has the same colour in every view, every run and both sides of a diff.
enum class ColorBy
{
    Function, ///< the function's name and script
    Package, ///< the npm package, or the script file for code outside node_modules, or the category
    Category, ///< user / npm / node / v8 / gc / program / idle, fixed colours
};

/// A stable colour for any name (function, package, class): hue from FNV-1a of the UTF-8 bytes, pastel
/// saturation and value so black text stays readable. Heap views (treemap) use it for class names.
QColor stableColor(std::string_view name);

/// Fixed colours for the categories of rollup.h categoryOf ("user", "npm", "node", "v8", "gc", "program",
/// "idle"); also the timeline's bands.
QColor categoryColor(std::string_view category);

/// The colour of one function under `by`. (idle), (program) and (garbage collector) always get their category
/// colour, so they read the same in every mode.
QColor functionColor(const FunctionInfo& function, ColorBy by);

/// A differential flame graph's colour: red when the frame grew, blue when it shrank, grey when unchanged;
/// `delta` is HEAD - BASE and `scale` the largest |delta| (full saturation).
QColor deltaColor(double delta, double scale);

/// A colour faded toward the background (search: non-matching frames).
QColor fadedColor(const QColor& color);

} // namespace v8scope::gui
