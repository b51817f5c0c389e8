// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "calltree.h"
#include "cpuprofile.h"

#include <cstdint>
#include <vector>

namespace v8scope {

/// The differential flame graph's numbers: for every node of HEAD's top-down tree, HEAD's total minus BASE's
/// total of the same call path, frames matched by function name + URL + line (as diffProfiles: scriptIds
/// differ between runs). A path BASE never ran has its whole HEAD total as the delta. Units are each tree's
/// (µs for CPU profiles); index 0 (the root) is HEAD's root total minus BASE's. Explicit stack, no recursion.
std::vector<int64_t> pathTotalDeltas(
    const CpuProfile& base, const CallTree& baseTopDown, const CpuProfile& head, const CallTree& headTopDown);

} // namespace v8scope
