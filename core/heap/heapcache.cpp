// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The binary analysis cache. File layout (all integers little-endian, as this machine writes them):
//   header (Header below): "V8SCACHE", version, the key (path length, file size, mtime, device, inode), where the
//           regions are, the block size, the checksum of the metadata region plus the block table, and the
//           header's own checksum (over the header and the path); then the absolute path
//   data region (at dataAt, a multiple of 64 KiB): the elements of every array (Column) of the snapshot, of the
//           analysis and of the Summary rows' members, each starting at a multiple of 64 bytes
//   metadata region (right after the data): everything else in a fixed order (counts, small values, strings,
//           object-shape definitions, the Summary rows), 8-byte aligned; an array is its count and its offset
//           in the data region
//   block table (right after the metadata): one checksum per blockBytes of the data region
// The checksum is a 4-lane multiply-xorshift hash over 64-bit words (see Hasher). On open the header, the key,
// the layout, the header's checksum and the metadata's are checked; the data region is checked per block, either
// all before load() returns (Verify::Everything, two threads) or each block the first time a reader touches it
// (Verify::OnFirstUse: the region is mapped PROT_NONE; the SIGSEGV handler checks the faulting block and makes it
// readable, or ends the process). Any mismatch makes the file "invalid": it is deleted and the snapshot is parsed
// again.
#include "heapcache.h"

#include "cachemapping.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <mutex>
#include <sched.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <type_traits>
#include <unistd.h>
#include <utility>

