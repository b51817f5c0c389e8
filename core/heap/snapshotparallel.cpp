// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The parallel fast path for the "nodes" and "edges" arrays of a mapped snapshot (about 90 % of its bytes): the
// array is split into chunks at record boundaries and every chunk is scanned on its own thread straight into the
// presized columns. The path only ever accepts a section the serial reader would accept with the same result;
// at the first thing it does not expect (a token other than a plain integer, a value the serial checks would
// reject, a count that does not match the header) it gives up and the serial reader reads the section again from
// its start, so errors and their byte offsets are exactly the serial reader's.
#include "snapshothandler.h"

#include <cstring>
#include <thread>

namespace v8scope::snapshotreader {

namespace {

inline bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/// Parses one plain unsigned integer (1-19 digits, no leading zero) at p, skipping whitespace around it; leaves p
/// on the delimiter after the trailing whitespace and sets `end` just after the last digit. The text must end in
/// a byte that is neither a digit nor whitespace (the array's ']'), so no bounds check is needed.
inline bool scanValue(const char*& p, uint64_t& v, const char*& end)
{
    while (isSpace(*p))
        ++p;
    const char* const digits = p;
    unsigned d = unsigned(*p) - '0';
    if (d > 9)
        return false;
    v = d;
    ++p;
    while ((d = unsigned(*p) - '0') <= 9) {
        v = v * 10 + d;
        ++p;
    }
    const ptrdiff_t n = p - digits;
    if (n > 19 || (n > 1 && *digits == '0'))
        return false;
    end = p;
    while (isSpace(*p))
        ++p;
    return true;
}

} // namespace

/// One chunk of records [firstRecord, endRecord) starting at `begin`; results merged after all threads finish.
struct ScanChunk
{
    const char* begin = nullptr;
    const char* end = nullptr; ///< one past the chunk's last delimiter (the next chunk's begin, or the ']')
    uint64_t firstRecord = 0, endRecord = 0;
    bool ok = true;
    // nodes
    uint64_t edgeSum = 0, sizeSum = 0;
    // nodes: largest name index and where its last occurrence ends; edges: the same for string-named edges
    bool haveMax = false;
    uint64_t maxName = 0;
    const char* maxNameEnd = nullptr;
};

namespace {

/// Counts the ',' bytes in [p, end).
uint64_t countCommas(const char* p, const char* end)
{
    uint64_t n = 0;
    while (end - p >= 64) {
        unsigned block = 0;
        for (int i = 0; i < 64; ++i)
            block += p[i] == ',';
        n += block;
        p += 64;
    }
    for (; p < end; ++p)
        n += *p == ',';
    return n;
}

/// Runs f(i) for i in [0, n) on n threads (the calling thread takes i = 0).
template <typename F> void runParallel(unsigned n, F f)
{
    std::vector<std::thread> threads;
    threads.reserve(n);
    for (unsigned i = 1; i < n; ++i)
        threads.emplace_back([&f, i] { f(i); });
    f(0);
    for (std::thread& t : threads)
        t.join();
}

constexpr uint64_t kPollValues = uint64_t(1) << 20; ///< cancellation is polled every this many values
constexpr size_t kReleaseBytes = size_t(16) << 20; ///< consumed text is released in steps of this many bytes

} // namespace

bool SnapshotHandler::scanSectionInParallel()
{
    HeapSnapshot& s = *m_snap;
    const bool nodes = m_section == Section::Nodes;
    const uint64_t records = nodes ? s.nodeCount : s.edgeCount;
    const uint64_t nf = nodes ? m_nodeRoles.size() : m_edgeRoles.size();
    const char* const limit = m_in.mappedEnd();
    // RapidJSON calls StartArray before it takes the '[': the values start after it.
    if (!limit || m_in.cursor() == m_in.bufferEnd() || *m_in.cursor() != '[')
        return false;
    const char* const begin = m_in.cursor() + 1;
    if (uint64_t(limit - begin) < m_in.parallelMinBytes() || records == 0)
        return false;
    // Presized columns only: untrusted headers grow the columns as values arrive (serial path).
    if (nodes ? s.nodeType.size() != records : s.edgeType.size() != records)
        return false;
    // The array ends at the first ']' (anything before it that is not a plain number makes the scan give up).
    // Searched in steps, handing each step's pages back, so the section never sits in memory whole.
    const char* close = nullptr;
    for (const char* p = begin; p < limit && !close;) {
        const char* const q = limit - p > ptrdiff_t(kReleaseBytes) ? p + kReleaseBytes : limit;
        close = static_cast<const char*>(std::memchr(p, ']', size_t(q - p)));
        m_in.release(p, close ? close : q);
        p = q;
    }
    if (!close || uint64_t(close - begin) < m_in.parallelMinBytes())
        return false;
    unsigned threads = m_in.parseThreads() ? m_in.parseThreads() : std::max(1u, std::thread::hardware_concurrency());
    threads = unsigned(std::min<uint64_t>({ threads, 64, records }));
    const uint64_t bytes = uint64_t(close - begin);

    // Pass 1: commas per equal slice, in parallel; the values must be exactly the header's count.
    std::vector<uint64_t> commas(threads, 0);
    auto sliceBegin = [&](unsigned t) { return begin + size_t(bytes * t / threads); };
    runParallel(threads, [&](unsigned t) {
        const char* const a = sliceBegin(t);
        const char* const b = t + 1 == threads ? close : sliceBegin(t + 1);
        for (const char* p = a; p < b;) {
            const char* const q = b - p > ptrdiff_t(kReleaseBytes) ? p + kReleaseBytes : b;
            commas[t] += countCommas(p, q);
            m_in.release(p, q);
            p = q;
        }
    });
    uint64_t totalCommas = 0;
    for (uint64_t c : commas)
        totalCommas += c;
    if (totalCommas + 1 != records * nf)
        return false;

    // Chunk t starts at the first record boundary at or after its slice: right after comma number k * nf.
    std::vector<ScanChunk> chunks(threads);
    chunks[0].begin = begin;
    uint64_t before = commas[0];
    for (unsigned t = 1; t < threads; ++t) {
        // The first record that starts after the slice's first byte: commas before the slice end inside or at the
        // end of record before / nf, so the next one starts after the slice begins.
        uint64_t record = before / nf + 1;
        const char* p = sliceBegin(t);
        if (record >= records) {
            p = close;
            record = records;
        } else {
            // Skip to just after comma number record * nf (1-based); `before` commas lie before the slice.
            for (uint64_t need = record * nf - before; need > 0; ++p)
                if (*p == ',')
                    --need;
        }
        chunks[t].begin = std::max(p, chunks[t - 1].begin);
        chunks[t].firstRecord = std::max(record, chunks[t - 1].firstRecord);
        before += commas[t];
    }
    for (unsigned t = 0; t < threads; ++t) {
        chunks[t].end = t + 1 == threads ? close : chunks[t + 1].begin;
        chunks[t].endRecord = t + 1 == threads ? records : chunks[t + 1].firstRecord;
    }

    // Pass 2: every chunk scans its records into the columns.
    runParallel(threads, [&](unsigned t) {
        ScanChunk& c = chunks[t];
        c.ok = nodes ? scanNodes(c) : scanEdges(c);
    });
    for (const ScanChunk& c : chunks)
        if (!c.ok)
            return false;

    const uint64_t base = m_in.Tell() + 1;
    auto offsetOf = [&](const char* p) { return base + uint64_t(p - begin); };
    if (nodes) {
        uint64_t edgeSum = 0, sizeSum = 0;
        for (const ScanChunk& c : chunks) {
            // Turn each chunk's running edge counts into the global CSR offsets.
            if (edgeSum)
                for (uint64_t i = c.firstRecord; i < c.endRecord; ++i)
                    s.firstEdge[i + 1] += uint32_t(edgeSum);
            edgeSum += c.edgeSum;
            sizeSum += c.sizeSum;
            if (edgeSum > s.edgeCount || sizeSum > kMaxTotalSize)
                return false; // the serial reader finds the value that crossed the limit
        }
        for (const ScanChunk& c : chunks)
            if (c.haveMax && c.maxName >= m_maxNodeName) {
                m_maxNodeName = c.maxName;
                m_maxNodeNameEnd = offsetOf(c.maxNameEnd);
            }
        m_edgeSum = edgeSum;
        m_sizeSum = sizeSum;
        m_nodeOrdinal = uint32_t(records);
        m_nodeField = 0;
    } else {
        for (const ScanChunk& c : chunks)
            if (c.haveMax && c.maxName >= m_maxEdgeName) {
                m_maxEdgeName = c.maxName;
                m_maxEdgeNameEnd = offsetOf(c.maxNameEnd);
            }
        m_edgeOrdinal = uint32_t(records);
        m_edgeField = 0;
    }
    // RapidJSON takes one byte (the '[' it saw) when StartArray returns: leave it the byte before the ']', a digit
    // or whitespace of the last value, so that it reads the ']' next and ends the array.
    m_in.skipTo(close - 1);
    m_in.noteParallelSection();
    return true;
}

bool SnapshotHandler::scanNodes(ScanChunk& c)
{
    HeapSnapshot& s = *m_snap;
    const size_t nf = m_nodeRoles.size();
    const NodeRole* const roles = m_nodeRoles.data();
    const uint64_t typeCount = s.nodeTypeNames.size();
    const bool last = c.end[0] == ']';
    const char* p = c.begin;
    const char* releasedTo = p;
    uint64_t edgeSum = 0, sizeSum = 0;
    for (uint64_t ord = c.firstRecord; ord < c.endRecord; ++ord) {
        if ((ord & (kPollValues - 1)) == 0) {
            if (m_in.control().cancelled())
                return false;
            if (p - releasedTo > ptrdiff_t(kReleaseBytes)) {
                m_in.release(releasedTo, p);
                releasedTo = p;
            }
        }
        for (size_t f = 0; f < nf; ++f) {
            uint64_t v;
            const char* end;
            if (!scanValue(p, v, end))
                return false;
            if (*p == ',')
                ++p;
            else if (!(last && p == c.end && ord + 1 == c.endRecord && f + 1 == nf))
                return false;
            switch (roles[f]) {
            case NodeRole::Type:
                if (v >= typeCount)
                    return false;
                s.nodeType[ord] = uint8_t(v);
                break;
            case NodeRole::Name:
                if (v > UINT32_MAX)
                    return false;
                s.nodeName[ord] = uint32_t(v);
                if (!c.haveMax || v >= c.maxName) {
                    c.haveMax = true;
                    c.maxName = v;
                    c.maxNameEnd = end;
                }
                break;
            case NodeRole::Id:
                if (v > UINT32_MAX)
                    return false;
                s.nodeId[ord] = uint32_t(v);
                break;
            case NodeRole::SelfSize:
                if (v > kMaxTotalSize)
                    return false;
                sizeSum += v;
                if (sizeSum > kMaxTotalSize)
                    return false;
                if (v >= SizeColumn::kOverflow)
                    return false; // the side table is the serial reader's business
                s.nodeSelfSize.low()[ord] = uint32_t(v);
                break;
            case NodeRole::EdgeCount:
                edgeSum += v;
                if (edgeSum > s.edgeCount)
                    return false;
                s.firstEdge[ord + 1] = uint32_t(edgeSum); // made global after all chunks are done
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
        }
    }
    if (p != c.end)
        return false;
    m_in.release(releasedTo, p);
    c.edgeSum = edgeSum;
    c.sizeSum = sizeSum;
    return true;
}

bool SnapshotHandler::scanEdges(ScanChunk& c)
{
    HeapSnapshot& s = *m_snap;
    const size_t ef = m_edgeRoles.size();
    const EdgeRole* const roles = m_edgeRoles.data();
    const uint64_t typeCount = s.edgeTypeNames.size();
    const uint64_t nf = m_nodeRoles.size();
    const uint64_t nodeLimit = uint64_t(s.nodeCount) * nf;
    const int element = s.edgeTypes.element, hidden = s.edgeTypes.hidden;
    const bool last = c.end[0] == ']';
    const char* p = c.begin;
    const char* releasedTo = p;
    for (uint64_t e = c.firstRecord; e < c.endRecord; ++e) {
        if ((e & (kPollValues - 1)) == 0) {
            if (m_in.control().cancelled())
                return false;
            if (p - releasedTo > ptrdiff_t(kReleaseBytes)) {
                m_in.release(releasedTo, p);
                releasedTo = p;
            }
        }
        const char* nameEnd = nullptr;
        for (size_t f = 0; f < ef; ++f) {
            uint64_t v;
            const char* end;
            if (!scanValue(p, v, end))
                return false;
            if (*p == ',')
                ++p;
            else if (!(last && p == c.end && e + 1 == c.endRecord && f + 1 == ef))
                return false;
            switch (roles[f]) {
            case EdgeRole::Type:
                if (v >= typeCount)
                    return false;
                s.edgeType[e] = uint8_t(v);
                break;
            case EdgeRole::Name:
                if (v > UINT32_MAX)
                    return false;
                s.edgeNameOrIndex[e] = uint32_t(v);
                nameEnd = end;
                break;
            case EdgeRole::ToNode:
                if (v >= nodeLimit)
                    return false;
                // Most snapshots have 7 or 6 node fields: constant divisors compile to multiplications.
                if (nf == 7) {
                    if (v % 7)
                        return false;
                    s.edgeTarget[e] = uint32_t(v / 7);
                } else if (nf == 6) {
                    if (v % 6)
                        return false;
                    s.edgeTarget[e] = uint32_t(v / 6);
                } else {
                    if (v % nf)
                        return false;
                    s.edgeTarget[e] = uint32_t(v / nf);
                }
                break;
            case EdgeRole::Other:
                break;
            }
        }
        const int type = s.edgeType[e];
        if (type != element && type != hidden && (!c.haveMax || s.edgeNameOrIndex[e] >= c.maxName)) {
            c.haveMax = true;
            c.maxName = s.edgeNameOrIndex[e];
            c.maxNameEnd = nameEnd;
        }
    }
    if (p != c.end)
        return false;
    m_in.release(releasedTo, p);
    return true;
}

} // namespace v8scope::snapshotreader
