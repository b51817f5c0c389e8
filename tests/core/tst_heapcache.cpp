// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// The analysis cache behind loadHeap (core/heap/heapcache.cpp): a second load of an unchanged snapshot comes from
// the cache and equals the first in every array; a cache file that is corrupted, truncated, of another version or
// older than the snapshot is detected, ignored and rewritten; --no-cache and the size cap are honoured.
#include "snapshotbuilder.h"
#include "testutil.h"

#include <catch2/catch.hpp>
#include <heap/filters.h>
#include <heap/heapcache.h>
#include <heap/heaploader.h>
#include <heap/snapshotreader.h>
#include <heap/summary.h>

#include <algorithm>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <functional>
#include <iterator>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace v8scope;
using namespace testutil;

namespace {

struct TempDir
{
    std::string path;
    TempDir()
    {
        char tmpl[] = "/tmp/v8scope-cache-test-XXXXXX";
        path = ::mkdtemp(tmpl);
    }
    ~TempDir()
    {
        std::system(("rm -rf '" + path + "'").c_str());
    }
};

std::string writeSnapshot(const TempDir& dir, const std::string& sample, const std::string& name)
{
    const std::string path = dir.path + "/" + name;
    std::ofstream(path, std::ios::binary) << readText(samplePath("heap/" + sample + ".heapsnapshot.gz"));
    return path;
}

HeapLoadOptions cacheIn(const std::string& dir)
{
    HeapLoadOptions o;
    o.cache.dir = dir;
    o.cache.minFileBytes = 0;
    return o;
}

LoadedHeap load(const std::string& path, const HeapLoadOptions& o)
{
    auto r = loadHeap(path, o, {});
    if (!r)
        FAIL(r.error().toString());
    return std::move(r.value());
}

void requireSame(const HeapAnalysis& a, const HeapAnalysis& b)
{
    const HeapSnapshot& s = *a.snapshot;
    const HeapSnapshot& t = *b.snapshot;
    REQUIRE(s.nodeCount == t.nodeCount);
    CHECK(s.edgeCount == t.edgeCount);
    CHECK(s.nodeId == t.nodeId);
    CHECK(s.firstEdge == t.firstEdge);
    CHECK(s.edgeWords == t.edgeWords);
    CHECK(s.edgeNameOrIndex == t.edgeNameOrIndex);
    CHECK(s.strings.bytes() == t.strings.bytes());
    CHECK(s.locationSites == t.locationSites);
    CHECK(s.locations == t.locations);
    CHECK(s.nodeTypeNames == t.nodeTypeNames);
    CHECK(a.retainers.retainerNode == b.retainers.retainerNode);
    CHECK(a.retainers.weak.words() == b.retainers.weak.words());
    CHECK(a.retainers.essential.words() == b.retainers.essential.words());
    CHECK(a.selfSize == b.selfSize);
    CHECK(a.retainedSize == b.retainedSize);
    CHECK(a.dominator == b.dominator);
    CHECK(a.dominated == b.dominated);
    CHECK(a.distance == b.distance);
    CHECK(a.state == b.state);
    CHECK(a.renames == b.renames);
    CHECK(a.extraNames == b.extraNames);
    CHECK(a.classes.classId == b.classes.classId);
    CHECK(a.classes.added == b.classes.added);
    CHECK(a.classes.definitions.size() == b.classes.definitions.size());
    size_t differing = 0;
    for (uint32_t i = 0; i < s.nodeCount; ++i)
        differing += a.className(i) != b.className(i) || a.displayName(i) != b.displayName(i);
    CHECK(differing == 0);
    // The Summary section: every row and its members in the stored order.
    const auto& rowsA = a.summary;
    const auto& rowsB = b.summary;
    REQUIRE(!rowsA.empty());
    REQUIRE(rowsA.size() == rowsB.size());
    for (size_t i = 0; i < rowsA.size(); ++i) {
        CHECK(rowsA[i].name == rowsB[i].name);
        CHECK(rowsA[i].key == rowsB[i].key);
        CHECK(rowsA[i].count == rowsB[i].count);
        CHECK(rowsA[i].retained == rowsB[i].retained);
        CHECK(rowsA[i].shallow == rowsB[i].shallow);
        CHECK(rowsA[i].distance == rowsB[i].distance);
        CHECK(rowsA[i].nodes == rowsB[i].nodes);
    }
}

void patchByte(const std::string& path, long offset)
{
    std::FILE* f = std::fopen(path.c_str(), "r+b");
    REQUIRE(f);
    std::fseek(f, offset, offset < 0 ? SEEK_END : SEEK_SET);
    const int c = std::fgetc(f);
    std::fseek(f, offset, offset < 0 ? SEEK_END : SEEK_SET);
    std::fputc(c ^ 0x5a, f);
    std::fclose(f);
}

/// A built snapshot written into a temporary directory and loaded once: computed, and stored in the cache there.
struct BuiltInCache
{
    TempDir dir;
    std::string snap;
    HeapLoadOptions o;
    LoadedHeap computed;
    BuiltInCache(const testutil::SnapshotBuilder& b, const std::string& name)
        : snap(dir.path + "/" + name)
        , o(cacheIn(dir.path + "/cache"))
    {
        std::ofstream(snap, std::ios::binary) << b.json();
        computed = load(snap, o);
        REQUIRE(!computed.fromCache);
    }
};

/// Loads `snap` back from the cache, checked up front and on first use: a hit equal to `computed` each time, whose
/// analysis `check` also inspects.
template <typename Check>
void requireRoundTrip(const std::string& snap, const HeapLoadOptions& o, const HeapAnalysis& computed, Check&& check)
{
    auto lazy = o;
    lazy.cache.verify = HeapCacheOptions::Verify::OnFirstUse;
    for (const auto& options : { o, lazy }) {
        const LoadedHeap hit = load(snap, options);
        REQUIRE(hit.fromCache);
        check(*hit.analysis);
        requireSame(computed, *hit.analysis);
    }
}

/// Stores a cache file for `snap` from `computed` changed by `breakIt` (what a writer bug would store: the checksums
/// hold), then puts the changed columns back. The analysis' columns are owned and nothing reads it meanwhile.
template <typename Break>
void storeBroken(const std::string& snap, const HeapLoadOptions& o, const HeapAnalysis& computed, Break&& breakIt)
{
    HeapAnalysis& a = const_cast<HeapAnalysis&>(computed);
    const SizeColumn self = a.selfSize, retained = a.retainedSize;
    const DistanceColumn distance = a.distance;
    breakIt(a);
    HeapCacheStatus status;
    heapcache::store(snap, a, o.cache, status);
    a.selfSize = self;
    a.retainedSize = retained;
    a.distance = distance;
    REQUIRE(status.store == "written");
}

} // namespace

