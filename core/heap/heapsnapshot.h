// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <common/column.h>
#include <common/index.h>
#include <common/indexedoverflow.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace v8scope {

/// The one "no node" sentinel for node ordinals: an id that is not in the snapshot, the dominator tree's parent of
/// the root, an unset link. Node ordinals are dense 0..nodeCount-1 and nodeCount < 2^29 (kMaxNodes: the reader
/// refuses bigger headers), so this value is never a real node.
inline constexpr uint32_t kNoNode = UINT32_MAX;

/// The strings of a snapshot, back to back in one buffer (decoded to UTF-8), addressed by index.
///
/// String i is bytes [offset(i), offset(i + 1)). Offsets ascend, so they are stored in 32 bits (4 bytes a string
/// instead of 8: 10 MB at 1 GB) and the high half, a step function of the index, as the sorted list of indices
/// where it steps up by one (`wraps`: empty below 4 GiB of string bytes, one entry per 4 GiB above).
class StringTable
{
public:
    StringTable()
    {
        m_offsets.push_back(0);
    }
    uint32_t size() const
    {
        return uint32_t(m_offsets.size() - 1);
    }
    std::string_view get(uint32_t i) const
    {
        const uint64_t begin = offset(i);
        return std::string_view(m_bytes.data() + begin, size_t(offset(i + 1) - begin));
    }
    std::string_view operator[](StringIndex i) const
    {
        return get(i.index);
    }
    uint32_t add(std::string_view s)
    {
        m_bytes.append(s.begin(), s.end());
        const uint64_t end = m_bytes.size();
        while ((end >> 32) > m_wraps.size()) // a string of over 4 GiB steps more than once at one index
            m_wraps.push_back(uint32_t(m_offsets.size()));
        m_offsets.push_back(uint32_t(end));
        return size() - 1;
    }
    /// Index of the first string equal to `s`, or StringIndex::kInvalid.
    uint32_t find(std::string_view s) const;
    uint64_t byteSize() const
    {
        return m_bytes.size();
    }
    void shrinkToFit()
    {
        m_bytes.shrink_to_fit();
        m_offsets.shrink_to_fit();
    }
    /// Room for `bytes` more bytes and `count` more strings (a reader that knows about how much follows: no
    /// copying while the table grows).
    void reserve(uint64_t bytes, uint64_t count)
    {
        m_bytes.reserve(size_t(m_bytes.size() + bytes));
        m_offsets.reserve(size_t(m_offsets.size() + count));
    }
    /// Bytes reserved and not used.
    uint64_t unusedBytes() const
    {
        return m_bytes.capacity() - m_bytes.size();
    }
    /// The arena, the offsets' low halves (size() + 1 of them) and the wraps, for the analysis cache.
    const Column<char>& bytes() const
    {
        return m_bytes;
    }
    const Column<uint32_t>& lowOffsets() const
    {
        return m_offsets;
    }
    const Column<uint32_t>& wraps() const
    {
        return m_wraps;
    }
    /// Where string i begins (i <= size(): offset(size()) is byteSize()).
    uint64_t offset(uint32_t i) const
    {
        uint64_t high = 0;
        if (!m_wraps.empty()) [[unlikely]]
            high = uint64_t(std::upper_bound(m_wraps.begin(), m_wraps.end(), i) - m_wraps.begin());
        return high << 32 | m_offsets[i];
    }
    /// A table from an arena, its offsets' low halves and wraps; false (and the table unchanged) when they do not fit
    /// together. The wraps (a handful) and both ends are always checked; that the offsets ascend only with
    /// `checkOrder`: the analysis cache skips it for arrays it checks by checksum on first use, as reading them all
    /// would check them all.
    bool assign(Column<char> bytes, Column<uint32_t> lowOffsets, Column<uint32_t> wraps, bool checkOrder = true);

private:
    Column<char> m_bytes;
    Column<uint32_t> m_offsets;
    Column<uint32_t> m_wraps;
};

/// Byte sizes per node in 4 bytes each: values from 2^32 - 1 on (rare: a few huge buffers, the retained sizes near
/// the root of a big heap) are marked kOverflow in the 32-bit column and kept exactly in a side table sorted by
/// index (an IndexedOverflow). Reads are `col[i]` (a uint64_t); writes go through set().
class SizeColumn
{
public:
    static constexpr uint32_t kOverflow = UINT32_MAX;
    struct Overflow
    {
        uint32_t index;
        uint32_t pad = 0;
        uint64_t value;
        friend bool operator==(const Overflow&, const Overflow&) = default;
    };

