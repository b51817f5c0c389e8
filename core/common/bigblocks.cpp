// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "bigblocks.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include <sys/mman.h>
#include <unistd.h>

namespace v8scope::bigblocks {

namespace {
constexpr std::uintptr_t kChunk = kChunkBytes;
/// Live blocks at once (a loaded 4 GB snapshot has about 60; the GUI holds a few documents); past it, malloc.
constexpr std::size_t kMaxLive = 1024;
/// Kept ranges at once; a freed block past it is unmapped.
constexpr std::size_t kMaxKept = 256;

struct Range
{
    std::uintptr_t addr = 0;
    std::size_t bytes = 0;
};

struct State
{
    std::mutex lock;
    Range live[kMaxLive];
    std::size_t liveCount = 0;
    std::size_t liveBytes = 0;
    Range kept[kMaxKept]; ///< whole 2 MiB chunks, 2 MiB-aligned; taken from the back (the latest freed first)
    std::size_t keptCount = 0;
    std::size_t keptBytes = 0;
    std::size_t scopes = 0;
    std::size_t freshBytes = 0;
    std::size_t reusedBytes = 0;
};
// Constant-initialised and trivially destructible: usable by operator new and delete before main and after exit.
constinit State g_state;

bool envSet(const char* name)
{
    const char* v = std::getenv(name);
    return v && *v && *v != '0';
}

/// Whether free page reporting hands free 2 MiB blocks back to the hypervisor: a virtio balloon with the reporting
/// feature (bit 5 of its features in sysfs) and the kernel's page_reporting_order at most 9 (2 MiB with 4 KiB pages).
bool hugeBlocksReported()
{
    std::FILE* f = std::fopen("/sys/module/page_reporting/parameters/page_reporting_order", "r");
    if (!f)
        return false;
    int order = 99;
    const bool read = std::fscanf(f, "%d", &order) == 1;
    std::fclose(f);
    if (!read || order > 9)
        return false;
    for (int i = 0; i < 16; ++i) { // the balloon's device: virtio0, virtio1, ... (rarely more than a few)
        char path[96];
        std::snprintf(path, sizeof path, "/sys/bus/virtio/drivers/virtio_balloon/virtio%d/features", i);
        std::FILE* g = std::fopen(path, "r");
        if (!g)
            continue;
        char bits[8] = {};
        const size_t got = std::fread(bits, 1, 6, g);
        std::fclose(g);
        if (got == 6 && bits[5] == '1') // VIRTIO_BALLOON_F_REPORTING
            return true;
    }
    return false;
}

/// V8SCOPE_NO_BIG_BLOCKS=1 leaves every request to malloc, as before this allocator (for measuring).
bool bigBlocksWanted()
{
    static const bool wanted = !envSet("V8SCOPE_NO_BIG_BLOCKS");
    return wanted;
}

std::size_t pageSize()
{
    static const std::size_t page = std::size_t(::sysconf(_SC_PAGESIZE));
    return page;
}

void unmap(std::uintptr_t addr, std::size_t bytes)
{
    if (bytes)
        ::munmap(reinterpret_cast<void*>(addr), bytes);
}
} // namespace

bool freshHugePages() noexcept
{
    static const bool wanted = [] {
        if (envSet("V8SCOPE_NO_HUGEPAGES"))
            return false;
        if (envSet("V8SCOPE_HUGEPAGES"))
            return true;
        return !hugeBlocksReported();
    }();
    return wanted;
}

void* allocate(std::size_t n) noexcept
{
    if (n < kMinBytes || n > SIZE_MAX / 4 || !bigBlocksWanted())
        return nullptr;
    const std::size_t page = pageSize();
    const std::size_t bytes = (n + page - 1) & ~(page - 1);
    // A fresh range of `bytes` at a 2 MiB boundary: map one chunk more and cut off both ends. Untouched, it costs
    // nothing until written; kept chunks moved over its front replace its pages there.
    void* p = ::mmap(nullptr, bytes + kChunk, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return nullptr;
    const std::uintptr_t begin = std::uintptr_t(p);
    const std::uintptr_t base = (begin + kChunk - 1) & ~(kChunk - 1);
    unmap(begin, base - begin);
    unmap(base + bytes, begin + bytes + kChunk - (base + bytes));
    if (freshHugePages())
        ::madvise(reinterpret_cast<void*>(base), bytes, MADV_HUGEPAGE); // advice only: failure changes nothing

    State& s = g_state;
    std::lock_guard guard(s.lock);
    if (s.liveCount == kMaxLive) {
        unmap(base, bytes);
        return nullptr;
    }
    // Whole chunks of freed blocks first: a block that still needs fresh pages after this has taken them all.
    const std::size_t whole = bytes & ~std::size_t(kChunk - 1);
    std::size_t filled = 0;
    while (filled < whole && s.keptCount > 0) {
        Range& k = s.kept[s.keptCount - 1];
        std::size_t take = std::min(k.bytes, whole - filled);
        auto move = [&] {
            return ::mremap(reinterpret_cast<void*>(k.addr), take, take, MREMAP_MAYMOVE | MREMAP_FIXED,
                       reinterpret_cast<void*>(base + filled))
                != MAP_FAILED;
        };
        // A kept range can span several mappings (a block made of moved chunks and fresh pages), which one mremap
        // does not cross; their boundaries are at chunk boundaries, so one chunk at a time always can.
        if (!move() && (take = kChunk, !move())) {
            unmap(k.addr, kChunk); // e.g. the map count limit: give this chunk back rather than retry it forever
            k.addr += kChunk;
            k.bytes -= kChunk;
            s.keptBytes -= kChunk;
            if (k.bytes == 0)
                --s.keptCount;
            break; // the block's remaining pages stay fresh
        }
        k.addr += take;
        k.bytes -= take;
        s.keptBytes -= take;
        if (k.bytes == 0)
            --s.keptCount;
        filled += take;
    }
    s.reusedBytes += filled;
    s.freshBytes += bytes - filled;
    s.live[s.liveCount++] = { base, bytes };
    s.liveBytes += bytes;
    return reinterpret_cast<void*>(base);
}

bool deallocate(void* p) noexcept
{
    const std::uintptr_t addr = std::uintptr_t(p);
    if (!addr || (addr & (kChunk - 1)))
        return false; // every block of ours starts at a 2 MiB boundary; malloc's pointers almost never do
    Range b;
    Range drop; // unmapped after the lock is released
    {
        State& s = g_state;
        std::lock_guard guard(s.lock);
        std::size_t i = 0;
        while (i < s.liveCount && s.live[i].addr != addr)
            ++i;
        if (i == s.liveCount)
            return false;
        b = s.live[i];
        s.live[i] = s.live[--s.liveCount];
        s.liveBytes -= b.bytes;
        const std::size_t whole = b.bytes & ~std::size_t(kChunk - 1);
        if (s.scopes > 0 && whole > 0 && s.keptCount < kMaxKept) {
            s.kept[s.keptCount++] = { b.addr, whole };
            s.keptBytes += whole;
            drop = { b.addr + whole, b.bytes - whole }; // the last partial chunk (small pages) is not reused
        } else {
            drop = b;
        }
    }
    unmap(drop.addr, drop.bytes);
    return true;
}

void releaseKept() noexcept
{
    Range drop[kMaxKept];
    std::size_t count = 0;
    {
        State& s = g_state;
        std::lock_guard guard(s.lock);
        count = s.keptCount;
        std::copy(s.kept, s.kept + count, drop);
        s.keptCount = 0;
        s.keptBytes = 0;
    }
    for (std::size_t i = 0; i < count; ++i)
        unmap(drop[i].addr, drop[i].bytes);
}

ReuseScope::ReuseScope() noexcept
{
    std::lock_guard guard(g_state.lock);
    ++g_state.scopes;
}

ReuseScope::~ReuseScope()
{
    bool last;
    {
        std::lock_guard guard(g_state.lock);
        last = --g_state.scopes == 0;
    }
    if (last)
        releaseKept(); // a scope opened meanwhile only loses what was kept before it
}

Stats stats() noexcept
{
    State& s = g_state;
    std::lock_guard guard(s.lock);
    return { s.liveCount, s.liveBytes, s.keptBytes, s.freshBytes, s.reusedBytes };
}

} // namespace v8scope::bigblocks