TEST_CASE("the second load comes from the cache and equals the first", "[core][cache]")
{
    TempDir dir;
    const std::string snap = writeSnapshot(dir, "leak_s2", "a.heapsnapshot");
    const auto o = cacheIn(dir.path + "/cache");
    const LoadedHeap first = load(snap, o);
    CHECK(!first.fromCache);
    CHECK(first.cache.lookup == "miss");
    CHECK(first.cache.store == "written");
    const std::string entry = heapcache::entryPath(snap, o.cache);
    REQUIRE(::access(entry.c_str(), R_OK) == 0);
    const LoadedHeap second = load(snap, o);
    CHECK(second.fromCache);
    CHECK(second.cache.lookup == "hit");
    CHECK(second.analysis->snapshot->sourceName == snap);
    requireSame(*first.analysis, *second.analysis);
}

TEST_CASE("a corrupted, truncated, foreign-version or stale cache is ignored and rebuilt", "[core][cache]")
{
    TempDir dir;
    const std::string snap = writeSnapshot(dir, "leak_s1", "s.heapsnapshot");
    const auto o = cacheIn(dir.path + "/cache");
    const LoadedHeap reference = load(snap, o);
    const std::string entry = heapcache::entryPath(snap, o.cache);
    struct stat st
    {
    };
    REQUIRE(::stat(entry.c_str(), &st) == 0);

    SECTION("one flipped byte in the payload")
    {
        patchByte(entry, long(st.st_size / 2));
        const LoadedHeap l = load(snap, o);
        CHECK(!l.fromCache);
        CHECK(l.cache.lookup == "invalid: checksum mismatch");
        CHECK(l.cache.store == "written");
        requireSame(*reference.analysis, *l.analysis);
        CHECK(load(snap, o).fromCache);
    }
    SECTION("one flipped byte in the last word")
    {
        patchByte(entry, -1);
        CHECK(load(snap, o).cache.lookup == "invalid: checksum mismatch");
    }
    SECTION("cut short")
    {
        REQUIRE(::truncate(entry.c_str(), st.st_size - 100) == 0);
        CHECK(load(snap, o).cache.lookup == "invalid: truncated");
        REQUIRE(::truncate(entry.c_str(), 10) == 0);
        CHECK(load(snap, o).cache.lookup == "invalid: truncated");
        CHECK(load(snap, o).fromCache);
    }
    SECTION("another cache version")
    {
        patchByte(entry, 8); // the version field follows the 8-byte magic
        const LoadedHeap l = load(snap, o);
        CHECK(l.cache.lookup.rfind("invalid: cache version ", 0) == 0);
        CHECK(!l.fromCache);
    }
    SECTION("not a cache file")
    {
        patchByte(entry, 0);
        CHECK(load(snap, o).cache.lookup == "invalid: not a v8scope cache file");
    }
    SECTION("the snapshot changed since (modification time)")
    {
        struct timespec times[2] = { { 0, UTIME_OMIT }, { 1000000000, 0 } };
        REQUIRE(::utimensat(AT_FDCWD, snap.c_str(), times, 0) == 0);
        const LoadedHeap l = load(snap, o);
        CHECK(l.cache.lookup == "stale");
        CHECK(!l.fromCache);
        CHECK(load(snap, o).fromCache);
    }
    SECTION("the snapshot was replaced by another file")
    {
        const std::string other = writeSnapshot(dir, "leak_s3", "other.heapsnapshot");
        REQUIRE(::rename(other.c_str(), snap.c_str()) == 0);
        const LoadedHeap l = load(snap, o);
        CHECK(l.cache.lookup == "stale");
        CHECK(l.analysis->snapshot->nodeCount != reference.analysis->snapshot->nodeCount);
    }
}

