// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace v8scope {

struct ClassAggregate;
struct ClassMembers;
class HeapAnalysis;
struct HeapSnapshot;
struct SnapshotDigest;

/// One class of a comparison. The first fields are DevTools' Comparison columns (# New, # Deleted, # Delta,
/// Alloc. size, Freed size, Size delta); the rest add both sides' totals and retained sizes.
struct ClassDiff
{
    std::string name; ///< class name as DevTools shows it
    std::string key; ///< public class key (by id) or the class name (by class name)
    uint32_t added = 0;
    uint32_t removed = 0;
    int64_t countDelta = 0;
    uint64_t addedSize = 0; ///< bytes
    uint64_t removedSize = 0; ///< bytes
    int64_t sizeDelta = 0; ///< bytes
    uint32_t baseCount = 0, headCount = 0;
    uint64_t baseShallow = 0, headShallow = 0; ///< bytes
    uint64_t baseRetained = 0, headRetained = 0; ///< bytes, DevTools class retained size (maxRet)
    int64_t retainedDelta = 0; ///< bytes
    bool inComparison = false; ///< a row of DevTools' Comparison view: some object was added or removed
};

/// DevTools' calculateSnapshotDiff: per class key a merge-join of the ids; classes of `base` (classified with the
/// head's object shapes) first in their order, then classes only in the head. Every class of either side is
/// returned (with retained sizes); inComparison marks the rows DevTools shows. The head's classes are its own
/// Summary (HeapAnalysis::summary), read in place: one walk over the head in id order (`headIdOrder`: idOrder())
/// joins every class at once.
std::vector<ClassDiff> compareById(
    const std::vector<ClassMembers>& base, const HeapAnalysis& head, const std::vector<uint32_t>& headIdOrder);

/// For snapshots of different processes: per class *name* (location keys merged), counts and sizes compared as
/// totals. new/deleted and alloc/freed are the positive and negative parts of the deltas. `head`: the head's
/// Summary rows.
std::vector<ClassDiff> compareByName(const std::vector<ClassMembers>& base, const std::vector<ClassAggregate>& head);

/// The order of the reference outputs: size delta descending, then the key in JavaScript's localeCompare order.
bool shallowDeltaBefore(const ClassDiff& x, const ClassDiff& y);
void sortByShallowDelta(std::vector<ClassDiff>& rows);
/// Retained delta descending, then as shallowDeltaBefore (what gates and the retained-growth view list first).
bool retainedDeltaBefore(const ClassDiff& x, const ClassDiff& y);
void sortByRetainedDelta(std::vector<ClassDiff>& rows);

/// ICU root collation (what String.prototype.localeCompare does without a locale) for ASCII text: punctuation,
/// then digits, then letters case-insensitively, lower case first on a tie. Other characters by code point after.
int localeCompare(std::string_view a, std::string_view b);

/// Whether two snapshots come from one process (ids identify the same objects). Ids of JS objects (odd) present
/// in both are checked for the same node type and name; within one process nearly all agree, across processes
/// of the same program the first few thousand do by coincidence of start-up order and the rest do not.
struct ProcessCheck
{
    uint64_t commonIds = 0;
    uint64_t agreeing = 0;
    double agreement = 0; ///< agreeing / commonIds
    bool sameProcess = false;
};
ProcessCheck checkSameProcess(const SnapshotDigest& base, const SnapshotDigest& head);
/// The same against a parsed head, walking both id orders together (`headIdOrder`: see idOrder()).
ProcessCheck checkSameProcess(
    const SnapshotDigest& base, const HeapSnapshot& head, const std::vector<uint32_t>& headIdOrder);

constexpr double kSameProcessAgreement = 0.95;

} // namespace v8scope
