// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "distancecolumn.h"

namespace v8scope {

namespace {
/// An entry's value must be one without an inline code.
bool needsTable(const DistanceColumn::Overflow& o)
{
    return DistanceColumn::encode(o.value) == DistanceColumn::kOverflowCode;
}
} // namespace

int32_t DistanceColumn::overflowValue(size_t i) const
{
    return m_overflow.valueOr(i, kNoDistance);
}

void DistanceColumn::set(size_t i, int32_t v)
{
    if (m_codes[i] == kOverflowCode) {
        m_overflow.sortByIndex(); // setOnce() appends unsorted
        m_overflow.erase(i);
    }
    m_codes[i] = kNoDistanceCode;
    setOnce(i, v);
}

void DistanceColumn::finishWrites()
{
    m_overflow.sortByIndex();
}

bool DistanceColumn::overflowTableValid() const
{
    return m_overflow.valid(m_codes.size(), needsTable);
}

bool DistanceColumn::consistent() const
{
    return m_overflow.matches(m_codes, kOverflowCode, needsTable);
}

std::vector<int32_t> DistanceColumn::toVector() const
{
    std::vector<int32_t> out(m_codes.size());
    for (size_t i = 0; i < out.size(); ++i)
        out[i] = (*this)[i];
    return out;
}

} // namespace v8scope
