// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "heapsnapshot.h"

#include <common/error.h>
#include <common/inputstream.h>

#include <memory>

namespace v8scope {

/// Streams a .heapsnapshot / .heaptimeline (plain or gzip, or stdin as "-") through RapidJSON's SAX reader into
/// a HeapSnapshot. One pass; the text is never held whole. Offsets in snapshot.meta are resolved by name, sections
/// are found by key (any order), counts from the header are checked against what was read, and every index is
/// bounds-checked. Errors carry the byte offset where the input went wrong.
class SnapshotReader
{
public:
    static Result<std::shared_ptr<const HeapSnapshot>> read(const std::string& path, const InputOptions& options = {});
    static Result<std::shared_ptr<const HeapSnapshot>> read(InputStream& in);
};

} // namespace v8scope
