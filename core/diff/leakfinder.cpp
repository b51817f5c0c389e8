// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "leakfinder.h"

#include "comparison.h"
#include "leakfilter.h"
#include "snapshotdiff.h"
#include "snapshotdigest.h"

#include <heap/heapanalysis.h>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace v8scope {

namespace {
constexpr size_t kMaxSignatureSteps = 64;
constexpr size_t kTopClasses = 3;

/// A cheap, deterministic retaining path for clustering: from the node, step to pathParent (the non-weak
/// retainer with the smallest DevTools distance) until the root. Distances strictly fall, so the walk ends.
/// Numeric edge names (element indices, hash-table slots) become [] so that siblings share a signature.
std::string pathSignature(const HeapAnalysis& a, uint32_t node)
{
    const HeapSnapshot& s = *a.snapshot;
    std::vector<std::string> steps;
    uint32_t cur = node;
    while (steps.size() < kMaxSignatureSteps) {
        uint32_t edge = UINT32_MAX;
        const uint32_t parent = pathParent(a, cur, edge);
        std::string name = edge == UINT32_MAX ? "?" : s.edgeName(edge);
        if (!name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; }))
            name = "[]"; // element, hidden and numbered internal slots (hash table entries)
        steps.push_back(name + ":" + std::string(a.className(cur)));
        if (parent == UINT32_MAX || parent == a.root())
            break;
        cur = parent;
    }
    std::string sig;
    for (size_t k = steps.size(); k-- > 0;)
        sig += steps[k] + (k ? " > " : "");
    return sig;
}
} // namespace

uint32_t LeakResult::growingCount() const
{
    return uint32_t(
        std::count_if(classes.begin(), classes.end(), [](const GrowthSeries& g) { return g.growsEveryStep(); }));
}

