// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

// The RapidJSON SAX handler behind SnapshotReader: the section state machine, the per-value decoding of nodes,
// edges and locations (the hot path), and the trace tree. Internal to core/heap: snapshotreader.cpp drives it,
// snapshotheader.cpp holds the header (snapshot.meta) logic.

#include "heapsnapshot.h"
#include "jsontree.h"

#include <common/error.h>
#include <common/inputstream.h>

#include <rapidjson/reader.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace v8scope::snapshotreader {

enum class Section
{
    None,
    Header,
    Nodes,
    Edges,
    Locations,
    Strings,
    TraceFunctionInfos,
    TraceTree,
    Samples,
    Skip,
};

enum class NodeRole : uint8_t
{
    Type,
    Name,
    Id,
    SelfSize,
    EdgeCount,
    TraceNodeId,
    Detachedness,
    Other,
};

enum class EdgeRole : uint8_t
{
    Type,
    Name,
    ToNode,
    Other,
};

/// A numeric section value that arrived before snapshot.meta (possible in non-V8 producers' key order).
struct PendingValue
{
    uint64_t value;
    uint64_t end; ///< offset just after the value's token
};

/// Upper bound for how many bytes the text of a gzip file can take, from its compressed size (deflate cannot
/// compress better than about 1032:1).
inline constexpr uint64_t kMaxDeflateRatio = 1032;
/// Text-to-gzip ratio up to which the header's counts are trusted for presizing (real snapshots compress 4-12x).
inline constexpr uint64_t kTrustedRatio = 64;

/// Largest self size, and largest sum of self sizes, accepted: 2^53 bytes. DevTools holds sizes in JavaScript numbers,
/// exact up to 2^53; bounding the sum also keeps every retained size (a partial sum) from overflowing 64 bits.
inline constexpr uint64_t kMaxTotalSize = uint64_t(1) << 53;

/// Nodes or edges to allocate at least at a time when the header's counts are not trusted for presizing (stdin,
/// implausible gzip ratios): the columns then grow as values arrive.
inline constexpr uint64_t kGrowStep = uint64_t(1) << 20;

/// Digits of v in decimal: a JSON integer token has exactly this many (no sign, no leading zeros, no exponent), so
/// the token starts this many bytes before the reader's position after it.
inline uint64_t decimalDigits(uint64_t v)
{
    uint64_t n = 1;
    while (v >= 10) {
        v /= 10;
        ++n;
    }
    return n;
}

/// How a JSON number that is not an integer in 64 bits looks, for messages: "6.5", "a number beyond 64 bits".
inline std::string describeDouble(double d)
{
    if (d >= 18446744073709551616.0 || d <= -9223372036854775808.0)
        return "a number beyond the 64-bit range";
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
    const std::string text(buf, ec == std::errc() ? end : buf);
    if (d == std::floor(d))
        return "the number " + text + " written with a fraction or an exponent";
    return "the non-integer number " + text;
}

struct ScanChunk;

class SnapshotHandler : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, SnapshotHandler>
{
public:
    explicit SnapshotHandler(InputStream& in)
        : m_in(in)
        , m_snap(std::make_shared<HeapSnapshot>())
    {
        m_snap->sourceName = in.name();
    }

    std::optional<ParseError> m_error;

