// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "inputstream.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

namespace v8scope {

namespace {
constexpr size_t kChunk = size_t(1) << 20;
/// Smallest read buffer: room for a held-back escape plus some progress on every refill.
constexpr size_t kMinChunk = 64;
constexpr const char* kTruncated = "unexpected end of file";
/// Mapped input: consumed pages are released in steps of this many bytes.
constexpr size_t kReleaseStep = size_t(16) << 20;
/// Default block of the parallel scan: large enough that the per-block bookkeeping is noise, small enough that a
/// block is still in the cache when the thread that counted its commas scans it.
constexpr size_t kParallelBlock = size_t(4) << 20;

/// gzerror's message without the "<fd:3>: " name prefix zlib adds.
std::string withoutPrefix(const char* msg)
{
    const char* colon = std::strstr(msg, ": ");
    return colon && msg[0] == '<' ? std::string(colon + 2) : std::string(msg);
}

/// Longest escape the surrogate repair must see at once: `\uD83D\uDE00`.
constexpr ptrdiff_t kLongestEscape = 12;

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/// The code unit of `\uXXXX` at p (p points at the backslash), or -1 when it is not a complete escape.
int escapedUnit(const char* p, const char* end)
{
    if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
        return -1;
    int v = 0;
    for (int i = 2; i < 6; ++i) {
        const int h = hexValue(p[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}
} // namespace

Result<std::unique_ptr<InputStream>> InputStream::open(const std::string& path, const InputOptions& options)
{
    std::unique_ptr<InputStream> s(new InputStream());
    s->m_name = path == "-" ? std::string("<stdin>") : path;
    s->m_control = options.control;
    s->m_maxDecompressed = options.maxDecompressedBytes;
    s->m_maxMemory = options.maxMemoryBytes;
    s->m_parseThreads = options.parseThreads;
    s->m_parallelMin = options.parallelMinBytes;
    s->m_parallelBlock = options.parallelBlockBytes ? options.parallelBlockBytes : kParallelBlock;
    s->m_chunk = options.bufferBytes ? std::max(options.bufferBytes, kMinChunk) : kChunk;
    int fd = 0;
    if (path != "-") {
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return ParseError::general(path, std::string("cannot open: ") + std::strerror(errno));
        struct stat st
        {
        };
        if (::fstat(fd, &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                ::close(fd);
                return ParseError::general(path, "is a directory, expected a file");
            }
            if (S_ISREG(st.st_mode))
                s->m_rawSize = uint64_t(st.st_size);
        }
        if (options.allowMap && s->m_rawSize > 0 && s->m_rawSize <= SIZE_MAX / 2 && s->mapFile(fd))
            return s;
    } else {
        fd = ::dup(0);
    }
    gzFile gz = gzdopen(fd, "rb");
    if (!gz) {
        ::close(fd);
        return ParseError::general(s->m_name, "cannot read");
    }
    gzbuffer(gz, unsigned(kChunk));
    s->m_gz = gz;
    s->m_buf.resize(s->m_chunk + kLongestEscape);
    s->m_base = s->m_cur = s->m_end = s->m_rawEnd = s->m_buf.data();
    return s;
}

bool InputStream::mapFile(int fd)
{
    unsigned char magic[2] = { 0, 0 };
    if (::pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        return false; // gzip: streamed through zlib
    const size_t size = size_t(m_rawSize);
    void* p = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED)
        return false; // e.g. a file system without mmap: stream it
    m_fd = fd; // kept for readAt
    m_map = static_cast<char*>(p);
    m_mapSize = size;
    m_base = m_cur = m_end = m_rawEnd = m_map;
    return true;
}

size_t InputStream::readAt(uint64_t offset, char* out, size_t n) const
{
    size_t done = 0;
    while (m_fd >= 0 && done < n) {
        const ssize_t k = ::pread(m_fd, out + done, n - done, off_t(offset + done));
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        done += size_t(k);
    }
    return done;
}

void InputStream::release(const char* from, const char* to) const
{
    if (!m_map || to <= from)
        return;
    const uintptr_t page = uintptr_t(::sysconf(_SC_PAGESIZE));
    const uintptr_t a = (uintptr_t(from) + page - 1) & ~(page - 1);
    const uintptr_t b = uintptr_t(to) & ~(page - 1);
    if (b > a)
        ::madvise(reinterpret_cast<void*>(a), size_t(b - a), MADV_DONTNEED);
}

void InputStream::releaseBehind()
{
    // Keep the current window (error messages look at bytes in it); hand back everything before it.
    const size_t upTo = size_t(m_windowStart);
    if (upTo >= m_releasedTo + kReleaseStep) {
        release(m_map + m_releasedTo, m_map + upTo);
        m_releasedTo = upTo;
    }
}

void InputStream::skipTo(const char* p)
{
    if (!m_map)
        return;
    m_cur = const_cast<char*>(p);
    if (m_cur > m_end) {
        // The scanner consumed text past the window; the next refill starts its window here.
        m_end = m_cur;
        m_rawEnd = std::max(m_rawEnd, m_end);
    }
}

bool InputStream::refillMapped()
{
    if (m_error)
        return false;
    for (;;) {
        // The same windows as the streaming reader: from the first byte not yet released, m_chunk bytes on.
        const size_t start = size_t(m_end - m_map);
        m_windowStart = start;
        if (m_eof) {
            m_end = m_rawEnd;
            return m_cur != m_end;
        }
        if (m_control.cancelled()) {
            m_error = ParseError::at(m_name, Tell(), "cancelled");
            return false;
        }
        const size_t rawEnd = std::max(size_t(m_rawEnd - m_map), std::min(m_mapSize, start + m_chunk));
        m_decompressed = rawEnd;
        if (m_decompressed > m_maxDecompressed) {
            m_error = ParseError::at(m_name, m_maxDecompressed,
                "input exceeds the limit of " + std::to_string(m_maxDecompressed)
                    + " bytes (raise it with --max-input)");
            return false;
        }
        m_eof = rawEnd == m_mapSize;
        m_rawEnd = m_map + rawEnd;
        m_end = m_cur + repairEscapes(m_cur, m_rawEnd, m_eof);
        releaseBehind();
        m_control.report("Reading", start, m_rawSize);
        if (m_cur != m_end)
            return true;
        if (m_eof)
            return false;
    }
}

std::unique_ptr<InputStream> InputStream::fromMemory(
    std::string name, const void* data, size_t size, const InputOptions& options)
{
    std::unique_ptr<InputStream> s(new InputStream());
    s->m_name = std::move(name);
    s->m_control = options.control;
    s->m_maxDecompressed = options.maxDecompressedBytes;
    s->m_maxMemory = options.maxMemoryBytes;
    s->m_mem = static_cast<const unsigned char*>(data);
    s->m_memSize = size;
    s->m_rawSize = size;
    if (size >= 2 && s->m_mem[0] == 0x1f && s->m_mem[1] == 0x8b) {
        s->m_zs = std::make_unique<z_stream>();
        // 16 + MAX_WBITS: expect a gzip header and trailer (checked like gzread does).
        if (inflateInit2(s->m_zs.get(), 16 + MAX_WBITS) != Z_OK)
            s->m_memError = true;
        s->m_zs->next_in = const_cast<Bytef*>(s->m_mem);
        s->m_zs->avail_in = uInt(std::min<size_t>(size, UINT32_MAX));
        s->m_memPos = s->m_zs->avail_in;
    }
    s->m_chunk = options.bufferBytes ? std::max(options.bufferBytes, kMinChunk) : kChunk;
    s->m_buf.resize(s->m_chunk + kLongestEscape);
    s->m_base = s->m_cur = s->m_end = s->m_rawEnd = s->m_buf.data();
    return s;
}

InputStream::~InputStream()
{
    if (m_gz)
        gzclose(static_cast<gzFile>(m_gz));
    if (m_zs)
        inflateEnd(m_zs.get());
    if (m_map)
        ::munmap(m_map, m_mapSize);
    if (m_fd >= 0)
        ::close(m_fd);
}

int InputStream::readMemory(char* out, unsigned n)
{
    if (!m_zs) {
        const size_t k = std::min<size_t>(n, m_memSize - m_memPos);
        if (k)
            std::memcpy(out, m_mem + m_memPos, k);
        m_memPos += k;
        return int(k);
    }
    if (m_memError)
        return -1;
    z_stream& zs = *m_zs;
    zs.next_out = reinterpret_cast<Bytef*>(out);
    zs.avail_out = n;
    while (zs.avail_out > 0) {
        if (zs.avail_in == 0 && m_memPos < m_memSize) {
            zs.next_in = const_cast<Bytef*>(m_mem + m_memPos);
            zs.avail_in = uInt(std::min<size_t>(m_memSize - m_memPos, UINT32_MAX));
            m_memPos += zs.avail_in;
        }
        const int rc = inflate(&zs, Z_NO_FLUSH);
        if (rc == Z_STREAM_END) {
            // Another gzip member may follow, as gzread allows; anything else after the trailer is ignored like
            // gzread does with trailing garbage.
            if (zs.avail_in >= 2 && zs.next_in[0] == 0x1f && zs.next_in[1] == 0x8b) {
                inflateReset(&zs);
                continue;
            }
            zs.avail_in = 0;
            m_memPos = m_memSize;
            break;
        }
        if (rc == Z_BUF_ERROR && zs.avail_in == 0 && m_memPos == m_memSize) {
            if (zs.avail_out < n)
                break; // hand out what was inflated; the next call reports the truncation, as gzread does
            m_memError = true; // the data ends inside a gzip member
            m_memErrorText = kTruncated;
            return -1;
        }
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            m_memError = true;
            m_memErrorText = zs.msg ? zs.msg : "invalid gzip data";
            return -1;
        }
    }
    return int(n - zs.avail_out);
}

int InputStream::readRaw(char* out, unsigned n)
{
    if (!m_gz)
        return readMemory(out, n);
    return gzread(static_cast<gzFile>(m_gz), out, n);
}

std::optional<ParseError> InputStream::checkEncoding()
{
    Peek();
    const auto* p = reinterpret_cast<const unsigned char*>(m_cur);
    const size_t n = size_t(m_end - m_cur);
    auto starts = [&](std::initializer_list<unsigned char> bytes) {
        return n >= bytes.size() && std::equal(bytes.begin(), bytes.end(), p);
    };
    const char* encoding = nullptr;
    const char* how = "";
    if (starts({ 0xEF, 0xBB, 0xBF })) {
        m_cur += 3;
        return std::nullopt;
    }
    if (starts({ 0xFF, 0xFE, 0, 0 }))
        encoding = "UTF-32LE", how = " (byte order mark FF FE 00 00)";
    else if (starts({ 0, 0, 0xFE, 0xFF }))
        encoding = "UTF-32BE", how = " (byte order mark 00 00 FE FF)";
    else if (starts({ 0xFF, 0xFE }))
        encoding = "UTF-16LE", how = " (byte order mark FF FE)";
    else if (starts({ 0xFE, 0xFF }))
        encoding = "UTF-16BE", how = " (byte order mark FE FF)";
    else if (n >= 4 && p[0] && !p[1] && !p[2] && !p[3])
        encoding = "UTF-32LE", how = " (NUL bytes between the characters)";
    else if (n >= 4 && !p[0] && !p[1] && !p[2] && p[3])
        encoding = "UTF-32BE", how = " (NUL bytes between the characters)";
    else if (n >= 2 && p[0] && !p[1])
        encoding = "UTF-16LE", how = " (NUL bytes between the characters)";
    else if (n >= 2 && !p[0] && p[1])
        encoding = "UTF-16BE", how = " (NUL bytes between the characters)";
    if (!encoding)
        return std::nullopt;
    return ParseError::at(m_name, 0,
        std::string("the text is ") + encoding + how + ", expected UTF-8 JSON (convert it: iconv -f " + encoding
            + " -t UTF-8)");
}

size_t InputStream::repairEscapes(char* begin, char* end, bool eof)
{
    char* p = begin;
    while (p < end) {
        char* q = static_cast<char*>(std::memchr(p, '\\', size_t(end - p)));
        if (!q)
            return size_t(end - begin);
        if (end - q < kLongestEscape && !eof)
            return size_t(q - begin); // hold the escape back until its bytes are all here
        if (q + 1 >= end)
            return size_t(end - begin);
        if (q[1] != 'u') {
            p = q + 2; // a two-character escape, including an escaped backslash
            continue;
        }
        const int unit = escapedUnit(q, end);
        if (unit < 0) {
            p = q + 2; // malformed; the JSON reader reports it
            continue;
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            const int low = escapedUnit(q + 6, end);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                p = q + 12;
                continue;
            }
            std::memcpy(q + 2, "FFFD", 4);
        } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
            std::memcpy(q + 2, "FFFD", 4);
        }
        p = q + 6;
    }
    return size_t(end - begin);
}

bool InputStream::refill()
{
    if (m_map)
        return refillMapped();
    if (m_error)
        return false;
    char* base = m_buf.data();
    for (;;) {
        // Keep the held-back bytes, then read after them.
        const size_t tail = size_t(m_rawEnd - m_end);
        m_consumedBefore += uint64_t(m_end - base);
        std::memmove(base, m_end, tail);
        m_cur = m_end = base;
        m_rawEnd = base + tail;
        if (m_eof) {
            m_end = m_rawEnd;
            m_rawEnd = m_end;
            return m_cur != m_end;
        }
        if (m_control.cancelled()) {
            m_error = ParseError::at(m_name, Tell(), "cancelled");
            return false;
        }
        gzFile gz = static_cast<gzFile>(m_gz);
        const int n = readRaw(m_rawEnd, unsigned(m_chunk - tail));
        int code = Z_OK;
        if (gz && n <= 0)
            gzerror(gz, &code);
        if (n < 0 || code == Z_BUF_ERROR) {
            // gzread returns 0, not -1, when the data ends inside a gzip member; gzerror then says Z_BUF_ERROR.
            std::string msg;
            if (code == Z_ERRNO)
                msg = std::strerror(errno);
            else if (code == Z_BUF_ERROR || (!gz && m_memErrorText == kTruncated))
                msg = "gzip data ends early (truncated file?)";
            else
                msg = "corrupt gzip data: " + (gz ? withoutPrefix(gzerror(gz, &code)) : m_memErrorText);
            m_error = ParseError::at(m_name, Tell() + tail, msg);
            return false;
        }
        if (m_decompressed == 0 && n > 0)
            m_compressed = gz ? !gzdirect(gz) : bool(m_zs);
        m_decompressed += uint64_t(n);
        if (m_decompressed > m_maxDecompressed) {
            // Report the limit itself as the offset: where reading stopped does not depend on buffer sizes.
            m_error = ParseError::at(m_name, m_maxDecompressed,
                std::string(m_compressed ? "decompressed input" : "input") + " exceeds the limit of "
                    + std::to_string(m_maxDecompressed) + " bytes (raise it with --max-input)");
            return false;
        }
        if (n == 0)
            m_eof = true;
        m_rawEnd += n;
        m_end = m_cur + repairEscapes(m_cur, m_rawEnd, m_eof);
        if (m_rawSize)
            m_control.report("Reading",
                m_compressed ? (gz ? uint64_t(gzoffset(gz)) : uint64_t(m_memPos)) : m_consumedBefore, m_rawSize);
        if (m_cur != m_end)
            return true;
        if (m_eof)
            return false;
    }
}

size_t InputStream::read(char* out, size_t n)
{
    size_t done = 0;
    while (done < n) {
        if (m_cur == m_end && !refill())
            break;
        const size_t k = std::min(n - done, size_t(m_end - m_cur));
        std::memcpy(out + done, m_cur, k);
        m_cur += k;
        done += k;
    }
    return done;
}

Result<std::string> readWholeFile(const std::string& path, const InputOptions& options)
{
    auto opened = InputStream::open(path, options);
    if (!opened)
        return opened.error();
    InputStream& in = *opened.value();
    std::string text;
    char buf[65536];
    for (;;) {
        const size_t n = in.read(buf, sizeof buf);
        if (n == 0)
            break;
        text.append(buf, n);
    }
    if (in.error())
        return *in.error();
    return text;
}

} // namespace v8scope
