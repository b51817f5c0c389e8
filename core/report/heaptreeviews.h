// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "jsonout.h"
#include "table.h"
#include "writers.h"

#include <heap/retainingpaths.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace v8scope {
class HeapAnalysis;
class RetainersView;
} // namespace v8scope

/// Views of one snapshot's graph: the dominator tree below a node (`v8scope dominators`), the retaining paths of an
/// object (`v8scope retainers`) and every node (`v8scope nodes`), for the CLI and the viewer alike.
namespace v8scope::report {

struct DominatorViewOptions
{
    uint32_t depth = 3; ///< levels below the start node
    uint32_t top = 10; ///< children per node, biggest retained first (0: all)
    /// Text layout (the CLI's text format, the viewer): Retained, %, Self and the indented object, plus a row
    /// "... N more" after the children `top` left out. Otherwise (TSV, CSV, Markdown, JSON) the documented
    /// columns depth id class self retained dominator_id name, without marker rows.
    bool textLayout = false;
};

/// The dominator tree below `start` in pre-order, children in the core's order (retained size descending, id
/// ascending: HeapAnalysis::dominated), at most `top` per node, `depth` levels. rowKeys: node ordinals (a marker
/// row repeats its parent's). JSON adds children_not_shown per row.
Table dominatorTable(const HeapAnalysis& analysis, uint32_t start, const DominatorViewOptions& options);

/// The retaining paths as rows: path (1-based), length (edges), retainers ("A @1 -> edge (type) -> B @2 ...").
/// TSV, CSV and Markdown (docs/heap.md).
Table retainerPathsTable(const HeapAnalysis& analysis, const std::vector<RetainingPath>& paths);
/// The text report: the object's line, then each path with one edge per line, as `diff` and `leaks` print them:
///   Session @79983 (retained 688 B, distance -)
///     1. (synthetic) (GC roots) @3
///          --7 (element)--> (synthetic) (Stack roots) @17
/// With a `view` that ignores nodes (`--ignore`): the distance is the view's, and a line "  ignoring: A @1, B @2"
/// follows the object's line.
std::string retainersText(const HeapAnalysis& analysis, uint32_t node, const std::vector<RetainingPath>& paths,
    const RetainersView* view = nullptr);
/// {"id", "class", "retained", "distance", "paths": [[{edge, edge_type, id, class, name}, ...], ...]}; with a `view`
/// that ignores nodes, "distance" is the view's (-5: unreachable without the ignored nodes) and "ignored" lists
/// their ids after it.
std::string retainersJson(const HeapAnalysis& analysis, uint32_t node, const std::vector<RetainingPath>& paths,
    const RetainersView* view = nullptr);
/// Any format of `retainers`.
std::string retainersReport(const HeapAnalysis& analysis, uint32_t node, const std::vector<RetainingPath>& paths,
    Format format, const RetainersView* view = nullptr);

/// Every node in file order (id class self retained distance dominator_id) as TSV, CSV or JSON, written to `out`
/// as it goes: millions of rows never become one document in memory (the JSON through RapidJSON's pretty writer on
/// a file stream, byte-identical to JsonOut's).
void writeNodes(std::FILE* out, const HeapAnalysis& analysis, Format format);

} // namespace v8scope::report