    SizeColumn() = default;
    size_t size() const
    {
        return m_low.size();
    }
    bool empty() const
    {
        return m_low.empty();
    }
    uint64_t operator[](size_t i) const
    {
        const uint32_t v = m_low[i];
        return v != kOverflow ? v : overflowValue(i);
    }
    void set(size_t i, uint64_t v)
    {
        if (v < kOverflow && m_low[i] != kOverflow) {
            m_low[i] = uint32_t(v); // the common case
            return;
        }
        setSlow(i, v);
    }
    void add(size_t i, uint64_t delta)
    {
        set(i, (*this)[i] + delta);
    }
    /// n zero sizes.
    void assignZeros(size_t n)
    {
        m_low.assign(n, 0);
        m_overflow.clear();
    }
    /// Keeps the first n sizes; new ones are zero.
    void resize(size_t n)
    {
        m_low.resize(n, 0);
        m_overflow.trim(n);
    }
    /// n sizes the caller writes in full before reading any (Column::resizeForOverwrite).
    void resizeForOverwrite(size_t n)
    {
        m_low.resizeForOverwrite(n);
        m_overflow.trim(n);
    }
    void reserve(size_t n)
    {
        m_low.reserve(n);
    }
    void push_back(uint64_t v)
    {
        m_low.push_back(0);
        set(m_low.size() - 1, v);
    }
    void shrinkToFit()
    {
        m_low.shrink_to_fit();
        m_overflow.shrinkToFit();
    }
    /// The 32-bit column and the side table, for the analysis cache and memory accounting.
    const Column<uint32_t>& low() const
    {
        return m_low;
    }
    const IndexedOverflow<Overflow>& overflow() const
    {
        return m_overflow;
    }
    Column<uint32_t>& low()
    {
        return m_low;
    }
    IndexedOverflow<Overflow>& overflow()
    {
        return m_overflow;
    }
    /// Whether low() and overflow() fit together (every kOverflow has its entry, the table is sorted and holds
    /// nothing else): what a column read from a file must satisfy.
    bool consistent() const;
    std::vector<uint64_t> toVector() const;
    friend bool operator==(const SizeColumn&, const SizeColumn&) = default;

private:
    uint64_t overflowValue(size_t i) const;
    void setSlow(size_t i, uint64_t v);
    Column<uint32_t> m_low;
    IndexedOverflow<Overflow> m_overflow;
};

/// Read access to sizes per node held either as a plain array (a digest's) or as a SizeColumn (an analysis').
class SizeView
{
public:
    SizeView() = default;
    SizeView(const uint64_t* plain)
        : m_plain(plain)
    {
    }
    SizeView(const SizeColumn& column)
        : m_column(&column)
    {
    }
    uint64_t operator[](size_t i) const
    {
        return m_plain ? m_plain[i] : (*m_column)[i];
    }

private:
    const uint64_t* m_plain = nullptr;
    const SizeColumn* m_column = nullptr;
};

/// Indices of the node and edge types this code needs, resolved by name from snapshot.meta (-1 when a
/// snapshot's type list does not have that type).
struct NodeTypeIds
{
    int hidden = -1, array = -1, string = -1, object = -1, code = -1, closure = -1, regexp = -1, number = -1,
        native = -1, synthetic = -1, consString = -1, slicedString = -1, symbol = -1, bigint = -1, objectShape = -1;
};
struct EdgeTypeIds
{
    int context = -1, element = -1, property = -1, internal = -1, hidden = -1, shortcut = -1, weak = -1;
};

/// An edge's type and target in one 32-bit word (HeapSnapshot::edgeWords): the target node ordinal in the low 29
/// bits, the type index in the top 3. The reader refuses snapshots with more than kMaxEdgeTypes edge types or
/// kMaxNodes nodes or more (V8 writes 7 edge types; 2^29 nodes take at least 7.5 GB of JSON).
inline constexpr unsigned kEdgeTypeShift = 29;
inline constexpr uint32_t kEdgeTargetMask = (uint32_t(1) << kEdgeTypeShift) - 1;
inline constexpr uint32_t kMaxEdgeTypes = uint32_t(1) << (32 - kEdgeTypeShift);
inline constexpr uint64_t kMaxNodes = uint64_t(1) << kEdgeTypeShift;
inline constexpr uint32_t packEdge(uint32_t type, uint32_t target)
{
    return type << kEdgeTypeShift | target;
}
inline constexpr uint8_t edgeWordType(uint32_t word)
{
    return uint8_t(word >> kEdgeTypeShift);
}
inline constexpr uint32_t edgeWordTarget(uint32_t word)
{
    return word & kEdgeTargetMask;
}

