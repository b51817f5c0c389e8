// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
//
// Large arrays on transparent huge pages.
//
// v8scope's data are a few dozen big flat arrays (a 1 GB snapshot: ~40 arrays of 10-160 MB). glibc gives each its
// own anonymous mapping, and the kernel fills it 4 KiB at a time on first touch: 330,000 page faults for the
// 1.3 GB of a 1 GB snapshot's arrays, each a trip through the hypervisor on a virtual machine, plus a TLB miss on
// almost every random access of the graph steps (retainers, dominators, distances). Perf on a 5 M-sample CPU
// profile showed 30 % of the time in the page-fault handler. Marking those mappings MADV_HUGEPAGE lets the kernel
// back them with 2 MiB pages (where /sys/kernel/mm/transparent_hugepage/enabled is "madvise" or "always", the
// default of most distributions): 512 times fewer faults and TLB entries. This is what glibc's
// `glibc.malloc.hugetlb=1` tunable does for every allocation; it cannot be set from inside the process, so the
// global operator new below does it for the big ones only. Measured: docs/performance.md ("Huge pages").
//
// Replacing the global operator new is allowed by the standard ([new.delete.single]); it allocates with malloc, as
// libstdc++'s does, so libstdc++'s operator delete (free) stays right for it. Under the sanitizers, which bring
// their own operator new, the replacement is left out. V8SCOPE_NO_HUGEPAGES=1 in the environment turns the advice
// off (for measuring).
#include <cstdint>
#include <cstdlib>
#include <new>

#include <sys/mman.h>
#include <unistd.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define V8SCOPE_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define V8SCOPE_SANITIZED 1
#endif

#ifndef V8SCOPE_SANITIZED
namespace {
/// Allocations from this size on are advised: a few huge pages' worth, so that little is rounded up and small
/// objects never split the heap's mappings.
constexpr std::size_t kHugeFrom = std::size_t(4) << 20;

bool hugePagesWanted()
{
    static const bool wanted = [] {
        const char* off = std::getenv("V8SCOPE_NO_HUGEPAGES");
        return !(off && *off && *off != '0');
    }();
    return wanted;
}

void adviseHuge(void* p, std::size_t n)
{
    if (!hugePagesWanted())
        return;
    static const std::uintptr_t page = std::uintptr_t(sysconf(_SC_PAGESIZE));
    const std::uintptr_t begin = (std::uintptr_t(p) + page - 1) & ~(page - 1);
    const std::uintptr_t end = (std::uintptr_t(p) + n) & ~(page - 1);
    if (end > begin)
        madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE); // advice only: failure changes nothing
}
} // namespace

void* operator new(std::size_t n)
{
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
#endif
