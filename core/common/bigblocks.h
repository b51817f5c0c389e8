// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>

/// Big blocks (32 MiB and more) mapped by v8scope itself, with their memory handed from freed blocks to new ones.
///
/// A cold load of a snapshot allocates and frees a few dozen arrays of 10-700 MB in turn (columns, the analysis'
/// temporaries). Each used to be its own glibc mapping, unmapped when freed, so every new array took pages fresh from
/// the kernel: 1.5 GB of fresh pages for a 1 GB snapshot whose peak is 1.2 GB, 5.8 GB for a 4 GB one whose peak is 4.4
/// GB. A fresh page is the dearest memory there is on a virtual machine (the kernel zeroes it, and the hypervisor backs
/// it on first touch: docs/performance.md "Fresh pages and big blocks"), so here a freed block's whole 2 MiB chunks are
/// kept while a ReuseScope is open and moved (mremap: page tables only, no copy, no fault) into the next big block,
/// which then takes fresh pages only for what the freed chunks do not cover. See docs/DESIGN.md.
///
/// Peak memory stays what it was: a new block takes every kept chunk it has room for before any fresh page, so a block
/// that needs fresh pages leaves nothing kept; what is kept while nothing needs it is memory that was in use just
/// before (the blocks it came from), and it is unmapped when the last scope closes. Outside a scope a freed block is
/// unmapped at once, as before.
///
/// The global operator new and delete (hugepages.cpp) route requests of kMinBytes and more here; under the sanitizers
/// (V8SCOPE_SANITIZED) they are left out and these functions serve only their tests. V8SCOPE_NO_BIG_BLOCKS=1 leaves
/// every request to malloc (for measuring).
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define V8SCOPE_SANITIZED 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define V8SCOPE_SANITIZED 1
#endif

namespace v8scope::bigblocks {

/// The granule of reuse and the blocks' alignment: one huge page (mremap moves whole page-table pages or huge
/// pages at this alignment).
inline constexpr std::size_t kChunkBytes = std::size_t(2) << 20;

/// Requests from this size on are served here. Smaller ones stay malloc's: glibc serves them from free chunks its
/// arenas already hold (the small objects' garbage: 6, 18 and 69 MB at the end of a 300 MB, 1 GB and 4 GB load), which
/// this allocator cannot see; taking requests from 2 MiB on left that memory unused and raised the peak RSS by 19 MB at
/// 1 GB, from 8 MiB on by 60 MB at 4 GB (docs/performance.md "Fresh pages and big blocks"). 32 MiB is also where
/// glibc's own mmap threshold stops growing, so these requests were fresh mappings before in the GUI too.
inline constexpr std::size_t kMinBytes = std::size_t(32) << 20;

/// A block of at least n bytes, kChunkBytes-aligned, contents unspecified (a reused chunk keeps its old bytes); nullptr
/// when this allocator does not serve the request (n < kMinBytes, its table of blocks is full, mmap failed): the caller
/// then uses malloc.
void* allocate(std::size_t n) noexcept;

/// Frees p when it is one of allocate's blocks and returns true; returns false (and does nothing) otherwise.
bool deallocate(void* p) noexcept;

/// While at least one scope is open (any thread), freed blocks' whole chunks are kept for reuse; closing the last
/// one unmaps what is kept. loadHeap opens one around the parse and the analysis, for the CLI and the GUI alike.
class ReuseScope
{
public:
    ReuseScope() noexcept;
    ~ReuseScope();
    ReuseScope(const ReuseScope&) = delete;
    ReuseScope& operator=(const ReuseScope&) = delete;
};

/// Whether fresh blocks are advised MADV_HUGEPAGE. Yes, unless the kernel reports free 2 MiB blocks to the
/// hypervisor (free page reporting: a virtio balloon with the reporting feature and page_reporting_order <= 9),
/// where a huge-page fault always lands on a block the host has discarded and must back again 4 KiB at a time
/// while the guest zeroes it: measured 2.2 s a GiB against 0.3 s for small pages on the bench VM. Small-page faults
/// are served from the fragments the kernel never reports. V8SCOPE_NO_HUGEPAGES=1 and V8SCOPE_HUGEPAGES=1 decide
/// it outright (for measuring). Also used for the distances' queue chunks; the malloc'd requests of 4-32 MiB stay
/// advised (hugepages.cpp): they mostly get huge pages freed moments before, which the kernel has not reported yet.
bool freshHugePages() noexcept;

/// Unmaps every kept chunk now.
void releaseKept() noexcept;

struct Stats
{
    std::size_t liveBlocks = 0; ///< blocks allocated and not yet freed
    std::size_t liveBytes = 0; ///< their mapped bytes (the request rounded up to whole pages)
    std::size_t keptBytes = 0; ///< freed chunks kept for reuse
    std::size_t freshBytes = 0; ///< bytes mapped fresh by allocate since the process started
    std::size_t reusedBytes = 0; ///< bytes allocate took over from freed blocks since the process started
};
Stats stats() noexcept;

} // namespace v8scope::bigblocks