    bool Null()
    {
        return scalar("null");
    }
    bool Bool(bool)
    {
        return scalar("a boolean");
    }
    bool Int(int i)
    {
        if (i >= 0)
            return number(uint64_t(i));
        return negative(i);
    }
    bool Int64(int64_t i)
    {
        if (i >= 0)
            return number(uint64_t(i));
        return negative(i);
    }
    bool Uint(unsigned u)
    {
        return number(u);
    }
    bool Uint64(uint64_t u)
    {
        return number(u);
    }
    bool Double(double d)
    {
        if (m_section == Section::Header)
            return tree(m_tree.value(JsonTree::Node::makeNumber(d, false, 0)));
        if (m_depth == 0)
            return fail("expected a JSON object at the top level, found a number");
        if (m_section == Section::Skip || m_depth < 2) {
            if (m_depth == 1 && isKnownArraySection(m_key))
                return fail("expected an array for \"" + m_key + "\", found a number");
            return true;
        }
        return fail("expected an unsigned integer in \"" + m_sectionName + "\", found " + describeDouble(d));
    }
    bool String(const char* s, rapidjson::SizeType len, bool)
    {
        if (m_section == Section::Strings) {
            if (m_depth != 2)
                return fail("expected a string directly inside \"strings\"");
            m_snap->strings.add(std::string_view(s, len));
            return true;
        }
        if (m_section == Section::Header)
            return tree(m_tree.value(JsonTree::Node::string(std::string(s, len))));
        if (m_depth == 0)
            return fail("expected a JSON object at the top level, found a string");
        if (m_section == Section::Skip || m_depth < 2) {
            if (m_depth == 1 && isKnownArraySection(m_key))
                return fail("expected an array for \"" + m_key + "\", found a string");
            return true;
        }
        return fail("expected an unsigned integer in \"" + m_sectionName + "\", found a string");
    }
    bool Key(const char* s, rapidjson::SizeType len, bool)
    {
        if (m_depth == 1) {
            m_key.assign(s, len);
            return true;
        }
        if (m_section == Section::Header)
            return m_tree.key(std::string(s, len));
        if (m_section == Section::Skip)
            return true;
        return fail("unexpected object inside \"" + m_sectionName + "\"");
    }
    bool StartObject()
    {
        if (m_depth == 0) {
            m_depth = 1;
            return true;
        }
        if (m_depth == 1) {
            ++m_depth;
            if (m_key == "snapshot") {
                if (m_haveHeader)
                    return fail("duplicate \"snapshot\" section");
                m_section = Section::Header;
                m_sectionName = m_key;
                return tree(m_tree.startObject());
            }
            if (isKnownArraySection(m_key))
                return fail("expected an array for \"" + m_key + "\", found an object");
            m_section = Section::Skip;
            return true;
        }
        ++m_depth;
        if (m_section == Section::Header)
            return tree(m_tree.startObject());
        if (m_section == Section::Skip)
            return true;
        return fail("unexpected object inside \"" + m_sectionName + "\"");
    }
    bool EndObject(rapidjson::SizeType)
    {
        --m_depth;
        if (m_section == Section::Header) {
            if (!m_tree.end())
                return fail(m_tree.error());
            if (m_depth == 1)
                return finishHeader();
            return true;
        }
        if (m_depth == 1)
            m_section = Section::None;
        return true;
    }
    bool StartArray()
    {
        if (m_depth == 0)
            return fail("expected a JSON object at the top level, found an array");
        if (m_depth == 1) {
            ++m_depth;
            return startSection();
        }
        ++m_depth;
        switch (m_section) {
        case Section::Header:
            return tree(m_tree.startArray());
        case Section::Skip:
            return true;
        case Section::TraceTree:
            return traceTreeStartArray();
        default:
            return fail("unexpected nested array inside \"" + m_sectionName + "\"");
        }
    }
    bool EndArray(rapidjson::SizeType)
    {
        --m_depth;
        switch (m_section) {
        case Section::Header:
            if (!m_tree.end())
                return fail(m_tree.error());
            return true;
        case Section::TraceTree:
            if (m_depth > 1) {
                m_traceStack.pop_back();
                return true;
            }
            break;
        default:
            break;
        }
        if (m_depth == 1)
            return endSection();
        return true;
    }

    Result<std::shared_ptr<const HeapSnapshot>> finish();

private:
    static bool isKnownArraySection(const std::string& key)
    {
        return key == "nodes" || key == "edges" || key == "strings" || key == "locations" || key == "samples"
            || key == "trace_function_infos" || key == "trace_tree";
    }

    bool tree(bool ok)
    {
        return ok || fail(m_tree.error());
    }
    bool fail(const std::string& message)
    {
        if (!m_error)
            m_error = ParseError::at(m_in.name(), m_in.Tell(), message);
        return false;
    }
    bool failAt(uint64_t offset, const std::string& message)
    {
        if (!m_error)
            m_error = ParseError::at(m_in.name(), offset, message);
        return false;
    }
    /// Fails at the first byte of the integer token `v` that ends at `end`.
    bool failValue(uint64_t v, uint64_t end, const std::string& message)
    {
        return failAt(end - decimalDigits(v), message);
    }

