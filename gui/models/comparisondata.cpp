// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "comparisondata.h"

#include <diff/snapshotdigest.h>
#include <heap/heapanalysis.h>

#include <algorithm>
#include <chrono>
#include <unordered_map>

namespace v8scope::gui {

namespace {
double msSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

/// Rows to show: DevTools' Comparison rows first (its order), then classes whose retained size changed only.
std::vector<uint32_t> shownRows(const DiffResult& d)
{
    std::vector<uint32_t> rows;
    for (uint32_t i = 0; i < d.classes.size(); ++i)
        if (d.classes[i].inComparison)
            rows.push_back(i);
    for (uint32_t i = 0; i < d.classes.size(); ++i)
        if (!d.classes[i].inComparison && d.classes[i].retainedDelta != 0)
            rows.push_back(i);
    return rows;
}
} // namespace

Result<std::shared_ptr<const ComparisonData>> computeComparison(
    const SnapshotRef& base, const SnapshotRef& head, const TaskControl& control, const HeapLoadOptions& load)
{
    const auto t0 = std::chrono::steady_clock::now();
    auto data = std::make_shared<ComparisonData>();
    std::shared_ptr<const ComparisonBase> prepared = base.prepared;
    if ((base.analysis || base.digest || prepared) && head.analysis) {
        if (prepared && prepared->isNew.size() != head.analysis->nodeCount())
            return ParseError::general(
                base.path, "the base was read for another head snapshot: compare the files again");
        if (!prepared) {
            SnapshotDigest built;
            const SnapshotDigest* digest = base.digest.get();
            if (!digest) {
                built = SnapshotDigest::build(*base.analysis);
                if (built.sourceName.empty())
                    built.sourceName = base.path;
                digest = &built;
            }
            if (control.cancelled())
                return ParseError::general(base.path, "cancelled");
            const HeapAnalysis& h = *head.analysis;
            prepared = std::make_shared<const ComparisonBase>(
                prepareBase(*digest, *h.snapshot, idOrder(h.snapshot->nodeId), h.classes.definitions));
        } // a digest built here is freed before the comparison's own arrays
        data->diff = diffAgainst(*prepared, *head.analysis, DiffOptions {});
        if (data->diff.headFile.empty())
            data->diff.headFile = head.path;
        data->head = head.analysis;
    } else {
        DiffOptions options;
        options.load = load;
        auto r = diffSnapshots(base.path, head.path, options, control);
        if (!r)
            return r.error();
        data->diff = std::move(r.value());
    }
    if (control.cancelled())
        return ParseError::general(head.path, "cancelled");
    data->rows = shownRows(data->diff);

    // New objects per row (by class name; JS objects, odd ids, self size > 0), largest retained first.
    data->newObjects.resize(data->rows.size());
    if (data->head && data->diff.byId) {
        const HeapAnalysis& a = *data->head;
        const HeapSnapshot& s = *a.snapshot;
        std::unordered_map<std::string_view, uint32_t> rowOfName;
        for (uint32_t r = 0; r < data->rows.size(); ++r)
            rowOfName.emplace(data->diff.classes[data->rows[r]].name, r);
        for (uint32_t i = 0; i < a.nodeCount(); ++i) {
            if (!(s.nodeId[i] & 1) || a.selfSize[i] == 0 || !prepared->isNew[i])
                continue;
            auto it = rowOfName.find(a.className(i));
            if (it != rowOfName.end())
                data->newObjects[it->second].push_back(i);
        }
        for (auto& list : data->newObjects)
            std::stable_sort(list.begin(), list.end(),
                [&](uint32_t x, uint32_t y) { return a.retainedSize[x] > a.retainedSize[y]; });
    }
    data->ms = msSince(t0);
    return std::shared_ptr<const ComparisonData>(std::move(data));
}

Result<std::shared_ptr<const SnapshotDigest>> loadDigest(
    const std::string& path, const HeapLoadOptions& options, const TaskControl& control)
{
    auto digest = std::make_shared<SnapshotDigest>();
    {
        auto loaded = loadHeap(path, options, control);
        if (!loaded)
            return loaded.error();
        *digest = SnapshotDigest::build(*loaded.value().analysis);
    } // the graph is released here, before the head is loaded
    releaseFreedMemory();
    if (digest->sourceName.empty())
        digest->sourceName = path;
    return std::shared_ptr<const SnapshotDigest>(std::move(digest));
}

Result<std::shared_ptr<const LeakData>> computeLeaks(
    const std::vector<std::string>& paths, const TaskControl& control, const HeapLoadOptions& load)
{
    const auto t0 = std::chrono::steady_clock::now();
    LeakOptions options;
    options.load = load;
    auto r = findLeaks(paths, options, control);
    if (!r)
        return r.error();
    auto data = std::make_shared<LeakData>();
    data->result = std::move(r.value());
    data->paths = paths;
    data->ms = msSince(t0);
    return std::shared_ptr<const LeakData>(std::move(data));
}

} // namespace v8scope::gui
