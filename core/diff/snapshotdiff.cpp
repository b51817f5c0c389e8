// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "snapshotdiff.h"

#include "classaggregates.h"

#include <heap/heapanalysis.h>
#include <heap/snapshotreader.h>

#include <optional>

#include <chrono>
#include <future>
#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace v8scope {

void releaseFreedMemory()
{
#ifdef __GLIBC__
    // The base graph's arrays were freed, but glibc keeps much of that memory in its arenas; hand it back
    // before the head is loaded so that the peak is one graph plus the digest, not two graphs' worth.
    malloc_trim(0);
#endif
}

ComparisonBase prepareBase(const SnapshotDigest& base, const HeapSnapshot& head, const std::vector<uint32_t>& headOrder,
    const std::vector<InterfaceDefinition>& headDefinitions)
{
    ComparisonBase side;
    side.file = base.sourceName;
    side.nodes = base.nodeCount;
    side.total = base.totalSize;
    side.process = checkSameProcess(base, head, headOrder);
    side.isNew.assign(head.nodeCount, 0);
    size_t b = 0;
    for (const uint32_t i : headOrder) {
        const uint32_t id = head.nodeId[i];
        while (b < base.sortedIds.size() && base.sortedIds[b] < id)
            ++b;
        side.isNew[i] = b == base.sortedIds.size() || base.sortedIds[b] != id;
    }
    // DevTools' aggregatesForDiff: the base classified with the head's object shapes.
    std::vector<std::string> names;
    const std::vector<uint32_t> classes = base.classesWith(headDefinitions, &names);
    side.aggregates = aggregateClasses(base, classes, names);
    for (ClassMembers& m : side.aggregates)
        m.ownName = base.classNames[base.ownClass[m.lastOrdinal]];
    return side;
}

namespace {
DiffResult finishDiff(const ComparisonBase& base, const HeapAnalysis& head, const std::vector<uint32_t>& headOrder,
    const DiffOptions& options)
{
    const HeapSnapshot& hs = *head.snapshot;
    DiffResult r;
    r.baseFile = base.file;
    r.headFile = hs.sourceName;
    r.baseNodes = base.nodes;
    r.headNodes = head.nodeCount();
    r.baseTotal = base.total;
    r.headTotal = head.totalSize();
    r.minSuspectRetained = options.minSuspectRetained;
    r.process = base.process;
    r.byId = r.process.sameProcess;

    // The class comparison on a second thread while this one groups the new objects (both only read the head's
    // analysis). The head's classes are its own Summary, computed once by its analysis.
    auto classesFuture = std::async(std::launch::async, [&] {
        return r.byId ? compareById(base.aggregates, head, headOrder) : compareByName(base.aggregates, head.summary);
    });
    ObjectGroups newObjects;
    uint32_t suspects = 0;
    if (r.byId) {
        newObjects = groupNewObjects(head, base.isNew, options.pathGroups);
        for (const ObjectGroup& g : newObjects.byDominator)
            suspects += isSuspect(g, options.minSuspectRetained);
    }
    r.classes = classesFuture.get();
    r.newObjects = std::move(newObjects);
    r.suspects = suspects;
    sortByShallowDelta(r.classes);
    return r;
}

double msSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}
} // namespace

DiffResult diffAgainst(const ComparisonBase& base, const HeapAnalysis& head, const DiffOptions& options)
{
    return finishDiff(base, head, idOrder(head.snapshot->nodeId), options);
}

DiffResult diffAgainst(const SnapshotDigest& base, const HeapAnalysis& head, const DiffOptions& options)
{
    const std::vector<uint32_t> headOrder = idOrder(head.snapshot->nodeId);
    return finishDiff(prepareBase(base, *head.snapshot, headOrder, head.classes.definitions), head, headOrder, options);
}

Result<DiffResult> diffSnapshots(
    const std::string& basePath, const std::string& headPath, const DiffOptions& options, const TaskControl& control)
{
    auto t0 = std::chrono::steady_clock::now();
    SnapshotDigest base;
    {
        auto loaded = loadHeap(basePath, options.load, control);
        if (!loaded)
            return loaded.error();
        base = SnapshotDigest::build(*loaded.value().analysis);
        if (base.sourceName.empty())
            base.sourceName = basePath;
    } // the base graph is released here
    releaseFreedMemory();
    const double baseMs = msSince(t0);
    t0 = std::chrono::steady_clock::now();

    // Parse the head, finish the base side with the head's shapes, drop the base digest, then analyze the head:
    // the peak is about one analyzed graph, never a graph plus the digest plus the other graph's analysis. A head
    // read back from the analysis cache has no parse step: the base side is then finished from its analysis.
    std::vector<uint32_t> headOrder;
    std::optional<ComparisonBase> side;
    auto parsed = [&](const std::shared_ptr<const HeapSnapshot>& snapshot) {
        headOrder = idOrder(snapshot->nodeId);
        side = prepareBase(base, *snapshot, headOrder, inferDefinitions(snapshot));
        base = SnapshotDigest {};
        releaseFreedMemory();
    };
    auto loaded = loadHeap(headPath, options.load, control, parsed);
    if (!loaded)
        return loaded.error();
    const HeapAnalysis& head = *loaded.value().analysis;
    if (!side) {
        headOrder = idOrder(head.snapshot->nodeId);
        side = prepareBase(base, *head.snapshot, headOrder, head.classes.definitions);
        base = SnapshotDigest {};
    }
    DiffResult r = finishDiff(*side, head, headOrder, options);
    r.baseMs = baseMs;
    r.headMs = msSince(t0);
    if (r.headFile.empty())
        r.headFile = headPath;
    return r;
}

} // namespace v8scope
