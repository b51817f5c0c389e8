// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "cpuprofile.h"
#include "tracethread.h"

#include <common/error.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace v8scope {

/// A node as read, before ids are resolved. Internal to the reader.
struct RawNode
{
    static constexpr int64_t kNoId = INT64_MIN;
    int64_t id = kNoId;
    int64_t parentId = kNoId; ///< "parent" (trace chunks, parent-only .cpuprofile)
    uint32_t parentSlot = UINT32_MAX; ///< enclosing node for nested `head` trees
    FunctionInfo fn;
    bool flatFrame = false; ///< legacy node with callFrame fields on the node itself (1-based line/column)
    bool hasLine = false;
    bool hasColumn = false;
    bool hasHitCount = false;
    int64_t hitCount = 0;
    uint64_t selfSize = 0;
    bool hasSelfSize = false;
    bool hasChildren = false;
    uint32_t childBegin = 0; ///< range in RawProfile::childIds
    uint32_t childEnd = 0;
    uint64_t offset = 0; ///< byte offset of the node's object
};

/// Everything read for one profile, in file terms. Internal to the reader.
struct RawProfile
{
    std::vector<RawNode> nodes;
    std::vector<int64_t> childIds;
    std::vector<int64_t> samples;
    std::vector<int64_t> timeDeltas;
    std::vector<double> timestamps; ///< legacy absolute timestamps (µs)
    bool hasStart = false;
    bool hasEnd = false;
    double startTime = 0; ///< as in the file (µs, or seconds for legacy `head` profiles)
    double endTime = 0;
    bool hasHead = false;
    bool sawDeltas = false;
    uint64_t heapSamples = 0;
    uint64_t samplesOffset = 0;
    uint64_t deltasOffset = 0;
    uint64_t endOffset = 0; ///< where the input ended (for errors about missing parts)
    std::string format;
    std::vector<std::pair<int64_t, int64_t>> traceIds; ///< trace chunks: cpuProfile.trace_ids (trace id, node id)
    /// Trace input: the events of the profiled thread (set by the reader after picking the profile).
    std::shared_ptr<const TraceThread> trace;
};

/// Resolves ids, orders nodes in pre-order, computes timestamps, sorts samples and applies
/// fixMissingSamples. `file` names the input in errors.
Result<std::shared_ptr<const CpuProfile>> buildProfile(RawProfile&& raw, const std::string& file);

} // namespace v8scope
