// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "classaggregates.h"
#include "comparison.h"
#include "newobjects.h"
#include "snapshotdigest.h"

#include <common/error.h>
#include <common/progress.h>
#include <heap/heaploader.h>

#include <memory>
#include <string>
#include <vector>

namespace v8scope {

class HeapAnalysis;

struct DiffOptions
{
    size_t pathGroups = 5; ///< groups of new objects that get a retaining path
    uint64_t minSuspectRetained = 1000; ///< bytes a keeper of new objects must retain to count as a leak suspect
    /// How each snapshot loads (loadHeap: --max-input, --max-memory, the analysis cache).
    HeapLoadOptions load;
};

/// A comparison of two snapshots: DevTools' Comparison rows, retained size per class on both sides, and the new
/// objects that are still alive, grouped by class and by the object that keeps them.
struct DiffResult
{
    std::string baseFile, headFile;
    uint32_t baseNodes = 0, headNodes = 0;
    uint64_t baseTotal = 0, headTotal = 0; ///< bytes, total heap size as DevTools shows it
    ProcessCheck process;
    /// true: matched by object id (DevTools' Comparison); false: different processes, compared per class name.
    bool byId = true;
    /// Every class of either snapshot, in DevTools' order (size delta descending, then key). Rows DevTools shows
    /// have inComparison set.
    std::vector<ClassDiff> classes;
    ObjectGroups newObjects; ///< empty when !byId (ids mean nothing across processes)
    uint32_t suspects = 0; ///< byDominator groups that are suspects (isSuspect)
    uint64_t minSuspectRetained = 0; ///< bytes, from DiffOptions
    double baseMs = 0, headMs = 0; ///< load + analysis time of each side

    int64_t retainedDelta() const
    {
        return int64_t(headTotal) - int64_t(baseTotal);
    }
};

/// A keeper of new objects that counts as a leak suspect: it retains at least `minRetained` bytes of new
/// objects and is an object of the program (not the root, a GC-root category or a V8 internal).
inline bool isSuspect(const ObjectGroup& keeper, uint64_t minRetained)
{
    return keeper.retained >= minRetained && !keeper.runtimeKeeper;
}

/// The base side of a comparison, finished against the head's parsed graph: which of the head's objects are new,
/// the base's classes with the head's object shapes (DevTools' aggregatesForDiff) and the process check; about
/// 13 bytes per node, against the digest's 48. `diff` builds it when the head is parsed and frees the base's
/// digest before the head's analysis allocates; the viewer's File > Compare Files does the same in the head's
/// loader (docs/diff.md).
struct ComparisonBase
{
    std::string file;
    uint32_t nodes = 0;
    uint64_t total = 0; ///< bytes
    ProcessCheck process;
    std::vector<uint8_t> isNew; ///< per head ordinal: the base has no object with this id
    std::vector<ClassMembers> aggregates; ///< classified with the head's object shapes
};

/// `headIdOrder`: idOrder(head.nodeId); `headDefinitions`: the head's object shapes (inferDefinitions() of the
/// parsed head, or its analysis' classes.definitions).
ComparisonBase prepareBase(const SnapshotDigest& base, const HeapSnapshot& head,
    const std::vector<uint32_t>& headIdOrder, const std::vector<InterfaceDefinition>& headDefinitions);

/// The diff itself, from a base prepared against this head (base.isNew has one entry per head node).
DiffResult diffAgainst(const ComparisonBase& base, const HeapAnalysis& head, const DiffOptions& options);
/// The same from a base digest (prepareBase first; tests).
DiffResult diffAgainst(const SnapshotDigest& base, const HeapAnalysis& head, const DiffOptions& options);

/// Loads and analyzes `basePath`, keeps only its digest, releases its graph, then loads and analyzes `headPath`:
/// at most one full graph is in memory at a time. Both load through loadHeap with `options.load`.
Result<DiffResult> diffSnapshots(const std::string& basePath, const std::string& headPath,
    const DiffOptions& options = {}, const TaskControl& control = {});

/// Returns memory freed by a released graph to the system (glibc keeps it otherwise); no-op elsewhere.
void releaseFreedMemory();

} // namespace v8scope
