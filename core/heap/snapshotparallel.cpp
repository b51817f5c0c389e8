// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The parallel fast path for the "nodes" and "edges" arrays of a mapped snapshot (about 90 % of its bytes), in one
// pass over the text: the section is cut into fixed blocks (4 MiB); each thread takes the next block, copies it
// out of the file with pread (into a buffer it reuses: on a virtual machine this is a fraction of the cost of
// faulting the mapping's pages in and handing them back), counts its commas and looks for the closing ']' in one
// vectorised loop, waits until the comma counts of all earlier blocks are known (they tell which record starts
// first in the block), and scans the records that start in its block straight into the presized columns, while
// the block is still in the cache. The mapping's pages of the section are never touched.
//
// The path only ever accepts a section the serial reader would accept with the same result; at the first thing it
// does not expect (a token other than a plain integer, a value the serial checks would reject, a count that does
// not match the header, a record longer than the look-ahead) it gives up and the serial reader reads the section
// again from its start, so errors and their byte offsets are exactly the serial reader's.
#include "snapshothandler.h"

#include <atomic>
#include <cstring>
#include <memory>
#include <thread>

#if defined(__x86_64__)
#include <emmintrin.h>
#endif

namespace v8scope::snapshotreader {

namespace {

inline bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/// Parses one plain unsigned integer (1-19 digits, no leading zero) at p, skipping whitespace around it; leaves p
/// on the delimiter after the trailing whitespace and sets `end` just after the last digit. The text must end in
/// a byte that is neither a digit nor whitespace (the array's ']' or the block buffer's NUL), so no bounds check is
/// needed.
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

/// Counts the ',' in [p, end) before the first ']', and sets `close` to that ']' (nullptr when there is none).
uint64_t countToClose(const char* p, const char* end, const char*& close)
{
    uint64_t n = 0;
    close = nullptr;
#if defined(__x86_64__)
    const __m128i comma = _mm_set1_epi8(','), bracket = _mm_set1_epi8(']'), zero = _mm_setzero_si128();
    while (end - p >= 64) {
        // Byte-wide counters gain at most 4 per 64-byte step: add them up every 63 steps, before they overflow.
        const char* const stop = p + 64 * std::min<ptrdiff_t>(63, (end - p) / 64);
        __m128i acc = zero;
        for (; p < stop; p += 64) {
            const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16));
            const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 32));
            const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 48));
            const __m128i br = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(a, bracket), _mm_cmpeq_epi8(b, bracket)),
                _mm_or_si128(_mm_cmpeq_epi8(c, bracket), _mm_cmpeq_epi8(d, bracket)));
            if (_mm_movemask_epi8(br))
                break; // the ']' is somewhere in these 64 bytes: the byte loop below finds it
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(a, comma));
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(b, comma));
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(c, comma));
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(d, comma));
        }
        const __m128i sums = _mm_sad_epu8(acc, zero);
        n += uint64_t(_mm_cvtsi128_si64(sums)) + uint64_t(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
        if (p < stop)
            break;
    }
#endif
    for (; p < end; ++p) {
        if (*p == ']') {
            close = p;
            return n;
        }
        n += *p == ',';
    }
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
/// How far past its block a thread reads: the last record that starts in a block ends in these bytes (a V8
/// record takes well under 100), or the scan gives up.
constexpr size_t kLookAhead = size_t(64) << 10;
constexpr uint32_t kAllKnown = UINT32_MAX;

} // namespace

/// The records [firstRecord, endRecord) of one block, scanned from `begin` in a thread's buffer.
struct ScanChunk
{
    const char* begin = nullptr;
    const char* buffer = nullptr; ///< the buffer's first byte, which is the file's byte `bufferOffset`
    uint64_t bufferOffset = 0;
    uint64_t firstRecord = 0, endRecord = 0;
    const char* end = nullptr; ///< set by the scan: where it stopped
    // nodes
    uint64_t edgeSum = 0, sizeSum = 0;
    // nodes: largest name index and where its last occurrence ends (file offset); edges: the same for string-named
    // edges. Kept per thread across its chunks.
    bool haveMax = false;
    uint64_t maxName = 0, maxNameEnd = 0;
};

namespace {

/// What the threads know about one block.
struct BlockInfo
{
    uint64_t commas = 0; ///< ',' in the block (before the ']' if it holds one)
    uint64_t before = 0; ///< ',' in the section before the block (valid once the block is "known")
    uint64_t firstRecord = 0, endRecord = 0;
    uint64_t edgeSum = 0;
    uint64_t closeOffset = 0; ///< the ']' (the block with it is the section's last)
};

} // namespace

