// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <claims/claimevaluator.h>

namespace v8scope::cli {

/// Evaluates heap claims (`heap growth < 1MB`) for `v8scope check`: the growth is DevTools' total size (root
/// retained size + extra native bytes) of the last snapshot minus that of the first. The snapshots are loaded one
/// at a time, so only one graph is in memory.
class SnapshotHeapClaims final : public HeapClaimProvider
{
public:
    Result<double> heapGrowthBytes(const std::vector<std::string>& files) override;
};

} // namespace v8scope::cli