/// Offset in `file` of the first occurrence of `bytes`, or -1.
long findBytes(const std::string& file, const void* bytes, size_t n)
{
    std::ifstream in(file, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t at = text.find(std::string_view(static_cast<const char*>(bytes), n));
    return at == std::string::npos ? -1 : long(at);
}

/// Runs `body` in a child process with its stderr captured: the exit code (-1 for a signal) and what it printed.
std::pair<int, std::string> inChild(const std::function<void()>& body)
{
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::dup2(fds[1], STDERR_FILENO);
        ::close(fds[0]);
        body();
        ::_exit(0);
    }
    ::close(fds[1]);
    std::string err;
    char buf[512];
    for (ssize_t k; (k = ::read(fds[0], buf, sizeof buf)) > 0;)
        err.append(buf, size_t(k));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return { WIFEXITED(status) ? WEXITSTATUS(status) : -1, err };
}

TEST_CASE("a hit reads the arrays in place and checks each block before it is read", "[core][cache]")
{
    TempDir dir;
    const std::string snap = writeSnapshot(dir, "leak_s1", "s.heapsnapshot");
    auto o = cacheIn(dir.path + "/cache");
    o.cache.blockBytes = 64 << 10; // the sample's arrays span several blocks
    const LoadedHeap reference = load(snap, o);
    const std::string entry = heapcache::entryPath(snap, o.cache);
    auto lazy = o;
    lazy.cache.verify = HeapCacheOptions::Verify::OnFirstUse;
    for (const auto& options : { o, lazy }) {
        const LoadedHeap hit = load(snap, options);
        REQUIRE(hit.fromCache);
        CHECK(hit.cache.lookup == "hit");
        const HeapAnalysis& a = *hit.analysis;
        CHECK(a.snapshot->edgeWords.isMapped());
        CHECK(a.snapshot->strings.bytes().isMapped());
        CHECK(a.retainers.retainerNode.isMapped());
        CHECK(a.dominator.isMapped());
        CHECK(a.classes.classId.isMapped());
        CHECK(a.summary.front().nodes.isMapped());
        requireSame(*reference.analysis, a); // reads every block: all match
    }

    // One byte in the middle of the edge words (far from the Summary's rows, the strings and the root's sizes): the
    // low byte of an edge target.
    const auto& words = reference.analysis->snapshot->edgeWords;
    REQUIRE(words.size() * 4 >= (256 << 10));
    const long column = findBytes(entry, words.data(), words.size() * 4);
    REQUIRE(column > 0);
    const size_t middle = words.size() / 2;
    patchByte(entry, column + long(middle * 4));

    SECTION("checked before load returns: ignored and rebuilt")
    {
        const LoadedHeap l = load(snap, o);
        CHECK(!l.fromCache);
        CHECK(l.cache.lookup == "invalid: checksum mismatch");
        requireSame(*reference.analysis, *l.analysis);
        CHECK(load(snap, o).fromCache);
    }
    SECTION("checked on first use: what does not read the block is right, the first read of it ends the process")
    {
        const LoadedHeap l = load(snap, lazy);
        REQUIRE(l.fromCache);
        const HeapAnalysis& a = *l.analysis;
        // The Summary's rows, the total size and names come from other blocks: the same as computed.
        REQUIRE(a.summary.size() == reference.analysis->summary.size());
        for (size_t i = 0; i < a.summary.size(); ++i) {
            CHECK(a.summary[i].name == reference.analysis->summary[i].name);
            CHECK(a.summary[i].retained == reference.analysis->summary[i].retained);
        }
        CHECK(a.totalSize() == reference.analysis->totalSize());
        CHECK(a.name(a.root()) == reference.analysis->name(a.root()));
        CHECK(a.snapshot->edgeWords[0] == words[0]);
        // Reading the bad block: the process ends with the one-line error and the cache file is gone.
        const auto [code, err] = inChild([&] {
            volatile uint32_t sink = a.snapshot->edgeWords[middle];
            (void)sink;
            std::fputs("read an unchecked block\n", stderr);
        });
        CHECK(code == 2);
        CHECK(err
            == "v8scope: " + entry
                + ": the analysis cache file does not match its checksum; it was deleted: run the command again to "
                  "rebuild it\n");
        CHECK(::access(entry.c_str(), F_OK) != 0);
        const LoadedHeap again = load(snap, lazy);
        CHECK(again.cache.lookup == "miss");
        requireSame(*reference.analysis, *again.analysis);
    }
    SECTION("a byte of the metadata: rejected on open in either mode")
    {
        patchByte(entry, column + long(middle * 4)); // undo
        struct stat st
        {
        };
        REQUIRE(::stat(entry.c_str(), &st) == 0);
        patchByte(entry, long(st.st_size) - 200); // in the metadata (the block table is 8 bytes per 64 KiB)
        CHECK(load(snap, lazy).cache.lookup == "invalid: checksum mismatch");
    }
}