    bool scalar(const char* what)
    {
        if (m_section == Section::Header) {
            if (what[0] == 'n')
                return tree(m_tree.value(JsonTree::Node::null()));
            return tree(m_tree.value(JsonTree::Node::boolean()));
        }
        if (m_depth == 0)
            return fail(std::string("expected a JSON object at the top level, found ") + what);
        if (m_section == Section::Skip || m_depth < 2) {
            if (m_depth == 1 && isKnownArraySection(m_key))
                return fail("expected an array for \"" + m_key + "\", found " + what);
            return true;
        }
        if (m_section == Section::Strings)
            return fail(std::string("expected a string in \"strings\", found ") + what);
        return fail("expected an unsigned integer in \"" + m_sectionName + "\", found " + what);
    }
    bool negative(int64_t v)
    {
        if (m_section == Section::Header)
            return tree(m_tree.value(JsonTree::Node::makeNumber(double(v), false, 0)));
        if (m_depth == 0)
            return fail("expected a JSON object at the top level, found a number");
        if (m_section == Section::Skip || m_depth < 2) {
            if (m_depth == 1 && isKnownArraySection(m_key))
                return fail("expected an array for \"" + m_key + "\", found a number");
            return true;
        }
        const uint64_t magnitude = uint64_t(0) - uint64_t(v);
        const uint64_t at = m_in.Tell() - decimalDigits(magnitude) - 1;
        if (m_section == Section::Strings)
            return failAt(at, "expected a string in \"strings\", found a number");
        return failAt(at, "expected an unsigned integer in \"" + m_sectionName + "\", found " + std::to_string(v));
    }

    bool number(uint64_t v)
    {
        // The hot path passes where the value ends; messages point at its first byte (see failValue).
        if (!numberAt(v, m_in.Tell()))
            return false;
        if (m_haveHeader
            && (m_section == Section::Nodes || m_section == Section::Edges || m_section == Section::Locations))
            return scanRegularValues();
        return true;
    }

    /// The fast path for the numeric sections (92 % of a snapshot's bytes), measured in docs/performance.md:
    /// RapidJSON's iterative reader spends most of the parse in its per-token state machine, so after each
    /// number it hands us, this loop consumes the following `,<digits>` tokens itself, straight from the
    /// buffer, as long as they are plain unsigned integers of at most 19 digits followed by a delimiter.
    /// Anything else (another token, a long or signed or fractional number, the buffer's end) is left to
    /// RapidJSON, which then sees exactly what it would have seen, so errors and their offsets do not change.
    /// The stream is always left right after a number, where RapidJSON expects ',' or ']'.
    bool scanRegularValues()
    {
        const char* const start = m_in.cursor();
        const char* const end = m_in.bufferEnd();
        const uint64_t startOffset = m_in.Tell();
        const char* p = start;
        auto isSpace = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
        auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
        for (;;) {
            const char* q = p;
            while (q < end && isSpace(*q))
                ++q;
            if (q == end || *q != ',')
                break;
            ++q;
            while (q < end && isSpace(*q))
                ++q;
            const char* const digits = q;
            uint64_t v = 0;
            while (q < end && isDigit(*q) && q - digits < 19)
                v = v * 10 + uint64_t(*q++ - '0');
            if (q == digits || q == end || !(*q == ',' || *q == ']' || isSpace(*q)))
                break;
            if (*digits == '0' && q - digits > 1)
                break; // a leading zero: RapidJSON's error
            p = q;
            const uint64_t valueEnd = startOffset + uint64_t(p - start);
            bool ok;
            if (m_section == Section::Nodes)
                ok = nodeValue(v, valueEnd);
            else if (m_section == Section::Edges)
                ok = edgeValue(v, valueEnd);
            else
                ok = locationValue(v, valueEnd);
            if (!ok) {
                m_in.advanceTo(p);
                return false;
            }
        }
        m_in.advanceTo(p);
        return true;
    }

    /// The parallel fast path for a whole "nodes" or "edges" array of a mapped input, tried right after its '['
    /// (snapshotparallel.cpp). True when it read the section (the stream then stands on the ']'); false when the
    /// input is not mapped, the section is small, or anything is irregular: the serial path then reads it all.
    bool scanSectionInParallel();
    bool scanNodes(ScanChunk& c);
    bool scanEdges(ScanChunk& c);