/// Read-only per-edge view of one half of HeapSnapshot::edgeWords (`s.edgeType[e]`, `s.edgeTarget[e]`). It points
/// at the snapshot it belongs to, so it is neither copied nor assigned: HeapSnapshot's own copy and move make new
/// views for the new object.
template <typename T, T (*Split)(uint32_t)> class EdgeWordView
{
public:
    explicit EdgeWordView(const Column<uint32_t>& words)
        : m_words(&words)
    {
    }
    EdgeWordView(const EdgeWordView&) = delete;
    EdgeWordView& operator=(const EdgeWordView&) = delete;
    T operator[](size_t e) const
    {
        return Split(m_words->data()[e]);
    }
    size_t size() const
    {
        return m_words->size();
    }
    bool empty() const
    {
        return m_words->empty();
    }

private:
    const Column<uint32_t>* m_words;
};
using EdgeTypeView = EdgeWordView<uint8_t, edgeWordType>;
using EdgeTargetView = EdgeWordView<uint32_t, edgeWordTarget>;

/// The columns of a HeapSnapshot (which adds the per-edge views over edgeWords); see there.
struct HeapSnapshotData
{
    std::string sourceName;
    uint64_t sourceBytes = 0; ///< decompressed text length

    // snapshot.meta, as written
    std::vector<std::string> nodeFields, nodeTypeNames, edgeFields, edgeTypeNames, locationFields;
    NodeTypeIds nodeTypes;
    EdgeTypeIds edgeTypes;
    uint32_t nodeCount = 0;
    uint32_t edgeCount = 0;
    uint32_t rootOrdinal = 0;
    uint32_t traceFunctionCount = 0;
    uint64_t extraNativeBytes = 0;

    // per node
    Column<uint8_t> nodeType;
    Column<uint32_t> nodeName; ///< string index
    Column<uint32_t> nodeId;
    /// Bytes, as in the file (before DevTools' reassignment). Read by nothing but HeapAnalysis, which takes the
    /// column over when it holds the only reference to the snapshot (it is empty then, and in a snapshot read from
    /// the analysis cache): read HeapAnalysis::selfSize.
    SizeColumn nodeSelfSize;
    Column<uint32_t> firstEdge; ///< nodeCount + 1 CSR offsets
    Column<uint32_t> nodeTraceNodeId; ///< empty without allocation tracking (no field, or trace_function_count 0)
    /// Empty when the file has no detachedness field; 0 unknown, 1 attached, 2 detached. Read by nothing but
    /// HeapAnalysis, which takes it over as its state column when it holds the only reference to the snapshot (it
    /// is empty then, and in a snapshot read from the analysis cache): read HeapAnalysis::domState().
    Column<uint8_t> nodeDetachedness;

    // per edge
    Column<uint32_t> edgeWords; ///< type and target node ordinal, packEdge(); read through edgeType / edgeTarget
    Column<uint32_t> edgeNameOrIndex; ///< string index, or the element/hidden index

    // locations: constructor/function source positions (0-based line and column). Many objects share one site (one
    // per allocating function): the distinct (script, line, column) triples are stored once, in first-seen order,
    // and every record names its node and its site (8 bytes a record instead of 16).
    struct LocationSite
    {
        uint32_t scriptId;
        uint32_t line;
        uint32_t column;
        bool operator==(const LocationSite&) const = default;
    };
    struct Location
    {
        uint32_t node;
        uint32_t site; ///< index into locationSites
        bool operator==(const Location&) const = default;
    };
    Column<LocationSite> locationSites;
    /// Every record of the file (the count `info` reports), sorted by node, stably: a node's records keep their
    /// file order, and the last one is the node's location (DevTools' location map). V8 writes them in heap
    /// iteration order, not node order; the reader sorts them (sortLocations). Walk them with LocationCursor or look
    /// one up with locationSiteOf.
    Column<Location> locations;

    // allocation tracking (.heaptimeline); kept as read
    std::vector<std::string> traceFunctionInfoFields; ///< snapshot.meta.trace_function_info_fields (may be empty)
    Column<uint32_t> traceFunctionInfos;
    struct TraceNode
    {
        uint32_t id, functionInfoIndex, count, size, parent; ///< parent: record index, or UINT32_MAX at top
    };
    Column<TraceNode> traceTree;
    Column<uint64_t> samples; ///< pairs as in sample_fields

    StringTable strings;
};