namespace v8scope {

namespace {
using heapcache_detail::hashBytes;
using heapcache_detail::Mapping;

constexpr char kMagic[8] = { 'V', '8', 'S', 'C', 'A', 'C', 'H', 'E' };
/// Bump whenever the payload changes (a field added to HeapSnapshot or HeapAnalysis, an order changed).
constexpr uint32_t kVersion = 12; // 2: dominated children sorted, rowInParent; 3: the Summary section; 4: retainer
                                  // slot bits instead of edges, 32-bit sizes with an overflow table, no rowInParent;
                                  // 5: arrays read in place from a data region checksummed per block; 6: no
                                  // snapshot self sizes (the analysis' shallow sizes are the only copy); 7: edge
                                  // type and target in one word (HeapSnapshot::edgeWords); 8: location sites stored
                                  // once, records (node, site) sorted by node; 9: the Summary's members may be in
                                  // file order (summaryMembersSorted); 10: one state byte per node (DOM state,
                                  // flags, renamed bit), renames as a sorted table, no snapshot detachedness; 11:
                                  // string offsets in 32 bits with wraps; 12: distances in
                                  // 16-bit codes with an overflow table (DistanceColumn)
constexpr const char* kSuffix = ".v8scache";
constexpr size_t kRegionAlign = size_t(64) << 10; ///< dataAt and blockBytes: a multiple of any page size
constexpr size_t kArrayAlign = 64; ///< every array's offset in the data region

// A field added to these structs must be written and read below (and kVersion bumped); these sizes make the
// build fail until then (sizes with libstdc++ on 64-bit targets).
#if defined(__GLIBCXX__) && __SIZEOF_POINTER__ == 8
static_assert(sizeof(HeapSnapshot) == 1464, "HeapSnapshot changed: update heapcache.cpp and bump kVersion");
static_assert(sizeof(HeapAnalysis) == 1288, "HeapAnalysis changed: update heapcache.cpp and bump kVersion");
static_assert(sizeof(ClassNames) == 128, "ClassNames changed: update heapcache.cpp and bump kVersion");
static_assert(sizeof(ClassAggregate) == 160, "ClassAggregate changed: update summaryFields and bump kVersion");
#endif

// The size and distance columns' side tables are stored entry by entry as they are in memory
// (IndexedOverflow::entries()): their layout is part of the format.
static_assert(sizeof(SizeColumn::Overflow) == 16 && sizeof(DistanceColumn::Overflow) == 8,
    "an overflow entry changed: bump kVersion");

struct Header
{
    char magic[8];
    uint32_t version;
    uint32_t pathBytes;
    uint64_t fileSize;
    int64_t mtimeSec;
    int64_t mtimeNsec;
    uint64_t device;
    uint64_t inode;
    uint64_t dataAt; ///< the data region's offset in the file
    uint64_t dataBytes;
    uint64_t metaBytes; ///< the metadata region follows the data region
    uint64_t blockBytes;
    uint64_t blockCount; ///< the block table (blockCount u64s) follows the metadata; then the file ends
    uint64_t metaHash; ///< over the metadata region and the block table
    uint64_t headerHash; ///< over this header (with headerHash 0) and the path
};
static_assert(sizeof(Header) == 112);

constexpr size_t padded(size_t n)
{
    return (n + 7) & ~size_t(7);
}

constexpr size_t alignedTo(size_t n, size_t a)
{
    return (n + a - 1) / a * a;
}

/// Writes a cache file's data region (streamed to the file through a staging buffer, checksummed per block) and
/// collects its metadata region in memory.
class Writer
{
public:
    Writer(std::FILE* f, size_t blockBytes)
        : m_file(f)
        , m_blockBytes(blockBytes)
        , m_stage(std::max(blockBytes, kStage / blockBytes * blockBytes))
    {
        m_buf.reserve(m_stage);
    }
    template <typename T> void pod(const T& v)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        meta(&v, sizeof v);
    }
    /// An array: its count and offset in the metadata, its elements in the data region.
    template <typename T> void vec(const Column<T>& v)
    {
        pod(uint64_t(v.size()));
        pod(uint64_t(m_dataBytes));
        data(v.data(), v.size() * sizeof(T));
        static const char zeros[kArrayAlign] = {};
        data(zeros, alignedTo(m_dataBytes, kArrayAlign) - m_dataBytes);
    }
    void sizes(const SizeColumn& c)
    {
        vec(c.low());
        vec(c.overflow().entries());
    }
    void distances(const DistanceColumn& c)
    {
        vec(c.codes());
        vec(c.overflow().entries());
    }
    void str(const std::string& s)
    {
        pod(uint64_t(s.size()));
        meta(s.data(), s.size());
    }
    void strs(const std::vector<std::string>& v)
    {
        pod(uint64_t(v.size()));
        for (const std::string& s : v)
            str(s);
    }
    /// Writes the last of the data region; the metadata and the block checksums are then complete.
    void finishData()
    {
        flush();
    }
    uint64_t dataBytes() const
    {
        return m_dataBytes;
    }
    const std::vector<char>& metadata() const
    {
        return m_meta;
    }
    const std::vector<uint64_t>& blockHashes() const
    {
        return m_hashes;
    }
    bool ok() const
    {
        return m_ok;
    }

private:
    static constexpr size_t kStage = size_t(4) << 20;
    void meta(const void* p, size_t n)
    {
        const char* c = static_cast<const char*>(p);
        m_meta.insert(m_meta.end(), c, c + n);
        m_meta.resize(padded(m_meta.size()), '\0');
    }
    void data(const void* p, size_t n)
    {
        const char* c = static_cast<const char*>(p);
        m_dataBytes += n;
        while (n) {
            const size_t k = std::min(n, m_stage - m_buf.size());
            m_buf.insert(m_buf.end(), c, c + k);
            c += k;
            n -= k;
            if (m_buf.size() == m_stage)
                flush();
        }
    }
    /// Checksums the staged blocks (all whole but the very last one) and writes them.
    void flush()
    {
        for (size_t at = 0; at < m_buf.size(); at += m_blockBytes)
            m_hashes.push_back(hashBytes(m_buf.data() + at, std::min(m_blockBytes, m_buf.size() - at)));
        if (std::fwrite(m_buf.data(), 1, m_buf.size(), m_file) != m_buf.size())
            m_ok = false;
        m_buf.clear();
    }
    std::FILE* m_file;
    size_t m_blockBytes, m_stage;
    std::vector<char> m_buf, m_meta;
    std::vector<uint64_t> m_hashes;
    uint64_t m_dataBytes = 0;
    bool m_ok = true;
};

/// Reads the metadata region back; arrays become Columns reading the data region in place. Every count and offset
/// is checked against the region's size, so a bad file cannot over-allocate or point past the mapping.
class Reader
{
public:
    Reader(const char* meta, size_t metaBytes, const char* data, size_t dataBytes, std::shared_ptr<const void> keep)
        : m_p(meta)
        , m_end(meta + metaBytes)
        , m_data(data)
        , m_dataBytes(dataBytes)
        , m_keep(std::move(keep))
    {
    }
    bool ok() const
    {
        return m_ok;
    }
    template <typename T> void pod(T& v)
    {
        if (!m_ok || padded(sizeof v) > size_t(m_end - m_p)) {
            m_ok = false;
            v = T {};
            return;
        }
        std::memcpy(&v, m_p, sizeof v);
        m_p += padded(sizeof v);
    }
    template <typename T> void vec(Column<T>& v)
    {
        uint64_t n = 0, at = 0;
        pod(n);
        pod(at);
        if (!m_ok || at % kArrayAlign != 0 || at > m_dataBytes || n > (m_dataBytes - at) / sizeof(T)) {
            m_ok = false;
            return;
        }
        v = Column<T>::mapped(reinterpret_cast<const T*>(m_data + at), size_t(n), m_keep);
    }
    void sizes(SizeColumn& c)
    {
        vec(c.low());
        vec(c.overflow().entries());
    }
    void distances(DistanceColumn& c)
    {
        vec(c.codes());
        vec(c.overflow().entries());
    }
    void str(std::string& s)
    {
        uint64_t n = 0;
        pod(n);
        if (!m_ok || n > uint64_t(m_end - m_p)) {
            m_ok = false;
            return;
        }
        s.assign(m_p, size_t(n));
        m_p += std::min(padded(size_t(n)), size_t(m_end - m_p));
    }
    void strs(std::vector<std::string>& v)
    {
        uint64_t n = 0;
        pod(n);
        if (!m_ok || n > uint64_t(m_end - m_p) / 8) {
            m_ok = false;
            return;
        }
        v.resize(size_t(n));
        for (std::string& s : v)
            str(s);
    }
    bool atEnd() const
    {
        return m_p == m_end;
    }

private:
    const char* m_p;
    const char* m_end;
    const char* m_data;
    size_t m_dataBytes;
    std::shared_ptr<const void> m_keep;
    bool m_ok = true;
};

template <typename IO, typename Snap> void snapshotFields(IO& io, Snap& s)
{
    io.pod(s.sourceBytes);
    io.strs(s.nodeFields);
    io.strs(s.nodeTypeNames);
    io.strs(s.edgeFields);
    io.strs(s.edgeTypeNames);
    io.strs(s.locationFields);
    io.pod(s.nodeTypes);
    io.pod(s.edgeTypes);
    io.pod(s.nodeCount);
    io.pod(s.edgeCount);
    io.pod(s.rootOrdinal);
    io.pod(s.traceFunctionCount);
    io.pod(s.extraNativeBytes);
    io.vec(s.nodeType);
    io.vec(s.nodeName);
    io.vec(s.nodeId);
    io.vec(s.firstEdge); // not nodeSelfSize: the analysis took it over (HeapAnalysis::selfSize is stored)
    io.vec(s.nodeTraceNodeId); // not nodeDetachedness either (taken over too: HeapAnalysis::state is stored)
    io.vec(s.edgeWords);
    io.vec(s.edgeNameOrIndex);
    io.vec(s.locationSites);
    io.vec(s.locations);
    io.strs(s.traceFunctionInfoFields);
    io.vec(s.traceFunctionInfos);
    io.vec(s.traceTree);
    io.vec(s.samples);
}

void definitions(Writer& w, const std::vector<InterfaceDefinition>& defs)
{
    w.pod(uint64_t(defs.size()));
    for (const InterfaceDefinition& d : defs) {
        w.str(d.name);
        w.strs(d.properties);
    }
}

void definitions(Reader& r, std::vector<InterfaceDefinition>& defs)
{
    uint64_t n = 0;
    r.pod(n);
    if (!r.ok() || n > (uint64_t(1) << 32))
        return;
    defs.clear();
    for (uint64_t i = 0; i < n && r.ok(); ++i) {
        InterfaceDefinition d;
        r.str(d.name);
        r.strs(d.properties);
        defs.push_back(std::move(d));
    }
}

template <typename IO, typename A> void analysisFields(IO& io, A& a)
{
    io.vec(a.retainers.firstRetainer);
    io.vec(a.retainers.retainerNode);
    io.vec(a.retainers.weak.words());
    io.vec(a.retainers.essential.words());
    io.vec(a.state);
    io.vec(a.renames);
    io.strs(a.extraNames);
    io.sizes(a.selfSize);
    io.vec(a.dominator);
    io.sizes(a.retainedSize);
    io.vec(a.firstDominated);
    io.vec(a.dominated);
    io.distances(a.distance);
    io.vec(a.classes.classId);
    io.strs(a.classes.added);
    io.pod(a.classes.rawCount);
    definitions(io, a.classes.definitions);
    io.pod(a.unreachableFromRoot);
    io.pod(a.stillUnreachable);
    io.pod(a.hasUserRoots);
    io.pod(a.summaryMembersSorted);
    io.pod(a.timings);
}

// The Summary section (HeapAnalysis::summary), after the analysis' arrays: the row count, then per row its name,
// key, totals and members (an array in the data region: `summary` itself never reads them).
void summaryFields(Writer& w, const std::vector<ClassAggregate>& rows)
{
    w.pod(uint64_t(rows.size()));
    for (const ClassAggregate& r : rows) {
        w.str(r.name);
        w.str(r.key);
        w.pod(r.count);
        w.pod(r.shallow);
        w.pod(r.retained);
        w.pod(r.distance);
        w.vec(r.nodes);
    }
}

/// False when the section does not fit: more rows or members than nodes, or a count that is not its members'.
bool summaryFields(Reader& r, std::vector<ClassAggregate>& rows, uint64_t nodeCount)
{
    uint64_t n = 0;
    r.pod(n);
    if (!r.ok() || n > nodeCount)
        return false;
    rows.resize(size_t(n));
    uint64_t members = 0;
    for (ClassAggregate& row : rows) {
        r.str(row.name);
        r.str(row.key);
        r.pod(row.count);
        r.pod(row.shallow);
        r.pod(row.retained);
        r.pod(row.distance);
        r.vec(row.nodes);
        members += row.nodes.size();
        if (!r.ok() || row.count != row.nodes.size() || members > nodeCount)
            return false;
    }
    return true;
}

/// The renames table fits the snapshot's strings: `from` strictly ascending and a snapshot string, every `to` a
/// distinct extraNames entry (one per rename) whose text is "Detached " + from's; the class names' raw ids cover the
/// strings and extraNames. Small: checked on every hit.
bool renamesFit(const HeapAnalysis& a)
{
    const StringTable& strings = a.snapshot->strings;
    const uint32_t stringCount = strings.size();
    if (a.renames.size() != a.extraNames.size() || a.classes.rawCount != uint64_t(stringCount) + a.extraNames.size())
        return false;
    std::vector<bool> used(a.extraNames.size(), false);
    constexpr std::string_view kPrefix = "Detached ";
    for (size_t k = 0; k < a.renames.size(); ++k) {
        const RenamedName r = a.renames[k];
        if (r.from >= stringCount || (k > 0 && a.renames[k - 1].from >= r.from) || r.to < stringCount
            || r.to - stringCount >= used.size() || used[r.to - stringCount])
            return false;
        used[r.to - stringCount] = true;
        const std::string& name = a.extraNames[r.to - stringCount];
        const std::string_view old = strings.get(r.from);
        if (name.size() != kPrefix.size() + old.size() || !name.starts_with(kPrefix)
            || std::string_view(name).substr(kPrefix.size()) != old)
            return false;
    }
    return true;
}

/// Every node's state byte uses only the defined bits, and a renamed node's file name has a rename. Reads the state
/// column in full (and a renamed node's name): not on first use.
bool statesFit(const HeapAnalysis& a)
{
    const HeapSnapshot& s = *a.snapshot;
    for (uint32_t i = 0; i < s.nodeCount; ++i) {
        const uint8_t v = a.state[i];
        if (v & ~kStateUsedBits)
            return false;
        if ((v & kStateRenamed) && a.renamedName(s.nodeName[i]) == s.nodeName[i])
            return false;
    }
    return true;
}

/// The file's identity: what a cache entry must match.
struct Key
{
    std::string path; ///< absolute, symlinks resolved
    struct stat st;
};

bool keyOf(const std::string& path, Key& key)
{
    if (path.empty() || path == "-")
        return false;
    char* real = ::realpath(path.c_str(), nullptr);
    if (!real)
        return false;
    key.path = real;
    std::free(real);
    return ::stat(key.path.c_str(), &key.st) == 0 && S_ISREG(key.st.st_mode);
}

uint64_t fnv1a(std::string_view s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : s)
        h = (h ^ c) * 0x100000001b3ull;
    return h;
}

