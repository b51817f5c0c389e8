// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "treemaplayout.h"

#include <algorithm>
#include <deque>
#include <limits>

namespace v8scope::gui {

namespace {

struct Pending
{
    uint32_t node;
    double x, y, w, h;
    uint32_t depth;
};

/// One item of a squarified row: a child (node) or the parent's own bytes (node == kSelf, never emitted).
struct Item
{
    uint32_t node;
    double area;
};
constexpr uint32_t kSelf = std::numeric_limits<uint32_t>::max();

/// Worst aspect ratio of a row with total area `sum`, biggest `maxA`, smallest `minA`, along a side `side`.
double worstRatio(double sum, double maxA, double minA, double side)
{
    if (sum <= 0 || minA <= 0)
        return std::numeric_limits<double>::infinity();
    const double s2 = side * side;
    const double sum2 = sum * sum;
    return std::max(s2 * maxA / sum2, sum2 / (s2 * minA));
}

} // namespace

std::vector<TreemapRect> layoutTreemap(
    const TreemapTree& t, uint32_t focus, double width, double height, const TreemapOptions& o)
{
    std::vector<TreemapRect> out;
    if (width < o.minSide || height < o.minSide || t.size[focus] == 0)
        return out;
    std::deque<Pending> queue { { focus, 0, 0, width, height, 0 } };
    std::vector<Item> items;
    while (!queue.empty() && out.size() < o.maxRects) {
        const Pending p = queue.front();
        queue.pop_front();
        out.push_back({ p.x, p.y, p.w, p.h, p.node, p.depth });
        const uint32_t from = t.firstChild[p.node], to = t.firstChild[p.node + 1];
        if (from == to || int(p.depth) >= o.maxDepth)
            continue;
        // The inner rectangle: padding all round, and a label strip when the frame is tall enough.
        double x = p.x + o.padding, y = p.y + o.padding;
        double w = p.w - 2 * o.padding, h = p.h - 2 * o.padding;
        if (o.headerHeight > 0 && h >= 3 * o.headerHeight) {
            y += o.headerHeight;
            h -= o.headerHeight;
        }
        if (w < o.minSide || h < o.minSide)
            continue;
        const double total = double(t.size[p.node]);
        const double scale = w * h / total;
        // Children (biggest first) and the node's own bytes, in size order; children under minSide^2 of area
        // are merged into the free space (they could not be drawn anyway).
        items.clear();
        double selfArea = double(t.self[p.node]) * scale;
        for (uint32_t i = from; i < to; ++i) {
            const uint32_t c = t.children[i];
            const double area = double(t.size[c]) * scale;
            if (area < o.minSide * o.minSide)
                selfArea += area;
            else
                items.push_back({ c, area });
        }
        if (items.empty())
            continue;
        if (selfArea > 0) {
            const auto pos
                = std::find_if(items.begin(), items.end(), [&](const Item& it) { return it.area < selfArea; });
            items.insert(pos, { kSelf, selfArea });
        }
        // Squarify: fill rows along the shorter side while the worst aspect ratio improves.
        size_t i = 0;
        while (i < items.size()) {
            const double side = std::min(w, h);
            size_t end = i;
            double sum = 0, maxA = 0, minA = std::numeric_limits<double>::infinity();
            double worst = std::numeric_limits<double>::infinity();
            while (end < items.size()) {
                const double a = items[end].area;
                const double next = worstRatio(sum + a, std::max(maxA, a), std::min(minA, a), side);
                if (end > i && next > worst)
                    break;
                sum += a;
                maxA = std::max(maxA, a);
                minA = std::min(minA, a);
                worst = next;
                ++end;
            }
            const bool vertical = w >= h; // the row is a column at the left when the rectangle is wide
            const double thickness = side > 0 ? sum / side : 0;
            double offset = 0;
            for (size_t k = i; k < end; ++k) {
                const double length = sum > 0 ? items[k].area / sum * side : 0;
                if (items[k].node != kSelf) {
                    const double cx = vertical ? x : x + offset;
                    const double cy = vertical ? y + offset : y;
                    const double cw = vertical ? thickness : length;
                    const double ch = vertical ? length : thickness;
                    if (cw >= o.minSide && ch >= o.minSide)
                        queue.push_back({ items[k].node, cx, cy, cw, ch, p.depth + 1 });
                }
                offset += length;
            }
            if (vertical) {
                x += thickness;
                w -= thickness;
            } else {
                y += thickness;
                h -= thickness;
            }
            i = end;
        }
    }
    return out;
}

} // namespace v8scope::gui
