// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "calltree.h"

#include <algorithm>
#include <unordered_map>

namespace v8scope {

namespace {

constexpr uint32_t kNone = CallTree::kNoNode;

/// Child offsets and rows from the pre-order arrays: pre-order visits each parent's children in display order.
void linkChildren(CallTree& t)
{
    const size_t n = t.size();
    t.childBegin.assign(n + 1, 0);
    t.rowInParent.assign(n, 0);
    for (uint32_t x = 1; x < n; ++x)
        t.rowInParent[x] = t.childBegin[t.parent[x] + 1]++;
    for (size_t x = 0; x < n; ++x)
        t.childBegin[x + 1] += t.childBegin[x];
    t.children.assign(n > 0 ? n - 1 : 0, 0);
    for (uint32_t x = 1; x < n; ++x)
        t.children[t.childBegin[t.parent[x]] + t.rowInParent[x]] = x;
}

/// Nodes in creation order (parents before children) -> CallTree in pre-order with sorted children.
struct TreeBuilder
{
    std::vector<uint32_t> parent { kNone };
    std::vector<uint32_t> function { kNone };
    std::vector<int64_t> self { 0 };
    std::vector<int64_t> total { 0 };
    std::unordered_map<uint64_t, uint32_t> index;

    uint32_t child(uint32_t p, uint32_t f)
    {
        const uint64_t key = (uint64_t(p) << 32) | f;
        auto [it, inserted] = index.try_emplace(key, uint32_t(parent.size()));
        if (inserted) {
            parent.push_back(p);
            function.push_back(f);
            self.push_back(0);
            total.push_back(0);
        }
        return it->second;
    }

    CallTree finish()
    {
        const size_t n = parent.size();
        std::vector<std::vector<uint32_t>> children(n);
        for (uint32_t i = 1; i < n; ++i)
            children[parent[i]].push_back(i);
        for (auto& c : children)
            std::sort(c.begin(), c.end(), [&](uint32_t a, uint32_t b) {
                if (total[a] != total[b])
                    return total[a] > total[b];
                if (self[a] != self[b])
                    return self[a] > self[b];
                return function[a] < function[b];
            });
        CallTree t;
        t.parent.reserve(n);
        std::vector<uint32_t> newIndex(n, kNone);
        std::vector<uint32_t> stack { 0 };
        while (!stack.empty()) {
            const uint32_t x = stack.back();
            stack.pop_back();
            newIndex[x] = uint32_t(t.parent.size());
            const uint32_t p = x == 0 ? kNone : newIndex[parent[x]];
            t.parent.push_back(p);
            t.depth.push_back(p == kNone ? 0 : t.depth[p] + 1);
            t.function.push_back(function[x]);
            t.self.push_back(self[x]);
            t.total.push_back(total[x]);
            for (auto it = children[x].rbegin(); it != children[x].rend(); ++it)
                stack.push_back(*it);
        }
        t.subtreeSize.assign(n, 1);
        for (size_t i = n; i-- > 1;)
            t.subtreeSize[t.parent[i]] += t.subtreeSize[i];
        linkChildren(t);
        return t;
    }
};

} // namespace

CallTree CallTree::topDown(const Timing& timing, const Predicate& focus, const Predicate& exclude)
{
    const WeightedTree& w = timing.tree;
    TreeBuilder b;
    std::vector<uint32_t> mapped(w.size(), kNone); // weighted node -> call tree node
    mapped[0] = focus ? kNone : 0;
    for (uint32_t x = 1; x < w.size(); ++x) {
        const uint32_t f = w.function[x];
        uint32_t p = mapped[w.parent[x]];
        if (w.total[x] == 0)
            continue; // nothing sampled in this subtree (or in the window)
        if (p == kNone) {
            if (!focus(f))
                continue;
            p = 0; // outermost focused frame: a new root child
        }
        const uint32_t node = exclude && exclude(f) ? p : b.child(p, f);
        mapped[x] = node;
        b.self[node] += w.self[x];
    }
    // Totals: each call tree node's self plus its descendants'. Children were created after their parents.
    for (size_t i = 0; i < b.self.size(); ++i)
        b.total[i] = b.self[i];
    for (size_t i = b.self.size(); i-- > 1;)
        b.total[b.parent[i]] += b.total[i];
    return b.finish();
}

CallTree CallTree::bottomUp(const Timing& timing, uint32_t maxDepth, const Predicate& exclude)
{
    const WeightedTree& w = timing.tree;
    TreeBuilder b;
    // Outermost frame of its function on its path: the only frames whose total counts.
    std::vector<uint32_t> onPath(timing.functionSelf.size(), 0);
    std::vector<uint32_t> stack;
    for (uint32_t x = 1; x < w.size(); ++x) {
        while (!stack.empty() && stack.back() + w.subtreeSize[stack.back()] <= x) {
            --onPath[w.function[stack.back()]];
            stack.pop_back();
        }
        const uint32_t f = w.function[x];
        const bool outermost = onPath[f] == 0;
        ++onPath[f];
        stack.push_back(x);
        const int64_t self = w.self[x];
        const int64_t total = outermost ? w.total[x] : 0;
        if ((self == 0 && total == 0) || (exclude && exclude(f)))
            continue;
        uint32_t node = b.child(0, f);
        b.self[node] += self;
        b.total[node] += total;
        uint32_t level = 0;
        for (uint32_t a = w.parent[x]; a != 0 && a != kNone && level < maxDepth; a = w.parent[a], ++level) {
            node = b.child(node, w.function[a]);
            b.self[node] += self;
            b.total[node] += total;
        }
    }
    for (uint32_t i = 1; i < b.parent.size(); ++i)
        if (b.parent[i] == 0)
            b.total[0] += b.self[i];
    b.self[0] = 0;
    return b.finish();
}

std::vector<FlameFrame> flameLayout(const CallTree& t)
{
    std::vector<FlameFrame> frames;
    frames.reserve(t.size());
    std::vector<int64_t> cursor(t.size(), 0); // next free x inside each node
    for (uint32_t x = 1; x < t.size(); ++x) {
        if (t.total[x] <= 0)
            continue;
        const uint32_t p = t.parent[x];
        const int64_t x0 = cursor[p];
        cursor[p] += t.total[x];
        cursor[x] = x0;
        frames.push_back({ x, x0, x0 + t.total[x], t.depth[x] - 1 });
    }
    return frames;
}

} // namespace v8scope
