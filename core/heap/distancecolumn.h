// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <common/column.h>
#include <common/indexedoverflow.h>

#include <cstdint>
#include <vector>

namespace v8scope {

/// DevTools' distance per node in 2 bytes each (HeapAnalysis::distance, the Retainers view's distances). The values
/// are kNoDistance (-5: unreached), 0 (the root when there are no user roots), 1..k (reached from user roots) and
/// kBaseSystemDistance + k (reached from system roots only). A code of 16 bits holds:
///
///     0x0000 .. 0x7FFF   k                              (0 .. 32767)
///     0x8000 .. 0xFFFD   kBaseSystemDistance + k        (k 0 .. 32765)
///     0xFFFE             kOverflowCode: the exact value is in a side table sorted by node
///     0xFFFF             kNoDistance
///
/// Any other int32 value (longer paths: linked lists of real heaps reach depths over 32,767) goes to the side table
/// (an IndexedOverflow, as SizeColumn's), so every value reads back exactly. Reads are `col[i]` (an int32_t, as
/// DevTools'); writes happen while building: assignNoDistance(), then setOnce() per node, then finishWrites() (the BFS
/// writes in BFS order, so overflow entries arrive unsorted and are sorted once at the end).
class DistanceColumn
{
public:
    static constexpr int32_t kNoDistance = -5;
    static constexpr int32_t kBaseSystemDistance = 100000000;
    static constexpr uint16_t kSystemBit = 0x8000;
    static constexpr uint16_t kOverflowCode = 0xFFFE;
    static constexpr uint16_t kNoDistanceCode = 0xFFFF;
    static constexpr int32_t kMaxInlineUser = 0x7FFF; ///< user distances 0..this are inline
    static constexpr int32_t kMaxInlineSystem = 0x7FFD; ///< system distances base + 0..this are inline
    struct Overflow
    {
        uint32_t index;
        int32_t value;
        friend bool operator==(const Overflow&, const Overflow&) = default;
    };

    /// The code of `v`: inline, kNoDistanceCode, or kOverflowCode when the side table must hold it.
    static constexpr uint16_t encode(int32_t v)
    {
        if (uint32_t(v) <= uint32_t(kMaxInlineUser))
            return uint16_t(v);
        const uint32_t system = uint32_t(v) - uint32_t(kBaseSystemDistance); // wraps for v below the base
        if (system <= uint32_t(kMaxInlineSystem))
            return uint16_t(kSystemBit | system);
        return v == kNoDistance ? kNoDistanceCode : kOverflowCode;
    }

    size_t size() const
    {
        return m_codes.size();
    }
    bool empty() const
    {
        return m_codes.empty();
    }
    int32_t operator[](size_t i) const
    {
        const uint16_t c = m_codes[i];
        if (c < kSystemBit)
            return c;
        if (c < kOverflowCode)
            return kBaseSystemDistance + (c & ~kSystemBit);
        return c == kNoDistanceCode ? kNoDistance : overflowValue(i);
    }

    /// Building: n nodes, all kNoDistance.
    void assignNoDistance(size_t n)
    {
        m_codes.assign(n, kNoDistanceCode);
        m_overflow.clear();
    }
    /// Building: node i's distance, for an i that still holds kNoDistance (each node is written once). An overflow
    /// entry is appended unsorted: finishWrites() before any read.
    void setOnce(size_t i, int32_t v)
    {
        setOnce(i, v, encode(v));
    }
    /// The same with `code` == encode(v) computed by the caller (the BFS: once a level).
    void setOnce(size_t i, int32_t v, uint16_t code)
    {
        m_codes[i] = code;
        if (code == kOverflowCode) [[unlikely]]
            m_overflow.append(i, v);
    }
    /// Building: node i's distance, whatever it held (a rare overwrite: when i had an overflow entry, the side table
    /// is sorted to find it).
    void set(size_t i, int32_t v);
    /// Sorts the side table by node (once, after the last setOnce()).
    void finishWrites();
    void shrinkToFit()
    {
        m_codes.shrink_to_fit();
        m_overflow.shrinkToFit();
    }

    /// The codes and the side table, for the analysis cache and memory accounting.
    const Column<uint16_t>& codes() const
    {
        return m_codes;
    }
    const IndexedOverflow<Overflow>& overflow() const
    {
        return m_overflow;
    }
    Column<uint16_t>& codes()
    {
        return m_codes;
    }
    IndexedOverflow<Overflow>& overflow()
    {
        return m_overflow;
    }
    /// Whether codes() and overflow() fit together: the table is sorted by node without duplicates, names only
    /// nodes whose code is kOverflowCode, holds only values that have no inline code, and every kOverflowCode has
    /// its entry. What a column read from a file must satisfy. Reads the whole column.
    bool consistent() const;
    /// The side table alone (sorted, in range, values without an inline code): what can be checked without
    /// reading the codes.
    bool overflowTableValid() const;
    std::vector<int32_t> toVector() const;
    friend bool operator==(const DistanceColumn&, const DistanceColumn&) = default;

private:
    /// The side table's value for i; kNoDistance when it has none (an inconsistent column: never trusted from a
    /// file, see consistent()).
    int32_t overflowValue(size_t i) const;
    Column<uint16_t> m_codes;
    IndexedOverflow<Overflow> m_overflow;
};

} // namespace v8scope
