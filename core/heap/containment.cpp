// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "containment.h"

#include "classnames.h"
#include "heapanalysis.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace v8scope {

std::optional<double> jsParseInt(std::string_view t)
{
    size_t i = 0;
    while (i < t.size() && (t[i] == ' ' || (t[i] >= '\t' && t[i] <= '\r')))
        ++i;
    bool negative = false;
    if (i < t.size() && (t[i] == '+' || t[i] == '-'))
        negative = t[i++] == '-';
    double v = 0;
    const size_t digits = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9')
        v = v * 10 + (t[i++] - '0');
    if (i == digits)
        return std::nullopt;
    return negative ? -v : v;
}

namespace {

/// JavaScript String(number) for the integers parseInt returns (no exponent below 1e21; -0 prints as "0").
std::string jsIntegerText(double v)
{
    if (v == 0)
        return "0";
    if (std::fabs(v) < 1e21) {
        char buf[32];
        const int n = std::snprintf(buf, sizeof buf, "%.0f", v);
        return std::string(buf, size_t(n));
    }
    char buf[40];
    const int n = std::snprintf(buf, sizeof buf, "%.17g", v);
    return std::string(buf, size_t(n));
}

bool isShortcut(const HeapSnapshot& s, uint32_t e)
{
    return s.edgeType[e] == s.edgeTypes.shortcut;
}

/// The name's text without allocating when possible: the string (property-like edges) or the index written
/// into `buf` (element and hidden edges). Shortcut edges with numeric names need edgeName().
std::string_view rawEdgeName(const HeapSnapshot& s, uint32_t e, char (&buf)[16])
{
    if (s.edgeHasStringName(e))
        return s.strings.get(s.edgeNameOrIndex[e]);
    const auto r = std::to_chars(buf, buf + sizeof buf, s.edgeNameOrIndex[e]);
    return std::string_view(buf, size_t(r.ptr - buf));
}

} // namespace

std::string edgeName(const HeapSnapshot& s, uint32_t e)
{
    char buf[16];
    const std::string_view raw = rawEdgeName(s, e, buf);
    if (isShortcut(s, e))
        if (const auto v = jsParseInt(raw))
            return jsIntegerText(*v);
    return std::string(raw);
}

bool edgeNameEquals(const HeapSnapshot& s, uint32_t e, std::string_view name)
{
    if (isShortcut(s, e))
        return edgeName(s, e) == name;
    char buf[16];
    return rawEdgeName(s, e, buf) == name;
}

bool edgeHasStringName(const HeapSnapshot& s, uint32_t e)
{
    if (!isShortcut(s, e))
        return s.edgeHasStringName(e);
    return !jsParseInt(s.strings.get(s.edgeNameOrIndex[e]));
}

std::string edgeLabel(const HeapSnapshot& s, uint32_t e)
{
    const std::string name = edgeName(s, e);
    const EdgeTypeIds& t = s.edgeTypes;
    const int type = s.edgeType[e];
    if (type == t.context)
        return "->" + name;
    if (type == t.element)
        return "[" + name + "]";
    if (type == t.weak)
        return "[[" + name + "]]";
    if (type == t.property || type == t.shortcut)
        return name.find(' ') == std::string::npos ? "." + name : "[\"" + name + "\"]";
    if (type == t.internal || type == t.hidden)
        return "{" + name + "}";
    return "?" + name + "?";
}

uint32_t edgeSource(const HeapSnapshot& s, uint32_t edge)
{
    const auto it = std::upper_bound(s.firstEdge.begin(), s.firstEdge.end(), edge);
    return uint32_t(it - s.firstEdge.begin()) - 1;
}

