// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "inputstream.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

namespace v8scope {

namespace {
constexpr size_t kChunk = size_t(1) << 20;
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
    int fd = 0;
    if (path != "-") {
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return ParseError::general(path, std::string("cannot open: ") + std::strerror(errno));
        struct stat st {};
        if (::fstat(fd, &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                ::close(fd);
                return ParseError::general(path, "is a directory, expected a file");
            }
            if (S_ISREG(st.st_mode))
                s->m_rawSize = uint64_t(st.st_size);
        }
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
    s->m_buf.resize(kChunk + kLongestEscape);
    s->m_cur = s->m_end = s->m_rawEnd = s->m_buf.data();
    return s;
}

InputStream::~InputStream()
{
    if (m_gz)
        gzclose(static_cast<gzFile>(m_gz));
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
        const int n = gzread(gz, m_rawEnd, unsigned(kChunk - tail));
        if (n < 0) {
            int code = 0;
            const char* msg = gzerror(gz, &code);
            m_error = ParseError::at(m_name, Tell() + tail,
                std::string(code == Z_ERRNO ? std::strerror(errno) : msg) + " (corrupt or truncated gzip data?)");
            return false;
        }
        if (m_decompressed == 0 && n > 0)
            m_compressed = !gzdirect(gz);
        m_decompressed += uint64_t(n);
        if (m_compressed && m_decompressed > m_maxDecompressed) {
            m_error = ParseError::at(m_name, m_decompressed,
                "decompressed size exceeds the limit of " + std::to_string(m_maxDecompressed)
                    + " bytes (raise it with --max-input)");
            return false;
        }
        if (n == 0)
            m_eof = true;
        m_rawEnd += n;
        m_end = m_cur + repairEscapes(m_cur, m_rawEnd, m_eof);
        if (m_rawSize)
            m_control.report("Reading", m_compressed ? uint64_t(gzoffset(gz)) : m_consumedBefore, m_rawSize);
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
