// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace v8scope {

class HeapAnalysis;

/// One step of the leak finder's clustering path toward the root: the non-weak retainer of `node` with the smallest
/// DevTools distance (the first such in retainer order; a retainer that is the root wins). Returns its ordinal and
/// sets `edge` to the edge taken, or UINT32_MAX for both when there is none.
uint32_t pathParent(const HeapAnalysis& analysis, uint32_t node, uint32_t& edge);

/// Whether a script name is Node.js' own code: "node:internal/console/constructor", or "internal/..." (Node < 16).
bool isRuntimeScript(std::string_view scriptName);

/// The script of the closures that share a `system / Context` (the module or function scope), or "" when no
/// closure of it is in the snapshot: closure --context--> the context, closure --shared--> SharedFunctionInfo
/// --script_or_debug_info (or script)--> the Script node, named by its URL.
std::string contextScript(const HeapAnalysis& analysis, uint32_t context);

/// Why a leak cluster is a runtime internal created once, or "" when it is not (then it is reported).
///
/// memlab drops objects its built-in rules know are not the program's (trivial nodes, the console's own
/// objects, browser internals); in Node.js the same false positives are the runtime's lazily built
/// module-level values, e.g. `utilColors`, which the console loads at the first console.log: allocated between
/// the baseline and the target, alive in the final, yet created once. The rule: the object `node` (the
/// cluster's representative) is held, on the clustering path, by a variable of a Node.js builtin module's scope
/// (a `system / Context` whose closures belong to a `node:` script), and nothing that same variable (or, for an
/// element or table slot, that holder) refers to was allocated after the target snapshot
/// (`allocatedAfterTarget`): the runtime made it once and did not make more.
std::string runtimeOnceReason(
    const HeapAnalysis& analysis, uint32_t node, const std::function<bool(uint32_t id)>& allocatedAfterTarget);

} // namespace v8scope
