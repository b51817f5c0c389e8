// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace v8scope {

class HeapAnalysis;

/// One class inside what a leak suspect holds.
struct HeldClass
{
    std::string className;
    uint32_t count = 0; ///< objects of the class (self size > 0) in the held subtrees
    uint64_t retained = 0; ///< bytes; an object nested inside another of the same class is counted once
};

/// One step of the chain "what the representative holds": the edge from the previous step (empty on the first
/// step, the representative itself, or when the dominator has no direct edge to the object), then the object.
struct HoldStep
{
    std::string edgeType;
    std::string edgeName;
    std::string className;
    std::string name; ///< DevTools display name, cut to 100 characters
    uint32_t id = 0;
    uint64_t retained = 0; ///< bytes
};

/// The dominant chain under `node` in the dominator tree: the node, then its dominated child with the largest
/// retained size, and so on while that child keeps at least half of its parent's retained size (at most
/// `maxSteps` steps). For a closure that keeps a session alive: Function -> system / Context -> Session ->
/// Buffer -> ArrayBuffer.
std::vector<HoldStep> dominantChain(const HeapAnalysis& analysis, uint32_t node, size_t maxSteps = 12);

/// What groups of objects hold, by class: for each group g, every object (self size > 0) strictly inside the
/// dominator subtrees of `roots[g]` (the roots themselves excluded), per class name: count and retained size,
/// an object nested inside another of the same class counted once (DevTools' class retained size). Sorted by
/// retained size descending, then count descending, then name; at most `top` classes per group. No recursion:
/// one explicit-stack walk per root, O(size of the subtrees).
std::vector<std::vector<HeldClass>> heldClasses(
    const HeapAnalysis& analysis, const std::vector<std::vector<uint32_t>>& roots, size_t top);

/// "Function -context-> system / Context -session-> Session": the chain's classes and edge names.
std::string chainText(const std::vector<HoldStep>& chain);

} // namespace v8scope