TEST_CASE("no cache when it is off, for small files, and limits still apply to cached files", "[core][cache]")
{
    TempDir dir;
    const std::string snap = writeSnapshot(dir, "leak_s1", "s.heapsnapshot");
    HeapLoadOptions off = cacheIn(dir.path + "/cache");
    off.cache.enabled = false;
    CHECK(load(snap, off).cache.lookup == "off");
    CHECK(::access((dir.path + "/cache").c_str(), F_OK) != 0);

    HeapLoadOptions small = cacheIn(dir.path + "/cache");
    small.cache.minFileBytes = uint64_t(1) << 40;
    CHECK(load(snap, small).cache.lookup == "skipped");
    CHECK(::access((dir.path + "/cache").c_str(), F_OK) != 0);

    const auto o = cacheIn(dir.path + "/cache");
    load(snap, o);
    REQUIRE(load(snap, o).fromCache);
    HeapLoadOptions limited = o;
    limited.maxInputBytes = 1000;
    const auto r = loadHeap(snap, limited, {});
    REQUIRE(!r.ok());
    CHECK(r.error().message == "input exceeds the limit of 1000 bytes (raise it with --max-input)");
}

TEST_CASE("the least recently used entries go when the cache is over its size", "[core][cache]")
{
    TempDir dir;
    const std::string a = writeSnapshot(dir, "leak_s1", "a.heapsnapshot");
    const std::string b = writeSnapshot(dir, "leak_s2", "b.heapsnapshot");
    const std::string c = writeSnapshot(dir, "leak_s3", "c.heapsnapshot");
    HeapLoadOptions o = cacheIn(dir.path + "/cache");
    load(a, o);
    struct stat st
    {
    };
    REQUIRE(::stat(heapcache::entryPath(a, o.cache).c_str(), &st) == 0);
    // Room for two entries of this size (the three snapshots are within 15 % of each other), not three.
    o.cache.maxBytes = uint64_t(st.st_size) * 5 / 2;
    ::usleep(20000);
    load(b, o);
    ::usleep(20000);
    CHECK(load(a, o).fromCache); // a is now more recently used than b
    ::usleep(20000);
    load(c, o);
    CHECK(::access(heapcache::entryPath(a, o.cache).c_str(), F_OK) == 0);
    CHECK(::access(heapcache::entryPath(b, o.cache).c_str(), F_OK) != 0);
    CHECK(::access(heapcache::entryPath(c, o.cache).c_str(), F_OK) == 0);

    o.cache.maxBytes = 1000;
    const LoadedHeap l = load(b, o);
    CHECK(l.cache.store.rfind("not written: ", 0) == 0);
    CHECK(::access(heapcache::entryPath(b, o.cache).c_str(), F_OK) != 0);
}