bool SnapshotHandler::scanSectionInParallel()
{
    HeapSnapshot& s = *m_snap;
    const bool nodes = m_section == Section::Nodes;
    const uint64_t records = nodes ? s.nodeCount : s.edgeCount;
    const uint64_t nf = nodes ? m_nodeRoles.size() : m_edgeRoles.size();
    const char* const limit = m_in.mappedEnd();
    // RapidJSON calls StartArray before it takes the '[': the values start after it.
    if (!limit || m_in.cursor() == m_in.bufferEnd() || *m_in.cursor() != '[' || records == 0)
        return false;
    const uint64_t begin = m_in.Tell() + 1; // file offsets from here on
    const uint64_t end = begin + uint64_t(limit - m_in.cursor() - 1);
    // The values need at least one digit and one delimiter each.
    if (end - begin < m_in.parallelMinBytes() || records * nf * 2 < m_in.parallelMinBytes())
        return false;
    // Presized columns only: untrusted headers grow the columns as values arrive (serial path).
    if (nodes ? s.nodeType.size() != records : s.edgeWords.size() != records)
        return false;
    unsigned threads = m_in.parseThreads() ? m_in.parseThreads() : std::max(1u, std::thread::hardware_concurrency());
    threads = unsigned(std::min<uint64_t>({ threads, 64, records }));
    const size_t blockBytes = m_in.parallelBlockBytes();
    // (Tests' tiny blocks read less ahead, or every block would read 64 KiB.)
    const size_t lookAhead = std::clamp(blockBytes, size_t(256), kLookAhead);
    const uint64_t blockCount = (end - begin + blockBytes - 1) / blockBytes;
    if (blockCount >= kAllKnown)
        return false;

    std::vector<BlockInfo> blocks(blockCount + 1);
    std::vector<ScanChunk> perThread(threads); // the running maxima and self size sums of each thread
    std::atomic<uint64_t> nextBlock { 0 };
    std::atomic<uint32_t> known { 0 }; ///< blocks [0, known) have their `before`; kAllKnown once the ']' is found
    std::atomic<uint64_t> lastBlock { UINT64_MAX }; ///< the block with the ']'
    std::atomic<bool> failed { false };
    auto fail = [&] {
        failed.store(true);
        known.store(kAllKnown);
        known.notify_all();
    };

    runParallel(threads, [&](unsigned t) {
        ScanChunk& acc = perThread[t];
        std::unique_ptr<char[]> buffer;
        while (!failed.load(std::memory_order_relaxed)) {
            const uint64_t b = nextBlock.fetch_add(1);
            if (b >= blockCount || b > lastBlock.load())
                break;
            if (m_in.control().cancelled())
                return fail();
            if (!buffer)
                buffer = std::make_unique_for_overwrite<char[]>(blockBytes + lookAhead + 1);
            const uint64_t from = begin + b * blockBytes;
            const uint64_t to = std::min(end, from + blockBytes);
            const size_t want = size_t(std::min(end, to + lookAhead) - from);
            char* const buf = buffer.get();
            const bool read = m_in.readAt(from, buf, want) == want;
            buf[read ? want : 0] = '\0'; // stops every scan at the buffer's end
            const char* close = nullptr;
            BlockInfo& block = blocks[b];
            if (read)
                block.commas = countToClose(buf, buf + (to - from), close);
            if (close)
                block.closeOffset = from + uint64_t(close - buf);

            // Wait for the earlier blocks' counts, then hand ours on (unless the section ended before this block).
            for (uint32_t k; (k = known.load()) < b;)
                known.wait(k);
            if (failed.load() || b > lastBlock.load())
                break;
            if (!read || (!close && to == end))
                return fail(); // no ']' before the end of the input: the serial reader says what is wrong
            const uint64_t before = block.before;
            uint64_t first = b == 0 ? 0 : std::min(records, before / nf + 1);
            uint64_t last;
            if (close) {
                if (before + block.commas + 1 != records * nf)
                    return fail(); // more or fewer values than the header's count
                last = records;
                lastBlock.store(b);
                known.store(kAllKnown);
            } else {
                // The first record whose starting comma lies in a later block starts the next block.
                last = std::min(records, (before + block.commas) / nf + 1);
                blocks[b + 1].before = before + block.commas;
                known.store(uint32_t(b + 1));
            }
            known.notify_all();
            first = std::min(first, last);
            block.firstRecord = first;
            block.endRecord = last;
            if (first == last)
                continue;

            // Record `first` (> 0) starts right after comma number first * nf of the section, inside this block.
            const char* p = buf;
            if (first > 0)
                for (uint64_t need = first * nf - before; need > 0; ++p) {
                    if (p == buf + (to - from))
                        return fail();
                    if (*p == ',')
                        --need;
                }
            ScanChunk c;
            c.begin = p;
            c.buffer = buf;
            c.bufferOffset = from;
            c.firstRecord = first;
            c.endRecord = last;
            c.haveMax = acc.haveMax;
            c.maxName = acc.maxName;
            c.maxNameEnd = acc.maxNameEnd;
            c.sizeSum = acc.sizeSum;
            if (!(nodes ? scanNodes(c) : scanEdges(c)))
                return fail();
            // The section's last value must be followed by the ']' this block found (not a later one).
            if (close && c.end != close)
                return fail();
            acc.haveMax = c.haveMax;
            acc.maxName = c.maxName;
            acc.maxNameEnd = c.maxNameEnd;
            acc.sizeSum = c.sizeSum;
            block.edgeSum = c.edgeSum;
        }
    });
    const uint64_t closeBlock = lastBlock.load();
    if (failed.load() || closeBlock >= blockCount)
        return false;

    if (nodes) {
        // Each block wrote its running edge counts: add the edges of the blocks before it.
        std::vector<uint64_t> edgesBefore(closeBlock + 1, 0);
        uint64_t edgeSum = 0, sizeSum = 0;
        for (uint64_t b = 0; b <= closeBlock; ++b) {
            edgesBefore[b] = edgeSum;
            edgeSum += blocks[b].edgeSum;
        }
        for (const ScanChunk& c : perThread)
            sizeSum += c.sizeSum;
        if (edgeSum > s.edgeCount || sizeSum > kMaxTotalSize)
            return false; // the serial reader finds the value that crossed the limit
        std::atomic<uint64_t> next { 0 };
        runParallel(threads, [&](unsigned) {
            for (uint64_t b; (b = next.fetch_add(1)) <= closeBlock;)
                if (edgesBefore[b])
                    for (uint64_t i = blocks[b].firstRecord; i < blocks[b].endRecord; ++i)
                        s.firstEdge[i + 1] += uint32_t(edgesBefore[b]);
        });
        for (const ScanChunk& c : perThread)
            if (c.haveMax
                && (c.maxName > m_maxNodeName || (c.maxName == m_maxNodeName && c.maxNameEnd > m_maxNodeNameEnd))) {
                m_maxNodeName = c.maxName;
                m_maxNodeNameEnd = c.maxNameEnd;
            }
        m_edgeSum = edgeSum;
        m_sizeSum = sizeSum;
        m_nodeOrdinal = uint32_t(records);
        m_nodeField = 0;
    } else {
        for (const ScanChunk& c : perThread)
            if (c.haveMax
                && (c.maxName > m_maxEdgeName || (c.maxName == m_maxEdgeName && c.maxNameEnd > m_maxEdgeNameEnd))) {
                m_maxEdgeName = c.maxName;
                m_maxEdgeNameEnd = c.maxNameEnd;
            }
        m_edgeOrdinal = uint32_t(records);
        m_edgeField = 0;
    }
    // RapidJSON takes one byte (the '[' it saw) when StartArray returns: leave it the byte before the ']', a digit
    // or whitespace of the last value, so that it reads the ']' next and ends the array.
    m_in.skipTo(m_in.cursor() + (blocks[closeBlock].closeOffset - m_in.Tell()) - 1);
    m_in.noteParallelSection();
    return true;
}

