// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "filekind.h"

#include "inputstream.h"

namespace v8scope {

namespace {
bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

size_t skipSpace(std::string_view t, size_t i)
{
    while (i < t.size() && isSpace(t[i]))
        ++i;
    return i;
}
} // namespace

FileKind sniffFileKind(std::string_view t)
{
    size_t i = skipSpace(t, 0);
    if (t.substr(i, 3) == "\xEF\xBB\xBF")
        i = skipSpace(t, i + 3);
    if (i >= t.size())
        return FileKind::Unknown;
    if (t[i] == '[') {
        // A trace as a bare array of events: its first object starts with an event key.
        i = skipSpace(t, i + 1);
        if (i >= t.size() || t[i] != '{')
            return FileKind::Unknown;
        i = skipSpace(t, i + 1);
        if (i >= t.size() || t[i] != '"')
            return FileKind::Unknown;
        const size_t end = t.find('"', i + 1);
        const std::string_view key = t.substr(i + 1, end == std::string_view::npos ? 0 : end - i - 1);
        for (const char* k : { "pid", "tid", "ts", "ph", "cat", "name", "args", "dur", "tts", "id" })
            if (key == k)
                return FileKind::CpuProfile;
        return FileKind::Unknown;
    }
    if (t[i] != '{')
        return FileKind::Unknown;
    // The first key decides, except "nodes", which both have: numbers in a snapshot, objects in a .cpuprofile.
    i = skipSpace(t, i + 1);
    if (i >= t.size() || t[i] != '"')
        return FileKind::Unknown;
    const size_t end = t.find('"', i + 1);
    if (end == std::string_view::npos)
        return FileKind::Unknown;
    const std::string_view key = t.substr(i + 1, end - i - 1);
    if (key == "snapshot" || key == "edges" || key == "strings" || key == "trace_function_infos" || key == "trace_tree")
        return FileKind::HeapSnapshot;
    if (key == "traceEvents" || key == "head" || key == "startTime" || key == "endTime" || key == "timeDeltas")
        return FileKind::CpuProfile;
    if (key == "nodes") {
        size_t v = skipSpace(t, end + 1);
        if (v < t.size() && t[v] == ':')
            v = skipSpace(t, v + 1);
        if (v >= t.size() || t[v] != '[')
            return FileKind::Unknown;
        v = skipSpace(t, v + 1);
        if (v < t.size() && t[v] == '{')
            return FileKind::CpuProfile;
        if (v < t.size() && (t[v] == '-' || (t[v] >= '0' && t[v] <= '9')))
            return FileKind::HeapSnapshot;
    }
    return FileKind::Unknown;
}

FileKind sniffFileKind(const std::string& path)
{
    if (path == "-")
        return FileKind::Unknown;
    InputOptions options;
    options.bufferBytes = 64 << 10;
    auto in = InputStream::open(path, options);
    if (!in)
        return FileKind::Unknown;
    std::string text(64u << 10, '\0');
    text.resize(in.value()->read(text.data(), text.size()));
    return sniffFileKind(std::string_view(text));
}

ParseError wrongKindError(const std::string& path, FileKind expected, ParseError original)
{
    const FileKind kind = sniffFileKind(path);
    if (kind == FileKind::Unknown || kind == expected)
        return original;
    if (kind == FileKind::CpuProfile)
        return ParseError::general(
            path, "this is a CPU profile, not a heap snapshot: use `v8scope cpu ...` (or `v8scope check`)");
    return ParseError::general(path,
        "this is a heap snapshot, not a CPU profile: use `v8scope summary`, "
        "`v8scope diff` or another heap command");
}

} // namespace v8scope
