// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "classaggregates.h"

#include "snapshotdigest.h"

#include <heap/summary.h>

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace v8scope {

namespace {
/// Children of each node in the dominator tree as CSR (the root's self-domination is dropped).
void dominatedChildren(const NodeColumns& d, std::vector<uint32_t>& first, std::vector<uint32_t>& children)
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

NodeColumns NodeColumns::of(const SnapshotDigest& d)
{
    NodeColumns c;
    c.nodeCount = d.nodeCount;
    c.root = d.root;
    c.id = d.id.data();
    c.selfSize = d.selfSize.data();
    c.retainedSize = d.retainedSize.data();
    c.dominator = d.dominator.data();
    c.locations = d.locations.data();
    c.locationsEnd = d.locations.data() + d.locations.size();
    c.sites = d.locationSites.data();
    c.idOrder = d.sortedOrdinals.data();
    return c;
}

std::vector<ClassMembers> aggregateClasses(
    const SnapshotDigest& digest, const std::vector<uint32_t>& classes, const std::vector<std::string>& names)
{
    return aggregateClasses(NodeColumns::of(digest), classes.data(), [&](uint32_t c) { return names[c]; });
}

std::vector<ClassMembers> aggregateClasses(
    const NodeColumns& d, const uint32_t* classes, const std::function<std::string(uint32_t classId)>& className)
{
    const uint32_t n = d.nodeCount;
    // Internal keys in first-member order: the class, or the location text for located objects (a cursor walks
    // the node-sorted location records alongside the node loop). Location keys are looked up by (site, class)
    // first so that the text is built once per key, not once per object.
    std::unordered_map<uint32_t, uint32_t> byClass;
    std::unordered_map<uint64_t, uint32_t> bySiteClass; // site << 32 | class
    std::unordered_map<std::string, uint32_t> byLocation;
    std::vector<ClassMembers> aggs;
    std::vector<uint32_t> keyOf(n, SnapshotDigest::kNone);
    LocationCursor cursor(d.locations, d.locationsEnd);
    for (uint32_t i = 0; i < n; ++i) {
        if (!d.selfSize[i])
            continue;
        uint32_t k;
        if (const uint32_t site = cursor.site(i); site != LocationCursor::kNone) {
            const uint64_t sc = uint64_t(site) << 32 | classes[i];
            auto found = bySiteClass.find(sc);
            if (found != bySiteClass.end()) {
                k = found->second;
            } else {
                // Two class ids with the same text at one location share a key, as the text keys do in DevTools.
                const HeapSnapshot::LocationSite& loc = d.sites[site];
                std::string key = std::to_string(loc.scriptId) + "," + std::to_string(loc.line) + ","
                    + std::to_string(loc.column) + "," + className(classes[i]);
                auto [it, inserted] = byLocation.emplace(std::move(key), uint32_t(aggs.size()));
                if (inserted) {
                    aggs.emplace_back();
                    aggs.back().key = it->first;
                    aggs.back().name = className(classes[i]);
                }
                k = it->second;
                bySiteClass.emplace(sc, k);
            }
        } else {
            auto [it, inserted] = byClass.emplace(classes[i], uint32_t(aggs.size()));
            if (inserted) {
                aggs.emplace_back();
                aggs.back().name = className(classes[i]);
                aggs.back().key = "," + aggs.back().name;
            }
            k = it->second;
        }
        keyOf[i] = k;
        ++aggs[k].count;
        aggs[k].shallow += d.selfSize[i];
    }

    // maxRet: DevTools' calculateClassesRetainedSize over the digest's dominator tree.
    {
        std::vector<uint32_t> first, children;
        dominatedChildren(d, first, children);
        const std::vector<uint64_t> retained
            = classRetainedSizes(d.root, first, children, d.retainedSize, keyOf, aggs.size());
        for (size_t k = 0; k < aggs.size(); ++k)
            aggs[k].retained = retained[k];
    }

    // Members by ascending id (DevTools' sortAggregateIndexes): one pass in id order fills every key sorted.
    for (ClassMembers& agg : aggs) {
        agg.ids.reserve(agg.count);
        agg.selfSizes.reserve(agg.count);
    }
    for (uint32_t r = 0; r < n; ++r) {
        const uint32_t node = d.idOrder[r];
        const uint32_t k = keyOf[node];
        if (k == SnapshotDigest::kNone)
            continue;
        aggs[k].ids.push_back(d.id[node]);
        aggs[k].selfSizes.push_back(d.selfSize[node]);
        aggs[k].lastOrdinal = node;
    }

    return mergeByPublicKey(std::move(aggs));
}

} // namespace v8scope
