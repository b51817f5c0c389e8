// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace v8scope {

/// V8 names both edges that keep a WeakMap value alive "<n> / part of key (<K> @<id>) -> value (<V> @<id>) pair in
/// WeakMap (table @<tableId>)"; one leaves the key, one the table. This parses such a name the way DevTools'
/// ephemeron regular expression does (same matches, including its "." not crossing line terminators).
struct WeakMapEdgeName
{
    std::string_view duplicatedPart; ///< the name without its leading number: equal for the two edges of a pair
    uint64_t tableId = 0; ///< UINT64_MAX when the digits do not fit
};

std::optional<WeakMapEdgeName> parseWeakMapEdgeName(std::string_view name);

} // namespace v8scope