void sortedChildEdges(
    const HeapAnalysis& a, uint32_t node, EdgeOrder order, bool descending, std::vector<uint32_t>& out)
{
    const HeapSnapshot& s = *a.snapshot;
    const uint32_t from = s.firstEdge[node], to = s.firstEdge[node + 1];
    out.clear();
    for (uint32_t e = from; e < to; ++e)
        out.push_back(e);
    if (out.size() < 2)
        return;

    // Sort keys, one per child, built once (names of element edges are formatted, as DevTools compares the
    // String() of every name; the Distance order compares the targets' display names).
    struct Key
    {
        std::string text; ///< edge name, or the target's display name for the Distance order
        bool hasStringName;
        bool proto;
    };
    std::vector<Key> keys(out.size());
    for (uint32_t e = from; e < to; ++e) {
        Key& k = keys[e - from];
        if (order == EdgeOrder::Distance) {
            k.text = a.displayName(s.edgeTarget[e]);
        } else {
            k.text = edgeName(s, e);
            k.hasStringName = edgeHasStringName(s, e);
            k.proto = k.text == "__proto__";
        }
    }
    auto key = [&](uint32_t e) -> const Key& { return keys[e - from]; };

    // HeapSnapshotEdgesProvider.sort's compareEdgeField('!edgeName'): __proto__ last whatever the direction,
    // named edges before numbered ones, then JavaScript string order. (DevTools returns -1 for two __proto__
    // edges both ways; they count as equal here so that the order stays a strict weak order.)
    auto compareName = [&](uint32_t x, uint32_t y, bool ascending) -> int {
        const Key& kx = key(x);
        const Key& ky = key(y);
        if (kx.proto != ky.proto)
            return ky.proto ? -1 : 1;
        if (kx.proto)
            return 0;
        int r;
        if (kx.hasStringName == ky.hasStringName)
            r = utf16Less(kx.text, ky.text) ? -1 : (utf16Less(ky.text, kx.text) ? 1 : 0);
        else
            r = kx.hasStringName ? -1 : 1;
        return ascending ? r : -r;
    };
    auto compareValue = [](auto vx, auto vy, bool ascending) -> int {
        const int r = vx < vy ? -1 : (vx > vy ? 1 : 0);
        return ascending ? r : -r;
    };
    const bool ascending = !descending;
    auto compare = [&](uint32_t x, uint32_t y) -> bool {
        const uint32_t nx = s.edgeTarget[x], ny = s.edgeTarget[y];
        int r = 0;
        switch (order) {
        case EdgeOrder::RetainedSize:
            r = compareValue(a.retainedSize[nx], a.retainedSize[ny], ascending);
            if (!r)
                r = compareName(x, y, true);
            break;
        case EdgeOrder::ShallowSize:
            r = compareValue(a.selfSize[nx], a.selfSize[ny], ascending);
            if (!r)
                r = compareName(x, y, true);
            break;
        case EdgeOrder::Name:
            r = compareName(x, y, ascending);
            if (!r)
                r = compareValue(a.retainedSize[nx], a.retainedSize[ny], false);
            break;
        case EdgeOrder::Distance:
            r = compareValue(a.distance[nx], a.distance[ny], ascending);
            if (!r)
                r = utf16Less(key(x).text, key(y).text) ? -1 : (utf16Less(key(y).text, key(x).text) ? 1 : 0);
            break;
        }
        return r ? r < 0 : x < y;
    };
    std::sort(out.begin(), out.end(), compare);
}

Result<std::vector<ContainmentRow>> containmentRows(
    const HeapAnalysis& a, uint32_t start, uint32_t depth, uint32_t top, const TaskControl& control, uint64_t maxRows)
{
    const HeapSnapshot& s = *a.snapshot;
    if (start >= s.nodeCount)
        return ParseError::general(s.sourceName, "no node with ordinal " + std::to_string(start));
    std::vector<ContainmentRow> rows;
    std::vector<ContainmentRow> stack; // rows still to emit, last = next
    std::vector<uint32_t> children;
    auto expand = [&](uint32_t node, uint32_t childDepth) {
        sortedChildEdges(a, node, EdgeOrder::RetainedSize, true, children);
        size_t n = children.size();
        if (top && n > top)
            n = top;
        for (size_t i = n; i-- > 0;) {
            const uint32_t e = children[i];
            const uint32_t to = s.edgeTarget[e];
            stack.push_back({ childDepth, e, to, s.firstEdge[to + 1] - s.firstEdge[to] });
        }
    };
    if (depth)
        expand(start, 1);
    uint64_t steps = 0;
    while (!stack.empty()) {
        if ((++steps & 0x3FF) == 0 && control.cancelled())
            return ParseError::general(s.sourceName, "cancelled");
        const ContainmentRow row = stack.back();
        stack.pop_back();
        if (rows.size() >= maxRows)
            return ParseError::general(s.sourceName,
                "the Containment walk has more than " + std::to_string(maxRows)
                    + " rows; ask for fewer levels or fewer rows per level");
        rows.push_back(row);
        if (row.depth < depth)
            expand(row.node, row.depth + 1);
    }
    return rows;
}

} // namespace v8scope
