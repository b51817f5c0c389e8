// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "classnames.h"

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace v8scope {

class HeapAnalysis;

/// One row of DevTools' Summary view: the objects of one class key.
struct ClassAggregate
{
    std::string name; ///< class name
    std::string key; ///< DevTools' public class key: ",Name" or "scriptId,line,column,Name"
    uint32_t count = 0;
    uint64_t shallow = 0; ///< sum of (reassigned) self sizes, bytes
    uint64_t retained = 0; ///< DevTools maxRet: retained sizes of members not nested inside another member
    int32_t distance = 0; ///< minimum distance of the members
    std::vector<uint32_t> nodes; ///< member ordinals, in file order
};

/// DevTools turns its internal class keys (string indices, location texts) into public keys by text; where two
/// internal keys have the same text, the later aggregate replaces the earlier one in the earlier one's place
/// (getAggregatesByClassKey assigns them into one object in insertion order). `T` has a `key` string.
template <class T> std::vector<T> mergeByPublicKey(std::vector<T>&& aggregates)
{
    std::unordered_map<std::string, size_t> byKey;
    std::vector<T> result;
    result.reserve(aggregates.size());
    for (T& agg : aggregates) {
        auto [it, inserted] = byKey.emplace(agg.key, result.size());
        if (inserted)
            result.push_back(std::move(agg));
        else
            result[it->second] = std::move(agg);
    }
    return result;
}

/// DevTools' calculateClassesRetainedSize, the one copy (the Summary and the comparison's class aggregates): per
/// class key, the sum of the retained sizes of its members that have no dominator-tree ancestor of the same key
/// (nested instances are not counted twice). The dominator tree is CSR (`firstDominated`, nodeCount + 1 offsets into
/// `dominated`); `keyOf[node]` is the node's key or UINT32_MAX for none. An iterative DFS from `root`.
std::vector<uint64_t> classRetainedSizes(uint32_t root, const std::vector<uint32_t>& firstDominated,
    const std::vector<uint32_t>& dominated, const uint64_t* retainedSize, const std::vector<uint32_t>& keyOf,
    size_t keyCount);

/// DevTools' buildAggregates + calculateClassesRetainedSize + public-key conversion: one row per class key,
/// skipping nodes with self size 0. `classes` is usually analysis.classes; a comparison passes the base
/// snapshot re-classified with the other snapshot's object shapes. `filter` (optional) keeps only matching
/// nodes, as DevTools' Summary filters do.
std::vector<ClassAggregate> buildSummary(
    const HeapAnalysis& analysis, const ClassNames& classes, const std::function<bool(uint32_t)>& filter = {});

} // namespace v8scope
