// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "chunkedqueue.h"

#include <common/bigblocks.h>

#include <cstdint>
#include <cstdlib>
#include <new>

#include <sys/mman.h>

namespace v8scope {

namespace {
constexpr size_t kHugePage = size_t(2) << 20;
} // namespace

uint32_t* ChunkedQueue::allocateChunk() const
{
    const size_t bytes = (m_mask + 1) * sizeof(uint32_t);
    if (bytes < kHugePage)
        return new uint32_t[m_mask + 1];
    // Map one huge page more than needed and cut the mapping down to a 2 MiB-aligned range.
    void* p = ::mmap(nullptr, bytes + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        throw std::bad_alloc();
    const uintptr_t begin = uintptr_t(p);
    const uintptr_t aligned = (begin + kHugePage - 1) & ~(kHugePage - 1);
    if (aligned > begin)
        ::munmap(p, aligned - begin);
    const uintptr_t end = begin + bytes + kHugePage;
    if (end > aligned + bytes)
        ::munmap(reinterpret_cast<void*>(aligned + bytes), end - (aligned + bytes));
    if (bigblocks::freshHugePages())
        ::madvise(reinterpret_cast<void*>(aligned), bytes, MADV_HUGEPAGE); // advice only: failure changes nothing
    return reinterpret_cast<uint32_t*>(aligned);
}

void ChunkedQueue::freeChunk(uint32_t* chunk) const
{
    if (!chunk)
        return;
    const size_t bytes = (m_mask + 1) * sizeof(uint32_t);
    if (bytes < kHugePage)
        delete[] chunk;
    else
        ::munmap(chunk, bytes);
}

void ChunkedQueue::addChunk()
{
    m_chunks.push_back(m_spare ? m_spare : allocateChunk());
    m_spare = nullptr;
}

void ChunkedQueue::releaseChunk(size_t chunk)
{
    if (!m_spare)
        m_spare = m_chunks[chunk];
    else
        freeChunk(m_chunks[chunk]);
    m_chunks[chunk] = nullptr;
}

void ChunkedQueue::clear()
{
    for (uint32_t* c : m_chunks)
        freeChunk(c);
    freeChunk(m_spare);
    m_chunks.clear();
    m_spare = nullptr;
    m_head = m_tail = 0;
}

size_t ChunkedQueue::chunksInMemory() const
{
    size_t n = m_spare ? 1 : 0;
    for (const uint32_t* c : m_chunks)
        n += c != nullptr;
    return n;
}

} // namespace v8scope