TEST_CASE("members left in file order by a CLI load are sorted when a later load asks", "[core][cache]")
{
    TempDir dir;
    const std::string snap = writeSnapshot(dir, "express_s1", "a.heapsnapshot");
    HeapLoadOptions noCache = cacheIn(dir.path + "/none");
    noCache.cache.enabled = false;
    const LoadedHeap reference = load(snap, noCache); // sorted by the analysis (the default, the viewer's)
    const HeapAnalysis& ra = *reference.analysis;
    REQUIRE(ra.summaryMembersSorted);
    // The order itself: retained size descending, then id ascending, in every row.
    size_t members = 0;
    for (const ClassAggregate& row : ra.summary) {
        members += row.nodes.size();
        for (size_t i = 1; i < row.nodes.size(); ++i) {
            const uint32_t x = row.nodes[i - 1], y = row.nodes[i];
            const bool before = ra.retainedSize[x] > ra.retainedSize[y]
                || (ra.retainedSize[x] == ra.retainedSize[y] && ra.snapshot->nodeId[x] < ra.snapshot->nodeId[y]);
            REQUIRE(before);
        }
    }
    REQUIRE(members > 10000); // rows of thousands: an unsorted order cannot pass by chance

    HeapLoadOptions cli = cacheIn(dir.path + "/cache");
    cli.sortSummaryMembers = false; // as the CLI's coreLoadOptions
    const LoadedHeap first = load(snap, cli);
    REQUIRE(!first.fromCache);
    const HeapAnalysis& fa = *first.analysis;
    CHECK(!fa.summaryMembersSorted);
    REQUIRE(fa.summary.size() == ra.summary.size());
    bool anyDifferentOrder = false;
    for (size_t r = 0; r < fa.summary.size(); ++r) {
        const ClassAggregate &x = fa.summary[r], &y = ra.summary[r];
        CHECK(x.key == y.key);
        CHECK(x.count == y.count);
        CHECK(x.retained == y.retained);
        std::vector<uint32_t> a(x.nodes.begin(), x.nodes.end()), b(y.nodes.begin(), y.nodes.end());
        anyDifferentOrder = anyDifferentOrder || a != b;
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        CHECK(a == b); // the same members
    }
    CHECK(anyDifferentOrder); // not sorted: file order
    // The viewer's all-objects Summary from such an analysis is sorted on the way out.
    const std::vector<ClassAggregate> viewer = buildFilteredSummary(fa, nullptr, std::nullopt, true);
    REQUIRE(viewer.size() == ra.summary.size());
    for (size_t r = 0; r < viewer.size(); ++r)
        CHECK(std::equal(
            viewer[r].nodes.begin(), viewer[r].nodes.end(), ra.summary[r].nodes.begin(), ra.summary[r].nodes.end()));

    // A later load that wants them sorted reads the CLI's cache entry and sorts its (mapped) member lists.
    const LoadedHeap second = load(snap, cacheIn(dir.path + "/cache"));
    REQUIRE(second.fromCache);
    const HeapAnalysis& sa = *second.analysis;
    CHECK(sa.summaryMembersSorted);
    for (size_t r = 0; r < sa.summary.size(); ++r)
        CHECK(std::equal(sa.summary[r].nodes.begin(), sa.summary[r].nodes.end(), ra.summary[r].nodes.begin(),
            ra.summary[r].nodes.end()));
}

