// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "cpuprofile.h"

#include <common/error.h>
#include <common/inputstream.h>

#include <memory>
#include <string>
#include <vector>

namespace v8scope {

/// One CPU profile found in a trace file (Profile + ProfileChunk events keyed by pid and id, or a CpuProfile
/// event).
struct ProfileListing
{
    std::string key; ///< "pid:id", what --profile accepts (the id alone is accepted when unique)
    int64_t pid = 0;
    int64_t tid = 0;
    std::string id;
    std::string source; ///< args.data.source when known (Inspector, Internal, SelfProfiling)
    uint64_t nodes = 0;
    uint64_t samples = 0;
};

struct ProfileReadOptions
{
    InputOptions input;
    /// For traces with several profiles: which one ("pid:id" or a unique id). Empty picks the profile with
    /// the most samples (ties: the first in the file) and sets `ambiguous` in the result.
    std::string profile;
};

struct ProfileReadResult
{
    std::shared_ptr<const CpuProfile> profile;
    /// Every profile in a trace (one entry for a .cpuprofile or .heapprofile).
    std::vector<ProfileListing> available;
    std::string chosenKey;
    bool ambiguous = false; ///< several profiles and none was asked for
};

/// Reads .cpuprofile (nodes with children or parent only; legacy `head` trees), Chrome/Node trace JSON (an
/// object with traceEvents or a bare event array) and .heapprofile, plain, gzip or stdin ("-"), detected from
/// content. One streaming RapidJSON SAX pass; errors carry the byte offset where the input went wrong.
class ProfileReader
{
public:
    static Result<ProfileReadResult> read(const std::string& path, const ProfileReadOptions& options = {});
    static Result<ProfileReadResult> read(InputStream& in, const ProfileReadOptions& options = {});
};

} // namespace v8scope
