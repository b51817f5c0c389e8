// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <heap/classnames.h>
#include <heap/heapsnapshot.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace v8scope {

class HeapAnalysis;

/// What a comparison needs from one snapshot once its graph is gone: per node (file order) the id, DevTools'
/// shallow and retained size, the dominator and the class, plus the property names of plain objects so that the
/// object shapes of *another* snapshot can be applied later (DevTools' aggregatesForDiff). About 41 bytes per
/// node, against a few hundred for the parsed graph and its analysis.
struct SnapshotDigest
{
    static constexpr uint32_t kNone = UINT32_MAX;

    std::string sourceName;
    uint32_t nodeCount = 0;
    uint32_t root = 0;
    uint64_t totalSize = 0; ///< bytes, HeapAnalysis::totalSize()
    std::vector<InterfaceDefinition> definitions; ///< the snapshot's own object shapes

    // per node, file order
    std::vector<uint32_t> id;
    std::vector<uint64_t> selfSize; ///< bytes after DevTools' reassignment
    std::vector<uint64_t> retainedSize; ///< bytes
    std::vector<uint32_t> dominator;
    std::vector<uint32_t> ownClass; ///< dense class index into classNames, with the snapshot's own shapes
    std::vector<uint32_t> plainShape; ///< plain objects: index into plainProperties; kNone otherwise
    std::vector<uint32_t> typeNameHash; ///< hash of (node type, raw name), to tell whether two ids are one object

    /// Dense class index -> class text. Distinct DevTools class ids stay distinct even when their text is equal,
    /// because DevTools keeps them apart until it builds public keys.
    std::vector<std::string> classNames;
    uint32_t objectClass = kNone; ///< the class an unmatched plain object falls back to ("Object")
    /// Distinct property lists of plain objects, in edge order, property edges only (what shape matching reads).
    std::vector<std::vector<std::string>> plainProperties;
    /// Object nodes with a source location, by node, one record each (the node's last in the file): what the
    /// location keys of aggregation read, with a LocationCursor. Sites index locationSites.
    std::vector<HeapSnapshot::Location> locations;
    std::vector<HeapSnapshot::LocationSite> locationSites; ///< the snapshot's sites

    /// Node ids ascending with their ordinals: which ids a snapshot has, for "new" and cross-process checks.
    std::vector<uint32_t> sortedIds;
    std::vector<uint32_t> sortedOrdinals;

    static SnapshotDigest build(const HeapAnalysis& analysis);

    /// Ordinal of the node with this id, or kNone (binary search).
    uint32_t ordinalOf(uint32_t nodeId) const;
    /// Dense class per node when `definitions` are applied to this snapshot's plain objects (what DevTools does
    /// to the base snapshot of a comparison). `names` receives the class texts (classNames plus shape names).
    std::vector<uint32_t> classesWith(
        const std::vector<InterfaceDefinition>& definitions, std::vector<std::string>* names) const;
};

/// DevTools' object-shape definitions of a parsed snapshot, without analyzing it (they depend on plain objects
/// and their property edges only): what a comparison applies to its base before the head's graph is analyzed.
std::vector<InterfaceDefinition> inferDefinitions(const std::shared_ptr<const HeapSnapshot>& snapshot);

/// Ordinals sorted by ascending id, ties in ordinal order (a two-pass radix sort: linear in the node count).
std::vector<uint32_t> idOrder(std::span<const uint32_t> ids);

/// The location records of object nodes, one per node (the last record wins): SnapshotDigest::locations.
std::vector<HeapSnapshot::Location> objectLocations(const HeapSnapshot& snapshot);

/// The hash stored in SnapshotDigest::typeNameHash (FNV-1a over the type index and the name bytes).
uint32_t typeNameHash(uint32_t type, std::string_view name);

} // namespace v8scope
