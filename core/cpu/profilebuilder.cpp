// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "rawprofile.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <unordered_map>

namespace v8scope {

namespace {

constexpr uint32_t kNone = UINT32_MAX;

std::string functionKey(const FunctionInfo& f)
{
    // DevTools' generateEventID: name @ (scriptId || url) : line : column.
    std::string k = f.name;
    k += '\0';
    k += f.scriptId.empty() ? f.url : f.scriptId;
    k += '\0';
    k += std::to_string(f.line);
    k += ':';
    k += std::to_string(f.column);
    return k;
}

/// Parent slot per raw node, and each parent's children in file order, as (parent, child) pairs.
Result<std::vector<std::pair<uint32_t, uint32_t>>> linkNodes(
    const RawProfile& raw, const std::string& file, const std::unordered_map<int64_t, uint32_t>& slotOf)
{
    std::vector<std::pair<uint32_t, uint32_t>> links;
    std::vector<uint8_t> hasParent(raw.nodes.size(), 0);
    auto link = [&](uint32_t parent, uint32_t child, const RawNode& at) -> std::optional<ParseError> {
        if (hasParent[child] || child == 0)
            return ParseError::at(
                file, at.offset, "node id " + std::to_string(raw.nodes[child].id) + " has more than one parent");
        hasParent[child] = 1;
        links.emplace_back(parent, child);
        return std::nullopt;
    };
    const bool childLists = raw.nodes[0].hasChildren;
    for (uint32_t s = 0; s < raw.nodes.size(); ++s) {
        const RawNode& n = raw.nodes[s];
        if (n.parentSlot != kNone) {
            if (auto e = link(n.parentSlot, s, n))
                return *e;
            continue;
        }
        if (childLists) {
            if (!n.hasChildren)
                continue;
            for (uint32_t c = n.childBegin; c < n.childEnd; ++c) {
                const auto it = slotOf.find(raw.childIds[c]);
                if (it == slotOf.end())
                    return ParseError::at(file, n.offset,
                        "node id " + std::to_string(n.id) + " lists an unknown child id "
                            + std::to_string(raw.childIds[c]));
                if (auto e = link(s, it->second, n))
                    return *e;
            }
        } else if (s > 0 && n.parentId != RawNode::kNoId) {
            const auto it = slotOf.find(n.parentId);
            if (it == slotOf.end())
                return ParseError::at(file, n.offset,
                    "node id " + std::to_string(n.id) + " has an unknown parent id " + std::to_string(n.parentId));
            if (auto e = link(it->second, s, n))
                return *e;
        }
    }
    return links;
}

Result<bool> buildTimestamps(RawProfile& raw, const std::string& file, bool legacy, CpuProfile& p)
{
    const size_t n = raw.samples.size();
    const double scale = legacy ? 1e6 : 1; // legacy `head` profiles give start/end in seconds
    if (!raw.hasStart && n > 0)
        return ParseError::at(file, raw.endOffset, "expected a \"startTime\" in this CPU profile");
    // Times are integer µs within ±2^53 (where DevTools' doubles are exact): sums of two of them cannot overflow.
    constexpr double kMaxTime = double(int64_t(1) << 53);
    auto inRange = [&](double v) { return std::isfinite(v) && std::fabs(v) <= kMaxTime; };
    if (!inRange(raw.startTime * scale) || (raw.hasEnd && !inRange(raw.endTime * scale)))
        return ParseError::at(file, raw.endOffset, "\"startTime\" or \"endTime\" is beyond 2^53 microseconds");
    p.startTime = std::llround(raw.startTime * scale);
    p.endTime = raw.hasEnd ? std::llround(raw.endTime * scale) : p.startTime;
    p.timestamps.resize(n);
    if (!raw.timeDeltas.empty() || raw.sawDeltas) {
        if (raw.timeDeltas.size() != n)
            return ParseError::at(file, raw.deltasOffset,
                "expected as many \"timeDeltas\" as \"samples\" (" + std::to_string(n) + "), found "
                    + std::to_string(raw.timeDeltas.size()));
        int64_t t = p.startTime;
        for (size_t i = 0; i < n; ++i) {
            if (!inRange(double(raw.timeDeltas[i])) || !inRange(double(t + raw.timeDeltas[i])))
                return ParseError::at(file, raw.deltasOffset,
                    "timeDeltas[" + std::to_string(i) + "] takes the sample times beyond 2^53 microseconds");
            t += raw.timeDeltas[i];
            p.timestamps[i] = t;
        }
        return false; // the last sample's end is set after sorting
    }
    if (!raw.timestamps.empty()) {
        if (raw.timestamps.size() != n && raw.timestamps.size() != n + 1)
            return ParseError::at(file, raw.endOffset,
                "expected as many \"timestamps\" as \"samples\" (" + std::to_string(n) + "), found "
                    + std::to_string(raw.timestamps.size()));
        for (size_t i = 0; i < raw.timestamps.size(); ++i)
            if (!inRange(raw.timestamps[i]))
                return ParseError::at(
                    file, raw.endOffset, "timestamps[" + std::to_string(i) + "] is beyond 2^53 microseconds");
        for (size_t i = 0; i < n; ++i)
            p.timestamps[i] = std::llround(raw.timestamps[i]);
        if (raw.timestamps.size() == n + 1) {
            p.lastSampleEnd = std::llround(raw.timestamps[n]);
            return true;
        }
        return false;
    }
    // No times at all: DevTools spreads the samples evenly over [startTime, endTime].
    for (size_t i = 0; i < n; ++i)
        p.timestamps[i] = p.startTime + std::llround(double(i) * double(p.endTime - p.startTime) / double(n));
    p.lastSampleEnd = p.endTime;
    return true;
}

/// DevTools' fixMissingSamples: a lone (program) sample between two non-system samples whose stacks share the
/// bottom frame (the root's child on their path) becomes the previous sample. Neighbours are the original
/// sample values, as in DevTools' loop.
void fixMissingSamples(CpuProfile& p)
{
    const size_t n = p.samples.size();
    if (!p.programNode.valid() || n < 3)
        return;
    auto isSystem
        = [&](uint32_t s) { return s == p.programNode.index || s == p.gcNode.index || s == p.idleNode.index; };
    auto bottom = [&](uint32_t s) {
        while (s != 0 && p.parent[s] != 0)
            s = p.parent[s];
        return s;
    };
    uint32_t prev = p.samples[0];
    uint32_t cur = p.samples[1];
    for (size_t i = 1; i + 1 < n; ++i) {
        const uint32_t next = p.samples[i + 1];
        if (cur == p.programNode.index && !isSystem(prev) && !isSystem(next) && bottom(prev) == bottom(next)) {
            p.samples[i] = prev;
            ++p.fixedProgramSamples;
        }
        prev = cur;
        cur = next;
    }
}

} // namespace

Result<std::shared_ptr<const CpuProfile>> buildProfile(RawProfile&& raw, const std::string& file)
{
    if (raw.nodes.empty())
        return ParseError::at(file, raw.endOffset,
            "expected a CPU or heap profile (\"nodes\" or \"head\"), or trace events with a profile");
    auto p = std::make_shared<CpuProfile>();
    p->sourceName = file;
    const bool heap = raw.hasHead && raw.nodes[0].hasSelfSize;
    const bool legacy = raw.hasHead && !heap;
    p->kind = heap ? ProfileKind::Heap : ProfileKind::Cpu;
    p->format = heap ? "heapprofile" : legacy ? "cpuprofile-legacy" : raw.format.empty() ? "cpuprofile" : raw.format;

    std::unordered_map<int64_t, uint32_t> slotOf;
    slotOf.reserve(raw.nodes.size() * 2);
    for (uint32_t s = 0; s < raw.nodes.size(); ++s)
        if (!slotOf.emplace(raw.nodes[s].id, s).second)
            return ParseError::at(file, raw.nodes[s].offset, "duplicate node id " + std::to_string(raw.nodes[s].id));

    auto linked = linkNodes(raw, file, slotOf);
    if (!linked)
        return linked.error();
    auto& links = linked.value();
    // Children per parent, in link order (a stable counting sort by parent).
    const size_t rn = raw.nodes.size();
    std::vector<uint32_t> childBegin(rn + 1, 0);
    for (const auto& l : links)
        ++childBegin[l.first + 1];
    std::partial_sum(childBegin.begin(), childBegin.end(), childBegin.begin());
    std::vector<uint32_t> children(links.size());
    {
        std::vector<uint32_t> fill(childBegin.begin(), childBegin.end() - 1);
        for (const auto& l : links)
            children[fill[l.first]++] = l.second;
    }

    // Pre-order DFS from the root (slot 0) with an explicit stack; unreachable nodes are dropped.
    std::vector<uint32_t> newIndex(rn, kNone);
    std::vector<uint32_t> order;
    order.reserve(rn);
    std::vector<uint32_t> stack { 0 };
    std::vector<uint32_t> parentSlot(rn, kNone);
    for (const auto& l : links)
        parentSlot[l.second] = l.first;
    while (!stack.empty()) {
        const uint32_t s = stack.back();
        stack.pop_back();
        newIndex[s] = uint32_t(order.size());
        order.push_back(s);
        for (uint32_t c = childBegin[s + 1]; c > childBegin[s]; --c)
            stack.push_back(children[c - 1]);
    }

    const size_t n = order.size();
    p->nodeId.resize(n);
    p->parent.resize(n);
    p->depth.resize(n);
    p->subtreeSize.assign(n, 1);
    p->function.resize(n);
    p->hitCount.assign(n, 0);
    if (heap)
        p->selfSize.resize(n);
    std::unordered_map<std::string, uint32_t> fnIndex;
    const bool fileHitCounts = raw.nodes[0].hasHitCount;
    for (uint32_t i = 0; i < n; ++i) {
        RawNode& r = raw.nodes[order[i]];
        p->nodeId[i] = r.id;
        p->parent[i] = i == 0 ? kNone : newIndex[parentSlot[order[i]]];
        p->depth[i] = i == 0 ? 0 : p->depth[p->parent[i]] + 1;
        p->maxDepth = std::max(p->maxDepth, p->depth[i]);
        if (legacy && r.flatFrame) {
            // Old backends put 1-based positions on the node itself (DevTools' CPUProfileNode subtracts 1).
            r.fn.line -= 1;
            r.fn.column -= 1;
        }
        auto [it, inserted] = fnIndex.try_emplace(functionKey(r.fn), uint32_t(p->functions.size()));
        if (inserted)
            p->functions.push_back(std::move(r.fn));
        p->function[i] = it->second;
        if (fileHitCounts)
            p->hitCount[i] = uint32_t(std::min<int64_t>(r.hitCount, UINT32_MAX));
        if (heap)
            p->selfSize[i] = r.selfSize;
    }
    for (uint32_t i = uint32_t(n); i-- > 1;)
        p->subtreeSize[p->parent[i]] += p->subtreeSize[i];
    for (uint32_t c = 1; c < n; c += p->subtreeSize[c]) {
        const std::string& name = p->functionOf(c).name;
        if (name == "(garbage collector)" && !p->gcNode.valid())
            p->gcNode = CpuNodeIndex(c);
        else if (name == "(program)" && !p->programNode.valid())
            p->programNode = CpuNodeIndex(c);
        else if (name == "(idle)" && !p->idleNode.valid())
            p->idleNode = CpuNodeIndex(c);
    }

    if (heap) {
        p->heapSampleCount = raw.heapSamples;
        return std::shared_ptr<const CpuProfile>(std::move(p));
    }

    // Samples: node ids -> node indices.
    const size_t ns = raw.samples.size();
    p->samples.resize(ns);
    for (size_t i = 0; i < ns; ++i) {
        const auto it = slotOf.find(raw.samples[i]);
        if (it == slotOf.end() || newIndex[it->second] == kNone)
            return ParseError::at(file, raw.samplesOffset,
                "samples[" + std::to_string(i) + "] refers to node id " + std::to_string(raw.samples[i])
                    + ", which is not in the profile's tree");
        p->samples[i] = newIndex[it->second];
        if (!fileHitCounts)
            ++p->hitCount[p->samples[i]];
    }
    for (uint32_t h : p->hitCount)
        p->totalHitCount += h;
    auto timed = buildTimestamps(raw, file, legacy, *p);
    if (!timed)
        return timed.error();
    if (!std::is_sorted(p->timestamps.begin(), p->timestamps.end())) {
        std::vector<uint32_t> idx(ns);
        std::iota(idx.begin(), idx.end(), 0);
        std::stable_sort(
            idx.begin(), idx.end(), [&](uint32_t a, uint32_t b) { return p->timestamps[a] < p->timestamps[b]; });
        std::vector<int64_t> ts(ns);
        std::vector<uint32_t> sm(ns);
        for (size_t i = 0; i < ns; ++i) {
            ts[i] = p->timestamps[idx[i]];
            sm[i] = p->samples[idx[i]];
        }
        p->timestamps = std::move(ts);
        p->samples = std::move(sm);
    }
    const bool haveEnd = timed.value();
    if (ns >= 2 && !haveEnd) {
        // The last sample lasts the average interval (DevTools normalizeTimestamps), rounded half up to µs.
        const int64_t span = p->timestamps.back() - p->timestamps.front();
        const int64_t d = int64_t(ns - 1);
        p->lastSampleEnd = p->timestamps.back() + (2 * span + d) / (2 * d);
    } else if (ns == 1 && !haveEnd) {
        p->lastSampleEnd = std::max(p->endTime, p->timestamps[0]);
    }
    fixMissingSamples(*p);
    if (raw.trace) {
        auto thread = std::make_shared<TraceThread>(*raw.trace);
        for (const auto& [traceId, nodeId] : raw.traceIds)
            thread->traceIds[traceId] = nodeId;
        p->trace = std::move(thread);
        for (const std::string& name : p->trace->names) {
            FunctionInfo f;
            f.name = name;
            f.traceEvent = true;
            p->eventFunction.push_back(uint32_t(p->functions.size()));
            p->functions.push_back(std::move(f));
        }
    }
    return std::shared_ptr<const CpuProfile>(std::move(p));
}

} // namespace v8scope
