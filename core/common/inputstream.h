// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "error.h"
#include "progress.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct z_stream_s; // zlib's inflate state, for gzip data in memory

namespace v8scope {

struct InputOptions
{
    /// Bytes of text (after decompression) an input may have before reading stops with an error: the gzip bomb
    /// guard, applied to plain files and stdin too. The CLI's --max-input sets it.
    uint64_t maxDecompressedBytes = uint64_t(32) << 30;
    /// Memory an analysis of this input may need, estimated by the reader from the counts in the file's header
    /// before anything big is allocated; 0 = no limit. The CLI's --max-memory sets it.
    uint64_t maxMemoryBytes = 0;
    /// Size of the read buffer in bytes; 0 means 1 MiB. Tests and fuzzers make it small to exercise refills.
    size_t bufferBytes = 0;
    /// Plain regular files are memory-mapped (read lazily by the kernel, released behind the reader) so that
    /// scanners can see the whole text; false forces the streaming reader (tests compare both).
    bool allowMap = true;
    /// Threads for the parallel scan of the big numeric sections of a mapped snapshot; 0 = the hardware's.
    unsigned parseThreads = 0;
    /// Sections smaller than this many bytes are scanned on one thread (tests lower it to force the parallel path).
    uint64_t parallelMinBytes = uint64_t(4) << 20;
    /// Bytes the parallel scan reads and scans at a time (one block per thread); 0 means 4 MiB. Tests make it small
    /// so that block boundaries fall everywhere (inside numbers, records, whitespace).
    size_t parallelBlockBytes = 0;
    TaskControl control;
};

/// A buffered byte stream over a file, stdin ("-") or a gzip file (detected by its magic bytes, not its name),
/// shaped as a RapidJSON input stream (Peek/Take/Tell). Gzip, stdin and memory input stream through one 1 MiB
/// buffer. A plain regular file is mapped privately instead: the reader still advances in the same 1 MiB windows
/// (same escape repair, limits, progress and cancellation points, so errors and offsets do not change), pages
/// behind the reader are handed back to the kernel, and mappedEnd() lets a scanner look at the whole rest.
///
/// It also repairs what V8 writes but strict JSON readers reject: a `\uD800`-style escape that is a lone UTF-16
/// surrogate is rewritten in place to `\uFFFD` (same length, so byte offsets stay true).
class InputStream
{
public:
    using Ch = char;

    static Result<std::unique_ptr<InputStream>> open(const std::string& path, const InputOptions& options = {});
    /// Reads from a caller-owned buffer (gzip or plain, detected by magic bytes) that must outlive the stream.
    /// `name` is what errors call the input. Used by fuzzers and tests.
    static std::unique_ptr<InputStream> fromMemory(
        std::string name, const void* data, size_t size, const InputOptions& options = {});
    ~InputStream();
    InputStream(const InputStream&) = delete;
    InputStream& operator=(const InputStream&) = delete;

    Ch Peek()
    {
        if (m_cur == m_end) [[unlikely]] {
            if (!refill())
                return '\0';
        }
        return *m_cur;
    }
    Ch Take()
    {
        if (m_cur == m_end) [[unlikely]] {
            if (!refill())
                return '\0';
        }
        return *m_cur++;
    }
    /// Offset of the next byte in the (decompressed) text.
    size_t Tell() const
    {
        return size_t(m_consumedBefore + uint64_t(m_cur - m_base));
    }
    /// Direct view of the bytes already buffered, for scanners that look ahead further than Peek allows:
    /// [cursor(), bufferEnd()) are the next bytes; advanceTo(p) consumes up to p (within that range).
    const char* cursor() const
    {
        return m_cur;
    }
    const char* bufferEnd() const
    {
        return m_end;
    }
    void advanceTo(const char* p)
    {
        m_cur = const_cast<char*>(p);
    }
    /// Mapped input only (else nullptr): the end of the text a scanner may read directly, from cursor() on (the
    /// file's end, or the --max-input limit when that comes first). Bytes past bufferEnd() have not been through
    /// the escape repair, so a scanner must treat a backslash there as something it does not handle.
    const char* mappedEnd() const
    {
        return m_map ? m_map + size_t(std::min<uint64_t>(m_mapSize, m_maxDecompressed)) : nullptr;
    }
    /// Mapped input only: continue reading at p, in [cursor(), mappedEnd()], after a scanner consumed the bytes.
    void skipTo(const char* p);
    /// Mapped input only (else 0): copies up to n bytes of the file from `offset` on into out with pread, which on
    /// a virtual machine costs a fraction of faulting the same pages of the mapping in and releasing them again.
    /// The bytes are the file's, not the mapping's (no escape repair). Safe from any thread.
    size_t readAt(uint64_t offset, char* out, size_t n) const;
    /// Mapped input only: tells the kernel the pages inside [from, to) are no longer needed (they leave the
    /// process' resident set; the page cache keeps them). Safe from any thread; a no-op for other inputs.
    void release(const char* from, const char* to) const;
    const TaskControl& control() const
    {
        return m_control;
    }
    /// How many sections a scanner read straight from the mapping (tests check that the fast path ran).
    unsigned parallelSections() const
    {
        return m_parallelSections;
    }
    void noteParallelSection()
    {
        ++m_parallelSections;
    }
    unsigned parseThreads() const
    {
        return m_parseThreads;
    }
    uint64_t parallelMinBytes() const
    {
        return m_parallelMin;
    }
    size_t parallelBlockBytes() const
    {
        return m_parallelBlock;
    }
    // Output side of the RapidJSON stream concept; never used for reading.
    Ch* PutBegin()
    {
        return nullptr;
    }
    void Put(Ch) { }
    void Flush() { }
    size_t PutEnd(Ch*)
    {
        return 0;
    }