TEST_CASE(
    "the state bytes and the renames table round-trip, whether the detachedness was taken over or not", "[core][cache]")
{
    // chromium_detached_dom_2 has detached DOM: "Detached ..." renames. The loader's analysis takes the file's
    // detachedness over (its snapshot then has none); an analysis of a snapshot someone else holds copies it. The
    // cache stores neither snapshot's detachedness: both round-trip to the same analysis.
    TempDir dir;
    const std::string snap = writeSnapshot(dir, "chromium_detached_dom_2", "d.heapsnapshot");
    const auto o = cacheIn(dir.path + "/cache");
    const LoadedHeap first = load(snap, o);
    REQUIRE(!first.fromCache);
    const HeapAnalysis& fa = *first.analysis;
    REQUIRE(fa.renames.size() >= 2);
    CHECK(fa.snapshot->nodeDetachedness.empty()); // taken over
    size_t renamedNodes = 0;
    for (uint32_t i = 0; i < fa.nodeCount(); ++i)
        if (fa.renamed(i)) {
            ++renamedNodes;
            CHECK(fa.name(i) == "Detached " + std::string(fa.snapshot->nodeNameView(i)));
        }
    CHECK(renamedNodes > fa.renames.size()); // some old names are shared by several renamed nodes

    auto lazy = o;
    lazy.cache.verify = HeapCacheOptions::Verify::OnFirstUse;
    for (const auto& options : { o, lazy }) {
        const LoadedHeap hit = load(snap, options);
        REQUIRE(hit.fromCache);
        CHECK(hit.analysis->state.isMapped());
        CHECK(hit.analysis->renames.isMapped());
        CHECK(hit.analysis->snapshot->nodeDetachedness.empty());
        requireSame(fa, *hit.analysis);
    }

    // The same file analysed from a snapshot the caller keeps (the detachedness copied), stored and read back.
    auto read = SnapshotReader::read(snap);
    REQUIRE(read);
    const std::shared_ptr<const HeapSnapshot> held = read.value();
    auto copied = HeapAnalysis::analyze(held);
    REQUIRE(copied);
    CHECK(held->nodeDetachedness.size() == held->nodeCount);
    requireSame(fa, *copied.value());
    HeapCacheStatus status;
    heapcache::store(snap, *copied.value(), o.cache, status);
    REQUIRE(status.store == "written");
    const auto back = heapcache::load(snap, o.cache, status);
    REQUIRE(back);
    CHECK(back->snapshot->nodeDetachedness.empty());
    requireSame(fa, *back);
}

TEST_CASE("a cache whose renames table or state bytes do not fit is rejected", "[core][cache]")
{
    // store() writes whatever it is given, with right checksums: load() must check the table itself. Each case
    // spoils one thing of a good analysis (renames sorted by `from`, one distinct extraNames entry "Detached " +
    // the old name each, state bytes with bits 6-7 clear and renamed nodes' names in the table), stores it and
    // reads it back.
    TempDir dir;
    const std::string snap = writeSnapshot(dir, "chromium_detached_dom_2", "d.heapsnapshot");
    const auto o = cacheIn(dir.path + "/cache");
    const LoadedHeap first = load(snap, o);
    HeapAnalysis& a = const_cast<HeapAnalysis&>(*first.analysis); // made mutable by the loader; ours alone
    REQUIRE(a.renames.size() >= 2);
    REQUIRE(!a.renames.isMapped());
    const uint32_t strings = a.snapshot->strings.size();
    auto rejected = [&](const std::function<void()>& spoil, const std::function<void()>& undo) {
        spoil();
        HeapCacheStatus status;
        heapcache::store(snap, a, o.cache, status);
        REQUIRE(status.store == "written");
        const bool loaded = heapcache::load(snap, o.cache, status) != nullptr;
        undo();
        return !loaded && status.lookup == "invalid: malformed";
    };
    RenamedName* r = a.renames.data();
    const RenamedName r0 = r[0], r1 = r[1];
    CHECK(rejected([&] { std::swap(r[0], r[1]); }, [&] { std::swap(r[0], r[1]); })); // not sorted
    CHECK(rejected([&] { r[1].from = r0.from; }, [&] { r[1] = r1; })); // a duplicate old name
    CHECK(rejected([&] { r[1].to = r0.to; }, [&] { r[1] = r1; })); // two renames to one name
    CHECK(rejected([&] { r[0].to = strings + uint32_t(a.extraNames.size()); }, [&] { r[0] = r0; })); // past the end
    CHECK(rejected([&] { r[0].to = r0.from; }, [&] { r[0] = r0; })); // a snapshot string
    CHECK(rejected([&] { r[0].from = strings + 5; }, [&] { r[0] = r0; })); // not a snapshot string
    std::string& name = a.extraNames[r0.to - strings];
    const std::string good = name;
    CHECK(rejected([&] { name.back() ^= 1; }, [&] { name = good; })); // another text
    CHECK(rejected([&] { name = name.substr(9); }, [&] { name = good; })); // no "Detached " prefix
    CHECK(rejected([&] { a.extraNames.push_back("Detached x"); }, [&] { a.extraNames.pop_back(); })); // an extra name
    uint8_t* state = a.state.data();
    const uint32_t root = a.root();
    REQUIRE(!a.renamed(root));
    REQUIRE(a.renamedName(a.snapshot->nodeName[root]) == a.snapshot->nodeName[root]);
    const uint8_t rootState = state[root];
    CHECK(rejected([&] { state[root] |= 0x40; }, [&] { state[root] = rootState; })); // an undefined bit
    CHECK(rejected([&] { state[root] |= kStateRenamed; }, [&] { state[root] = rootState; })); // no rename of its name
    // Unspoilt, the same analysis is accepted.
    HeapCacheStatus status;
    heapcache::store(snap, a, o.cache, status);
    const auto back = heapcache::load(snap, o.cache, status);
    REQUIRE(back);
    requireSame(a, *back);
}

