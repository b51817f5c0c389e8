// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace v8scope {

class HeapAnalysis;
struct HeapSnapshot;

/// Node types that are values, not holders: strings, numbers, code, shapes, symbols, bigints belong to the object
/// that points at them. A new value never starts a group of new objects of its own (groupNewObjects).
bool isValueType(const HeapSnapshot& snapshot, int type);
/// Node types never reported as leak suspects on their own (memlab's trivial-node filter): the values above plus
/// V8's hidden internals and synthetic roots, which a program cannot leak directly (findLeaks).
bool isNeverLeakSuspect(const HeapSnapshot& snapshot, int type);

/// One step of a retaining path, as text that outlives the graph: the edge that leads into the node, then the
/// node. The first step has no edge (a child of the root: a GC root category or a user global).
struct PathStep
{
    std::string edgeType; ///< "property", "element", "context", "internal", ...; empty on the first step
    std::string edgeName; ///< as DevTools shows it (property name, or the element index)
    std::string className;
    std::string name; ///< DevTools display name, cut to 100 characters
    uint32_t id = 0;
};
using PathText = std::vector<PathStep>;

/// The shortest retaining path of `node` (findRetainingPaths, user roots first) as text; empty when none.
PathText shortestPathText(const HeapAnalysis& analysis, uint32_t node);

/// Objects of one snapshot that a reference set of ids does not have (new since the base, or allocated between a
/// baseline and a target), grouped for a developer.
struct ObjectGroup
{
    std::string className; ///< by class: the class; by dominator: the keeping object's class
    uint32_t id = 0; ///< by dominator: the keeping object's id; 0 for class groups
    std::string name; ///< by dominator: the keeping object's display name
    uint32_t count = 0; ///< objects in the group
    uint64_t shallow = 0; ///< bytes
    uint64_t retained = 0; ///< bytes, nested objects counted once
    std::vector<std::pair<std::string, uint32_t>> topClasses; ///< by dominator: most frequent classes inside
    /// by dominator: the keeper is the root, a GC-root category or a V8 internal ("(system)"): new objects
    /// that several roots or the runtime itself hold (in-flight timers, handles), not a leak suspect.
    bool runtimeKeeper = false;
    uint32_t representative = 0; ///< ordinal of the largest object of the group (the retaining-path target)
    PathText path; ///< shortest retaining path of the representative (filled for the top groups)
};

struct ObjectGroups
{
    uint32_t count = 0; ///< new objects (self size > 0)
    uint64_t shallow = 0; ///< bytes
    uint64_t retained = 0; ///< bytes kept alive by them (top-level new objects' retained sizes)
    std::vector<ObjectGroup> byClass; ///< retained descending, then class name
    std::vector<ObjectGroup> byDominator; ///< retained descending, then id
};

/// Which nodes count as "new": `selected[ordinal]` for a JS object (odd id; embedder objects get fresh even ids in
/// every snapshot and so never count), never synthetic nodes.
///
/// By class: objects (types object, closure, regexp, native) of each class, retained summed without counting an
/// object inside another of its class. By dominator: top-level new objects (whose dominator is not new, any type
/// but strings, numbers, code and shapes) grouped by that dominator: the object that keeps the new memory.
/// `pathsFor` top groups of each list get their shortest retaining path.
ObjectGroups groupNewObjects(const HeapAnalysis& analysis, const std::vector<uint8_t>& selected, size_t pathsFor);

} // namespace v8scope
