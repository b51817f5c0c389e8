// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "growthseries.h"
#include "leakholds.h"
#include "newobjects.h"

#include <common/error.h>
#include <common/progress.h>
#include <heap/heaploader.h>

#include <cstdint>
#include <string>
#include <vector>

namespace v8scope {

class HeapAnalysis;

struct LeakOptions
{
    size_t pathClusters = 5; ///< clusters that get a full retaining path
    uint64_t minClusterRetained = 1000; ///< bytes; smaller clusters are not reported
    HeapLoadOptions load; ///< how each snapshot loads (loadHeap: --max-input, --max-memory, the analysis cache)
    bool filterRuntimeInternals = true; ///< drop clusters that Node.js' own code created once (runtimeOnceReason)
    size_t heldClasses = 5; ///< classes listed in LeakCluster::holds
};

/// Leaked objects that share a retaining path (element indices ignored): one leak to fix.
struct LeakCluster
{
    std::string signature; ///< the path as "edge:Class > edge:Class ..." from the root; element indices as []
    std::string className; ///< class of the leaked objects at the end of the path
    uint32_t count = 0; ///< leaked objects in the cluster, nested ones included
    uint32_t roots = 0; ///< top-level leaked objects (not inside another leaked object)
    uint64_t shallow = 0; ///< bytes
    uint64_t retained = 0; ///< bytes kept by the top-level leaked objects
    std::vector<std::pair<std::string, uint32_t>> topClasses; ///< most frequent classes among the leaked objects
    uint32_t representativeId = 0; ///< the largest top-level object
    PathText path; ///< its shortest retaining path (top clusters)
    /// What the cluster holds: the classes inside the top-level objects' dominator subtrees (the top-level objects
    /// themselves excluded) by retained size, at most LeakOptions::heldClasses. For closures registered on an
    /// EventEmitter that keep sessions alive: system / Context, Session, Buffer, ...
    std::vector<HeldClass> holds;
    /// The representative's dominant chain (dominantChain): Function -> system / Context -> Session -> Buffer.
    std::vector<HoldStep> holdsChain;
    std::string filterReason; ///< why the cluster is not reported (LeakResult::filtered only)
};

struct LeakResult
{
    std::vector<std::string> files;
    std::vector<uint32_t> nodes; ///< per snapshot
    std::vector<uint64_t> totals; ///< total heap size per snapshot, bytes
    bool sameProcess = true; ///< false: ids are unrelated somewhere in the series, no leak suspects computed
    std::string processNote; ///< which pair looked like different processes
    uint32_t allocatedInTarget = 0; ///< ids in the second snapshot and not in the first
    uint32_t leakedObjects = 0; ///< of those, objects (self size > 0, not trivial) still alive in the last
    std::vector<LeakCluster> clusters; ///< at least minClusterRetained; retained descending
    /// Clusters of at least minClusterRetained that were not reported, each with its filterReason (runtime
    /// internals created once); retained descending.
    std::vector<LeakCluster> filtered;
    std::vector<GrowthSeries> classes; ///< every class over the series (see GrowthTracker::series)
    std::vector<std::pair<std::string, uint32_t>> leakedByClass; ///< leaked objects per class name

    uint32_t growingCount() const;
    int64_t retainedDelta() const
    {
        return int64_t(totals.back()) - int64_t(totals.front());
    }
};

/// memlab's baseline / target / final over `paths` (>= 3, one process, oldest first): objects allocated between
/// the first two snapshots and still alive in the last, clustered by retaining path; and the classes whose
/// count or retained size grows in every step. One graph at a time is in memory; the last one is kept to the end.
Result<LeakResult> findLeaks(
    const std::vector<std::string>& paths, const LeakOptions& options = {}, const TaskControl& control = {});

/// The leak clusters of `final` given a test for "allocated between baseline and target" (used by findLeaks and
/// tests). Fills clusters, filtered, leakedObjects and leakedByClass. Without `allocatedAfterTarget` (objects
/// newer than the target snapshot) no cluster can be shown to be created once, and none is filtered.
void clusterLeaks(const HeapAnalysis& final, const std::function<bool(uint32_t id)>& allocatedInTarget,
    const LeakOptions& options, LeakResult& result, const std::function<bool(uint32_t id)>& allocatedAfterTarget = {});

} // namespace v8scope
