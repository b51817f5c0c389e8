// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "summary.h"

#include "heapanalysis.h"

#include <unordered_map>

namespace v8scope {

std::vector<uint64_t> classRetainedSizes(uint32_t root, const std::vector<uint32_t>& firstDominated,
    const std::vector<uint32_t>& dominated, const uint64_t* retainedSize, const std::vector<uint32_t>& keyOf,
    size_t keyCount)
{
    // Markers on a stack of (key, stack height) pairs: a key is "seen" while the DFS is inside a member's subtree.
    std::vector<uint64_t> retained(keyCount, 0);
    std::vector<uint8_t> seen(keyCount, 0);
    std::vector<uint32_t> list { root };
    std::vector<size_t> sizes { SIZE_MAX };
    std::vector<uint32_t> seenKeys;
    while (!list.empty()) {
        const uint32_t node = list.back();
        list.pop_back();
        const uint32_t k = keyOf[node];
        const uint32_t from = firstDominated[node], to = firstDominated[node + 1];
        if (k != UINT32_MAX && !seen[k]) {
            retained[k] += retainedSize[node];
            if (from != to) {
                seen[k] = 1;
                sizes.push_back(list.size());
                seenKeys.push_back(k);
            }
        }
        for (uint32_t i = from; i < to; ++i)
            list.push_back(dominated[i]);
        while (sizes.back() == list.size()) {
            sizes.pop_back();
            seen[seenKeys.back()] = 0;
            seenKeys.pop_back();
        }
    }
    return retained;
}

std::vector<ClassAggregate> buildSummary(
    const HeapAnalysis& a, const ClassNames& classes, const std::function<bool(uint32_t)>& filter)
{
    const HeapSnapshot& s = *a.snapshot;
    const uint32_t n = s.nodeCount;
    // Location of each object node (the last record wins, as in DevTools' location map).
    std::vector<uint32_t> locationOf;
    if (!s.locations.empty()) {
        locationOf.assign(n, UINT32_MAX);
        for (uint32_t i = 0; i < s.locations.size(); ++i)
            locationOf[s.locations[i].node] = i;
    }

    // Internal keys: the class id, or for object nodes with a location the "script,line,column,Name" text.
    std::unordered_map<uint32_t, uint32_t> byClass;
    std::unordered_map<std::string, uint32_t> byLocation;
    std::vector<ClassAggregate> aggs;
    std::vector<uint32_t> keyOf(n, UINT32_MAX);
    auto keyFor = [&](uint32_t node) -> uint32_t {
        if (s.nodeType[node] == s.nodeTypes.object && !locationOf.empty() && locationOf[node] != UINT32_MAX) {
            const auto& loc = s.locations[locationOf[node]];
            std::string key = std::to_string(loc.scriptId) + "," + std::to_string(loc.line) + ","
                + std::to_string(loc.column) + "," + std::string(classes.className(node));
            auto [it, inserted] = byLocation.emplace(key, uint32_t(aggs.size()));
            if (inserted) {
                aggs.emplace_back();
                aggs.back().key = std::move(key);
            }
            return it->second;
        }
        auto [it, inserted] = byClass.emplace(classes.classId[node], uint32_t(aggs.size()));
        if (inserted) {
            aggs.emplace_back();
            aggs.back().key = "," + std::string(classes.className(node));
        }
        return it->second;
    };
    for (uint32_t i = 0; i < n; ++i) {
        if (filter && !filter(i))
            continue;
        const uint64_t self = a.selfSize[i];
        if (!self)
            continue;
        const uint32_t k = keyFor(i);
        keyOf[i] = k;
        ClassAggregate& agg = aggs[k];
        if (agg.count == 0) {
            agg.name = std::string(classes.className(i));
            agg.distance = a.distance[i];
        } else {
            agg.distance = std::min(agg.distance, a.distance[i]);
        }
        ++agg.count;
        agg.shallow += self;
        agg.nodes.push_back(i);
    }

    const std::vector<uint64_t> retained
        = classRetainedSizes(a.root(), a.firstDominated, a.dominated, a.retainedSize.data(), keyOf, aggs.size());
    for (size_t k = 0; k < aggs.size(); ++k)
        aggs[k].retained = retained[k];

    return mergeByPublicKey(std::move(aggs));
}

} // namespace v8scope