TEST_CASE("distances past the 16-bit codes round-trip through the cache; an inconsistent column is rebuilt",
    "[core][cache][distances]")
{
    // root -> a user root -> a chain of 34,000 objects (user distances up to 34,001), root -> (GC roots) -> another
    // chain (system distances up to 100,034,001): both chains' far ends overflow the 16-bit codes.
    constexpr uint32_t kChain = 34000;
    testutil::SnapshotBuilder b;
    const uint32_t root = b.node("synthetic", "", 1, 0);
    const uint32_t gcRoots = b.node("synthetic", "(GC roots)", 3, 0);
    const uint32_t user = b.node("object", "Holder", 5, 16);
    b.edge(root, "shortcut", "holder", user);
    b.edge(root, "element", "1", gcRoots);
    uint32_t id = 7, prev = user;
    for (uint32_t i = 0; i < kChain; ++i, id += 2) {
        const uint32_t link = b.node("object", "Link", id, 16);
        b.edge(prev, "property", "next", link);
        prev = link;
    }
    const uint32_t userEnd = prev;
    prev = gcRoots;
    for (uint32_t i = 0; i < kChain; ++i, id += 2) {
        const uint32_t link = b.node("object", "SystemLink", id, 16);
        b.edge(prev, "property", "next", link);
        prev = link;
    }
    const uint32_t systemEnd = prev;
    const BuiltInCache built(b, "chain.heapsnapshot");
    const std::string& snap = built.snap;
    const HeapLoadOptions& o = built.o;
    const HeapAnalysis& ca = *built.computed.analysis;
    REQUIRE(ca.distance[userEnd] == int32_t(kChain) + 1);
    REQUIRE(ca.distance[systemEnd] == HeapAnalysis::kBaseSystemDistance + int32_t(kChain) + 1);
    const size_t overflowing = (kChain + 1 - 32767) + (kChain + 1 - 32765);
    REQUIRE(ca.distance.overflow().size() == overflowing);
    REQUIRE(ca.distance.consistent());

    SECTION("round trip, either verification")
    {
        requireRoundTrip(snap, o, ca, [&](const HeapAnalysis& a) {
            CHECK(a.distance.codes().isMapped());
            CHECK(a.distance.overflow().entries().isMapped());
            CHECK(a.distance == ca.distance);
            CHECK(a.distance[userEnd] == int32_t(kChain) + 1);
            CHECK(a.distance[systemEnd] == HeapAnalysis::kBaseSystemDistance + int32_t(kChain) + 1);
        });
    }

    // A file whose checksums hold but whose distance codes and side table disagree (what a writer bug would
    // store): written through store() from a column broken on purpose, then rejected on load and rebuilt.
    auto lazy = o;
    lazy.cache.verify = HeapCacheOptions::Verify::OnFirstUse;
    SECTION("a code marked overflow without its entry")
    {
        storeBroken(snap, o, ca, [&](HeapAnalysis& a) { a.distance.codes()[user] = DistanceColumn::kOverflowCode; });
        const LoadedHeap l = load(snap, o);
        CHECK(!l.fromCache);
        CHECK(l.cache.lookup == "invalid: malformed");
        CHECK(l.cache.store == "written");
        CHECK(l.analysis->distance == ca.distance);
        CHECK(load(snap, o).fromCache);
    }
    SECTION("an entry whose value has an inline code, and an unsorted table: rejected in either verification")
    {
        for (const auto& options : { o, lazy }) {
            storeBroken(snap, o, ca, [](HeapAnalysis& a) { a.distance.overflow().entries()[3].value = 17; });
            CHECK(load(snap, options).cache.lookup == "invalid: malformed");
            storeBroken(snap, o, ca, [](HeapAnalysis& a) {
                std::swap(a.distance.overflow().entries()[0], a.distance.overflow().entries()[1]);
            });
            CHECK(load(snap, options).cache.lookup == "invalid: malformed");
        }
        CHECK(load(snap, o).fromCache);
    }
}