    bool numberAt(uint64_t v, uint64_t end)
    {
        switch (m_section) {
        case Section::Nodes:
            if (!m_haveHeader) {
                m_pendingNodes.push_back({ v, end });
                return true;
            }
            return nodeValue(v, end);
        case Section::Edges:
            if (!m_haveHeader) {
                m_pendingEdges.push_back({ v, end });
                return true;
            }
            return edgeValue(v, end);
        case Section::Locations:
            if (!m_haveHeader) {
                m_pendingLocations.push_back({ v, end });
                return true;
            }
            return locationValue(v, end);
        case Section::Header:
            return tree(m_tree.value(JsonTree::Node::makeNumber(double(v), true, v)));
        case Section::Samples:
            m_snap->samples.push_back(v);
            return true;
        case Section::TraceFunctionInfos:
            if (v > UINT32_MAX)
                return failValue(v, end, "value " + std::to_string(v) + " in \"trace_function_infos\" exceeds 32 bits");
            m_snap->traceFunctionInfos.push_back(uint32_t(v));
            return true;
        case Section::TraceTree:
            return traceTreeValue(v);
        case Section::Strings:
            return failValue(v, end, "expected a string in \"strings\", found a number");
        default:
            if (m_depth == 0)
                return failValue(v, end, "expected a JSON object at the top level, found a number");
            if (m_depth == 1 && isKnownArraySection(m_key))
                return failValue(v, end, "expected an array for \"" + m_key + "\", found a number");
            return true;
        }
    }

    bool startSection()
    {
        const std::string& key = m_key;
        Section s = Section::Skip;
        if (key == "nodes")
            s = Section::Nodes;
        else if (key == "edges")
            s = Section::Edges;
        else if (key == "strings")
            s = Section::Strings;
        else if (key == "locations")
            s = Section::Locations;
        else if (key == "samples")
            s = Section::Samples;
        else if (key == "trace_function_infos")
            s = Section::TraceFunctionInfos;
        else if (key == "trace_tree")
            s = Section::TraceTree;
        else if (key == "snapshot")
            return fail("expected an object for \"snapshot\", found an array");
        if (s != Section::Skip) {
            const unsigned bit = 1u << unsigned(s);
            if (m_seenSections & bit)
                return fail("duplicate \"" + key + "\" section");
            m_seenSections |= bit;
            m_sectionStart[size_t(s)] = m_in.Tell();
        }
        m_section = s;
        m_sectionName = key;
        if (s == Section::TraceTree)
            m_traceStack.assign(1, TraceLevel { UINT32_MAX, 0, UINT32_MAX });
        if (m_haveHeader && (s == Section::Nodes || s == Section::Edges))
            scanSectionInParallel();
        const unsigned graphBits = 1u << unsigned(Section::Nodes) | 1u << unsigned(Section::Edges);
        if (s == Section::Strings && m_in.rawSize() && !m_in.compressed()
            && (m_seenSections & graphBits) == graphBits) {
            // V8's order: the strings come after the graph. Decoded, they are no longer than the rest of a plain
            // file (escapes only shrink): reserve that (pages never written cost nothing), and one offset per name
            // index seen.
            const uint64_t rest = m_in.rawSize() > m_in.Tell() ? m_in.rawSize() - m_in.Tell() : 0;
            m_snap->strings.reserve(rest, std::max(m_maxNodeName, m_maxEdgeName) + 1);
        }
        return true;
    }

    bool endSection()
    {
        const Section s = m_section;
        m_section = Section::None;
        m_sectionEnd[size_t(s)] = m_in.Tell();
        if (s == Section::TraceTree)
            m_traceStack.clear();
        return true;
    }

    // ---- snapshot header ----
    bool finishHeader();
    bool headerCount(const JsonTree::Node& header, const char* key, uint64_t& out);
    bool uniqueKeys(const JsonTree::Node& object, const char* path);
    bool readLayout(const JsonTree::Node& meta, const char* kind, std::initializer_list<const char*> required,
        std::vector<std::string>& fields, std::vector<std::string>& types);
    bool resolveNodeFields(const JsonTree::Node& meta);
    bool resolveEdgeFields(const JsonTree::Node& meta);
    bool replayPending();