    /// Looks at the first bytes: skips a UTF-8 byte order mark (offsets still count it) and rejects UTF-16 and
    /// UTF-32 text, with or without a byte order mark, naming the encoding. Call before reading anything.
    std::optional<ParseError> checkEncoding();

    /// The byte at `offset` when it is still in the read buffer (near the current position), for error messages.
    std::optional<char> recentByte(uint64_t offset) const
    {
        const uint64_t first = m_map ? m_windowStart : m_consumedBefore;
        if (offset < first || offset - m_consumedBefore >= uint64_t(m_rawEnd - m_base))
            return std::nullopt;
        return m_base[size_t(offset - m_consumedBefore)];
    }

    /// Reads up to `n` bytes into `out`; returns how many were read (0 at end of input or on error).
    size_t read(char* out, size_t n);

    const std::string& name() const
    {
        return m_name;
    }
    /// Size of the file on disk in bytes, or 0 when unknown (stdin, pipes).
    uint64_t maxMemoryBytes() const
    {
        return m_maxMemory;
    }
    uint64_t rawSize() const
    {
        return m_rawSize;
    }
    bool compressed() const
    {
        return m_compressed;
    }
    /// Set when reading stopped early: an I/O error, the decompression limit, corrupt gzip data or cancellation.
    const std::optional<ParseError>& error() const
    {
        return m_error;
    }
    bool atEnd()
    {
        return Peek() == '\0' && m_eof && m_cur == m_end;
    }

private:
    InputStream() = default;
    bool refill();
    bool refillMapped();
    bool mapFile(int fd);
    void releaseBehind();
    /// Reads up to n bytes of text into out: from the gzFile, or from memory (inflating gzip data). -1 on error.
    int readRaw(char* out, unsigned n);
    int readMemory(char* out, unsigned n);
    size_t repairEscapes(char* begin, char* end, bool eof);

    std::string m_name;
    void* m_gz = nullptr; // gzFile
    // Memory input: the caller's bytes, and a zlib stream when they are gzip data.
    const unsigned char* m_mem = nullptr;
    size_t m_memSize = 0;
    size_t m_memPos = 0;
    std::unique_ptr<::z_stream_s> m_zs;
    bool m_memError = false;
    std::string m_memErrorText;
    size_t m_chunk = 0;
    std::vector<char> m_buf;
    // Mapped input: the whole file, private and writable (the escape repair writes into its copy-on-write pages).
    char* m_map = nullptr;
    size_t m_mapSize = 0;
    size_t m_releasedTo = 0; ///< pages before this offset were released
    uint64_t m_windowStart = 0; ///< where the current 1 MiB window starts (what the streaming buffer would hold)
    unsigned m_parseThreads = 0;
    unsigned m_parallelSections = 0;
    uint64_t m_parallelMin = 0;
    size_t m_parallelBlock = 0;
    int m_fd = -1; ///< the mapped file, kept open for readAt
    char* m_base = nullptr; ///< m_buf.data(), or m_map (then Tell() is m_cur - m_map and m_consumedBefore 0)
    char* m_cur = nullptr;
    char* m_end = nullptr; // end of the bytes released to the reader
    char* m_rawEnd = nullptr; // end of the bytes read (a held-back escape may lie between m_end and m_rawEnd)
    uint64_t m_consumedBefore = 0;
    uint64_t m_decompressed = 0;
    uint64_t m_rawSize = 0;
    uint64_t m_maxDecompressed = 0;
    uint64_t m_maxMemory = 0;
    bool m_compressed = false;
    bool m_eof = false;
    TaskControl m_control;
    std::optional<ParseError> m_error;
};

/// Reads a whole small file (gzip or plain) into memory: claims files, reference tables in tests.
Result<std::string> readWholeFile(const std::string& path, const InputOptions& options = {});

} // namespace v8scope
