// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
//
// The global operator new and delete: big blocks from bigblocks.h, huge pages for the big arrays.
//
// v8scope's data are a few dozen big flat arrays (a 1 GB snapshot: ~40 arrays of 10-160 MB). Requests of 32 MiB
// and more are served by bigblocks (core/common/bigblocks.h): while a load runs, a freed block's memory is moved
// into the next big block instead of unmapped and mapped fresh. malloc'd requests of 4 MiB and more are marked
// MADV_HUGEPAGE here (bigblocks' own blocks where bigblocks::freshHugePages() says huge pages are not the dearer
// kind on this machine; a request under 32 MiB mostly gets a huge page the kernel got back moments ago): the
// kernel fills a plain anonymous mapping 4 KiB at a time on first touch (330,000 page faults for the 1.3 GB of a
// 1 GB snapshot's arrays, each a trip through the hypervisor on a virtual machine), and the graph steps' random
// accesses (retainers, dominators, distances) miss the TLB on almost every node; with 2 MiB pages (transparent
// huge pages in "madvise" or "always" mode, most distributions' default) both drop 512-fold. glibc's
// `glibc.malloc.hugetlb=1` tunable does this for every allocation but cannot be set from inside the process.
// Measured: docs/performance.md ("Huge pages", "Fresh pages and big blocks").
//
// Replacing these operators is allowed by the standard ([new.delete.single], [new.delete.array]); smaller requests
// go to malloc and free as in libstdc++, and operator delete tells the two kinds apart (bigblocks::deallocate).
// Every non-aligned form is replaced so that no standard library's default forwarding is relied on; the aligned
// forms stay the library's (aligned_alloc and free: never a big block). Under the sanitizers, which bring their own
// operators, the replacement is left out. V8SCOPE_NO_HUGEPAGES=1 turns the advice off (for measuring).
#include "bigblocks.h"

#include <cstdint>
#include <cstdlib>
#include <new>

#include <sys/mman.h>
#include <unistd.h>

#ifndef V8SCOPE_SANITIZED
namespace {
/// Allocations from this size on that malloc serves are advised too (a few huge pages' worth: little is rounded up).
constexpr std::size_t kHugeFrom = std::size_t(4) << 20;

void adviseHuge(void* p, std::size_t n)
{
    static const bool wanted = [] {
        const char* off = std::getenv("V8SCOPE_NO_HUGEPAGES");
        return !(off && *off && *off != '0');
    }();
    if (!wanted)
        return;
    static const std::uintptr_t page = std::uintptr_t(sysconf(_SC_PAGESIZE));
    const std::uintptr_t begin = (std::uintptr_t(p) + page - 1) & ~(page - 1);
    const std::uintptr_t end = (std::uintptr_t(p) + n) & ~(page - 1);
    if (end > begin)
        madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE); // advice only: failure changes nothing
}

void* allocate(std::size_t n)
{
    if (n >= v8scope::bigblocks::kMinBytes)
        if (void* p = v8scope::bigblocks::allocate(n))
            return p;
    if (n == 0)
        n = 1;
    void* p;
    while (!(p = std::malloc(n))) {
        std::new_handler handler = std::get_new_handler();
        if (!handler)
            throw std::bad_alloc();
        handler();
    }
    if (n >= kHugeFrom)
        adviseHuge(p, n);
    return p;
}

void release(void* p) noexcept
{
    if (!v8scope::bigblocks::deallocate(p))
        std::free(p);
}
} // namespace

void* operator new(std::size_t n)
{
    return allocate(n);
}
void* operator new[](std::size_t n)
{
    return allocate(n);
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept
{
    try {
        return allocate(n);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept
{
    try {
        return allocate(n);
    } catch (...) {
        return nullptr;
    }
}
void operator delete(void* p) noexcept
{
    release(p);
}
void operator delete[](void* p) noexcept
{
    release(p);
}
void operator delete(void* p, std::size_t) noexcept
{
    release(p);
}
void operator delete[](void* p, std::size_t) noexcept
{
    release(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept
{
    release(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept
{
    release(p);
}
#endif
