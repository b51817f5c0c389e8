// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <Qt>

namespace v8scope::gui {

/// Item data roles every model of the viewer answers (heaptrack/hotspot convention: sort on raw numbers).
enum Roles
{
    SortRole = Qt::UserRole, ///< the raw value (qulonglong bytes/counts, int distance, QString names)
    ShareRole, ///< double 0..1: the row's share of the column total, for the cost bar delegate (cost columns only)
    NodeRole, ///< uint: the heap node ordinal the row stands for (kNoNode: none)
    EdgeRole, ///< uint: the heap edge ordinal that leads to the row (kNoNode: none)
    MoreRowRole, ///< bool: the row is a "show next N / all" pager, not data
    WeakRole, ///< bool: the row is reached through a weak edge
    HighlightRole, ///< bool: the row is on the highlighted path (the Retainers pane's shortest path)
};

} // namespace v8scope::gui
