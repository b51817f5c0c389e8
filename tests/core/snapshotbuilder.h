// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

// Builds small heap snapshots as JSON text in the layout V8 writes (7 node fields, 15 node types), so tests can
// state a graph and derive the expected numbers by hand; analyzeBuilt() runs the whole pipeline on one.

#include "testutil.h"

#include <catch2/catch.hpp>
#include <heap/heapanalysis.h>
#include <heap/snapshotreader.h>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace testutil {

class SnapshotBuilder
{
public:
    /// Adds a node; returns its ordinal. `detachedness`: 0 unknown, 1 attached, 2 detached.
    uint32_t node(const std::string& type, const std::string& name, uint32_t id, uint64_t self, int detachedness = 0)
    {
        m_nodes.push_back({ typeIndex(type), stringIndex(name), id, self, detachedness, 0, {} });
        return uint32_t(m_nodes.size() - 1);
    }
    /// Adds an edge. For element and hidden edges `name` is the decimal index.
    void edge(uint32_t from, const std::string& type, const std::string& name, uint32_t to)
    {
        const int t = edgeTypeIndex(type);
        const uint64_t nameOrIndex = (type == "element" || type == "hidden") ? std::stoull(name) : stringIndex(name);
        m_nodes[from].edges.push_back({ t, nameOrIndex, to });
    }
    void location(uint32_t node, uint32_t scriptId, uint32_t line, uint32_t column)
    {
        m_locations.push_back({ node, scriptId, line, column });
    }
    /// Allocation tracking: a trace function info (returns its index), a trace tree node (returns its record;
    /// `parent` is a record or -1 for the root; records must be added parent first), a node's trace_node_id.
    uint32_t traceFunction(
        const std::string& name, const std::string& script, uint32_t scriptId, uint32_t line, uint32_t column)
    {
        m_traceFunctions.push_back(
            { uint32_t(m_traceFunctions.size() + 1), stringIndex(name), stringIndex(script), scriptId, line, column });
        return uint32_t(m_traceFunctions.size() - 1);
    }
    uint32_t traceNode(uint32_t id, uint32_t function, uint32_t count, uint32_t size, int parent)
    {
        m_traceNodes.push_back({ id, function, count, size, parent });
        return uint32_t(m_traceNodes.size() - 1);
    }
    void traceNodeId(uint32_t node, uint32_t traceNodeId)
    {
        m_nodes[node].traceNodeId = traceNodeId;
    }

