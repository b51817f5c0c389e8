// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The snapshot header: snapshot.meta's field and type lists, the counts checked against the input's size,
// presizing, and the replay of values that arrived before the header.
#include "snapshothandler.h"

namespace v8scope::snapshotreader {

int indexOf(const std::vector<std::string>& list, std::string_view name)
{
    const auto it = std::find(list.begin(), list.end(), name);
    return it == list.end() ? -1 : int(it - list.begin());
}

bool SnapshotHandler::readLayout(const JsonTree::Node& meta, const char* kind,
    std::initializer_list<const char*> required, std::vector<std::string>& fields, std::vector<std::string>& types)
{
    // "<kind>_fields" names the record's fields; "<kind>_types"[index of "type"] lists the type names.
    const std::string fieldsKey = std::string(kind) + "_fields";
    const std::string typesKey = std::string(kind) + "_types";
    const JsonTree::Node* list = meta.get(fieldsKey);
    if (!list || !list->stringList(fields))
        return fail("snapshot.meta." + fieldsKey + " is missing or not a list of strings");
    if (fields.empty() || fields.size() > 64)
        return fail("snapshot.meta." + fieldsKey + " has " + std::to_string(fields.size()) + " fields");
    for (const char* name : required)
        if (indexOf(fields, name) < 0)
            return fail("snapshot.meta." + fieldsKey + " has no \"" + name + "\" field");
    const JsonTree::Node* typeLists = meta.get(typesKey);
    const int typeField = indexOf(fields, "type");
    if (!typeLists || typeLists->kind != JsonTree::Kind::Array || size_t(typeField) >= typeLists->items.size()
        || !typeLists->items[size_t(typeField)].stringList(types))
        return fail("snapshot.meta." + typesKey + " has no list of type names for the \"type\" field");
    if (types.size() > 255)
        return fail("snapshot.meta." + typesKey + " lists more than 255 " + kind + " types");
    return true;
}

bool SnapshotHandler::resolveNodeFields(const JsonTree::Node& meta)
{
    HeapSnapshot& s = *m_snap;
    if (!readLayout(meta, "node", { "type", "name", "id", "self_size", "edge_count" }, s.nodeFields, s.nodeTypeNames))
        return false;
    static const std::pair<const char*, NodeRole> kRoles[] = { { "type", NodeRole::Type }, { "name", NodeRole::Name },
        { "id", NodeRole::Id }, { "self_size", NodeRole::SelfSize }, { "edge_count", NodeRole::EdgeCount },
        { "trace_node_id", NodeRole::TraceNodeId }, { "detachedness", NodeRole::Detachedness } };
    m_nodeRoles.assign(s.nodeFields.size(), NodeRole::Other);
    for (size_t i = 0; i < s.nodeFields.size(); ++i)
        for (const auto& [name, role] : kRoles)
            if (s.nodeFields[i] == name)
                m_nodeRoles[i] = role;
    NodeTypeIds& t = s.nodeTypes;
    const auto& n = s.nodeTypeNames;
    t.hidden = indexOf(n, "hidden");
    t.array = indexOf(n, "array");
    t.string = indexOf(n, "string");
    t.object = indexOf(n, "object");
    t.code = indexOf(n, "code");
    t.closure = indexOf(n, "closure");
    t.regexp = indexOf(n, "regexp");
    t.number = indexOf(n, "number");
    t.native = indexOf(n, "native");
    t.synthetic = indexOf(n, "synthetic");
    t.consString = indexOf(n, "concatenated string");
    t.slicedString = indexOf(n, "sliced string");
    t.symbol = indexOf(n, "symbol");
    t.bigint = indexOf(n, "bigint");
    t.objectShape = indexOf(n, "object shape");
    return true;
}

bool SnapshotHandler::resolveEdgeFields(const JsonTree::Node& meta)
{
    HeapSnapshot& s = *m_snap;
    if (!readLayout(meta, "edge", { "type", "name_or_index", "to_node" }, s.edgeFields, s.edgeTypeNames))
        return false;
    // An edge's type shares a 32-bit word with its target (packEdge): 3 bits, V8 writes 7 types.
    if (s.edgeTypeNames.size() > kMaxEdgeTypes)
        return fail("snapshot.meta.edge_types lists " + std::to_string(s.edgeTypeNames.size())
            + " edge types, more than the " + std::to_string(kMaxEdgeTypes) + " this reader takes");
    static const std::pair<const char*, EdgeRole> kRoles[]
        = { { "type", EdgeRole::Type }, { "name_or_index", EdgeRole::Name }, { "to_node", EdgeRole::ToNode } };
    m_edgeRoles.assign(s.edgeFields.size(), EdgeRole::Other);
    for (size_t i = 0; i < s.edgeFields.size(); ++i)
        for (const auto& [name, role] : kRoles)
            if (s.edgeFields[i] == name)
                m_edgeRoles[i] = role;
    EdgeTypeIds& t = s.edgeTypes;
    const auto& n = s.edgeTypeNames;
    t.context = indexOf(n, "context");
    t.element = indexOf(n, "element");
    t.property = indexOf(n, "property");
    t.internal = indexOf(n, "internal");
    t.hidden = indexOf(n, "hidden");
    t.shortcut = indexOf(n, "shortcut");
    t.weak = indexOf(n, "weak");
    return true;
}

bool SnapshotHandler::headerCount(const JsonTree::Node& header, const char* key, uint64_t& out)
{
    const JsonTree::Node* n = header.get(key);
    const std::string name = std::string("snapshot.") + key;
    if (!n)
        return fail(name + " is missing");
    if (n->kind == JsonTree::Kind::Number && !n->isUint && n->number == std::floor(n->number)
        && std::abs(n->number) < 1e18)
        return fail(name + " is " + std::to_string(int64_t(n->number)) + ", expected an unsigned integer");
    if (!header.getUint(key, out))
        return fail(name + " is not an unsigned integer");
    return true;
}

bool SnapshotHandler::uniqueKeys(const JsonTree::Node& object, const char* path)
{
    // Only the keys this reader looks up: JSON.parse (DevTools) keeps the last of duplicate keys and this reader the
    // first, so a duplicate would silently change the numbers. Linear per key: the header is small and bounded.
    for (const char* key : { "meta", "node_count", "edge_count", "root_index", "extra_native_bytes",
             "trace_function_count", "node_fields", "node_types", "edge_fields", "edge_types", "location_fields" }) {
        const auto n = std::count(object.keys.begin(), object.keys.end(), key);
        if (n > 1)
            return fail(std::string("duplicate key \"") + key + "\" in " + path);
    }
    return true;
}

bool SnapshotHandler::finishHeader()
{
    m_section = Section::None;
    m_haveHeader = true;
    const JsonTree::Node& header = m_tree.root();
    if (!uniqueKeys(header, "\"snapshot\""))
        return false;
    const JsonTree::Node* meta = header.get("meta");
    if (!meta || meta->kind != JsonTree::Kind::Object)
        return fail("snapshot.meta is missing");
    if (!uniqueKeys(*meta, "snapshot.meta"))
        return false;
    if (!resolveNodeFields(*meta) || !resolveEdgeFields(*meta))
        return false;
    HeapSnapshot& s = *m_snap;
    const JsonTree::Node* locFields = meta->get("location_fields");
    if (locFields && locFields->stringList(s.locationFields) && !s.locationFields.empty()) {
        const int obj = indexOf(s.locationFields, "object_index");
        const int script = indexOf(s.locationFields, "script_id");
        const int line = indexOf(s.locationFields, "line");
        const int col = indexOf(s.locationFields, "column");
        if (obj < 0 || script < 0 || line < 0 || col < 0 || s.locationFields.size() > m_locationRecord.size())
            return fail("snapshot.meta.location_fields lacks object_index, script_id, line or column");
        m_locationFieldCount = uint32_t(s.locationFields.size());
        m_locObject = uint32_t(obj);
        m_locScript = uint32_t(script);
        m_locLine = uint32_t(line);
        m_locColumn = uint32_t(col);
    }

    if (const JsonTree::Node* traceFields = meta->get("trace_function_info_fields"))
        traceFields->stringList(s.traceFunctionInfoFields);

    uint64_t nodeCount = 0, edgeCount = 0;
    if (!headerCount(header, "node_count", nodeCount) || !headerCount(header, "edge_count", edgeCount))
        return false;
    if (nodeCount == 0)
        return fail("snapshot.node_count is 0; a snapshot has at least its root node");
    // Each value takes at least two bytes ("0,"): reject a header that claims more than the input can hold
    // before allocating anything for it. Counts are capped at 2^40 first so the product cannot overflow.
    const uint64_t kCap = uint64_t(1) << 40;
    const uint64_t minBytes
        = 2 * (std::min(nodeCount, kCap) * m_nodeRoles.size() + std::min(edgeCount, kCap) * m_edgeRoles.size());
    const uint64_t raw = m_in.rawSize();
    if (raw) {
        const uint64_t maxText = m_in.compressed() ? raw * kMaxDeflateRatio : raw;
        if (minBytes > maxText)
            return fail("header claims " + std::to_string(nodeCount) + " nodes and " + std::to_string(edgeCount)
                + " edges, more than a " + std::to_string(raw) + "-byte file can hold");
    }
    if (const uint64_t limit = m_in.maxMemoryBytes()) {
        const uint64_t need = HeapSnapshot::estimatedPeakBytes(std::min(nodeCount, kCap), std::min(edgeCount, kCap));
        if (need > limit)
            return fail("analyzing " + std::to_string(nodeCount) + " nodes and " + std::to_string(edgeCount)
                + " edges needs about " + std::to_string(need / 1000000) + " MB, more than --max-memory allows ("
                + std::to_string(limit / 1000000) + " MB)");
    }
    // Node ordinals take 29 bits (packEdge); such a snapshot would be at least 7.5 GB (2 bytes a value, V8's 7 node
    // fields), and about 44 GB at a real heap's 82 bytes a node (docs/reliability.md "Limits").
    if (nodeCount >= kMaxNodes)
        return fail("snapshot.node_count " + std::to_string(nodeCount)
            + " is too large: this reader takes fewer than 2^29 (" + std::to_string(kMaxNodes) + ") nodes");
    if (edgeCount >= UINT32_MAX)
        return fail("snapshot counts too large for this reader (node_count " + std::to_string(nodeCount)
            + ", edge_count " + std::to_string(edgeCount) + ")");
    uint64_t v = 0;
    if (header.getUint("trace_function_count", v))
        s.traceFunctionCount = uint32_t(std::min<uint64_t>(v, UINT32_MAX));
    if (header.getUint("extra_native_bytes", v)) {
        if (v > kMaxTotalSize)
            return fail("snapshot.extra_native_bytes " + std::to_string(v) + " is larger than 2^53 bytes");
        s.extraNativeBytes = v;
    }
    s.nodeCount = uint32_t(nodeCount);
    s.edgeCount = uint32_t(edgeCount);
    if (header.getUint("root_index", v) && v) {
        const uint64_t nf = m_nodeRoles.size();
        if (v % nf != 0 || v / nf >= nodeCount)
            return fail("snapshot.root_index " + std::to_string(v) + " is not a valid node index");
        if (v / nf != 0 && v / nf != nodeCount - 1)
            return fail("snapshot.root_index must be the first or the last node");
        s.rootOrdinal = uint32_t(v / nf);
    }
    // Presize the columns from the header when the input's size vouches for it: a plain file that can hold the
    // claimed values, or a gzip file whose claim needs no better than a realistic compression ratio. Otherwise
    // (stdin, implausible ratios) the columns grow as values arrive, so memory follows what the input really holds
    // and a lying header fails at the end of its section instead of allocating for it.
    // trace_node_id means something only with allocation tracking (trace_function_count > 0); V8 writes the
    // field as zeros otherwise, so the column is not kept then (4 bytes a node).
    m_hasTraceNodeId = indexOf(s.nodeFields, "trace_node_id") >= 0 && s.traceFunctionCount > 0;
    m_hasDetachedness = indexOf(s.nodeFields, "detachedness") >= 0;
    s.firstEdge.assign(1, 0);
    const bool trusted = raw && minBytes <= (m_in.compressed() ? raw * kTrustedRatio : raw);
    if (trusted) {
        // Left uninitialised: the reader writes every value of every record or fails (a section shorter than the
        // header's count is an error), and the parallel scan's threads are then the first to touch the pages.
        s.nodeType.resizeForOverwrite(nodeCount);
        s.nodeName.resizeForOverwrite(nodeCount);
        s.nodeId.resizeForOverwrite(nodeCount);
        s.nodeSelfSize.resizeForOverwrite(nodeCount);
        s.firstEdge.resizeForOverwrite(nodeCount + 1);
        s.firstEdge[0] = 0;
        if (m_hasTraceNodeId)
            s.nodeTraceNodeId.resizeForOverwrite(nodeCount);
        if (m_hasDetachedness)
            s.nodeDetachedness.resizeForOverwrite(nodeCount);
        s.edgeWords.resizeForOverwrite(edgeCount);
        s.edgeNameOrIndex.resizeForOverwrite(edgeCount);
    }
    m_tree.clear();
    return replayPending();
}

bool SnapshotHandler::replayPending()
{
    for (const PendingValue& p : m_pendingNodes)
        if (!nodeValue(p.value, p.end))
            return false;
    for (const PendingValue& p : m_pendingEdges)
        if (!edgeValue(p.value, p.end))
            return false;
    for (const PendingValue& p : m_pendingLocations)
        if (!locationValue(p.value, p.end))
            return false;
    m_pendingNodes = {};
    m_pendingEdges = {};
    m_pendingLocations = {};
    return true;
}

} // namespace v8scope::snapshotreader
