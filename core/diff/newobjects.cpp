// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "newobjects.h"

#include <heap/heapanalysis.h>
#include <heap/retainingpaths.h>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace v8scope {

namespace {
constexpr size_t kMaxNameLength = 100;
constexpr size_t kTopClasses = 3;

bool isUserType(const HeapSnapshot& s, int type)
{
    const NodeTypeIds& t = s.nodeTypes;
    return type == t.object || type == t.closure || type == t.regexp || type == t.native;
}

std::string cut(std::string s)
{
    if (s.size() > kMaxNameLength) {
        size_t end = kMaxNameLength - 3;
        while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
            --end; // never split a UTF-8 sequence
        s = s.substr(0, end) + "...";
    }
    return s;
}

bool groupLess(const ObjectGroup& x, const ObjectGroup& y)
{
    if (x.retained != y.retained)
        return x.retained > y.retained;
    if (x.className != y.className)
        return x.className < y.className;
    return x.id < y.id;
}
} // namespace

bool isValueType(const HeapSnapshot& s, int type)
{
    const NodeTypeIds& t = s.nodeTypes;
    return type == t.string || type == t.consString || type == t.slicedString || type == t.number || type == t.code
        || type == t.objectShape || type == t.symbol || type == t.bigint;
}

bool isNeverLeakSuspect(const HeapSnapshot& s, int type)
{
    const NodeTypeIds& t = s.nodeTypes;
    return isValueType(s, type) || type == t.hidden || type == t.synthetic;
}

PathText shortestPathText(const HeapAnalysis& a, uint32_t node)
{
    RetainingPathOptions options;
    options.maxPaths = 1;
    const auto paths = findRetainingPaths(a, node, options);
    PathText text;
    if (paths.empty())
        return text;
    const RetainingPath& p = paths.front();
    const HeapSnapshot& s = *a.snapshot;
    for (size_t k = 0; k < p.nodes.size(); ++k) {
        PathStep step;
        if (k > 0) {
            const uint32_t e = p.edges[k - 1];
            step.edgeType = std::string(s.edgeTypeName(e));
            step.edgeName = s.edgeName(e);
        }
        const uint32_t n = p.nodes[k];
        step.className = std::string(a.className(n));
        step.name = cut(a.displayName(n));
        step.id = s.nodeId[n];
        text.push_back(std::move(step));
    }
    return text;
}