    std::string json() const
    {
        size_t edgeCount = 0;
        for (const auto& n : m_nodes)
            edgeCount += n.edges.size();
        std::string s
            = "{\"snapshot\":{\"meta\":{\"node_fields\":[\"type\",\"name\",\"id\",\"self_size\",\"edge_count\","
              "\"trace_node_id\",\"detachedness\"],\"node_types\":[[";
        for (size_t i = 0; i < kNodeTypes.size(); ++i)
            s += (i ? ",\"" : "\"") + kNodeTypes[i] + "\"";
        s += "],\"string\",\"number\",\"number\",\"number\",\"number\",\"number\"],"
             "\"edge_fields\":[\"type\",\"name_or_index\",\"to_node\"],\"edge_types\":[[";
        for (size_t i = 0; i < kEdgeTypes.size(); ++i)
            s += (i ? ",\"" : "\"") + kEdgeTypes[i] + "\"";
        s += "],\"string_or_number\",\"node\"],\"location_fields\":[\"object_index\",\"script_id\",\"line\",\"column\"]"
             ","
             "\"trace_function_info_fields\":[\"function_id\",\"name\",\"script_name\",\"script_id\",\"line\","
             "\"column\"],"
             "\"trace_node_fields\":[\"id\",\"function_info_index\",\"count\",\"size\",\"children\"]},";
        s += "\"node_count\":" + std::to_string(m_nodes.size()) + ",\"edge_count\":" + std::to_string(edgeCount)
            + ",\"trace_function_count\":" + std::to_string(m_traceFunctions.size()) + "},\n\"nodes\":[";
        for (size_t i = 0; i < m_nodes.size(); ++i) {
            const auto& n = m_nodes[i];
            s += (i ? ",\n" : "") + std::to_string(n.type) + "," + std::to_string(n.name) + "," + std::to_string(n.id)
                + "," + std::to_string(n.self) + "," + std::to_string(n.edges.size()) + ","
                + std::to_string(n.traceNodeId) + "," + std::to_string(n.detachedness);
        }
        s += "],\n\"edges\":[";
        bool first = true;
        for (const auto& n : m_nodes)
            for (const auto& e : n.edges) {
                s += (first ? "" : ",\n") + std::to_string(e.type) + "," + std::to_string(e.nameOrIndex) + ","
                    + std::to_string(e.to * 7);
                first = false;
            }
        s += "],\n\"trace_function_infos\":[";
        for (size_t i = 0; i < m_traceFunctions.size(); ++i) {
            const auto& f = m_traceFunctions[i];
            s += (i ? "," : "") + std::to_string(f.functionId) + "," + std::to_string(f.name) + ","
                + std::to_string(f.script) + "," + std::to_string(f.scriptId) + "," + std::to_string(f.line) + ","
                + std::to_string(f.column);
        }
        s += "],\"trace_tree\":" + traceTreeJson() + ",\"samples\":[],\n\"locations\":[";
        for (size_t i = 0; i < m_locations.size(); ++i) {
            const auto& l = m_locations[i];
            s += (i ? "," : "") + std::to_string(l.node * 7) + "," + std::to_string(l.scriptId) + ","
                + std::to_string(l.line) + "," + std::to_string(l.column);
        }
        s += "],\n\"strings\":[";
        for (size_t i = 0; i < m_strings.size(); ++i)
            s += (i ? ",\"" : "\"") + escape(m_strings[i]) + "\"";
        s += "]}\n";
        return s;
    }

private:
    /// The trace tree as V8 nests it: each node "id,function,count,size,[children...]", iteratively.
    std::string traceTreeJson() const
    {
        std::vector<std::vector<uint32_t>> children(m_traceNodes.size());
        std::vector<uint32_t> tops;
        for (uint32_t i = 0; i < m_traceNodes.size(); ++i)
            (m_traceNodes[i].parent < 0 ? tops : children[size_t(m_traceNodes[i].parent)]).push_back(i);
        std::string out = "[";
        // stack of (record, next child position); a record is opened when pushed.
        std::vector<std::pair<uint32_t, size_t>> stack;
        auto open = [&](uint32_t r, bool first) {
            const auto& t = m_traceNodes[r];
            out += (first ? "" : ",") + std::to_string(t.id) + "," + std::to_string(t.function) + ","
                + std::to_string(t.count) + "," + std::to_string(t.size) + ",[";
            stack.push_back({ r, 0 });
        };
        for (size_t i = 0; i < tops.size(); ++i) {
            open(tops[i], i == 0);
            while (!stack.empty()) {
                const uint32_t r = stack.back().first;
                const size_t next = stack.back().second++;
                if (next < children[r].size()) {
                    open(children[r][next], next == 0);
                } else {
                    out += "]";
                    stack.pop_back();
                }
            }
        }
        return out + "]";
    }
    struct TraceFunction
    {
        uint32_t functionId, name, script, scriptId, line, column;
    };
    struct TraceNode
    {
        uint32_t id, function, count, size;
        int parent;
    };
    struct Edge
    {
        int type;
        uint64_t nameOrIndex;
        uint32_t to;
    };
    struct Node
    {
        int type;
        uint32_t name;
        uint32_t id;
        uint64_t self;
        int detachedness;
        uint32_t traceNodeId;
        std::vector<Edge> edges;
    };
    struct Location
    {
        uint32_t node, scriptId, line, column;
    };
    inline static const std::vector<std::string> kNodeTypes { "hidden", "array", "string", "object", "code", "closure",
        "regexp", "number", "native", "synthetic", "concatenated string", "sliced string", "symbol", "bigint",
        "object shape" };
    inline static const std::vector<std::string> kEdgeTypes { "context", "element", "property", "internal", "hidden",
        "shortcut", "weak" };

    static int indexIn(const std::vector<std::string>& list, const std::string& v)
    {
        for (size_t i = 0; i < list.size(); ++i)
            if (list[i] == v)
                return int(i);
        throw std::runtime_error("unknown type " + v);
    }
    int typeIndex(const std::string& t) const
    {
        return indexIn(kNodeTypes, t);
    }
    int edgeTypeIndex(const std::string& t) const
    {
        return indexIn(kEdgeTypes, t);
    }
    uint32_t stringIndex(const std::string& s)
    {
        auto [it, inserted] = m_stringIndex.emplace(s, uint32_t(m_strings.size()));
        if (inserted)
            m_strings.push_back(s);
        return it->second;
    }
    static std::string escape(const std::string& s)
    {
        std::string out;
        for (char c : s) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        return out;
    }

    std::vector<Node> m_nodes;
    std::vector<std::string> m_strings { "<dummy>" };
    std::unordered_map<std::string, uint32_t> m_stringIndex { { "<dummy>", 0 } };
    std::vector<Location> m_locations;
    std::vector<TraceFunction> m_traceFunctions;
    std::vector<TraceNode> m_traceNodes;
};

/// Writes the built snapshot to a temporary file, reads and analyzes it; a reader or analysis error fails the test.
inline std::shared_ptr<const v8scope::HeapAnalysis> analyzeBuilt(const SnapshotBuilder& b)
{
    TempFile f(b.json(), ".heapsnapshot");
    auto snap = v8scope::SnapshotReader::read(f.path);
    if (!snap)
        FAIL(snap.error().toString());
    auto a = v8scope::HeapAnalysis::analyze(snap.value());
    if (!a)
        FAIL(a.error().toString());
    return a.value();
}

} // namespace testutil
