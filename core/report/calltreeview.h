// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "document.h"

#include <cpu/calltree.h>
#include <cpu/cpuprofile.h>
#include <cpu/timing.h>

#include <optional>
#include <string>

namespace v8scope::report {

/// Sibling order of a call-tree view, at every level. DevTools' defaults: the Call Tree by total, the Bottom-up
/// by self. Ties: total, then self, descending, then name, URL and line.
enum class TreeSort
{
    Total,
    Self,
    Name,
};
/// "total", "self", "name"; nullopt for anything else.
std::optional<TreeSort> treeSortFromName(const std::string& name);

struct CallTreeViewOptions
{
    bool bottomUp = false; ///< the tree is CallTree::bottomUp (wording only; the rows come from the tree)
    uint32_t depth = 0; ///< show at most this many levels (0 = all)
    double minPercent = 0; ///< hide nodes (and their subtrees) below this share of non-idle time
    std::optional<TreeSort> sort; ///< unset: DevTools' default for the view
    bool longNames = false; ///< text: full URLs instead of file.js:line
};

/// `cpu tree`: the rows of a top-down or bottom-up CallTree in pre-order, siblings in `sort` order, nodes with
/// no total left out. Table::rowKeys: the CallTree node of each row.
///  - TSV / CSV: depth total_ms self_ms function url line column
///  - text / Markdown: total_ms total_% self_ms self_% function (indented two spaces a level)
///  - JSON: {"view", "unit", "nodes": [{"id", "parent", "depth", "function", "url", "line", "column", "self",
///    "total"}]} (id and parent are CallTree node indexes; parent 0 is the root)
Document callTreeDocument(
    const CpuProfile& profile, const Timing& timing, const CallTree& tree, const CallTreeViewOptions& options);

} // namespace v8scope::report
