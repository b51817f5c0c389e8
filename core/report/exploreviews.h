// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

// Views of the Containment and Allocation perspectives of one snapshot (v8scope containment, v8scope
// allocations), shared by the CLI and the viewer's exports.

#include "table.h"

#include <heap/containment.h>

#include <cstdint>
#include <vector>

namespace v8scope {
class HeapAnalysis;
class AllocationProfile;
} // namespace v8scope

namespace v8scope::report {

/// DevTools' Containment view as rows of containmentRows (pre-order). Table::rowKeys[i] is the edge ordinal.
///  - text / Markdown / viewer: Object ("edge :: name @id", indented by depth), Distance, Shallow, Retained
///  - TSV / CSV / JSON: depth edge_type edge_name id class name distance self retained edges
Table containmentTable(const HeapAnalysis& analysis, const std::vector<ContainmentRow>& rows);

struct AllocationViewOptions
{
    size_t top = 0; ///< functions listed (0: all)
    uint32_t callerDepth = 0; ///< levels of each function's callers tree below it (0: none)
};

/// DevTools' Allocation view: the functions that allocated, by allocated size (descending), each optionally
/// followed by its callers tree (DevTools' expansion of the row). Table::rowKeys[i] is the function index.
///  - text / Markdown / viewer: Function (indented by depth, with its script:line), Live Count, Count, Live Size,
///    Size
///  - TSV / CSV / JSON: depth function script script_id line column count size live_count live_size
Table allocationsTable(const AllocationProfile& profile, const AllocationViewOptions& options = {});

/// The allocation stack of node `ordinal`, innermost frame first (no rows when it has none). rowKeys: trace node.
///  - text / Markdown / viewer: #, Frame ("function  script:line:column")
///  - TSV / CSV / JSON: frame function script script_id line column
Table allocationStackTable(const AllocationProfile& profile, uint32_t ordinal);

} // namespace v8scope::report