    // ---- nodes ----
    bool nodeValue(uint64_t v, uint64_t end)
    {
        HeapSnapshot& s = *m_snap;
        if (m_nodeOrdinal >= s.nodeCount)
            return failValue(v, end, "more node values than node_count " + std::to_string(s.nodeCount) + " allows");
        const uint32_t ord = m_nodeOrdinal;
        if (m_nodeField == 0 && ord == s.nodeType.size())
            growNodes();
        switch (m_nodeRoles[m_nodeField]) {
        case NodeRole::Type:
            if (v >= s.nodeTypeNames.size())
                return failValue(v, end,
                    "node type " + std::to_string(v) + " is not in meta.node_types ("
                        + std::to_string(s.nodeTypeNames.size()) + " types)");
            s.nodeType[ord] = uint8_t(v);
            break;
        case NodeRole::Name:
            if (v > UINT32_MAX)
                return failValue(v, end, "node name index " + std::to_string(v) + " exceeds 32 bits");
            s.nodeName[ord] = uint32_t(v);
            if (v >= m_maxNodeName) {
                m_maxNodeName = v;
                m_maxNodeNameEnd = end;
            }
            break;
        case NodeRole::Id:
            if (v > UINT32_MAX)
                return failValue(v, end, "node id " + std::to_string(v) + " exceeds 32 bits");
            s.nodeId[ord] = uint32_t(v);
            break;
        case NodeRole::SelfSize:
            if (v > kMaxTotalSize)
                return failValue(v, end, "self_size " + std::to_string(v) + " is larger than 2^53 bytes");
            m_sizeSum += v;
            if (m_sizeSum > kMaxTotalSize)
                return failValue(v, end, "the nodes' self sizes add up to more than 2^53 bytes");
            s.nodeSelfSize.set(ord, v);
            break;
        case NodeRole::EdgeCount:
            m_edgeSum += v;
            if (m_edgeSum > s.edgeCount)
                return failValue(v, end,
                    "edge_count fields of the nodes add up to more than the header's edge_count "
                        + std::to_string(s.edgeCount));
            s.firstEdge[ord + 1] = uint32_t(m_edgeSum);
            break;
        case NodeRole::TraceNodeId:
            if (m_hasTraceNodeId)
                s.nodeTraceNodeId[ord] = uint32_t(std::min<uint64_t>(v, UINT32_MAX));
            break;
        case NodeRole::Detachedness:
            s.nodeDetachedness[ord] = uint8_t(v & 3);
            break;
        case NodeRole::Other:
            break;
        }
        if (++m_nodeField == m_nodeRoles.size()) {
            m_nodeField = 0;
            ++m_nodeOrdinal;
        }
        return true;
    }

    // ---- edges ----
    bool edgeValue(uint64_t v, uint64_t end)
    {
        HeapSnapshot& s = *m_snap;
        if (m_edgeOrdinal >= s.edgeCount)
            return failValue(v, end, "more edge values than edge_count " + std::to_string(s.edgeCount) + " allows");
        const uint32_t e = m_edgeOrdinal;
        if (m_edgeField == 0 && e == s.edgeWords.size())
            growEdges();
        switch (m_edgeRoles[m_edgeField]) {
        case EdgeRole::Type:
            if (v >= s.edgeTypeNames.size())
                return failValue(v, end,
                    "edge type " + std::to_string(v) + " is not in meta.edge_types ("
                        + std::to_string(s.edgeTypeNames.size()) + " types)");
            m_edgeTypeValue = uint32_t(v);
            break;
        case EdgeRole::Name:
            m_edgeNameEnd = end;
            if (v > UINT32_MAX)
                return failValue(v, end, "edge name_or_index " + std::to_string(v) + " exceeds 32 bits");
            s.edgeNameOrIndex[e] = uint32_t(v);
            break;
        case EdgeRole::ToNode: {
            const uint64_t nf = m_nodeRoles.size();
            if (v % nf != 0)
                return failValue(v, end,
                    "to_node " + std::to_string(v) + " is not a multiple of the node field count "
                        + std::to_string(nf));
            if (v / nf >= s.nodeCount)
                return failValue(v, end,
                    "to_node " + std::to_string(v) + " points past the last node (node_count "
                        + std::to_string(s.nodeCount) + ")");
            m_edgeTargetValue = uint32_t(v / nf);
            break;
        }
        case EdgeRole::Other:
            break;
        }
        if (++m_edgeField == m_edgeRoles.size()) {
            m_edgeField = 0;
            // Type and target share a word: written once both are in, whatever the field order.
            s.edgeWords[e] = packEdge(m_edgeTypeValue, m_edgeTargetValue);
            // The name check needs the edge type, which may come after the name in exotic field orders.
            if (s.edgeHasStringName(e) && s.edgeNameOrIndex[e] >= m_maxEdgeName) {
                m_maxEdgeName = s.edgeNameOrIndex[e];
                m_maxEdgeNameEnd = m_edgeNameEnd;
            }
            ++m_edgeOrdinal;
        }
        return true;
    }

