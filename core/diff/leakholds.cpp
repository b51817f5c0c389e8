// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "leakholds.h"

#include <heap/heapanalysis.h>

#include <algorithm>
#include <unordered_map>

namespace v8scope {

namespace {
constexpr size_t kMaxNameLength = 100;

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

} // namespace

std::vector<HoldStep> dominantChain(const HeapAnalysis& a, uint32_t node, size_t maxSteps)
{
    const HeapSnapshot& s = *a.snapshot;
    std::vector<HoldStep> chain;
    if (node >= a.nodeCount())
        return chain;
    uint32_t cur = node;
    uint32_t edge = UINT32_MAX;
    while (true) {
        HoldStep step;
        if (edge != UINT32_MAX) {
            step.edgeType = std::string(s.edgeTypeName(edge));
            step.edgeName = s.edgeName(edge);
        }
        step.className = std::string(a.className(cur));
        step.name = cut(a.displayName(cur));
        step.id = s.nodeId[cur];
        step.retained = a.retainedSize[cur];
        chain.push_back(std::move(step));
        if (chain.size() >= maxSteps)
            break;
        uint32_t best = UINT32_MAX;
        for (uint32_t k = a.firstDominated[cur]; k < a.firstDominated[cur + 1]; ++k) {
            const uint32_t c = a.dominated[k];
            if (best == UINT32_MAX || a.retainedSize[c] > a.retainedSize[best]
                || (a.retainedSize[c] == a.retainedSize[best] && c < best))
                best = c;
        }
        if (best == UINT32_MAX || a.retainedSize[best] * 2 < a.retainedSize[cur])
            break;
        edge = UINT32_MAX; // the dominator may keep the object only indirectly: no edge name then
        for (uint32_t e = s.firstEdge[cur]; e < s.firstEdge[cur + 1]; ++e)
            if (s.edgeTarget[e] == best && s.edgeType[e] != s.edgeTypes.weak) {
                edge = e;
                break;
            }
        cur = best;
    }
    return chain;
}

std::vector<std::vector<HeldClass>> heldClasses(
    const HeapAnalysis& a, const std::vector<std::vector<uint32_t>>& roots, size_t top)
{
    // Class names as dense keys (two class ids can share a name: "Widget" from two files).
    std::unordered_map<std::string_view, uint32_t> keyOfName;
    std::vector<uint32_t> keyOfClass;
    std::vector<std::string_view> nameOfKey;
    auto keyOf = [&](uint32_t node) {
        const uint32_t cls = a.classes.classId[node];
        if (cls >= keyOfClass.size())
            keyOfClass.resize(size_t(cls) + 1, UINT32_MAX);
        if (keyOfClass[cls] == UINT32_MAX) {
            const std::string_view name = a.classes.nameOf(cls);
            auto [it, inserted] = keyOfName.emplace(name, uint32_t(nameOfKey.size()));
            if (inserted)
                nameOfKey.push_back(name);
            keyOfClass[cls] = it->second;
        }
        return keyOfClass[cls];
    };

    std::vector<std::vector<HeldClass>> out(roots.size());
    std::vector<uint32_t> active; // per key: objects of the class on the current dominator-tree path
    std::vector<std::pair<uint32_t, bool>> stack; // (node, leaving)
    for (size_t g = 0; g < roots.size(); ++g) {
        std::unordered_map<uint32_t, HeldClass> byKey;
        for (const uint32_t root : roots[g]) {
            for (uint32_t k = a.firstDominated[root]; k < a.firstDominated[root + 1]; ++k)
                stack.emplace_back(a.dominated[k], false);
            while (!stack.empty()) {
                const auto [node, leaving] = stack.back();
                stack.pop_back();
                if (a.selfSize[node] == 0 && !leaving) {
                    for (uint32_t k = a.firstDominated[node]; k < a.firstDominated[node + 1]; ++k)
                        stack.emplace_back(a.dominated[k], false);
                    continue;
                }
                const uint32_t key = keyOf(node);
                if (key >= active.size())
                    active.resize(size_t(key) + 1, 0);
                if (leaving) {
                    --active[key];
                    continue;
                }
                HeldClass& h = byKey[key];
                ++h.count;
                if (active[key] == 0)
                    h.retained += a.retainedSize[node];
                ++active[key];
                stack.emplace_back(node, true);
                for (uint32_t k = a.firstDominated[node]; k < a.firstDominated[node + 1]; ++k)
                    stack.emplace_back(a.dominated[k], false);
            }
        }
        std::vector<HeldClass>& list = out[g];
        list.reserve(byKey.size());
        for (auto& [key, h] : byKey) {
            h.className = std::string(nameOfKey[key]);
            list.push_back(std::move(h));
        }
        std::sort(list.begin(), list.end(), [](const HeldClass& x, const HeldClass& y) {
            if (x.retained != y.retained)
                return x.retained > y.retained;
            if (x.count != y.count)
                return x.count > y.count;
            return x.className < y.className;
        });
        if (list.size() > top)
            list.resize(top);
    }
    return out;
}

std::string chainText(const std::vector<HoldStep>& chain)
{
    std::string s;
    for (const HoldStep& step : chain) {
        if (!s.empty())
            s += step.edgeName.empty() ? " -> " : " -" + step.edgeName + "-> ";
        s += step.className;
    }
    return s;
}

} // namespace v8scope
