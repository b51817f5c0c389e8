// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "calltree.h"
#include "cpuprofile.h"
#include "timing.h"

#include <common/error.h>

#include <string>

namespace v8scope {

/// Collapsed stacks ("a;b;c 1234" per line) for flamegraph.pl, inferno and speedscope: one line per top-down
/// path with self weight, root first, in the tree's pre-order. Weights are integers in the Timing's units
/// (µs, hits or bytes). Frames are "name url:line" (1-based line); ';' in names becomes ','.
std::string foldedStacks(const CpuProfile& profile, const Timing& timing, const CallTree& topDown);

/// The profile as a gzip-compressed pprof profile.proto (github.com/google/pprof/blob/main/proto/profile.proto),
/// written by a small hand-written protobuf encoder. CPU: sample types samples/count and cpu/nanoseconds; heap:
/// space/bytes. One pprof Sample per call-tree node with self weight (leaf location first); one Location and
/// one Function per profile function. Errors only when compression fails.
Result<std::string> pprofGzip(const CpuProfile& profile, const Timing& timing);

} // namespace v8scope
