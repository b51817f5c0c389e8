// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <heap/summary.h>

#include <cstdint>
#include <string>
#include <vector>

namespace v8scope {

/// One class over a series of snapshots (each classified with its own object shapes, as its Summary shows it).
struct GrowthSeries
{
    std::string name;
    std::string key;
    std::vector<uint32_t> count; ///< per snapshot
    std::vector<uint64_t> shallow; ///< bytes per snapshot
    std::vector<uint64_t> retained; ///< bytes per snapshot
    bool countGrows = false; ///< count rises in every step
    bool retainedGrows = false; ///< retained size rises in every step

    bool growsEveryStep() const
    {
        return countGrows || retainedGrows;
    }
    int64_t countDelta() const
    {
        return int64_t(count.back()) - int64_t(count.front());
    }
    int64_t retainedDelta() const
    {
        return int64_t(retained.back()) - int64_t(retained.front());
    }
    int64_t shallowDelta() const
    {
        return int64_t(shallow.back()) - int64_t(shallow.front());
    }
};

/// Collects Summary rows snapshot by snapshot (only the rows are kept, never a graph).
class GrowthTracker
{
public:
    void add(const std::vector<ClassAggregate>& summary);
    /// Every class seen, with zeros where a snapshot lacks it; growth flags set. Order: retained growth
    /// descending, then count growth descending, then name and key.
    std::vector<GrowthSeries> series() const;

private:
    std::vector<std::vector<ClassAggregate>> m_snapshots; ///< rows without member lists
};

} // namespace v8scope
