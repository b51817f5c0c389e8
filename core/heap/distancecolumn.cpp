// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "distancecolumn.h"

#include <algorithm>
#include <utility>

namespace v8scope {

namespace {
bool indexLess(const DistanceColumn::Overflow& o, size_t i)
{
    return o.index < i;
}
} // namespace

int32_t DistanceColumn::overflowValue(size_t i) const
{
    const auto it = std::lower_bound(m_overflow.begin(), m_overflow.end(), i, indexLess);
    return it != m_overflow.end() && it->index == i ? it->value : kNoDistance;
}

void DistanceColumn::set(size_t i, int32_t v)
{
    if (m_codes[i] == kOverflowCode) {
        std::vector<Overflow> table = m_overflow.release();
        std::erase_if(table, [i](const Overflow& o) { return o.index == i; });
        m_overflow = std::move(table);
    }
    m_codes[i] = kNoDistanceCode;
    setOnce(i, v);
}

void DistanceColumn::finishWrites()
{
    const auto byIndex = [](const Overflow& a, const Overflow& b) { return a.index < b.index; };
    if (!std::is_sorted(m_overflow.begin(), m_overflow.end(), byIndex)) {
        Overflow* data = m_overflow.data();
        std::sort(data, data + m_overflow.size(), byIndex);
    }
}

bool DistanceColumn::overflowTableValid() const
{
    for (size_t k = 0; k < m_overflow.size(); ++k) {
        const Overflow& o = m_overflow[k];
        if (o.index >= m_codes.size() || encode(o.value) != kOverflowCode
            || (k > 0 && m_overflow[k - 1].index >= o.index))
            return false;
    }
    return true;
}

bool DistanceColumn::consistent() const
{
    if (!overflowTableValid())
        return false;
    size_t marked = 0;
    for (const uint16_t c : m_codes)
        marked += c == kOverflowCode;
    if (marked != m_overflow.size())
        return false;
    for (const Overflow& o : m_overflow)
        if (m_codes[o.index] != kOverflowCode)
            return false;
    return true;
}

std::vector<int32_t> DistanceColumn::toVector() const
{
    std::vector<int32_t> out(m_codes.size());
    for (size_t i = 0; i < out.size(); ++i)
        out[i] = (*this)[i];
    return out;
}

} // namespace v8scope