TEST_CASE("sizes of 4 GiB and more round-trip through the cache; an inconsistent size column is rebuilt",
    "[core][cache][overflow]")
{
    // root -> holder -> objects of 5 GiB, 4 GiB - 1 (the first size the 32-bit column marks) and 4 GiB - 2 bytes:
    // the two larger self sizes and the holder's and root's retained sizes go to the side tables.
    constexpr uint64_t kMark = SizeColumn::kOverflow;
    testutil::SnapshotBuilder b;
    const uint32_t root = b.node("synthetic", "", 1, 0);
    const uint32_t holder = b.node("object", "Holder", 3, 16);
    const uint32_t huge = b.node("object", "Huge", 5, uint64_t(5) << 30);
    const uint32_t marked = b.node("object", "Marked", 7, kMark);
    const uint32_t fits = b.node("object", "Fits", 9, kMark - 1);
    b.edge(root, "shortcut", "holder", holder);
    b.edge(holder, "property", "huge", huge);
    b.edge(holder, "property", "marked", marked);
    b.edge(holder, "property", "fits", fits);
    const BuiltInCache built(b, "huge.heapsnapshot");
    const std::string& snap = built.snap;
    const HeapLoadOptions& o = built.o;
    const HeapAnalysis& ca = *built.computed.analysis;
    const uint64_t total = 16 + (uint64_t(5) << 30) + kMark + kMark - 1;
    REQUIRE(ca.selfSize[huge] == uint64_t(5) << 30);
    REQUIRE(ca.selfSize[marked] == kMark);
    REQUIRE(ca.selfSize[fits] == kMark - 1);
    REQUIRE(ca.retainedSize[holder] == total);
    REQUIRE(ca.retainedSize[root] == total);
    REQUIRE(ca.selfSize.overflow().size() == 2);
    REQUIRE(ca.retainedSize.overflow().size() == 4);
    REQUIRE(ca.selfSize.consistent());
    REQUIRE(ca.retainedSize.consistent());

    SECTION("round trip, either verification")
    {
        requireRoundTrip(snap, o, ca, [&](const HeapAnalysis& a) {
            CHECK(a.selfSize.overflow().entries().isMapped());
            CHECK(a.retainedSize.overflow().entries().isMapped());
            CHECK(a.retainedSize[root] == total);
            CHECK(a.selfSize[huge] == uint64_t(5) << 30);
        });
    }
    // Checksums that hold over size columns whose marks and side table disagree: rejected when the cache is checked
    // up front (on first use the size columns' consistency is not re-read: see heapcache.cpp), then rebuilt.
    SECTION("a marked size without its entry, an entry whose value fits 32 bits")
    {
        storeBroken(snap, o, ca, [](HeapAnalysis& a) { a.selfSize.overflow().entries().pop_back(); });
        const LoadedHeap l = load(snap, o);
        CHECK(!l.fromCache);
        CHECK(l.cache.lookup == "invalid: malformed");
        CHECK(l.analysis->selfSize == ca.selfSize);
        storeBroken(snap, o, ca, [](HeapAnalysis& a) { a.retainedSize.overflow().entries()[0].value = 5; });
        CHECK(load(snap, o).cache.lookup == "invalid: malformed");
        CHECK(load(snap, o).fromCache);
    }
}