/// One parsed .heapsnapshot as flat columns: no object per node or edge. Immutable once the reader returns it;
/// analyses keep their own derived arrays (see HeapAnalysis).
///
/// Nodes are dense ordinals 0..nodeCount-1 in file order; node i owns edges firstEdge[i]..firstEdge[i+1]-1
/// (CSR). Edge targets are node ordinals (the file's to_node divided by the node field count). An edge's type and
/// target share one 32-bit word (edgeWords); edgeType[e] and edgeTarget[e] read its halves. Loops over many edges
/// read the word once and split it (edgeWordType, edgeWordTarget).
struct HeapSnapshot : HeapSnapshotData
{
    EdgeTypeView edgeType { edgeWords }; ///< type index per edge, into edgeTypeNames
    EdgeTargetView edgeTarget { edgeWords }; ///< target node ordinal per edge

    HeapSnapshot() = default;
    HeapSnapshot(const HeapSnapshot& o)
        : HeapSnapshotData(o)
    {
    }
    HeapSnapshot(HeapSnapshot&& o) noexcept
        : HeapSnapshotData(std::move(o))
    {
    }
    HeapSnapshot& operator=(const HeapSnapshot& o)
    {
        HeapSnapshotData::operator=(o);
        return *this;
    }
    HeapSnapshot& operator=(HeapSnapshot&& o) noexcept
    {
        HeapSnapshotData::operator=(std::move(o));
        return *this;
    }
    /// Appends one edge to the last node (firstEdge's last entry counts it). For snapshots built in code (digests,
    /// tests); the reader writes the presized columns.
    void addEdge(uint32_t type, uint32_t nameOrIndex, uint32_t target)
    {
        edgeWords.push_back(packEdge(type, target));
        edgeNameOrIndex.push_back(nameOrIndex);
        firstEdge.back() = uint32_t(edgeWords.size());
    }

    std::string_view nodeNameView(uint32_t node) const
    {
        return strings.get(nodeName[node]);
    }
    std::string_view nodeTypeName(uint32_t node) const
    {
        return nodeTypeNames[nodeType[node]];
    }
    std::string_view edgeTypeName(uint32_t edge) const
    {
        return edgeTypeNames[edgeType[edge]];
    }
    /// Whether the edge's name_or_index is a string index (every type but element and hidden).
    bool edgeHasStringName(uint32_t edge) const
    {
        const int t = edgeType[edge];
        return t != edgeTypes.element && t != edgeTypes.hidden;
    }
    /// The edge name as DevTools shows it: the string, or the decimal index for element and hidden edges.
    std::string edgeName(uint32_t edge) const;
    /// Peak memory of reading and analyzing a snapshot of this size, in bytes: per node about 100 bytes (file
    /// columns, analysis arrays, the Lengauer-Tarjan work arrays), per edge about 17 (edge columns, reverse
    /// graph). Measured: 300 MB snapshot, 3.5 M nodes and 11.8 M edges, 532-545 MB peak RSS vs 551 MB estimated.
    static uint64_t estimatedPeakBytes(uint64_t nodes, uint64_t edges)
    {
        return nodes * 100 + edges * 17 + (uint64_t(16) << 20);
    }
    /// Ordinal of the node with this id, or kNoNode (linear scan; use HeapAnalysis::nodeForId for many).
    uint32_t findNodeById(uint32_t id) const;
    /// Sorts `locations` by node, stably (a reader or builder calls it once all records are in; nodeCount set).
    void sortLocations();
    /// The site of the node's last location record, or nullptr (binary search; any node type).
    const LocationSite* locationSiteOf(uint32_t node) const;
};

/// Walks node-sorted location records alongside a loop over ascending nodes (nodes may be skipped): site(node) is
/// the site of the node's last record, or kNone. Linear in nodes + records, no per-node array.
class LocationCursor
{
public:
    static constexpr uint32_t kNone = UINT32_MAX;
    LocationCursor(const HeapSnapshot::Location* first, const HeapSnapshot::Location* last)
        : m_p(first)
        , m_end(last)
    {
    }
    explicit LocationCursor(const Column<HeapSnapshot::Location>& records)
        : LocationCursor(records.begin(), records.end())
    {
    }
    /// Calls must come with non-decreasing nodes (one node may be asked again).
    uint32_t site(uint32_t node)
    {
        while (m_p != m_end && m_p->node < node)
            ++m_p;
        uint32_t s = kNone;
        for (const HeapSnapshot::Location* q = m_p; q != m_end && q->node == node; ++q)
            s = q->site;
        return s;
    }

private:
    const HeapSnapshot::Location* m_p;
    const HeapSnapshot::Location* m_end;
};

} // namespace v8scope
