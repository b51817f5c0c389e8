// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "summary.h"

#include "heapanalysis.h"

#include <unordered_map>

namespace v8scope {

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

    // Class retained size: a DFS over the dominator tree that counts a node only when no dominator-tree
    // ancestor has the same class key (no double counting of nested instances).
    std::vector<uint8_t> seen(aggs.size(), 0);
    std::vector<uint32_t> list { a.root() };
    std::vector<size_t> sizes { SIZE_MAX };
    std::vector<uint32_t> seenKeys;
    while (!list.empty()) {
        const uint32_t node = list.back();
        list.pop_back();
        const uint32_t k = keyOf[node];
        const uint32_t from = a.firstDominated[node], to = a.firstDominated[node + 1];
        if (k != UINT32_MAX && !seen[k]) {
            aggs[k].retained += a.retainedSize[node];
            if (from != to) {
                seen[k] = 1;
                sizes.push_back(list.size());
                seenKeys.push_back(k);
            }
        }
        for (uint32_t i = from; i < to; ++i)
            list.push_back(a.dominated[i]);
        while (sizes.back() == list.size()) {
            sizes.pop_back();
            seen[seenKeys.back()] = 0;
            seenKeys.pop_back();
        }
    }

    return mergeByPublicKey(std::move(aggs));
}

} // namespace v8scope