bool SnapshotHandler::scanNodes(ScanChunk& c)
{
    HeapSnapshot& s = *m_snap;
    const size_t nf = m_nodeRoles.size();
    const NodeRole* const roles = m_nodeRoles.data();
    const uint64_t typeCount = s.nodeTypeNames.size();
    const uint64_t records = s.nodeCount;
    const char* p = c.begin;
    uint64_t edgeSum = 0, sizeSum = c.sizeSum;
    for (uint64_t ord = c.firstRecord; ord < c.endRecord; ++ord) {
        if ((ord & (kPollValues - 1)) == 0 && m_in.control().cancelled())
            return false;
        for (size_t f = 0; f < nf; ++f) {
            uint64_t v;
            const char* end;
            if (!scanValue(p, v, end))
                return false;
            if (*p == ',')
                ++p;
            else if (!(*p == ']' && ord + 1 == records && f + 1 == nf))
                return false; // only the section's last value may stand before the ']'
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
                    c.maxNameEnd = c.bufferOffset + uint64_t(end - c.buffer);
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
    c.end = p;
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
    const uint64_t records = s.edgeCount;
    const char* p = c.begin;
    for (uint64_t e = c.firstRecord; e < c.endRecord; ++e) {
        if ((e & (kPollValues - 1)) == 0 && m_in.control().cancelled())
            return false;
        const char* nameEnd = nullptr;
        uint32_t type = 0, target = 0; // one word, written once the record is read (any field order)
        for (size_t f = 0; f < ef; ++f) {
            uint64_t v;
            const char* end;
            if (!scanValue(p, v, end))
                return false;
            if (*p == ',')
                ++p;
            else if (!(*p == ']' && e + 1 == records && f + 1 == ef))
                return false;
            switch (roles[f]) {
            case EdgeRole::Type:
                if (v >= typeCount)
                    return false;
                type = uint32_t(v);
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
                    target = uint32_t(v / 7);
                } else if (nf == 6) {
                    if (v % 6)
                        return false;
                    target = uint32_t(v / 6);
                } else {
                    if (v % nf)
                        return false;
                    target = uint32_t(v / nf);
                }
                break;
            case EdgeRole::Other:
                break;
            }
        }
        s.edgeWords[e] = packEdge(type, target);
        if (int(type) != element && int(type) != hidden && (!c.haveMax || s.edgeNameOrIndex[e] >= c.maxName)) {
            c.haveMax = true;
            c.maxName = s.edgeNameOrIndex[e];
            c.maxNameEnd = c.bufferOffset + uint64_t(nameEnd - c.buffer);
        }
    }
    c.end = p;
    return true;
}

} // namespace v8scope::snapshotreader
