// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

// Builds HeapSnapshot objects directly (no JSON), with the invariants SnapshotReader guarantees (CSR edge offsets,
// targets and names in range, types from V8's lists, self sizes summing to at most 2^53) and nothing more: the
// graph itself may be as hostile as the caller likes. Used by the graph-level fuzzer and the 10-million-node test.

#include <heap/heapsnapshot.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace testutil {

inline int indexIn(const std::vector<std::string>& list, std::string_view name)
{
    const auto it = std::find(list.begin(), list.end(), name);
    return it == list.end() ? -1 : int(it - list.begin());
}

/// A snapshot with V8's 7-field node layout, its 16 node types and 7 edge types, and no nodes yet.
inline std::shared_ptr<v8scope::HeapSnapshot> emptyV8Snapshot()
{
    auto s = std::make_shared<v8scope::HeapSnapshot>();
    s->sourceName = "<built>";
    s->nodeFields = { "type", "name", "id", "self_size", "edge_count", "trace_node_id", "detachedness" };
    s->nodeTypeNames = { "hidden", "array", "string", "object", "code", "closure", "regexp", "number", "native",
        "synthetic", "concatenated string", "sliced string", "symbol", "bigint", "object shape", "wasm object" };
    s->edgeFields = { "type", "name_or_index", "to_node" };
    s->edgeTypeNames = { "context", "element", "property", "internal", "hidden", "shortcut", "weak" };
    s->locationFields = { "object_index", "script_id", "line", "column" };
    const auto& n = s->nodeTypeNames;
    auto& t = s->nodeTypes;
    t.hidden = indexIn(n, "hidden");
    t.array = indexIn(n, "array");
    t.string = indexIn(n, "string");
    t.object = indexIn(n, "object");
    t.code = indexIn(n, "code");
    t.closure = indexIn(n, "closure");
    t.regexp = indexIn(n, "regexp");
    t.number = indexIn(n, "number");
    t.native = indexIn(n, "native");
    t.synthetic = indexIn(n, "synthetic");
    t.consString = indexIn(n, "concatenated string");
    t.slicedString = indexIn(n, "sliced string");
    t.symbol = indexIn(n, "symbol");
    t.bigint = indexIn(n, "bigint");
    t.objectShape = indexIn(n, "object shape");
    const auto& en = s->edgeTypeNames;
    auto& e = s->edgeTypes;
    e.context = indexIn(en, "context");
    e.element = indexIn(en, "element");
    e.property = indexIn(en, "property");
    e.internal = indexIn(en, "internal");
    e.hidden = indexIn(en, "hidden");
    e.shortcut = indexIn(en, "shortcut");
    e.weak = indexIn(en, "weak");
    return s;
}

/// Appends a node; its edges must be added next with addEdge (CSR: nodes own consecutive edge ranges).
inline uint32_t addNode(
    v8scope::HeapSnapshot& s, int type, uint32_t name, uint32_t id, uint64_t self, uint8_t detachedness = 0)
{
    s.nodeType.push_back(uint8_t(type));
    s.nodeName.push_back(name);
    s.nodeId.push_back(id);
    s.nodeSelfSize.push_back(self);
    s.nodeTraceNodeId.push_back(0);
    s.nodeDetachedness.push_back(detachedness);
    if (s.firstEdge.empty())
        s.firstEdge.push_back(0);
    s.firstEdge.push_back(uint32_t(s.edgeWords.size()));
    return uint32_t(s.nodeType.size() - 1);
}

/// Appends an edge from the node added last.
inline void addEdge(v8scope::HeapSnapshot& s, int type, uint32_t nameOrIndex, uint32_t target)
{
    s.addEdge(uint32_t(type), nameOrIndex, target);
}

/// Appends a location record (any order; finishSnapshot sorts them), its site stored once.
inline void addLocation(v8scope::HeapSnapshot& s, uint32_t node, uint32_t scriptId, uint32_t line, uint32_t column)
{
    const v8scope::HeapSnapshot::LocationSite site { scriptId, line, column };
    uint32_t k = 0;
    while (k < s.locationSites.size() && !(s.locationSites[k] == site))
        ++k;
    if (k == s.locationSites.size())
        s.locationSites.push_back(site);
    s.locations.push_back({ node, k });
}

/// Sets the counts once all nodes and edges are in, and sorts the location records (as the reader does).
inline void finishSnapshot(v8scope::HeapSnapshot& s)
{
    s.nodeCount = uint32_t(s.nodeType.size());
    s.edgeCount = uint32_t(s.edgeWords.size());
    s.sortLocations();
}

} // namespace testutil
