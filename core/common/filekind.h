// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "error.h"

#include <string>
#include <string_view>

namespace v8scope {

/// What a file holds, decided from its first bytes (gzip looked through), never from its name: the one sniff the
/// CLI and the viewer use to pick a loader and to say "wrong command" instead of a parser's byte offset.
enum class FileKind
{
    Unknown,
    HeapSnapshot, ///< .heapsnapshot / .heaptimeline: {"snapshot": ...} or numeric "nodes"/"edges" arrays
    CpuProfile, ///< .cpuprofile ("nodes" holds objects), a trace (an array or "traceEvents"), .heapprofile ("head")
};

/// From the start of a document's text.
FileKind sniffFileKind(std::string_view text);
/// From the first 64 KiB of a file (decompressed); Unknown for stdin ("-") and unreadable files.
FileKind sniffFileKind(const std::string& path);

/// When `path` holds a CPU profile, or a heap snapshot, but the other was expected: the one-line error that says
/// which command reads it ("FILE: this is a CPU profile, not a heap snapshot: use `v8scope cpu ...`"); else
/// `original` unchanged. Called on a failed load only, so the happy path never reads the file twice.
ParseError wrongKindError(const std::string& path, FileKind expected, ParseError original);

} // namespace v8scope
