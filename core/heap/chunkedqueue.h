// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace v8scope {

/// A FIFO of uint32 values (the distance BFS's node queue) in chunks of 2^chunkShift values that are freed as soon
/// as the head has passed them: a BFS then holds about two of its levels instead of every node it visited (at 1 GB
/// the widest two levels are 5.2 M of 11.7 M nodes). Values are addressed by absolute position (0 at the first
/// push after construction or clear()), so a reader can look ahead of the head (at(head + k) for k < size()) and
/// mark where a level ends.
///
/// The default chunk is 2 MiB, one huge page: chunks of 2 MiB and more are mapped by the queue itself (mmap,
/// 2 MiB-aligned, MADV_HUGEPAGE where bigblocks::freshHugePages()) and unmapped when consumed, so the memory goes
/// back to the system at once whatever malloc's thresholds, and a chunk costs one page fault and one TLB entry
/// (4 KiB pages would cost 512 faults a chunk: the BFS measured 7 % slower with 1 MiB malloc'd chunks). Smaller
/// chunks (tests) come from operator new. One consumed chunk is kept as a spare for the next push that needs a
/// chunk (the head frees one about when the tail needs one): the queue then faults in fresh memory only while it
/// grows, and holds at most one chunk more than its values' chunks.
class ChunkedQueue
{
public:
    static constexpr unsigned kDefaultChunkShift = 19; ///< 512 Ki values = 2 MiB

    explicit ChunkedQueue(unsigned chunkShift = kDefaultChunkShift)
        : m_shift(chunkShift)
        , m_mask((size_t(1) << chunkShift) - 1)
    {
    }
    ChunkedQueue(const ChunkedQueue&) = delete;
    ChunkedQueue& operator=(const ChunkedQueue&) = delete;
    ~ChunkedQueue()
    {
        clear();
    }

    /// Absolute positions: the values are at(head()) .. at(tail() - 1).
    size_t head() const
    {
        return m_head;
    }
    size_t tail() const
    {
        return m_tail;
    }
    bool empty() const
    {
        return m_head == m_tail;
    }
    size_t size() const
    {
        return m_tail - m_head;
    }
    /// The value at `pos`, head() <= pos < tail().
    [[gnu::always_inline]] uint32_t at(size_t pos) const
    {
        return m_chunks[pos >> m_shift][pos & m_mask];
    }
    // The hot calls inline (the BFS makes one per node), the chunk changes out of line.
    [[gnu::always_inline]] void push(uint32_t v)
    {
        if ((m_tail & m_mask) == 0)
            addChunk();
        m_chunks[m_tail >> m_shift][m_tail & m_mask] = v;
        ++m_tail;
    }
    /// Takes the value at head(); frees its chunk when it was the chunk's last one.
    [[gnu::always_inline]] uint32_t pop()
    {
        const uint32_t v = at(m_head);
        ++m_head;
        if ((m_head & m_mask) == 0)
            releaseChunk((m_head >> m_shift) - 1);
        return v;
    }
    /// Empty, positions from 0 again, every chunk freed (the spare too).
    void clear();
    /// Chunks in memory (those holding values, plus the spare): what the queue costs, for tests.
    size_t chunksInMemory() const;
    size_t chunkValues() const
    {
        return m_mask + 1;
    }

private:
    [[gnu::noinline]] void addChunk();
    [[gnu::noinline]] void releaseChunk(size_t chunk);
    uint32_t* allocateChunk() const;
    void freeChunk(uint32_t* chunk) const;

    unsigned m_shift;
    size_t m_mask;
    size_t m_head = 0, m_tail = 0;
    /// Indexed by absolute chunk number (a pointer per 2^chunkShift values pushed since clear()); null once freed.
    std::vector<uint32_t*> m_chunks;
    uint32_t* m_spare = nullptr;
};

} // namespace v8scope
