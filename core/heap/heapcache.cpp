// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The binary analysis cache. File layout (all integers little-endian, as this machine writes them):
//   header: "V8SCACHE", u32 version, u32 path bytes, u64 file size, i64 mtime s, i64 mtime ns, u64 device,
//           u64 inode, u64 payload bytes, u64 payload checksum; then the absolute path, padded to 8 bytes
//   payload: the snapshot's columns and the analysis' arrays in a fixed order, each vector as u64 count plus
//            its elements, padded to 8 bytes; strings as u64 length plus bytes, padded; last the Summary section
//            (HeapAnalysis::summary: u64 rows, then per row name, key, count, shallow, retained, distance, members).
// The checksum is a 4-lane multiply-xorshift hash over the payload in 64-bit words (see Hasher). Any mismatch
// (magic, version, key, size, checksum, a count that does not fit) makes the file "invalid": it is deleted and
// the snapshot is parsed again.
#include "heapcache.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <type_traits>
#include <unistd.h>

namespace v8scope {

namespace {

constexpr char kMagic[8] = { 'V', '8', 'S', 'C', 'A', 'C', 'H', 'E' };
/// Bump whenever the payload changes (a field added to HeapSnapshot or HeapAnalysis, an order changed).
constexpr uint32_t kVersion = 4; // 2: dominated children sorted, rowInParent; 3: the Summary section; 4: retainer
                                  // slot bits instead of edges, 32-bit sizes with an overflow table, no rowInParent
constexpr const char* kSuffix = ".v8scache";

// A field added to these structs must be written and read below (and kVersion bumped); these sizes make the
// build fail until then (sizes with libstdc++ on 64-bit targets).
#if defined(__GLIBCXX__) && __SIZEOF_POINTER__ == 8
static_assert(sizeof(HeapSnapshot) == 704, "HeapSnapshot changed: update heapcache.cpp and bump kVersion");
static_assert(sizeof(HeapAnalysis) == 640, "HeapAnalysis changed: update heapcache.cpp and bump kVersion");
static_assert(sizeof(ClassNames) == 88, "ClassNames changed: update heapcache.cpp and bump kVersion");
static_assert(sizeof(ClassAggregate) == 120, "ClassAggregate changed: update summaryFields and bump kVersion");
#endif

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
    uint64_t payloadBytes;
    uint64_t payloadHash;
};
static_assert(sizeof(Header) == 72);

constexpr size_t padded(size_t n)
{
    return (n + 7) & ~size_t(7);
}

/// 4 independent lanes over 32-byte blocks (fast enough to check a gigabyte in about 0.1 s), then a tail of whole
/// 64-bit words and the length.
class Hasher
{
public:
    void blocks(const char* p, size_t n)
    {
        for (size_t i = 0; i + 32 <= n; i += 32)
            for (int l = 0; l < 4; ++l)
                m_lane[l] = mix(m_lane[l], word(p + i + 8 * size_t(l)));
        m_length += n;
    }
    uint64_t finish(const char* tail, size_t n)
    {
        uint64_t h = uint64_t(m_length + n) * 0x9E3779B97F4A7C15ull;
        for (size_t i = 0; i + 8 <= n; i += 8)
            h = mix(h, word(tail + i));
        for (uint64_t l : m_lane)
            h = mix(h, l);
        return h;
    }

private:
    static uint64_t word(const char* p)
    {
        uint64_t w;
        std::memcpy(&w, p, 8);
        return w;
    }
    static uint64_t mix(uint64_t h, uint64_t w)
    {
        h = (h ^ w) * 0xFF51AFD7ED558CCDull;
        return h ^ (h >> 32);
    }
    uint64_t m_lane[4] = { 1, 2, 3, 4 };
    uint64_t m_length = 0;
};

void releasePages(const char* from, const char* to)
{
    const uintptr_t page = uintptr_t(::sysconf(_SC_PAGESIZE));
    const uintptr_t a = (uintptr_t(from) + page - 1) & ~(page - 1);
    const uintptr_t b = uintptr_t(to) & ~(page - 1);
    if (b > a)
        ::madvise(reinterpret_cast<void*>(a), size_t(b - a), MADV_DONTNEED);
}

/// The checksum of a mapped payload, handing the pages back as it goes (the reader faults them in again).
uint64_t hashAll(const char* p, size_t n)
{
    Hasher h;
    const size_t whole = n & ~size_t(31);
    constexpr size_t kStep = size_t(16) << 20; // a multiple of 32
    for (size_t at = 0; at < whole; at += kStep) {
        const size_t k = std::min(kStep, whole - at);
        h.blocks(p + at, k);
        releasePages(p + at, p + at + k);
    }
    return h.finish(p + whole, n - whole);
}

/// Appends to a file through a staging buffer, hashing what it writes.
class Writer
{
public:
    explicit Writer(std::FILE* f)
        : m_file(f)
    {
        m_buf.reserve(kStage + 64);
    }
    void raw(const void* data, size_t n)
    {
        const char* p = static_cast<const char*>(data);
        while (n) {
            const size_t k = std::min(n, kStage - m_buf.size());
            m_buf.insert(m_buf.end(), p, p + k);
            p += k;
            n -= k;
            if (m_buf.size() == kStage)
                flush(false);
        }
    }
    void pad()
    {
        static const char zeros[8] = {};
        raw(zeros, padded(m_total + m_buf.size()) - (m_total + m_buf.size()));
    }
    template <typename T> void pod(const T& v)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        raw(&v, sizeof v);
        pad();
    }
    template <typename T> void vec(const std::vector<T>& v)
    {
        static_assert(std::is_trivially_copyable_v<T>);
        pod(uint64_t(v.size()));
        raw(v.data(), v.size() * sizeof(T));
        pad();
    }
    void sizes(const SizeColumn& c)
    {
        vec(c.low());
        vec(c.overflow());
    }
    void str(const std::string& s)
    {
        pod(uint64_t(s.size()));
        raw(s.data(), s.size());
        pad();
    }
    void strs(const std::vector<std::string>& v)
    {
        pod(uint64_t(v.size()));
        for (const std::string& s : v)
            str(s);
    }
    /// Writes what is staged; returns the payload's size and checksum.
    std::pair<uint64_t, uint64_t> finish()
    {
        flush(true);
        return { m_total, m_hashValue };
    }
    bool ok() const
    {
        return m_ok;
    }

private:
    static constexpr size_t kStage = size_t(4) << 20; // a multiple of 32
    void flush(bool last)
    {
        const size_t whole = last ? m_buf.size() & ~size_t(31) : m_buf.size();
        m_hash.blocks(m_buf.data(), whole);
        if (last)
            m_hashValue = m_hash.finish(m_buf.data() + whole, m_buf.size() - whole);
        if (std::fwrite(m_buf.data(), 1, m_buf.size(), m_file) != m_buf.size())
            m_ok = false;
        m_total += m_buf.size();
        m_buf.clear();
    }
    std::FILE* m_file;
    std::vector<char> m_buf;
    Hasher m_hash;
    uint64_t m_total = 0, m_hashValue = 0;
    bool m_ok = true;
};

