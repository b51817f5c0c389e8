// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "flamegraph.h"

#include <algorithm>

namespace v8scope {

namespace {

constexpr uint32_t kNone = UINT32_MAX;

/// Frames in any order in which each row's frames already come in x order -> FlameRows (stable counting sort
/// by depth).
struct RowsBuilder
{
    std::vector<int64_t> x0, x1, self, total;
    std::vector<uint32_t> depth, node, function;

    void add(int64_t a, int64_t b, uint32_t d, uint32_t n, uint32_t f, int64_t s, int64_t t)
    {
        x0.push_back(a);
        x1.push_back(b);
        depth.push_back(d);
        node.push_back(n);
        function.push_back(f);
        self.push_back(s);
        total.push_back(t);
    }

    FlameRows finish(int64_t extent0, int64_t extent1)
    {
        FlameRows r;
        const size_t n = x0.size();
        uint32_t rows = 0;
        for (uint32_t d : depth)
            rows = std::max(rows, d + 1);
        r.rowBegin.assign(size_t(rows) + 1, 0);
        for (uint32_t d : depth)
            ++r.rowBegin[d + 1];
        for (size_t d = 0; d < rows; ++d)
            r.rowBegin[d + 1] += r.rowBegin[d];
        std::vector<uint32_t> next(r.rowBegin.begin(), r.rowBegin.end() - 1);
        r.x0.resize(n);
        r.x1.resize(n);
        r.depth.resize(n);
        r.node.resize(n);
        r.function.resize(n);
        r.self.resize(n);
        r.total.resize(n);
        for (size_t i = 0; i < n; ++i) {
            const uint32_t j = next[depth[i]]++;
            r.x0[j] = x0[i];
            r.x1[j] = x1[i];
            r.depth[j] = depth[i];
            r.node[j] = node[i];
            r.function[j] = function[i];
            r.self[j] = self[i];
            r.total[j] = total[i];
        }
        r.extent0 = extent0;
        r.extent1 = extent1;
        return r;
    }
};

} // namespace

FlameRows flameGraphRows(const CallTree& t, FlameWidth width)
{
    const std::vector<int64_t>& w = width == FlameWidth::Total ? t.total : t.self;
    RowsBuilder b;
    const size_t n = t.size();
    if (n == 0)
        return b.finish(0, 0);
    // Children of each node (CSR from the parent array), heaviest first by the width measure; ties keep the tree's
    // order. The tree's own order is by total, which an inverted graph (widths = self) must not keep.
    std::vector<uint32_t> begin(n + 1, 0);
    for (uint32_t x = 1; x < n; ++x)
        ++begin[t.parent[x] + 1];
    for (size_t x = 0; x < n; ++x)
        begin[x + 1] += begin[x];
    std::vector<uint32_t> kids(n - 1);
    std::vector<uint32_t> fill(begin.begin(), begin.end() - 1);
    for (uint32_t x = 1; x < n; ++x)
        kids[fill[t.parent[x]]++] = x;
    for (size_t x = 0; x < n; ++x)
        std::stable_sort(
            kids.begin() + begin[x], kids.begin() + begin[x + 1], [&w](uint32_t a, uint32_t c) { return w[a] > w[c]; });
    // Depth-first, children left to right: each row comes out in x order.
    std::vector<int64_t> cursor(n, 0); // next free x inside each node
    std::vector<uint32_t> stack;
    for (uint32_t i = begin[1]; i-- > begin[0];)
        stack.push_back(kids[i]);
    while (!stack.empty()) {
        const uint32_t x = stack.back();
        stack.pop_back();
        if (w[x] <= 0)
            continue; // and its subtree: nothing to draw under an empty frame
        const uint32_t p = t.parent[x];
        const int64_t x0 = cursor[p];
        cursor[p] += w[x];
        cursor[x] = x0;
        b.add(x0, x0 + w[x], t.depth[x] - 1, x, t.function[x], t.self[x], t.total[x]);
        for (uint32_t i = begin[x + 1]; i-- > begin[x];)
            stack.push_back(kids[i]);
    }
    return b.finish(0, cursor[0]);
}

FlameRows flameChartRows(const CpuProfile& p, const FlameChartOptions& o)
{
    RowsBuilder b;
    if (p.isHeap() || p.sampleCount() == 0)
        return b.finish(0, 0);
    const int64_t w0 = p.startTime + o.windowStart;
    const int64_t w1 = o.windowEnd > o.windowStart ? p.startTime + o.windowEnd : std::max(p.endTime, p.lastSampleEnd);
    const std::vector<uint32_t> gcParent = gcParents(p);
    const uint32_t idle = p.idleNode.valid() ? p.idleNode.index : kNone;
    const uint32_t program = p.programNode.valid() ? p.programNode.index : kNone;
    std::vector<uint32_t> openNode; // the stack drawn at the current time, outermost first
    std::vector<int64_t> openStart;
    std::vector<int64_t> openSelf;
    std::vector<uint32_t> path;
    auto closeTo = [&](size_t keep, int64_t at) {
        while (openNode.size() > keep) {
            const size_t d = openNode.size() - 1;
            b.add(openStart[d] - p.startTime, at - p.startTime, uint32_t(d), openNode[d], p.function[openNode[d]],
                openSelf[d], at - openStart[d]);
            openNode.pop_back();
            openStart.pop_back();
            openSelf.pop_back();
        }
    };
    int64_t last = w0;
    for (size_t i = 0; i < p.sampleCount(); ++i) {
        const int64_t a = std::max(p.timestamps[i], w0);
        const int64_t e = std::min(i + 1 < p.sampleCount() ? p.timestamps[i + 1] : p.lastSampleEnd, w1);
        if (e <= a)
            continue;
        // The sample's stack, outermost first (a GC sample on top of the stack it interrupted).
        path.clear();
        uint32_t s = p.samples[i];
        if (gcParent[i] != kNone) {
            path.push_back(s);
            s = gcParent[i];
        }
        for (; s != 0 && s != kNone; s = p.parent[s])
            path.push_back(s);
        std::reverse(path.begin(), path.end());
        if (!path.empty() && ((path[0] == idle && !o.includeIdle) || (path[0] == program && !o.includeProgram)))
            path.erase(path.begin());
        size_t k = 0;
        while (k < path.size() && k < openNode.size() && openNode[k] == path[k])
            ++k;
        closeTo(k, a);
        for (size_t d = k; d < path.size(); ++d) {
            openNode.push_back(path[d]);
            openStart.push_back(a);
            openSelf.push_back(0);
        }
        if (!openSelf.empty())
            openSelf.back() += e - a;
        last = e;
    }
    closeTo(0, last);
    return b.finish(w0 - p.startTime, w1 - p.startTime);
}

uint32_t flameFrameAt(const FlameRows& r, uint32_t depth, double x)
{
    if (depth >= r.rows())
        return FlameRows::kNoFrame;
    const auto begin = r.x0.begin() + r.rowBegin[depth];
    const auto end = r.x0.begin() + r.rowBegin[depth + 1];
    const auto it = std::partition_point(begin, end, [x](int64_t v) { return double(v) <= x; });
    if (it == begin)
        return FlameRows::kNoFrame;
    const uint32_t i = uint32_t(it - r.x0.begin()) - 1;
    return x < double(r.x1[i]) ? i : FlameRows::kNoFrame;
}

void visibleFrames(
    const FlameRows& r, uint32_t depth, double v0, double v1, double minWidth, std::vector<uint32_t>& out)
{
    out.clear();
    if (depth >= r.rows())
        return;
    const uint32_t end = r.rowBegin[depth + 1];
    // Rows do not overlap, so x1 is increasing too: the first frame ending after v0.
    uint32_t i = uint32_t(std::partition_point(r.x1.begin() + r.rowBegin[depth], r.x1.begin() + end, [v0](int64_t v) {
        return double(v) <= v0;
    }) - r.x1.begin());
    while (i < end && double(r.x0[i]) < v1) {
        if (double(r.x1[i] - r.x0[i]) >= minWidth) {
            out.push_back(i);
            ++i;
            continue;
        }
        // Frames starting before x0 + minWidth, except the last of them, end before it too: all narrow.
        const double skipTo = double(r.x0[i]) + minWidth;
        const uint32_t t = uint32_t(std::partition_point(r.x0.begin() + i + 1, r.x0.begin() + end, [skipTo](int64_t v) {
            return double(v) < skipTo;
        }) - r.x0.begin());
        i = t - 1 > i ? t - 1 : t;
    }
}

FlameViewport FlameViewport::zoomedAt(double anchor, double factor, double lo, double hi, double minSpan) const
{
    const double full = hi - lo;
    const double s = span() > 0 ? span() : full;
    const double newSpan = std::clamp(s * factor, std::min(minSpan, full), full);
    const double nx0 = anchor - (anchor - x0) * (newSpan / s);
    FlameViewport v { nx0, nx0 + newSpan };
    return v.panned(0, lo, hi);
}

FlameViewport FlameViewport::panned(double dx, double lo, double hi) const
{
    const double s = std::min(span(), hi - lo);
    const double nx0 = std::clamp(x0 + dx, lo, hi - s);
    return { nx0, nx0 + s };
}

} // namespace v8scope
