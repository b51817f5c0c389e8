// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "cpuprofile.h"
#include "timing.h"

#include <functional>
#include <vector>

namespace v8scope {

/// A call tree merged by function (DevTools' Call Tree / Bottom-Up tabs): flat arrays in pre-order, root at 0
/// (a synthetic node with function kNoNode), children of a node sorted by total descending, then self,
/// then function index. Weights are the Timing's units.
///
/// Model-ready: the children of x are children[childBegin[x] .. childBegin[x + 1]) in display order and
/// rowInParent[x] is x's position among its parent's children, so a Qt tree model maps index -> node ->
/// (parent, row) and (parent, row) -> node with array lookups only.
struct CallTree
{
    /// "No node": the root's parent and the root's function.
    static constexpr uint32_t kNoNode = UINT32_MAX;

    std::vector<uint32_t> parent;
    std::vector<uint32_t> depth;
    std::vector<uint32_t> subtreeSize;
    std::vector<uint32_t> function;
    std::vector<int64_t> self;
    std::vector<int64_t> total;
    std::vector<uint32_t> childBegin; ///< size() + 1 offsets into `children`
    std::vector<uint32_t> children; ///< every node but the root, grouped by parent, in display order
    std::vector<uint32_t> rowInParent; ///< 0 for the root

    size_t size() const
    {
        return parent.size();
    }
    uint32_t childCount(uint32_t x) const
    {
        return childBegin[x + 1] - childBegin[x];
    }
    /// The row-th child of x (row < childCount(x)).
    uint32_t childAt(uint32_t x, uint32_t row) const
    {
        return children[childBegin[x] + row];
    }

    using Predicate = std::function<bool(uint32_t function)>;

    /// Top-down: stacks from the root, siblings with the same function merged. `focus` (optional) re-roots the
    /// tree at the outermost frames of matching functions; `exclude` (optional) removes matching frames and
    /// gives their self time to their caller (DevTools' "exclude function").
    static CallTree topDown(const Timing& timing, const Predicate& focus = {}, const Predicate& exclude = {});

    /// Bottom-up: one top-level row per function (self; total counted once per stack), whose children are its
    /// callers, their children the callers' callers, up to `maxDepth` levels. A caller row holds the part of the
    /// function's self and total that came through that chain of callers. `exclude` (optional) leaves out the
    /// rows of matching functions (the viewer's "hide idle / program / GC"); callers are never excluded.
    static CallTree bottomUp(const Timing& timing, uint32_t maxDepth = 64, const Predicate& exclude = {});
};

/// One box of a flame graph: the node of a top-down CallTree, its horizontal extent in weight units and its
/// depth (0 = the root's children).
struct FlameFrame
{
    uint32_t node;
    int64_t x0;
    int64_t x1;
    uint32_t depth;
};

/// Lays out a top-down CallTree as a flame graph: children left to right in the tree's order, each child
/// starting where its previous sibling ended. Nodes with zero total are left out. Pure; no recursion.
std::vector<FlameFrame> flameLayout(const CallTree& topDown);

} // namespace v8scope
