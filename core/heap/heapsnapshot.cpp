// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heapsnapshot.h"

#include <algorithm>

namespace v8scope {

namespace {
bool indexLess(const SizeColumn::Overflow& o, size_t i)
{
    return o.index < i;
}
} // namespace

uint64_t SizeColumn::overflowValue(size_t i) const
{
    const auto it = std::lower_bound(m_overflow.begin(), m_overflow.end(), i, indexLess);
    return it != m_overflow.end() && it->index == i ? it->value : kOverflow;
}

void SizeColumn::setSlow(size_t i, uint64_t v)
{
    std::vector<Overflow> table = m_overflow.release(); // rare: values near 4 GiB
    const auto it = std::lower_bound(table.begin(), table.end(), i, indexLess);
    const bool listed = it != table.end() && it->index == i;
    if (v < kOverflow) {
        if (listed)
            table.erase(it);
        m_low[i] = uint32_t(v);
    } else if (listed) {
        it->value = v;
    } else {
        table.insert(it, Overflow { uint32_t(i), 0, v });
        m_low[i] = kOverflow;
    }
    m_overflow = std::move(table);
}

bool SizeColumn::consistent() const
{
    size_t marked = 0;
    for (const uint32_t v : m_low)
        marked += v == kOverflow;
    if (marked != m_overflow.size())
        return false;
    for (size_t k = 0; k < m_overflow.size(); ++k) {
        const Overflow& o = m_overflow[k];
        if (o.index >= m_low.size() || m_low[o.index] != kOverflow || o.value < kOverflow
            || (k > 0 && m_overflow[k - 1].index >= o.index))
            return false;
    }
    return true;
}

std::vector<uint64_t> SizeColumn::toVector() const
{
    std::vector<uint64_t> out(m_low.begin(), m_low.end());
    for (const Overflow& o : m_overflow)
        out[o.index] = o.value;
    return out;
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

} // namespace v8scope