std::string cacheDir(const HeapCacheOptions& o)
{
    return o.dir.empty() ? defaultHeapCacheDir() : o.dir;
}

std::string entryFor(const Key& key, const HeapCacheOptions& o)
{
    char name[40];
    std::snprintf(name, sizeof name, "heap-%016llx", (unsigned long long)fnv1a(key.path));
    return cacheDir(o) + "/" + name + kSuffix;
}

bool makeDirs(const std::string& dir)
{
    for (size_t i = 1; i <= dir.size(); ++i)
        if (i == dir.size() || dir[i] == '/') {
            const std::string part = dir.substr(0, i);
            if (::mkdir(part.c_str(), 0700) != 0 && errno != EEXIST)
                return false;
        }
    return true;
}

/// Deletes the least recently used cache files (by modification time, which a hit refreshes) until the
/// directory's cache files fit in `maxBytes`.
void evict(const std::string& dir, uint64_t maxBytes)
{
    struct Entry
    {
        std::string path;
        uint64_t bytes;
        int64_t used;
    };
    std::vector<Entry> entries;
    uint64_t total = 0;
    if (DIR* d = ::opendir(dir.c_str())) {
        while (dirent* e = ::readdir(d)) {
            const std::string name = e->d_name;
            if (name.size() <= std::strlen(kSuffix)
                || name.compare(name.size() - std::strlen(kSuffix), std::string::npos, kSuffix) != 0)
                continue;
            struct stat st
            {
            };
            const std::string path = dir + "/" + name;
            if (::stat(path.c_str(), &st) != 0)
                continue;
            entries.push_back(
                { path, uint64_t(st.st_size), int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec });
            total += uint64_t(st.st_size);
        }
        ::closedir(d);
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.used < b.used; });
    for (const Entry& e : entries) {
        if (total <= maxBytes)
            break;
        ::unlink(e.path.c_str());
        total -= e.bytes;
    }
}

} // namespace

