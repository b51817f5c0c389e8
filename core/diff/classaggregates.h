// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace v8scope {

struct SnapshotDigest;

/// One class key of a snapshot as DevTools' getAggregatesByClassKey(sortedIndexes=true) sees it, computed from a
/// digest: the same keys, members, counts and class retained sizes (maxRet) as buildSummary().
struct ClassMembers
{
    std::string key; ///< public key: ",Name" or "scriptId,line,column,Name"
    std::string name; ///< class of the first member in file order (DevTools' aggregate name)
    uint32_t count = 0;
    uint64_t shallow = 0; ///< bytes
    uint64_t retained = 0; ///< bytes, DevTools maxRet (nested members of the same key counted once)
    std::vector<uint32_t> ids; ///< ascending
    std::vector<uint64_t> selfSizes; ///< bytes, parallel to ids
    uint32_t lastOrdinal = 0; ///< ordinal of the member with the largest id
};

/// Aggregates a digest by class key; `classes` (dense index per node) and `names` (text per dense index) come from
/// SnapshotDigest::ownClass/classNames or SnapshotDigest::classesWith(). Nodes with self size 0 are skipped and
/// keys whose text coincides merge the way DevTools merges them (the later internal key replaces the earlier).
std::vector<ClassMembers> aggregateClasses(
    const SnapshotDigest& digest, const std::vector<uint32_t>& classes, const std::vector<std::string>& names);

} // namespace v8scope
