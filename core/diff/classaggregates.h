// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "snapshotdigest.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace v8scope {

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
    /// Base side of a comparison: the class of lastOrdinal with the snapshot's own shapes (DevTools names a row
    /// that only the base has after it).
    std::string ownName;
};

/// The per-node columns aggregation reads: views into a SnapshotDigest, or into a HeapAnalysis plus two small
/// arrays (see NodeColumns::of). Pointers stay owned by the caller.
struct NodeColumns
{
    uint32_t nodeCount = 0;
    uint32_t root = 0;
    const uint32_t* id = nullptr;
    SizeView selfSize; ///< bytes, after DevTools' reassignment
    SizeView retainedSize; ///< bytes
    const uint32_t* dominator = nullptr;
    /// Location records sorted by node (SnapshotDigest::locations): [locations, locationsEnd), sites index `sites`.
    const HeapSnapshot::Location* locations = nullptr;
    const HeapSnapshot::Location* locationsEnd = nullptr;
    const HeapSnapshot::LocationSite* sites = nullptr;
    const uint32_t* idOrder = nullptr; ///< ordinals by ascending id

    static NodeColumns of(const SnapshotDigest& digest);
};

/// Aggregates nodes by class key. `classes` holds a class per node (any id space: equal ids are one DevTools class
/// id); `className` gives the text of a class and is called once per class key. Nodes with self size 0 are
/// skipped and keys whose text coincides merge the way DevTools merges them (the later internal key replaces
/// the earlier).
std::vector<ClassMembers> aggregateClasses(
    const NodeColumns& nodes, const uint32_t* classes, const std::function<std::string(uint32_t classId)>& className);

/// Convenience for a digest with dense classes and their names (SnapshotDigest::ownClass/classNames or
/// SnapshotDigest::classesWith()).
std::vector<ClassMembers> aggregateClasses(
    const SnapshotDigest& digest, const std::vector<uint32_t>& classes, const std::vector<std::string>& names);

} // namespace v8scope