void clusterLeaks(const HeapAnalysis& a, const std::function<bool(uint32_t id)>& allocatedInTarget,
    const LeakOptions& options, LeakResult& result, const std::function<bool(uint32_t id)>& allocatedAfterTarget)
{
    const HeapSnapshot& s = *a.snapshot;
    const uint32_t n = s.nodeCount;
    std::vector<uint8_t> leaked(n, 0);
    std::map<std::string, uint32_t> byClass;
    for (uint32_t i = 0; i < n; ++i) {
        leaked[i] = (s.nodeId[i] & 1) && a.selfSize[i] > 0 && !isNeverLeakSuspect(s, s.nodeType[i])
            && allocatedInTarget(s.nodeId[i]);
        if (leaked[i]) {
            ++result.leakedObjects;
            ++byClass[std::string(a.className(i))];
        }
    }
    result.leakedByClass.assign(byClass.begin(), byClass.end());

    // Top-level leaked objects (no leaked dominator-tree ancestor) carry the cluster; nested ones count in it.
    std::unordered_map<std::string, size_t> clusterOf;
    std::vector<LeakCluster> clusters;
    std::vector<std::map<std::string, uint32_t>> classCounts;
    std::vector<uint64_t> best;
    std::vector<uint32_t> representative; // ordinal per cluster
    std::vector<std::vector<uint32_t>> roots; // top-level leaked objects per cluster
    std::vector<uint32_t> cluster(n, UINT32_MAX);
    std::vector<uint32_t> stack { a.root() };
    while (!stack.empty()) {
        const uint32_t node = stack.back();
        stack.pop_back();
        const uint32_t dom = a.dominator[node];
        if (leaked[node]) {
            if (node != a.root() && cluster[dom] != UINT32_MAX) {
                cluster[node] = cluster[dom];
            } else {
                auto [it, inserted] = clusterOf.emplace(pathSignature(a, node), clusters.size());
                if (inserted) {
                    clusters.emplace_back();
                    clusters.back().signature = it->first;
                    clusters.back().className = std::string(a.className(node));
                    classCounts.emplace_back();
                    best.push_back(0);
                    representative.push_back(node);
                    roots.emplace_back();
                }
                LeakCluster& c = clusters[it->second];
                ++c.roots;
                c.retained += a.retainedSize[node];
                if (c.roots == 1 || a.retainedSize[node] > best[it->second]) {
                    best[it->second] = a.retainedSize[node];
                    c.representativeId = s.nodeId[node];
                    representative[it->second] = node;
                }
                roots[it->second].push_back(node);
                cluster[node] = uint32_t(it->second);
            }
            LeakCluster& c = clusters[cluster[node]];
            ++c.count;
            c.shallow += a.selfSize[node];
            ++classCounts[cluster[node]][std::string(a.className(node))];
        } else if (node != a.root() && cluster[dom] != UINT32_MAX) {
            cluster[node] = cluster[dom]; // a non-leaked object inside a leaked one stays in its cluster
        }
        for (uint32_t c = a.firstDominated[node]; c < a.firstDominated[node + 1]; ++c)
            stack.push_back(a.dominated[c]);
    }
    for (size_t k = 0; k < clusters.size(); ++k) {
        std::vector<std::pair<std::string, uint32_t>> top(classCounts[k].begin(), classCounts[k].end());
        std::stable_sort(top.begin(), top.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
        if (top.size() > kTopClasses)
            top.resize(kTopClasses);
        clusters[k].topClasses = std::move(top);
    }
    // What each cluster holds (cheap: one walk over the leaked subtrees), then the runtime-internal filter.
    const std::vector<std::vector<HeldClass>> held = heldClasses(a, roots, options.heldClasses);
    std::vector<LeakCluster> reported, filtered;
    for (size_t k = 0; k < clusters.size(); ++k) {
        LeakCluster& c = clusters[k];
        if (c.retained < options.minClusterRetained)
            continue;
        c.holds = held[k];
        c.holdsChain = dominantChain(a, representative[k]);
        if (options.filterRuntimeInternals)
            c.filterReason = runtimeOnceReason(a, representative[k], allocatedAfterTarget);
        (c.filterReason.empty() ? reported : filtered).push_back(std::move(c));
    }
    clusters = std::move(reported);
    auto byRetained = [](const LeakCluster& x, const LeakCluster& y) {
        if (x.retained != y.retained)
            return x.retained > y.retained;
        return x.signature < y.signature;
    };
    std::stable_sort(clusters.begin(), clusters.end(), byRetained);
    std::stable_sort(filtered.begin(), filtered.end(), byRetained);
    for (size_t k = 0; k < clusters.size() && k < options.pathClusters; ++k)
        clusters[k].path = shortestPathText(a, a.nodeForId(clusters[k].representativeId));
    result.filtered = std::move(filtered);
    result.clusters = std::move(clusters);
}

Result<LeakResult> findLeaks(
    const std::vector<std::string>& paths, const LeakOptions& options, const TaskControl& control)
{
    LeakResult result;
    if (paths.size() < 3)
        return ParseError::general(
            "leaks", "needs at least 3 snapshots (baseline, target, final), got " + std::to_string(paths.size()));
    GrowthTracker growth;
    std::vector<uint32_t> baseline; // ids of the first snapshot, ascending
    std::vector<uint32_t> target; // ids allocated between the first and the second, ascending
    std::vector<uint32_t> targetIds; // every id of the second snapshot, ascending
    std::shared_ptr<const HeapAnalysis> last;
    SnapshotDigest previous;
    for (size_t k = 0; k < paths.size(); ++k) {
        auto loaded = loadHeap(paths[k], options.load, control);
        if (!loaded)
            return loaded.error();
        const HeapAnalysis& a = *loaded.value().analysis;
        result.files.push_back(a.snapshot->sourceName.empty() ? paths[k] : a.snapshot->sourceName);
        result.nodes.push_back(a.nodeCount());
        result.totals.push_back(a.totalSize());
        growth.add(a.summary);
        SnapshotDigest digest = SnapshotDigest::build(a);
        if (k > 0) {
            const ProcessCheck check = checkSameProcess(previous, digest);
            if (!check.sameProcess && result.sameProcess) {
                result.sameProcess = false;
                result.processNote = result.files[k - 1] + " and " + result.files[k]
                    + " do not look like one process (ids agree for "
                    + std::to_string(int(check.agreement * 1000) / 10.0).substr(0, 4) + "% of shared ids)";
            }
        }
        if (k == 0) {
            baseline = digest.sortedIds;
        } else if (k == 1) {
            std::set_difference(digest.sortedIds.begin(), digest.sortedIds.end(), baseline.begin(), baseline.end(),
                std::back_inserter(target));
            result.allocatedInTarget = uint32_t(target.size());
            targetIds = digest.sortedIds;
            std::vector<uint32_t>().swap(baseline);
        }
        previous = std::move(digest);
        if (k + 1 == paths.size())
            last = loaded.value().analysis;
        loaded = ParseError::general("", ""); // drop this graph before the next one is read
        releaseFreedMemory();
    }
    result.classes = growth.series();
    if (result.sameProcess)
        clusterLeaks(
            *last, [&](uint32_t id) { return std::binary_search(target.begin(), target.end(), id); }, options, result,
            [&](uint32_t id) { return !std::binary_search(targetIds.begin(), targetIds.end(), id); });
    return result;
}

} // namespace v8scope