ObjectGroups groupNewObjects(const HeapAnalysis& a, const std::vector<uint8_t>& selected, size_t pathsFor)
{
    const HeapSnapshot& s = *a.snapshot;
    const uint32_t n = s.nodeCount;
    std::vector<uint8_t> isNew(n, 0);
    for (uint32_t i = 0; i < n; ++i)
        isNew[i] = (s.nodeId[i] & 1) && s.nodeType[i] != s.nodeTypes.synthetic && selected[i];

    ObjectGroups out;
    std::unordered_map<uint32_t, size_t> classGroup; // class id -> index into byClass
    std::unordered_map<uint32_t, size_t> domGroup; // dominator ordinal -> index into byDominator
    std::vector<std::map<std::string, uint32_t>> domClasses;
    std::vector<uint64_t> bestRetained;
    std::vector<uint64_t> bestDomRetained;

    // Pre-order DFS over the dominator tree. Exit markers (bit 31) undo the per-class "inside" counters, so that a
    // member nested in another member of its class adds no retained size; `group` carries the dominator group of
    // the top-level new object down its subtree.
    std::vector<uint32_t> inside;
    std::vector<uint32_t> group(n, UINT32_MAX);
    constexpr uint32_t kExit = 0x80000000u;
    std::vector<uint32_t> stack { a.root() };
    while (!stack.empty()) {
        const uint32_t item = stack.back();
        stack.pop_back();
        const uint32_t node = item & ~kExit;
        const bool member = isNew[node] && a.selfSize[node] > 0 && isUserType(s, s.nodeType[node]);
        const uint32_t cls = a.classes.classId[node];
        if (item & kExit) {
            --inside[classGroup[cls]];
            continue;
        }
        if (isNew[node]) {
            const uint32_t dom = a.dominator[node];
            if (node != a.root() && isNew[dom]) {
                group[node] = group[dom];
            } else if (!isValueType(s, s.nodeType[node]) && a.retainedSize[node] > 0) {
                auto [it, inserted] = domGroup.emplace(dom, out.byDominator.size());
                if (inserted) {
                    ObjectGroup g;
                    g.className = std::string(a.className(dom));
                    g.id = s.nodeId[dom];
                    g.name = cut(a.displayName(dom));
                    g.runtimeKeeper = dom == a.root() || s.nodeType[dom] == s.nodeTypes.synthetic
                        || s.nodeType[dom] == s.nodeTypes.hidden;
                    out.byDominator.push_back(std::move(g));
                    domClasses.emplace_back();
                    bestDomRetained.push_back(0);
                }
                ObjectGroup& g = out.byDominator[it->second];
                g.retained += a.retainedSize[node];
                out.retained += a.retainedSize[node];
                if (a.retainedSize[node] > bestDomRetained[it->second] || bestDomRetained[it->second] == 0) {
                    bestDomRetained[it->second] = a.retainedSize[node];
                    g.representative = node;
                }
                group[node] = uint32_t(it->second);
            }
            if (a.selfSize[node] > 0) {
                ++out.count;
                out.shallow += a.selfSize[node];
                if (group[node] != UINT32_MAX) {
                    ObjectGroup& g = out.byDominator[group[node]];
                    ++g.count;
                    g.shallow += a.selfSize[node];
                    if (isUserType(s, s.nodeType[node]))
                        ++domClasses[group[node]][std::string(a.className(node))];
                }
            }
        }
        if (member) {
            auto [it, inserted] = classGroup.emplace(cls, out.byClass.size());
            if (inserted) {
                ObjectGroup g;
                g.className = std::string(a.className(node));
                out.byClass.push_back(std::move(g));
                inside.push_back(0);
                bestRetained.push_back(0);
            }
            ObjectGroup& g = out.byClass[it->second];
            ++g.count;
            g.shallow += a.selfSize[node];
            if (inside[it->second]++ == 0)
                g.retained += a.retainedSize[node];
            if (a.retainedSize[node] > bestRetained[it->second] || g.count == 1) {
                bestRetained[it->second] = a.retainedSize[node];
                g.representative = node;
            }
            stack.push_back(node | kExit);
        }
        for (uint32_t c = a.firstDominated[node]; c < a.firstDominated[node + 1]; ++c)
            stack.push_back(a.dominated[c]);
    }

    for (size_t k = 0; k < out.byDominator.size(); ++k) {
        std::vector<std::pair<std::string, uint32_t>> classes(domClasses[k].begin(), domClasses[k].end());
        std::stable_sort(
            classes.begin(), classes.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
        if (classes.size() > kTopClasses)
            classes.resize(kTopClasses);
        out.byDominator[k].topClasses = std::move(classes);
    }
    // Class groups with the same text (DevTools keeps distinct class ids apart) are merged for the report.
    std::map<std::string, size_t> byName;
    std::vector<ObjectGroup> merged;
    for (ObjectGroup& g : out.byClass) {
        auto [it, inserted] = byName.emplace(g.className, merged.size());
        if (inserted) {
            merged.push_back(std::move(g));
            continue;
        }
        ObjectGroup& m = merged[it->second];
        if (a.retainedSize[g.representative] > a.retainedSize[m.representative])
            m.representative = g.representative;
        m.count += g.count;
        m.shallow += g.shallow;
        m.retained += g.retained;
    }
    out.byClass = std::move(merged);
    std::stable_sort(out.byClass.begin(), out.byClass.end(), groupLess);
    std::stable_sort(out.byDominator.begin(), out.byDominator.end(), groupLess);
    for (size_t k = 0; k < out.byClass.size() && k < pathsFor; ++k)
        out.byClass[k].path = shortestPathText(a, out.byClass[k].representative);
    for (size_t k = 0; k < out.byDominator.size() && k < pathsFor; ++k)
        out.byDominator[k].path = shortestPathText(a, out.byDominator[k].representative);
    return out;
}

} // namespace v8scope