/// Reads the payload back; every count is checked against the bytes left, so a bad file cannot over-allocate.
class Reader
{
public:
    Reader(const char* p, size_t n)
        : m_p(p)
        , m_end(p + n)
    {
    }
    bool ok() const
    {
        return m_ok;
    }
    template <typename T> void pod(T& v)
    {
        if (!take(&v, sizeof v))
            v = T {};
    }
    template <typename T> void vec(std::vector<T>& v)
    {
        uint64_t n = 0;
        pod(n);
        if (!m_ok || n > uint64_t(m_end - m_p) / sizeof(T)) {
            m_ok = false;
            return;
        }
        v.resize(size_t(n));
        take(v.data(), size_t(n) * sizeof(T));
    }
    void sizes(SizeColumn& c)
    {
        vec(c.low());
        vec(c.overflow());
        if (m_ok && !c.consistent())
            m_ok = false;
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
        m_p += padded(size_t(n));
        if (m_p > m_end)
            m_ok = false;
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
    bool take(void* out, size_t n)
    {
        if (!m_ok || padded(n) > size_t(m_end - m_p)) {
            m_ok = false;
            return false;
        }
        if (n == 0)
            return true; // an empty vector's data() may be null: memcpy must not see it
        std::memcpy(out, m_p, n);
        if (n >= (size_t(1) << 20))
            releasePages(m_p, m_p + n); // the copy is what stays: the file must not count twice in the RSS
        m_p += padded(n);
        return true;
    }
    const char* m_p;
    const char* m_end;
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
    io.sizes(s.nodeSelfSize);
    io.vec(s.firstEdge);
    io.vec(s.nodeTraceNodeId);
    io.vec(s.nodeDetachedness);
    io.vec(s.edgeType);
    io.vec(s.edgeNameOrIndex);
    io.vec(s.edgeTarget);
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
    io.vec(a.domState);
    io.vec(a.flags);
    io.vec(a.nameIndex);
    io.strs(a.extraNames);
    io.sizes(a.selfSize);
    io.vec(a.dominator);
    io.sizes(a.retainedSize);
    io.vec(a.firstDominated);
    io.vec(a.dominated);
    io.vec(a.distance);
    io.vec(a.classes.classId);
    io.strs(a.classes.added);
    io.pod(a.classes.rawCount);
    definitions(io, a.classes.definitions);
    io.pod(a.unreachableFromRoot);
    io.pod(a.stillUnreachable);
    io.pod(a.hasUserRoots);
    io.pod(a.timings);
}

// The Summary section (HeapAnalysis::summary), after the analysis' arrays: the row count, then per row its name,
// key, totals and members.
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
    ::close(fd);
    auto invalid = [&](const std::string& why) -> std::shared_ptr<const HeapAnalysis> {
        status.lookup = why;
        if (map != MAP_FAILED)
            ::munmap(map, size);
        ::unlink(entry.c_str()); // never trusted again; the next store rewrites it
        return nullptr;
    };
    if (map == MAP_FAILED)
        return invalid("invalid: truncated");
    ::madvise(map, size, MADV_SEQUENTIAL);
    const char* base = static_cast<const char*>(map);
    Header h;
    std::memcpy(&h, base, sizeof h);
    if (std::memcmp(h.magic, kMagic, 8) != 0)
        return invalid("invalid: not a v8scope cache file");
    if (h.version != kVersion)
        return invalid(
            "invalid: cache version " + std::to_string(h.version) + ", expected " + std::to_string(kVersion));
    const size_t payloadAt = sizeof(Header) + padded(h.pathBytes);
    if (payloadAt > size
        || std::string_view(base + sizeof(Header), std::min<size_t>(h.pathBytes, size - sizeof(Header))) != key.path
        || h.fileSize != uint64_t(key.st.st_size) || h.mtimeSec != int64_t(key.st.st_mtim.tv_sec)
        || h.mtimeNsec != int64_t(key.st.st_mtim.tv_nsec) || h.device != uint64_t(key.st.st_dev)
        || h.inode != uint64_t(key.st.st_ino))
        return invalid("stale");
    if (h.payloadBytes != size - payloadAt)
        return invalid("invalid: truncated");
    const char* payload = base + payloadAt;
    if (hashAll(payload, size - payloadAt) != h.payloadHash)
        return invalid("invalid: checksum mismatch");

