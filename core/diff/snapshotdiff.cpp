// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "snapshotdiff.h"

#include "classaggregates.h"

#include <heap/heapanalysis.h>
#include <heap/snapshotreader.h>

#include <chrono>

namespace v8scope {

namespace {
double msSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}
} // namespace

Result<std::shared_ptr<const HeapAnalysis>> loadAnalysis(
    const std::string& path, uint64_t maxInputBytes, const TaskControl& control)
{
    InputOptions in;
    in.maxDecompressedBytes = maxInputBytes;
    in.control = control;
    auto snapshot = SnapshotReader::read(path, in);
    if (!snapshot)
        return snapshot.error();
    return HeapAnalysis::analyze(std::move(snapshot.value()), control);
}

DiffResult diffAgainst(const SnapshotDigest& base, const HeapAnalysis& head, const DiffOptions& options)
{
    DiffResult r;
    r.baseFile = base.sourceName;
    r.headFile = head.snapshot->sourceName;
    r.baseNodes = base.nodeCount;
    r.headNodes = head.nodeCount();
    r.baseTotal = base.totalSize;
    r.headTotal = head.totalSize();

    const SnapshotDigest headDigest = SnapshotDigest::build(head);
    r.process = checkSameProcess(base, headDigest);
    r.byId = r.process.sameProcess;

    // DevTools' aggregatesForDiff: the base classified with the head's object shapes; the head with its own.
    std::vector<std::string> baseNames;
    const std::vector<uint32_t> baseClasses = base.classesWith(head.classes.definitions, &baseNames);
    const std::vector<ClassMembers> baseAggs = aggregateClasses(base, baseClasses, baseNames);
    const std::vector<ClassMembers> headAggs = aggregateClasses(headDigest, headDigest.ownClass, headDigest.classNames);
    r.classes = r.byId ? compareById(baseAggs, headAggs, base) : compareByName(baseAggs, headAggs);
    sortByShallowDelta(r.classes);

    r.minSuspectRetained = options.minSuspectRetained;
    if (r.byId) {
        r.newObjects = groupNewObjects(
            head, [&](uint32_t id) { return base.ordinalOf(id) == SnapshotDigest::kNone; }, options.pathGroups);
        for (const ObjectGroup& g : r.newObjects.byDominator)
            r.suspects += isSuspect(g, options.minSuspectRetained);
    }
    return r;
}

Result<DiffResult> diffSnapshots(
    const std::string& basePath, const std::string& headPath, const DiffOptions& options, const TaskControl& control)
{
    auto t0 = std::chrono::steady_clock::now();
    SnapshotDigest base;
    {
        auto analysis = loadAnalysis(basePath, options.maxInputBytes, control);
        if (!analysis)
            return analysis.error();
        base = SnapshotDigest::build(*analysis.value());
        if (base.sourceName.empty())
            base.sourceName = basePath;
    } // the base graph is released here
    const double baseMs = msSince(t0);
    t0 = std::chrono::steady_clock::now();
    auto head = loadAnalysis(headPath, options.maxInputBytes, control);
    if (!head)
        return head.error();
    DiffResult r = diffAgainst(base, *head.value(), options);
    r.baseMs = baseMs;
    r.headMs = msSince(t0);
    if (r.headFile.empty())
        r.headFile = headPath;
    return r;
}

} // namespace v8scope
