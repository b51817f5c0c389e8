// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>

#include <string_view>

namespace v8scope::gui {

/// A stable colour per class (or category) name: the same name has the same colour in every view, every
/// snapshot and every run (FNV-1a hash of the UTF-8 bytes -> hue; saturation and value fixed for legibility).
QColor classColor(std::string_view name);

} // namespace v8scope::gui
