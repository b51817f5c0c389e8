// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <common/column.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

namespace v8scope {

/// The side table of a narrow column (SizeColumn, DistanceColumn): the exact values of the few positions whose value
/// the column's inline code cannot hold, as entries {index, value} sorted strictly by index and found by binary
/// search. `Entry` is the caller's trivially copyable struct with a uint32_t `index` and a `value`; its layout is
/// what the analysis cache stores (entries() is written and mapped as it is), so other members (padding) stay the
/// caller's and are zero in entries made here.
///
/// Lookups, set(), erase() and trim() need the table sorted. A builder that writes positions out of order calls
/// append() and then sortByIndex() once before any lookup. A table read from a file is checked with valid() or
/// matches() before it is trusted.
template <typename Entry> class IndexedOverflow
{
    static_assert(std::is_same_v<decltype(Entry::index), uint32_t>);

public:
    using Value = decltype(Entry::value);

    size_t size() const
    {
        return m_entries.size();
    }
    bool empty() const
    {
        return m_entries.empty();
    }
    /// The value listed for position i, or `missing` when it has no entry.
    Value valueOr(size_t i, Value missing) const
    {
        const size_t k = lowerBound(i);
        return k < m_entries.size() && m_entries[k].index == i ? m_entries[k].value : missing;
    }
    /// Lists v for position i: overwrites i's entry, or inserts one in order (the table is copied once per insert:
    /// for rare values).
    void set(size_t i, Value v)
    {
        const size_t k = lowerBound(i);
        if (k < m_entries.size() && m_entries[k].index == i) {
            m_entries.data()[k].value = v; // data(): a mapped table is copied first
            return;
        }
        std::vector<Entry> table = m_entries.release();
        table.insert(table.begin() + std::ptrdiff_t(k), entry(i, v));
        m_entries = std::move(table);
    }
    /// Removes position i's entry; false when it had none.
    bool erase(size_t i)
    {
        const size_t k = lowerBound(i);
        if (k == m_entries.size() || m_entries[k].index != i)
            return false;
        std::vector<Entry> table = m_entries.release();
        table.erase(table.begin() + std::ptrdiff_t(k));
        m_entries = std::move(table);
        return true;
    }
    /// Building: lists v for position i without keeping the order (i must have no entry yet); sortByIndex() before
    /// the next lookup.
    void append(size_t i, Value v)
    {
        m_entries.push_back(entry(i, v));
    }
    /// Sorts the entries by index (after append()s); a sorted table is left as it is.
    void sortByIndex()
    {
        const auto byIndex = [](const Entry& a, const Entry& b) { return a.index < b.index; };
        const Column<Entry>& entries = m_entries; // reading a mapped table does not copy it
        if (!std::is_sorted(entries.begin(), entries.end(), byIndex)) {
            Entry* data = m_entries.data();
            std::sort(data, data + m_entries.size(), byIndex);
        }
    }
    /// Drops the entries of positions n and above (a column cut to n positions).
    void trim(size_t n)
    {
        const size_t k = lowerBound(n);
        if (k < m_entries.size())
            m_entries.resize(k);
    }
    void clear()
    {
        m_entries.clear();
    }
    void shrinkToFit()
    {
        m_entries.shrink_to_fit();
    }

    /// Whether the table fits a column of n positions: sorted strictly by index (no duplicates), every index below
    /// n, and `accept(entry)` true for every entry (the caller's check of the value: one with no inline code).
    template <typename Accept> bool valid(size_t n, Accept accept) const
    {
        for (size_t k = 0; k < m_entries.size(); ++k) {
            const Entry& e = m_entries[k];
            if (e.index >= n || (k > 0 && m_entries[k - 1].index >= e.index) || !accept(e))
                return false;
        }
        return true;
    }
    bool valid(size_t n) const
    {
        return valid(n, [](const Entry&) { return true; });
    }
    /// Whether the table is valid() for `codes` and lists exactly the positions whose code is `mark` (the inline
    /// code that says "in the side table"). Reads every code.
    template <typename Code, typename Accept> bool matches(const Column<Code>& codes, Code mark, Accept accept) const
    {
        if (!valid(codes.size(), accept))
            return false;
        size_t marked = 0;
        for (const Code c : codes)
            marked += c == mark;
        if (marked != m_entries.size())
            return false;
        for (const Entry& e : m_entries)
            if (codes[e.index] != mark)
                return false;
        return true;
    }

    /// The entries as stored: written and read in place by the analysis cache (a table read from a file is
    /// checked with valid() or matches()), counted by memory accounting.
    const Column<Entry>& entries() const
    {
        return m_entries;
    }
    Column<Entry>& entries()
    {
        return m_entries;
    }
    friend bool operator==(const IndexedOverflow&, const IndexedOverflow&) = default;

private:
    static Entry entry(size_t i, Value v)
    {
        Entry e {};
        e.index = uint32_t(i);
        e.value = v;
        return e;
    }
    /// The first entry whose index is not below i.
    size_t lowerBound(size_t i) const
    {
        const Entry* first = m_entries.begin();
        return size_t(std::lower_bound(first, m_entries.end(), i, [](const Entry& e, size_t at) {
            return e.index < at;
        }) - first);
    }
    Column<Entry> m_entries;
};

} // namespace v8scope