std::string defaultHeapCacheDir()
{
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    if (xdg && *xdg == '/')
        return std::string(xdg) + "/v8scope/heap";
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : "/tmp") + "/.cache/v8scope/heap";
}

namespace heapcache {

std::string entryPath(const std::string& path, const HeapCacheOptions& options)
{
    Key key;
    return keyOf(path, key) ? entryFor(key, options) : std::string();
}

std::shared_ptr<const HeapAnalysis> load(
    const std::string& path, const HeapCacheOptions& options, HeapCacheStatus& status)
{
    status = {};
    if (!options.enabled) {
        status.lookup = "off";
        return nullptr;
    }
    Key key;
    if (!keyOf(path, key) || uint64_t(key.st.st_size) < options.minFileBytes) {
        status.lookup = "skipped";
        return nullptr;
    }
    const std::string entry = entryFor(key, options);
    const int fd = ::open(entry.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        status.lookup = "miss";
        return nullptr;
    }
    struct stat st
    {
    };
    const size_t size = ::fstat(fd, &st) == 0 ? size_t(st.st_size) : 0;
    void* map = size >= sizeof(Header) ? ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    auto invalid = [&](const std::string& why) -> std::shared_ptr<const HeapAnalysis> {
        status.lookup = why;
        ::unlink(entry.c_str()); // never trusted again; the next store rewrites it
        return nullptr;
    };
    if (map == MAP_FAILED) {
        ::close(fd);
        return invalid("invalid: truncated");
    }
    // From here the mapping belongs to `mapping` (unmapped when the last column reading it goes).
    auto mapping = std::make_shared<Mapping>(static_cast<char*>(map), size, entry);
    const char* base = static_cast<const char*>(map);
    Header h;
    std::memcpy(&h, base, sizeof h);
    auto checkHeader = [&]() -> std::string {
        if (std::memcmp(h.magic, kMagic, 8) != 0)
            return "invalid: not a v8scope cache file";
        if (h.version != kVersion)
            return "invalid: cache version " + std::to_string(h.version) + ", expected " + std::to_string(kVersion);
        const uint64_t pathEnd = sizeof(Header) + padded(h.pathBytes);
        if (pathEnd > size
            || std::string_view(base + sizeof(Header), std::min<size_t>(h.pathBytes, size - sizeof(Header))) != key.path
            || h.fileSize != uint64_t(key.st.st_size) || h.mtimeSec != int64_t(key.st.st_mtim.tv_sec)
            || h.mtimeNsec != int64_t(key.st.st_mtim.tv_nsec) || h.device != uint64_t(key.st.st_dev)
            || h.inode != uint64_t(key.st.st_ino))
            return "stale";
        // The layout, each step bounded by the file's size (no sum can overflow).
        if (h.dataAt < pathEnd || h.dataAt % kRegionAlign != 0 || h.blockBytes == 0 || h.blockBytes % kRegionAlign != 0
            || h.dataBytes % kArrayAlign != 0 || h.metaBytes % 8 != 0)
            return "invalid: malformed";
        if (h.dataAt > size || h.dataBytes > size - h.dataAt || h.metaBytes > size - h.dataAt - h.dataBytes
            || h.blockCount > (size - h.dataAt - h.dataBytes - h.metaBytes) / 8
            || size - h.dataAt - h.dataBytes - h.metaBytes - h.blockCount * 8 != 0)
            return "invalid: truncated";
        if (h.blockCount != (h.dataBytes + h.blockBytes - 1) / h.blockBytes)
            return "invalid: malformed";
        Header unhashed = h;
        unhashed.headerHash = 0;
        std::string head(reinterpret_cast<const char*>(&unhashed), sizeof unhashed);
        head.append(base + sizeof(Header), padded(h.pathBytes));
        if (hashBytes(head.data(), head.size()) != h.headerHash)
            return "invalid: checksum mismatch";
        if (hashBytes(base + h.dataAt + h.dataBytes, size_t(h.metaBytes + h.blockCount * 8)) != h.metaHash)
            return "invalid: checksum mismatch";
        return {};
    };
    if (const std::string bad = checkHeader(); !bad.empty()) {
        ::close(fd);
        return invalid(bad);
    }
    const char* meta = base + h.dataAt + h.dataBytes;
    mapping->setData(size_t(h.dataAt), size_t(h.dataBytes), size_t(h.blockBytes),
        reinterpret_cast<const uint64_t*>(meta + h.metaBytes), size_t(h.blockCount));
    const bool onFirstUse = options.verify == HeapCacheOptions::Verify::OnFirstUse && mapping->mapForFirstUse(fd);
    ::close(fd);
    if (!onFirstUse && !mapping->verifyAll())
        return invalid("invalid: checksum mismatch");

    auto snap = std::make_shared<HeapSnapshot>();
    snap->sourceName = path;
    Reader r(meta, size_t(h.metaBytes), mapping->data(), size_t(h.dataBytes), mapping);
    snapshotFields(r, *snap);
    Column<char> bytes;
    Column<uint32_t> offsets, wraps;
    r.vec(bytes);
    r.vec(offsets);
    r.vec(wraps);
    auto a = std::make_shared<HeapAnalysis>();
    analysisFields(r, *a);
    const bool summaryFits = summaryFields(r, a->summary, snap->nodeCount);
    if (!r.ok() || !summaryFits || !r.atEnd())
        return invalid("invalid: malformed");
    // The string arena is checked now even on first use: it is the one array whose bytes may reach a system call
    // (printed text), and the kernel does not fault into the handler.
    if (onFirstUse && !mapping->verifyRange(size_t(std::as_const(bytes).data() - mapping->data()), bytes.size()))
        return invalid("invalid: checksum mismatch");
    if (!snap->strings.assign(std::move(bytes), std::move(offsets), std::move(wraps), !onFirstUse))
        return invalid("invalid: malformed");
    // Shapes that every consumer relies on (index ranges are the checksums' business).
    const HeapSnapshot& s = *snap;
    const uint64_t n = s.nodeCount, m = s.edgeCount;
    const bool shaped = s.nodeType.size() == n && s.nodeName.size() == n && s.nodeId.size() == n
        && s.firstEdge.size() == n + 1 && s.edgeWords.size() == m && s.edgeNameOrIndex.size() == m && n < kMaxNodes
        && a->retainers.firstRetainer.size() == n + 1 && a->retainers.retainerNode.size() == m
        && a->retainers.weak.words().size() == (m + 63) / 64 && a->retainers.essential.words().size() == (m + 63) / 64
        && a->selfSize.size() == n && a->dominator.size() == n && a->retainedSize.size() == n
        && a->firstDominated.size() == n + 1 && a->distance.size() == n && a->classes.classId.size() == n
        && a->state.size() == n && n > 0 && s.rootOrdinal < n;
    if (!shaped)
        return invalid("invalid: malformed");
    a->snapshot = std::move(snap);
    // Checked arrays are what store() wrote; on first use the size and distance columns' consistency and the state
    // bytes are not re-read (it would touch every block), but the distances' overflow table is (a few blocks at
    // most): sorted, in range, values that have no inline code.
    const bool consistent = renamesFit(*a) && a->distance.overflowTableValid()
        && (onFirstUse
            || (a->selfSize.consistent() && a->retainedSize.consistent() && statesFit(*a) && a->distance.consistent()));
    if (!consistent)
        return invalid("invalid: malformed");
    a->classes.analysis = a.get();
    ::utimensat(AT_FDCWD, entry.c_str(), nullptr, 0); // most recently used
    status.lookup = "hit";
    return a;
}

void store(const std::string& path, const HeapAnalysis& a, const HeapCacheOptions& options, HeapCacheStatus& status)
{
    Key key;
    if (!options.enabled || !keyOf(path, key) || uint64_t(key.st.st_size) < options.minFileBytes)
        return;
    const std::string dir = cacheDir(options);
    if (!makeDirs(dir)) {
        status.store = "not written: cannot create " + dir + ": " + std::strerror(errno);
        return;
    }
    const std::string entry = entryFor(key, options);
    const std::string tmp = entry + ".tmp-" + std::to_string(::getpid());
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) {
        status.store = "not written: " + std::string(std::strerror(errno));
        return;
    }
    Header h {};
    std::memcpy(h.magic, kMagic, 8);
    h.version = kVersion;
    h.pathBytes = uint32_t(key.path.size());
    h.fileSize = uint64_t(key.st.st_size);
    h.mtimeSec = int64_t(key.st.st_mtim.tv_sec);
    h.mtimeNsec = int64_t(key.st.st_mtim.tv_nsec);
    h.device = uint64_t(key.st.st_dev);
    h.inode = uint64_t(key.st.st_ino);
    h.blockBytes = std::max<uint64_t>(alignedTo(size_t(options.blockBytes), kRegionAlign), kRegionAlign);
    std::string pathBytes = key.path;
    pathBytes.resize(padded(pathBytes.size()), '\0');
    h.dataAt = alignedTo(sizeof h + pathBytes.size(), kRegionAlign);
    bool ok = std::fseek(f, long(h.dataAt), SEEK_SET) == 0;
    Writer w(f, size_t(h.blockBytes));
    snapshotFields(w, *a.snapshot);
    w.vec(a.snapshot->strings.bytes());
    w.vec(a.snapshot->strings.lowOffsets());
    w.vec(a.snapshot->strings.wraps());
    analysisFields(w, a);
    summaryFields(w, a.summary);
    w.finishData();
    h.dataBytes = w.dataBytes();
    h.metaBytes = w.metadata().size();
    h.blockCount = w.blockHashes().size();
    // The metadata and the block table are contiguous in the file: one checksum over both.
    std::vector<char> tail(w.metadata());
    const char* table = reinterpret_cast<const char*>(w.blockHashes().data());
    tail.insert(tail.end(), table, table + w.blockHashes().size() * 8);
    h.metaHash = hashBytes(tail.data(), tail.size());
    std::string head(reinterpret_cast<const char*>(&h), sizeof h);
    head += pathBytes;
    h.headerHash = hashBytes(head.data(), head.size());
    ok = ok && w.ok() && std::fwrite(tail.data(), 1, tail.size(), f) == tail.size() && std::fseek(f, 0, SEEK_SET) == 0
        && std::fwrite(&h, sizeof h, 1, f) == 1
        && std::fwrite(pathBytes.data(), 1, pathBytes.size(), f) == pathBytes.size();
    ok = std::fclose(f) == 0 && ok;
    if (!ok || ::rename(tmp.c_str(), entry.c_str()) != 0) {
        status.store = "not written: " + std::string(std::strerror(errno));
        ::unlink(tmp.c_str());
        return;
    }
    const uint64_t entryBytes = h.dataAt + h.dataBytes + tail.size();
    if (entryBytes > options.maxBytes) {
        ::unlink(entry.c_str());
        status.store = "not written: " + std::to_string(entryBytes) + " bytes, more than the cache's limit";
        return;
    }
    evict(dir, options.maxBytes);
    status.store = "written";
}

} // namespace heapcache

} // namespace v8scope
