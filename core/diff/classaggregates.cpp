// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "classaggregates.h"

#include "snapshotdigest.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace v8scope {

namespace {
/// Children of each node in the dominator tree as CSR (the root's self-domination is dropped).
void dominatedChildren(const SnapshotDigest& d, std::vector<uint32_t>& first, std::vector<uint32_t>& children)
{
    const uint32_t n = d.nodeCount;
    first.assign(size_t(n) + 1, 0);
    for (uint32_t i = 0; i < n; ++i)
        if (i != d.root && d.dominator[i] < n)
            ++first[d.dominator[i] + 1];
    for (uint32_t i = 0; i < n; ++i)
        first[i + 1] += first[i];
    children.resize(first[n]);
    std::vector<uint32_t> fill(first.begin(), first.end() - 1);
    for (uint32_t i = 0; i < n; ++i)
        if (i != d.root && d.dominator[i] < n)
            children[fill[d.dominator[i]]++] = i;
}
} // namespace

std::vector<ClassMembers> aggregateClasses(
    const SnapshotDigest& d, const std::vector<uint32_t>& classes, const std::vector<std::string>& names)
{
    const uint32_t n = d.nodeCount;
    // Internal keys in first-member order: the dense class, or the location text for located objects.
    std::unordered_map<uint32_t, uint32_t> byClass;
    std::unordered_map<std::string, uint32_t> byLocation;
    std::vector<ClassMembers> aggs;
    std::vector<std::vector<uint32_t>> members;
    std::vector<uint32_t> keyOf(n, SnapshotDigest::kNone);
    for (uint32_t i = 0; i < n; ++i) {
        if (!d.selfSize[i])
            continue;
        const std::string& name = names[classes[i]];
        uint32_t k;
        if (d.location[i] != SnapshotDigest::kNone) {
            const SnapshotDigest::Location& loc = d.locations[d.location[i]];
            std::string key = std::to_string(loc.scriptId) + "," + std::to_string(loc.line) + ","
                + std::to_string(loc.column) + "," + name;
            auto [it, inserted] = byLocation.emplace(std::move(key), uint32_t(aggs.size()));
            if (inserted) {
                aggs.emplace_back();
                aggs.back().key = it->first;
            }
            k = it->second;
        } else {
            auto [it, inserted] = byClass.emplace(classes[i], uint32_t(aggs.size()));
            if (inserted) {
                aggs.emplace_back();
                aggs.back().key = "," + name;
            }
            k = it->second;
        }
        keyOf[i] = k;
        ClassMembers& agg = aggs[k];
        if (agg.count == 0)
            agg.name = name;
        ++agg.count;
        agg.shallow += d.selfSize[i];
        if (members.size() <= k)
            members.resize(size_t(k) + 1);
        members[k].push_back(i);
    }

    // maxRet: a member counts unless a dominator-tree ancestor has the same key (iterative DFS, markers on a
    // stack of (key, stack height) pairs as in DevTools' calculateClassesRetainedSize).
    std::vector<uint32_t> first, children;
    dominatedChildren(d, first, children);
    std::vector<uint8_t> seen(aggs.size(), 0);
    std::vector<uint32_t> list { d.root };
    std::vector<size_t> sizes { SIZE_MAX };
    std::vector<uint32_t> seenKeys;
    while (!list.empty()) {
        const uint32_t node = list.back();
        list.pop_back();
        const uint32_t k = keyOf[node];
        if (k != SnapshotDigest::kNone && !seen[k]) {
            aggs[k].retained += d.retainedSize[node];
            if (first[node] != first[node + 1]) {
                seen[k] = 1;
                sizes.push_back(list.size());
                seenKeys.push_back(k);
            }
        }
        for (uint32_t c = first[node]; c < first[node + 1]; ++c)
            list.push_back(children[c]);
        while (sizes.back() == list.size()) {
            sizes.pop_back();
            seen[seenKeys.back()] = 0;
            seenKeys.pop_back();
        }
    }

    // Members sorted by id (DevTools' sortAggregateIndexes), then public keys merged: a later internal key with
    // the same text replaces the earlier one.
    for (uint32_t k = 0; k < aggs.size(); ++k) {
        std::vector<uint32_t>& m = members[k];
        std::stable_sort(m.begin(), m.end(), [&](uint32_t x, uint32_t y) { return d.id[x] < d.id[y]; });
        aggs[k].ids.reserve(m.size());
        aggs[k].selfSizes.reserve(m.size());
        for (const uint32_t node : m) {
            aggs[k].ids.push_back(d.id[node]);
            aggs[k].selfSizes.push_back(d.selfSize[node]);
        }
        aggs[k].lastOrdinal = m.back();
        std::vector<uint32_t>().swap(m);
    }
    std::unordered_map<std::string, size_t> byPublicKey;
    std::vector<ClassMembers> result;
    for (ClassMembers& agg : aggs) {
        auto [it, inserted] = byPublicKey.emplace(agg.key, result.size());
        if (inserted)
            result.push_back(std::move(agg));
        else
            result[it->second] = std::move(agg);
    }
    return result;
}

} // namespace v8scope
