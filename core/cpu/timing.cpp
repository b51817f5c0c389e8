// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "timing.h"

#include "tracetimeline.h"

#include <algorithm>
#include <regex>

namespace v8scope {

namespace {

constexpr uint32_t kNone = UINT32_MAX;

/// Builds the weighted tree from per-node self weights, with a virtual GC child under each node in
/// `gcByParent` (root's GC goes to the GC node itself).
void buildTree(const CpuProfile& p, const std::vector<int64_t>& nodeSelf, const std::vector<int64_t>& gcByParent,
    const std::vector<uint32_t>& nodeSamples, const std::vector<uint32_t>& gcSamplesByParent, WeightedTree& t)
{
    const size_t n = p.nodeCount();
    const bool gc = p.gcNode.valid() && !gcByParent.empty();
    std::vector<uint32_t> augOf(n, kNone);
    const size_t reserve
        = n + (gc ? size_t(std::count_if(gcByParent.begin(), gcByParent.end(), [](int64_t w) { return w > 0; })) : 0);
    t.parent.reserve(reserve);
    auto emit = [&](uint32_t parent, uint32_t function, uint32_t source, int64_t self, uint32_t samples) {
        t.parent.push_back(parent);
        t.depth.push_back(parent == kNone ? 0 : t.depth[parent] + 1);
        t.function.push_back(function);
        t.profileNode.push_back(source);
        t.self.push_back(self);
        t.selfSamples.push_back(samples);
        return uint32_t(t.parent.size() - 1);
    };
    for (uint32_t x = 0; x < n; ++x) {
        const uint32_t parent = x == 0 ? kNone : augOf[p.parent[x]];
        int64_t self = nodeSelf[x];
        uint32_t samples = nodeSamples.empty() ? 0 : nodeSamples[x];
        if (gc && x == p.gcNode.index) {
            self = gcByParent[0];
            samples = gcSamplesByParent[0];
        }
        augOf[x] = emit(parent, p.function[x], x, self, samples);
        if (gc && x != 0 && (gcByParent[x] > 0 || gcSamplesByParent[x] > 0))
            emit(augOf[x], p.function[p.gcNode.index], p.gcNode.index, gcByParent[x], gcSamplesByParent[x]);
    }
    const size_t m = t.parent.size();
    t.subtreeSize.assign(m, 1);
    t.total = t.self;
    for (size_t i = m; i-- > 1;) {
        t.subtreeSize[t.parent[i]] += t.subtreeSize[i];
        t.total[t.parent[i]] += t.total[i];
    }
}

} // namespace

std::pair<int64_t, int64_t> WeightedTree::matchTotals(const std::function<bool(uint32_t)>& pred) const
{
    int64_t totalSum = 0;
    int64_t selfSum = 0;
    // Pre-order: the first matching node on a path is the outermost; its subtree is counted once.
    uint32_t x = 1;
    while (x < size()) {
        if (pred(function[x])) {
            totalSum += total[x];
            const uint32_t end = x + subtreeSize[x];
            for (uint32_t y = x; y < end; ++y)
                if (pred(function[y]))
                    selfSum += self[y];
            x = end;
        } else {
            ++x;
        }
    }
    return { totalSum, selfSum };
}

void groupTotals(const WeightedTree& t, const std::vector<uint32_t>& groupOf, size_t groupCount,
    std::vector<int64_t>& self, std::vector<int64_t>& total)
{
    self.assign(groupCount, 0);
    total.assign(groupCount, 0);
    std::vector<uint32_t> onPath(groupCount, 0);
    std::vector<uint32_t> stack; // open nodes; node x closes at x + subtreeSize[x]
    for (uint32_t x = 1; x < t.size(); ++x) {
        while (!stack.empty() && stack.back() + t.subtreeSize[stack.back()] <= x) {
            const uint32_t g = groupOf[t.function[stack.back()]];
            if (g != kNone)
                --onPath[g];
            stack.pop_back();
        }
        const uint32_t g = groupOf[t.function[x]];
        if (g == kNone) {
            stack.push_back(x);
            continue;
        }
        self[g] += t.self[x];
        if (onPath[g] == 0)
            total[g] += t.total[x];
        ++onPath[g];
        stack.push_back(x);
    }
}

namespace {

/// Removes the frames an ignore list hides: an ignored frame whose parent frame is ignored too. Its self time
/// goes to its nearest kept ancestor (the outermost ignored frame of the chain) and its children move there.
void applyIgnoreList(WeightedTree& w, const std::vector<uint8_t>& ignoredFn)
{
    const size_t m = w.size();
    auto ignored = [&](uint32_t x) { return x != 0 && w.function[x] < ignoredFn.size() && ignoredFn[w.function[x]]; };
    std::vector<uint32_t> keptAt(m, kNone); // nearest kept ancestor-or-self, as an old index
    std::vector<uint32_t> newIndex(m, kNone);
    WeightedTree out;
    for (uint32_t x = 0; x < m; ++x) {
        const bool removed = x != 0 && ignored(x) && ignored(w.parent[x]);
        if (removed) {
            keptAt[x] = keptAt[w.parent[x]];
            out.self[newIndex[keptAt[x]]] += w.self[x];
            out.selfSamples[newIndex[keptAt[x]]] += w.selfSamples[x];
            continue;
        }
        keptAt[x] = x;
        const uint32_t parent = x == 0 ? kNone : newIndex[keptAt[w.parent[x]]];
        newIndex[x] = uint32_t(out.parent.size());
        out.parent.push_back(parent);
        out.depth.push_back(parent == kNone ? 0 : out.depth[parent] + 1);
        out.function.push_back(w.function[x]);
        out.profileNode.push_back(w.profileNode[x]);
        out.self.push_back(w.self[x]);
        out.selfSamples.push_back(w.selfSamples[x]);
    }
    const size_t n = out.parent.size();
    out.subtreeSize.assign(n, 1);
    out.total = out.self;
    for (size_t i = n; i-- > 1;) {
        out.subtreeSize[out.parent[i]] += out.subtreeSize[i];
        out.total[out.parent[i]] += out.total[i];
    }
    out.total[0] = w.total[0];
    w = std::move(out);
}

} // namespace

Result<std::vector<uint8_t>> ignoredFunctions(const CpuProfile& p, const std::string& list)
{
    std::vector<uint8_t> ignoredFn;
    if (list.empty() || list == "off")
        return ignoredFn;
    const std::string pattern = list == "default" ? std::string(kDefaultIgnoreList) : list;
    std::regex re;
    try {
        re = std::regex(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
        return ParseError::general(p.sourceName, "--ignore-list: not a valid regular expression: " + pattern);
    }
    ignoredFn.assign(p.functions.size(), 0);
    for (size_t f = 0; f < p.functions.size(); ++f)
        ignoredFn[f] = !p.functions[f].url.empty() && std::regex_search(p.functions[f].url, re);
    return ignoredFn;
}

Result<bool> finishFunctionTimes(const CpuProfile& p, const TimingOptions& options, Timing& t)
{
    const std::string& list = options.ignoreList;
    if (!list.empty() && list != "off") {
        auto ignoredFn = ignoredFunctions(p, list);
        if (!ignoredFn)
            return ignoredFn.error();
        applyIgnoreList(t.tree, ignoredFn.value());
        t.ignoreList = list;
    }
    std::vector<uint32_t> identity(p.functions.size());
    for (uint32_t f = 0; f < identity.size(); ++f)
        identity[f] = f;
    groupTotals(t.tree, identity, identity.size(), t.functionSelf, t.functionTotal);
    return true;
}

std::vector<uint32_t> gcParents(const CpuProfile& p)
{
    std::vector<uint32_t> out(p.sampleCount(), kNone);
    if (!p.gcNode.valid())
        return out;
    const uint32_t gc = p.gcNode.index;
    uint32_t prev = 0; // DevTools starts from the root
    uint32_t gcParent = 0;
    for (size_t i = 0; i < p.sampleCount(); ++i) {
        const uint32_t s = p.samples[i];
        if (s == gc) {
            if (prev != gc)
                gcParent = prev;
            out[i] = gcParent;
        }
        prev = s;
    }
    return out;
}

Result<Timing> computeTiming(const CpuProfile& p, const TimingOptions& options)
{
    if (options.model == TimingModel::Perf && p.trace && !p.isHeap())
        return computeTraceTiming(p, options);
    Timing t;
    t.model = p.isHeap() ? TimingModel::HitCount : options.model;
    const size_t n = p.nodeCount();
    if (options.range && (p.isHeap() || options.model == TimingModel::HitCount))
        return ParseError::general(p.sourceName,
            p.isHeap() ? "--range does not apply to a heap profile"
                       : "--range needs the perf model (the hitcount model has no sample times)");
    t.nodeSelf.assign(n, 0);
    if (p.isHeap() || options.model == TimingModel::HitCount) {
        int64_t sum = 0;
        for (size_t x = 0; x < n; ++x) {
            t.nodeSelf[x] = p.isHeap() ? int64_t(p.selfSize[x]) : int64_t(p.hitCount[x]);
            sum += t.nodeSelf[x];
        }
        t.unit = p.isHeap() ? WeightUnit::Bytes : WeightUnit::Hits;
        t.msPerUnit = p.isHeap() || sum == 0 ? 0 : double(p.endTime - p.startTime) / 1000.0 / double(sum);
        t.windowEnd = p.endTime - p.startTime;
        t.duration = sum;
        buildTree(p, t.nodeSelf, {}, {}, {}, t.tree);
    } else {
        int64_t w0 = p.startTime;
        int64_t w1 = p.endTime;
        if (options.range) {
            w0 = p.startTime + options.range->first;
            w1 = p.startTime + options.range->second;
            if (w1 <= w0)
                return ParseError::general(p.sourceName, "the range is empty (END must be after START)");
        }
        t.windowStart = w0 - p.startTime;
        t.windowEnd = w1 - p.startTime;
        t.duration = w1 - w0;
        std::vector<int64_t> gcByParent(p.gcNode.valid() ? n : 0, 0);
        std::vector<uint32_t> nodeSamples(n, 0);
        std::vector<uint32_t> gcSamples(gcByParent.size(), 0);
        const std::vector<uint32_t> gcParent = gcParents(p);
        const size_t ns = p.sampleCount();
        int64_t covered = 0;
        for (size_t i = 0; i < ns; ++i) {
            const int64_t a = p.timestamps[i];
            const int64_t b = i + 1 < ns ? p.timestamps[i + 1] : p.lastSampleEnd;
            const int64_t w = std::max<int64_t>(0, std::min(b, w1) - std::max(a, w0));
            const bool counted = a >= w0 && a < w1;
            const uint32_t s = p.samples[i];
            t.nodeSelf[s] += w;
            covered += w;
            t.samplesInWindow += counted;
            if (gcParent[i] != kNone) {
                gcByParent[gcParent[i]] += w;
                gcSamples[gcParent[i]] += counted;
            } else {
                nodeSamples[s] += counted;
            }
        }
        t.unattributed = t.duration - covered - t.nodeSelf[0];
        t.nodeSelf[0] = 0; // samples of the root itself are time no frame covers
        buildTree(p, t.nodeSelf, gcByParent, nodeSamples, gcSamples, t.tree);
    }
    // Per-node totals: subtree sums plus the GC that interrupted the node's subtree (the GC node itself keeps
    // all GC as its self and total, as in DevTools' per-node numbers).
    t.nodeTotal.assign(n, 0);
    for (uint32_t a = 0; a < t.tree.size(); ++a) {
        const uint32_t src = t.tree.profileNode[a];
        const bool virtualGc = p.gcNode.valid() && src == p.gcNode.index && t.tree.parent[a] != 0;
        if (!virtualGc)
            t.nodeTotal[src] = t.tree.total[a];
    }
    if (p.gcNode.valid())
        t.nodeTotal[p.gcNode.index] = t.nodeSelf[p.gcNode.index];
    t.nodeTotal[0] = 0;
    if (auto done = finishFunctionTimes(p, options, t); !done)
        return done.error();
    if (p.idleNode.valid())
        t.idle = t.functionSelf[p.function[p.idleNode.index]];
    if (p.programNode.valid())
        t.program = t.functionSelf[p.function[p.programNode.index]];
    if (p.gcNode.valid())
        t.gc = t.functionSelf[p.function[p.gcNode.index]];
    return t;
}

} // namespace v8scope