    /// Column sizes when the header's counts are not trusted for presizing: double, up to the header's count.
    static uint64_t grownSize(uint64_t size, uint64_t count)
    {
        return std::min(count, size + std::max(size, kGrowStep));
    }
    void growNodes()
    {
        HeapSnapshot& s = *m_snap;
        const uint64_t n = grownSize(s.nodeType.size(), s.nodeCount);
        s.nodeType.resize(n);
        s.nodeName.resize(n);
        s.nodeId.resize(n);
        s.nodeSelfSize.resize(n);
        s.firstEdge.resize(n + 1);
        if (m_hasTraceNodeId)
            s.nodeTraceNodeId.resize(n);
        if (m_hasDetachedness)
            s.nodeDetachedness.resize(n);
    }
    void growEdges()
    {
        HeapSnapshot& s = *m_snap;
        const uint64_t n = grownSize(s.edgeWords.size(), s.edgeCount);
        s.edgeWords.resize(n);
        s.edgeNameOrIndex.resize(n);
    }

    // ---- locations ----
    bool locationValue(uint64_t v, uint64_t end)
    {
        if (m_locationFieldCount == 0)
            return true; // no location_fields in meta: DevTools ignores the section too
        if (v > UINT32_MAX)
            return failValue(v, end, "value " + std::to_string(v) + " in \"locations\" exceeds 32 bits");
        m_locationRecord[m_locationField] = uint32_t(v);
        if (m_locationField == m_locObject)
            m_locObjectEnd = end;
        if (++m_locationField < m_locationFieldCount)
            return true;
        m_locationField = 0;
        const uint64_t nf = m_nodeRoles.size();
        const uint32_t objectIndex = m_locationRecord[m_locObject];
        if (objectIndex % nf != 0 || objectIndex / nf >= m_snap->nodeCount)
            return failValue(objectIndex, m_locObjectEnd,
                "location object_index " + std::to_string(objectIndex) + " is not a valid node index");
        const uint32_t node = uint32_t(objectIndex / nf);
        const uint32_t site = locationSite(
            { m_locationRecord[m_locScript], m_locationRecord[m_locLine], m_locationRecord[m_locColumn] });
        m_snap->locations.push_back({ node, site }); // sorted by node in finish()
        return true;
    }
    /// Index of the site in HeapSnapshot::locationSites, added when new: an open-addressing table of site index + 1
    /// (0 free), grown at half full. A snapshot has a few thousand sites (one per allocating function).
    uint32_t locationSite(const HeapSnapshot::LocationSite& site)
    {
        Column<HeapSnapshot::LocationSite>& sites = m_snap->locationSites;
        auto slotOf = [&](const HeapSnapshot::LocationSite& x) {
            const uint64_t h = (uint64_t(x.scriptId) << 32 | x.line) * 0x9E3779B97F4A7C15ull
                ^ (uint64_t(x.column) + 0x632BE59BD9B4E019ull) * 0xC2B2AE3D27D4EB4Full;
            return size_t((h ^ (h >> 31)) & (m_siteSlots.size() - 1));
        };
        if (sites.size() * 2 >= m_siteSlots.size()) {
            m_siteSlots.assign(std::max<size_t>(1024, m_siteSlots.size() * 2), 0);
            for (uint32_t k = 0; k < sites.size(); ++k) {
                size_t slot = slotOf(sites[k]);
                while (m_siteSlots[slot])
                    slot = (slot + 1) & (m_siteSlots.size() - 1);
                m_siteSlots[slot] = k + 1;
            }
        }
        size_t slot = slotOf(site);
        for (; m_siteSlots[slot]; slot = (slot + 1) & (m_siteSlots.size() - 1))
            if (sites[m_siteSlots[slot] - 1] == site)
                return m_siteSlots[slot] - 1;
        m_siteSlots[slot] = uint32_t(sites.size()) + 1;
        sites.push_back(site);
        return uint32_t(sites.size()) - 1;
    }

