// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heapsnapshot.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace v8scope {

uint64_t SizeColumn::overflowValue(size_t i) const
{
    return m_overflow.valueOr(i, kOverflow);
}

void SizeColumn::setSlow(size_t i, uint64_t v)
{
    // Rare: values near 4 GiB. Either way the table keeps its order.
    if (v < kOverflow) {
        m_overflow.erase(i);
        m_low[i] = uint32_t(v);
    } else {
        m_overflow.set(i, v);
        m_low[i] = kOverflow;
    }
}

bool SizeColumn::consistent() const
{
    return m_overflow.matches(m_low, kOverflow, [](const Overflow& o) { return o.value >= kOverflow; });
}

std::vector<uint64_t> SizeColumn::toVector() const
{
    std::vector<uint64_t> out(m_low.begin(), m_low.end());
    for (const Overflow& o : m_overflow.entries())
        out[o.index] = o.value;
    return out;
}

bool StringTable::assign(Column<char> bytes, Column<uint32_t> lowOffsets, Column<uint32_t> wraps, bool checkOrder)
{
    const uint64_t byteCount = bytes.size();
    if (lowOffsets.empty() || lowOffsets.front() != 0 || (byteCount >> 32) != wraps.size()
        || uint32_t(byteCount) != lowOffsets.back())
        return false;
    for (size_t k = 0; k < wraps.size(); ++k) // sorted, after the first string's start, within the offsets
        if (wraps[k] == 0 || wraps[k] >= lowOffsets.size() || (k > 0 && wraps[k] < wraps[k - 1]))
            return false;
    if (checkOrder) {
        size_t w = 0;
        uint64_t previous = 0;
        for (size_t i = 1; i < lowOffsets.size(); ++i) {
            while (w < wraps.size() && wraps[w] <= i)
                ++w;
            const uint64_t at = uint64_t(w) << 32 | lowOffsets[i];
            if (at < previous)
                return false;
            previous = at;
        }
    }
    m_bytes = std::move(bytes);
    m_offsets = std::move(lowOffsets);
    m_wraps = std::move(wraps);
    return true;
}

uint32_t StringTable::find(std::string_view s) const
{
    for (uint32_t i = 0; i < size(); ++i)
        if (get(i) == s)
            return i;
    return StringIndex::kInvalid;
}

std::string HeapSnapshot::edgeName(uint32_t edge) const
{
    if (edgeHasStringName(edge))
        return std::string(strings.get(edgeNameOrIndex[edge]));
    return std::to_string(edgeNameOrIndex[edge]);
}

uint32_t HeapSnapshot::findNodeById(uint32_t id) const
{
    for (uint32_t i = 0; i < nodeCount; ++i)
        if (nodeId[i] == id)
            return i;
    return kNoNode;
}

void HeapSnapshot::sortLocations()
{
    // An LSD radix sort with digits of at most 12 bits (two passes up to 16 M nodes): stable, so a node's records
    // keep their file order and its last one still wins; linear in the record count. The result is exactly sized.
    const size_t m = locations.size();
    const auto byNode = [](const Location& x, const Location& y) { return x.node < y.node; };
    if (std::is_sorted(locations.begin(), locations.end(), byNode)) {
        if (locations.capacity() > m)
            locations.shrink_to_fit();
        return;
    }
    unsigned bits = 1;
    while (bits < 32 && (uint64_t(1) << bits) < nodeCount)
        ++bits;
    const unsigned passes = (bits + 11) / 12;
    const unsigned digitBits = (bits + passes - 1) / passes;
    const size_t buckets = size_t(1) << digitBits;
    std::vector<size_t> count(size_t(passes) * buckets, 0);
    for (const Location& r : locations)
        for (unsigned p = 0; p < passes; ++p)
            ++count[p * buckets + ((r.node >> (p * digitBits)) & (buckets - 1))];
    std::vector<Location> a(m), b(passes > 1 ? m : 0);
    const Location* src = locations.data();
    for (unsigned p = 0; p < passes; ++p) {
        Location* const dst = (passes - 1 - p) % 2 == 0 ? a.data() : b.data(); // the last pass writes `a`
        size_t* const c = &count[p * buckets];
        size_t sum = 0;
        for (size_t d = 0; d < buckets; ++d)
            sum += std::exchange(c[d], sum);
        for (size_t k = 0; k < m; ++k)
            dst[c[(src[k].node >> (p * digitBits)) & (buckets - 1)]++] = src[k];
        src = dst;
    }
    locations = Column<Location>(std::move(a));
}

const HeapSnapshot::LocationSite* HeapSnapshot::locationSiteOf(uint32_t node) const
{
    // The records are sorted by node, a node's own ones in file order: its last record is the one before the first
    // record of a later node.
    const auto after = std::upper_bound(
        locations.begin(), locations.end(), node, [](uint32_t n, const Location& r) { return n < r.node; });
    if (after == locations.begin() || (after - 1)->node != node)
        return nullptr;
    return &locationSites[(after - 1)->site];
}

} // namespace v8scope