    auto snap = std::make_shared<HeapSnapshot>();
    snap->sourceName = path;
    Reader r(payload, size - payloadAt);
    snapshotFields(r, *snap);
    std::vector<char> bytes;
    std::vector<uint64_t> offsets;
    r.vec(bytes);
    r.vec(offsets);
    auto a = std::make_shared<HeapAnalysis>();
    analysisFields(r, *a);
    const bool summaryFits = summaryFields(r, a->summary, snap->nodeCount);
    if (!r.ok() || !summaryFits || !snap->strings.assign(std::move(bytes), std::move(offsets)))
        return invalid("invalid: malformed");
    const bool readAll = r.atEnd();
    ::munmap(map, size);
    map = MAP_FAILED;
    // Shapes that every consumer relies on (index ranges are the checksum's business).
    const HeapSnapshot& s = *snap;
    const uint64_t n = s.nodeCount, m = s.edgeCount;
    const bool shaped = readAll && s.nodeType.size() == n && s.nodeName.size() == n && s.nodeId.size() == n
        && s.nodeSelfSize.size() == n && s.firstEdge.size() == n + 1 && s.edgeType.size() == m
        && s.edgeNameOrIndex.size() == m && s.edgeTarget.size() == m && a->retainers.firstRetainer.size() == n + 1
        && a->retainers.retainerNode.size() == m && a->retainers.weak.words().size() == (m + 63) / 64
        && a->retainers.essential.words().size() == (m + 63) / 64 && a->selfSize.size() == n && a->dominator.size() == n
        && a->retainedSize.size() == n && a->firstDominated.size() == n + 1
        && a->distance.size() == n && a->classes.classId.size() == n && a->flags.size() == n && n > 0
        && s.rootOrdinal < n;
    if (!shaped)
        return invalid("invalid: malformed");
    a->snapshot = std::move(snap);
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
    bool ok = std::fwrite(&h, sizeof h, 1, f) == 1;
    std::string pathBytes = key.path;
    pathBytes.resize(padded(pathBytes.size()), '\0');
    ok = ok && std::fwrite(pathBytes.data(), 1, pathBytes.size(), f) == pathBytes.size();
    Writer w(f);
    snapshotFields(w, *a.snapshot);
    w.vec(a.snapshot->strings.bytes());
    w.vec(a.snapshot->strings.offsets());
    analysisFields(w, a);
    summaryFields(w, a.summary);
    const auto [bytes, hash] = w.finish();
    h.payloadBytes = bytes;
    h.payloadHash = hash;
    ok = ok && w.ok() && std::fseek(f, 0, SEEK_SET) == 0 && std::fwrite(&h, sizeof h, 1, f) == 1;
    ok = std::fclose(f) == 0 && ok;
    if (!ok || ::rename(tmp.c_str(), entry.c_str()) != 0) {
        status.store = "not written: " + std::string(std::strerror(errno));
        ::unlink(tmp.c_str());
        return;
    }
    const uint64_t entryBytes = sizeof h + pathBytes.size() + bytes;
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
