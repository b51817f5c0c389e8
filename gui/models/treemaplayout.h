// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <heap/heapsnapshot.h>

#include <cstdint>
#include <vector>

namespace v8scope::gui {

/// A tree given as CSR arrays (the dominator tree: HeapAnalysis::firstDominated / dominated / retainedSize / selfSize).
/// Children of n are children[firstChild[n] .. firstChild[n + 1] - 1], sorted by size descending; size[n] is n's
/// total (retained) size, self[n] the part that is n's own (drawn as the parent's free space, never as a child).
struct TreemapTree
{
    const uint32_t* firstChild = nullptr;
    const uint32_t* children = nullptr;
    SizeView size; ///< a plain array or an analysis' SizeColumn
    SizeView self;
};

struct TreemapOptions
{
    double minSide = 1.0; ///< frames narrower or lower than this (pixels) are not drawn, nor anything inside them
    int maxDepth = 12; ///< levels below the focus node
    double padding = 1.0; ///< gap between a frame's border and its children
    double headerHeight = 0; ///< label strip at the top of a frame, when the frame is at least 3x as tall
    uint32_t maxRects = 50000; ///< stop adding frames past this many (layout time bound on huge trees)
};

struct TreemapRect
{
    double x, y, w, h;
    uint32_t node;
    uint32_t depth; ///< 0 for the focus node
};

/// Squarified treemap (Bruls, Huizing, van Wijk 2000) of the subtree under `focus` in the rectangle
/// (0, 0, width, height): the focus fills it; each node's children share its inner rectangle in proportion to
/// their sizes, with the node's own `self` bytes left as free space, laid out in rows along the shorter side so
/// that frames stay close to square. Breadth-first with an explicit queue (no recursion); parents come before
/// their children in the result, so painting in order draws children on top. A pure function: same input, same
/// rectangles.
std::vector<TreemapRect> layoutTreemap(
    const TreemapTree& tree, uint32_t focus, double width, double height, const TreemapOptions& options = {});

} // namespace v8scope::gui
