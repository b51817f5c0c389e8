// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "rollup.h"

#include "tracetimeline.h"

#include <algorithm>
#include <map>

namespace v8scope {

std::string packageOf(std::string_view url)
{
    constexpr std::string_view kDir = "/node_modules/";
    const size_t at = url.rfind(kDir);
    if (at == std::string_view::npos)
        return {};
    std::string_view rest = url.substr(at + kDir.size());
    size_t end = rest.find('/');
    if (!rest.empty() && rest[0] == '@' && end != std::string_view::npos)
        end = rest.find('/', end + 1);
    return std::string(rest.substr(0, end));
}

std::string_view categoryOf(const FunctionInfo& f)
{
    if (f.traceEvent)
        return traceEventCategory(f.name);
    if (f.url.empty()) {
        if (f.name == "(idle)")
            return "idle";
        if (f.name == "(program)" || f.name == "(root)")
            return "program";
        if (f.name == "(garbage collector)")
            return "gc";
        return "v8";
    }
    if (f.url.rfind("node:", 0) == 0 || f.url.rfind("internal/", 0) == 0)
        return "node";
    if (f.url.find("/node_modules/") != std::string::npos)
        return "npm";
    return "user";
}

std::vector<RollupRow> rollup(const CpuProfile& p, const Timing& t, RollupKey by)
{
    std::vector<RollupRow> rows;
    if (by == RollupKey::Function) {
        rows.reserve(p.functions.size());
        for (uint32_t f = 0; f < p.functions.size(); ++f) {
            if (p.functions[f].name == "(root)" && f == p.function[0])
                continue;
            // Trace event rows exist only in the trace timeline (not with --model profile).
            if (p.functions[f].traceEvent && t.functionSelf[f] == 0 && t.functionTotal[f] == 0)
                continue;
            rows.push_back({ p.functions[f].displayName(), f, t.functionSelf[f], t.functionTotal[f] });
        }
    } else {
        std::map<std::string, uint32_t> keys;
        std::vector<uint32_t> groupOf(p.functions.size(), UINT32_MAX);
        for (uint32_t f = 0; f < p.functions.size(); ++f) {
            const FunctionInfo& fi = p.functions[f];
            if (f == p.function[0])
                continue;
            std::string k = by == RollupKey::Url ? fi.url
                : by == RollupKey::Package       ? packageOf(fi.url)
                                                 : std::string(categoryOf(fi));
            if (k.empty())
                k = "(none)";
            groupOf[f] = keys.try_emplace(k, uint32_t(keys.size())).first->second;
        }
        std::vector<int64_t> self, total;
        groupTotals(t.tree, groupOf, keys.size(), self, total);
        for (const auto& [k, g] : keys)
            rows.push_back({ k, UINT32_MAX, self[g], total[g] });
    }
    std::stable_sort(rows.begin(), rows.end(), [](const RollupRow& a, const RollupRow& b) {
        if (a.self != b.self)
            return a.self > b.self;
        if (a.total != b.total)
            return a.total > b.total;
        return a.key < b.key;
    });
    return rows;
}

} // namespace v8scope
