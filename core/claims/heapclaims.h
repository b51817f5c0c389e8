// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "claimevaluator.h"

#include <heap/heaploader.h>

namespace v8scope {

/// Evaluates heap claims (`heap growth < 1MB`) for `v8scope check` and the viewer's claims panel: the growth is
/// DevTools' total size (root retained size + extra native bytes) of the last snapshot minus that of the first.
/// Both snapshots go through `loadHeap` (the analysis cache, `maxInputBytes`, `maxMemoryBytes`, progress and
/// cancellation of `control`), one at a time, so only one graph is in memory.
class SnapshotHeapClaims final : public HeapClaimProvider
{
public:
    explicit SnapshotHeapClaims(HeapLoadOptions options = {}, TaskControl control = {})
        : m_options(std::move(options))
        , m_control(control)
    {
    }
    Result<double> heapGrowthBytes(const std::vector<std::string>& files) override;

private:
    HeapLoadOptions m_options;
    TaskControl m_control;
};

} // namespace v8scope
