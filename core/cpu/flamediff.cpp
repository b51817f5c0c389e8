// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "flamediff.h"

#include <string>
#include <unordered_map>

namespace v8scope {

namespace {

/// Function -> key id shared by both profiles (name, URL, line).
struct KeyIds
{
    std::unordered_map<std::string, uint32_t> ids;

    std::vector<uint32_t> of(const CpuProfile& p)
    {
        std::vector<uint32_t> out(p.functions.size());
        for (size_t f = 0; f < p.functions.size(); ++f) {
            const FunctionInfo& fi = p.functions[f];
            std::string key = fi.displayName() + '\n' + fi.url + '\n' + std::to_string(fi.line);
            out[f] = ids.try_emplace(std::move(key), uint32_t(ids.size())).first->second;
        }
        return out;
    }
};

} // namespace

std::vector<int64_t> pathTotalDeltas(
    const CpuProfile& base, const CallTree& bt, const CpuProfile& head, const CallTree& ht)
{
    KeyIds keys;
    const std::vector<uint32_t> baseKey = keys.of(base);
    const std::vector<uint32_t> headKey = keys.of(head);
    // BASE's children by (parent, key): a top-down tree merges siblings by function, and functions with the same
    // key in one profile are rare (several scripts with one URL): their totals add up.
    std::unordered_map<uint64_t, int64_t> baseTotal; // (base node << 32 | key) -> summed total
    std::unordered_map<uint64_t, uint32_t> baseChild; // (base node << 32 | key) -> first such child
    for (uint32_t x = 1; x < bt.size(); ++x) {
        const uint64_t k = (uint64_t(bt.parent[x]) << 32) | baseKey[bt.function[x]];
        baseTotal[k] += bt.total[x];
        baseChild.try_emplace(k, x);
    }
    std::vector<int64_t> delta(ht.size(), 0);
    std::vector<uint32_t> match(ht.size(), CallTree::kNoNode); // head node -> base node on the same path
    if (ht.size() == 0)
        return delta;
    match[0] = 0;
    delta[0] = ht.total[0] - (bt.size() > 0 ? bt.total[0] : 0);
    // Pre-order: a parent's match is known before its children.
    for (uint32_t x = 1; x < ht.size(); ++x) {
        const uint32_t bp = match[ht.parent[x]];
        int64_t before = 0;
        if (bp != CallTree::kNoNode) {
            const uint64_t k = (uint64_t(bp) << 32) | headKey[ht.function[x]];
            if (auto it = baseChild.find(k); it != baseChild.end()) {
                match[x] = it->second;
                before = baseTotal[k];
            }
        }
        delta[x] = ht.total[x] - before;
    }
    return delta;
}

} // namespace v8scope
