// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

// The analysis cache's checksums and its mapped files (heapcache.cpp's file format): the block hash, and Mapping,
// one mapped cache file whose data region is checked per block, all up front or on first use through a SIGSEGV
// handler over a PROT_NONE mapping (see heapcache.cpp's header comment).
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <sched.h>
#include <sys/mman.h>
#include <unistd.h>

namespace v8scope::heapcache_detail {

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

/// The checksum of n bytes (n a multiple of 8: every region and block is).
uint64_t hashBytes(const char* p, size_t n);
/// Hands the whole pages inside [from, to) back to the kernel (MADV_DONTNEED).
void releasePages(const char* from, const char* to);

/// One mapped cache file: what the Columns of a hit read in place (unmapped with the last of them) and the state of
/// each block of its data region.
class Mapping
{
public:
    enum : uint8_t
    {
        kUnchecked,
        kChecking,
        kGood,
        kBad,
    };
    Mapping(char* file, size_t fileBytes, std::string entry)
        : m_file(file)
        , m_fileBytes(fileBytes)
        , m_entry(std::move(entry))
    {
        m_failure = "v8scope: " + m_entry
            + ": the analysis cache file does not match its checksum; it was deleted: run the command again to "
              "rebuild it\n";
    }
    Mapping(const Mapping&) = delete;
    ~Mapping();

    /// The data region and its block checksums.
    void setData(size_t dataAt, size_t dataBytes, size_t blockBytes, const uint64_t* hashes, size_t blocks)
    {
        m_dataAt = dataAt;
        m_dataBytes = dataBytes;
        m_blockBytes = blockBytes;
        m_hashes.assign(hashes, hashes + blocks);
        m_state.reset(new std::atomic<uint8_t>[blocks]);
        for (size_t i = 0; i < blocks; ++i)
            m_state[i].store(kUnchecked, std::memory_order_relaxed);
    }
    /// Maps the data region a second time, unreadable, for readers: each block becomes readable once checked (by
    /// the fault handler on first use, or verify()). False when that is not possible (then check everything).
    bool mapForFirstUse(int fd);
    bool checkedOnFirstUse() const
    {
        return m_user != nullptr;
    }
    /// Where readers find the data region.
    const char* data() const
    {
        return m_user ? m_user : m_file + m_dataAt;
    }

    /// Checks block k once (any thread; others wait for the first): true when it matches its checksum, and it is
    /// then readable.
    bool verifyBlock(size_t k)
    {
        uint8_t s = kUnchecked;
        if (m_state[k].compare_exchange_strong(s, kChecking, std::memory_order_acq_rel)) {
            const size_t at = k * m_blockBytes;
            const size_t n = std::min(m_blockBytes, m_dataBytes - at);
            const char* p = m_file + m_dataAt + at;
            const bool good = hashBytes(p, n) == m_hashes[k];
            if (m_user) {
                if (good)
                    ::mprotect(m_user + at, n, PROT_READ);
                releasePages(p, p + n); // readers use the other mapping: the file must not count twice in the RSS
            }
            m_state[k].store(good ? kGood : kBad, std::memory_order_release);
            return good;
        }
        while ((s = m_state[k].load(std::memory_order_acquire)) == kChecking)
            ::sched_yield();
        return s == kGood;
    }
    /// Checks the blocks that hold data bytes [from, from + n).
    bool verifyRange(size_t from, size_t n)
    {
        if (n == 0)
            return true;
        for (size_t k = from / m_blockBytes; k <= (from + n - 1) / m_blockBytes; ++k)
            if (!verifyBlock(k))
                return false;
        return true;
    }
    /// Checks every block, on two threads.
    bool verifyAll()
    {
        std::atomic<size_t> next { 0 };
        std::atomic<bool> good { true };
        auto work = [&] {
            for (size_t k; good.load(std::memory_order_relaxed) && (k = next.fetch_add(1)) < m_hashes.size();)
                if (!verifyBlock(k))
                    good = false;
        };
        std::thread helper;
        if (m_hashes.size() > 1)
            helper = std::thread(work);
        work();
        if (helper.joinable())
            helper.join();
        return good;
    }

    /// The fault handler's part: a read of the unchecked block at `offset` (true: retry it), or a fault that is not
    /// ours to mend (false). A mismatch ends the process.
    bool onFault(size_t offset)
    {
        const size_t k = offset / m_blockBytes;
        if (m_state[k].load(std::memory_order_acquire) == kGood) {
            // Checked by another thread meanwhile (retry), or a write to a read-only column (not ours: the same
            // address faulting again).
            static thread_local uintptr_t last = 0;
            static thread_local int repeats = 0;
            repeats = last == offset + uintptr_t(m_user) ? repeats + 1 : 0;
            last = offset + uintptr_t(m_user);
            return repeats < 2;
        }
        if (verifyBlock(k))
            return true;
        ::unlink(m_entry.c_str());
        const ssize_t written = ::write(STDERR_FILENO, m_failure.data(), m_failure.size());
        (void)written;
        ::_exit(2);
    }

private:
    char* m_file; ///< the whole file, read-only: the header, the metadata and what checks read
    size_t m_fileBytes;
    std::string m_entry, m_failure;
    char* m_user = nullptr; ///< the data region for readers, when checked on first use
    struct Slot* m_slot = nullptr;
    size_t m_dataAt = 0, m_dataBytes = 0, m_blockBytes = 1;
    std::vector<uint64_t> m_hashes;
    std::unique_ptr<std::atomic<uint8_t>[]> m_state;
};

} // namespace v8scope::heapcache_detail
