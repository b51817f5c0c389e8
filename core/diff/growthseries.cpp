// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "growthseries.h"

#include <algorithm>
#include <map>

namespace v8scope {

void GrowthTracker::add(const std::vector<ClassAggregate>& summary)
{
    std::vector<ClassAggregate> rows;
    rows.reserve(summary.size());
    for (const ClassAggregate& r : summary)
        rows.push_back(r.totalsOnly());
    m_snapshots.push_back(std::move(rows));
}

std::vector<GrowthSeries> GrowthTracker::series() const
{
    const size_t n = m_snapshots.size();
    std::map<std::string, GrowthSeries> byKey;
    for (size_t k = 0; k < n; ++k) {
        for (const ClassAggregate& r : m_snapshots[k]) {
            GrowthSeries& s = byKey[r.key];
            if (s.count.empty()) {
                s.name = r.name;
                s.key = r.key;
                s.count.assign(n, 0);
                s.shallow.assign(n, 0);
                s.retained.assign(n, 0);
            }
            s.count[k] = r.count;
            s.shallow[k] = r.shallow;
            s.retained[k] = r.retained;
        }
    }
    std::vector<GrowthSeries> out;
    for (auto& [key, s] : byKey) {
        s.countGrows = n >= 2;
        s.retainedGrows = n >= 2;
        for (size_t k = 1; k < n; ++k) {
            s.countGrows = s.countGrows && s.count[k] > s.count[k - 1];
            s.retainedGrows = s.retainedGrows && s.retained[k] > s.retained[k - 1];
        }
        out.push_back(std::move(s));
    }
    std::stable_sort(out.begin(), out.end(), [](const GrowthSeries& x, const GrowthSeries& y) {
        if (x.retainedDelta() != y.retainedDelta())
            return x.retainedDelta() > y.retainedDelta();
        if (x.countDelta() != y.countDelta())
            return x.countDelta() > y.countDelta();
        return x.name != y.name ? x.name < y.name : x.key < y.key;
    });
    return out;
}

} // namespace v8scope
