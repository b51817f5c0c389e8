// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace v8scope {

/// A dense 32-bit ordinal typed by what it indexes, so node, edge and string indices cannot be mixed up.
template <class Tag> struct Index
{
    static constexpr uint32_t kInvalid = std::numeric_limits<uint32_t>::max();

    uint32_t index = kInvalid;

    constexpr Index() = default;
    constexpr explicit Index(uint32_t i)
        : index(i)
    {
    }
    constexpr bool valid() const
    {
        return index != kInvalid;
    }
    constexpr auto operator<=>(const Index&) const = default;
};

using NodeIndex = Index<struct NodeTag>;
using EdgeIndex = Index<struct EdgeTag>;
using StringIndex = Index<struct StringTag>;

} // namespace v8scope