    // ---- trace tree: nested arrays of (id, function_info_index, count, size, [children]) ----
    struct TraceLevel
    {
        uint32_t parent; ///< record that owns this children array
        uint32_t field; ///< next field position within the current tuple
        uint32_t current; ///< record being filled at this level
    };
    bool traceTreeValue(uint64_t v)
    {
        TraceLevel& level = m_traceStack.back();
        if (level.field == 0) {
            level.current = uint32_t(m_snap->traceTree.size());
            m_snap->traceTree.push_back({ 0, 0, 0, 0, level.parent });
        }
        HeapSnapshot::TraceNode& t = m_snap->traceTree[level.current];
        const uint32_t value = uint32_t(std::min<uint64_t>(v, UINT32_MAX));
        switch (level.field) {
        case 0:
            t.id = value;
            break;
        case 1:
            t.functionInfoIndex = value;
            break;
        case 2:
            t.count = value;
            break;
        case 3:
            t.size = value;
            break;
        default:
            return fail("expected a children array in \"trace_tree\", found a number");
        }
        ++level.field;
        return true;
    }
    bool traceTreeStartArray()
    {
        TraceLevel& level = m_traceStack.back();
        if (level.field != 4)
            return fail("unexpected array in \"trace_tree\": a node has fewer than 4 numbers before its children");
        level.field = 0;
        m_traceStack.push_back(TraceLevel { level.current, 0, UINT32_MAX });
        return true;
    }

    InputStream& m_in;
    std::shared_ptr<HeapSnapshot> m_snap;
    JsonTree m_tree;
    int m_depth = 0;
    Section m_section = Section::None;
    std::string m_sectionName;
    std::string m_key;
    unsigned m_seenSections = 0;
    std::array<uint64_t, 10> m_sectionStart {};
    std::array<uint64_t, 10> m_sectionEnd {};
    bool m_haveHeader = false;

    std::vector<NodeRole> m_nodeRoles;
    std::vector<EdgeRole> m_edgeRoles;
    uint32_t m_nodeField = 0, m_nodeOrdinal = 0, m_edgeField = 0, m_edgeOrdinal = 0;
    uint32_t m_edgeTypeValue = 0, m_edgeTargetValue = 0; ///< the current edge record's, until it is complete
    uint64_t m_edgeSum = 0;
    uint64_t m_sizeSum = 0; ///< self sizes so far, bytes
    bool m_hasTraceNodeId = false, m_hasDetachedness = false;
    /// Largest node and edge name indices, and where their tokens end (checked against "strings" at the end).
    uint64_t m_maxNodeName = 0, m_maxNodeNameEnd = 0, m_maxEdgeName = 0, m_maxEdgeNameEnd = 0, m_edgeNameEnd = 0;
    uint64_t m_locObjectEnd = 0;
    uint32_t m_locationFieldCount = 0, m_locationField = 0;
    uint32_t m_locObject = 0, m_locScript = 0, m_locLine = 0, m_locColumn = 0;
    std::array<uint32_t, 16> m_locationRecord {};
    std::vector<uint32_t> m_siteSlots; ///< locationSite's hash table
    std::vector<TraceLevel> m_traceStack;
    std::vector<PendingValue> m_pendingNodes, m_pendingEdges, m_pendingLocations;
};

/// Index of `name` in `list`, or -1.
int indexOf(const std::vector<std::string>& list, std::string_view name);

} // namespace v8scope::snapshotreader
