// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "profilediff.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace v8scope {

namespace {

using MatchKey = std::tuple<std::string, std::string, int32_t>;

/// The path of a URL: after "scheme://host[:port]" (a file:// URL keeps its absolute path); "" for URLs
/// without one (node:fs, builtins, "").
std::string pathOf(const std::string& url)
{
    const size_t scheme = url.find("://");
    if (scheme == std::string::npos)
        return !url.empty() && url[0] == '/' ? url : std::string();
    const size_t slash = url.find('/', scheme + 3);
    return slash == std::string::npos ? std::string("/") : url.substr(slash);
}

/// Self/total ms per match key; total counted once per stack even when several functions share the key.
std::map<MatchKey, std::pair<double, double>> collect(
    const CpuProfile& p, const Timing& t, DiffMatch match, const std::string& root)
{
    std::map<MatchKey, uint32_t> keys;
    std::vector<uint32_t> groupOf(p.functions.size(), UINT32_MAX);
    for (uint32_t f = 0; f < p.functions.size(); ++f) {
        if (f == p.function[0])
            continue;
        const FunctionInfo& fi = p.functions[f];
        const MatchKey key { fi.displayName(), matchLocation(fi.url, match, root),
            match == DiffMatch::Name ? -1 : fi.line };
        groupOf[f] = keys.try_emplace(key, uint32_t(keys.size())).first->second;
    }
    std::vector<int64_t> self, total;
    groupTotals(t.tree, groupOf, keys.size(), self, total);
    std::map<MatchKey, std::pair<double, double>> out;
    for (const auto& [k, g] : keys)
        out[k] = { t.toMs(self[g]), t.toMs(total[g]) };
    return out;
}

double pct(double part, double whole)
{
    return whole > 0 ? 100.0 * part / whole : 0;
}

} // namespace

std::string matchLocation(const std::string& url, DiffMatch match, const std::string& root)
{
    if (match == DiffMatch::Url)
        return url;
    const std::string path = pathOf(url);
    if (path.empty())
        return url; // node:, builtins: already the same in every run
    if (match == DiffMatch::Name) {
        const size_t q = path.find_first_of("?#");
        const std::string clean = path.substr(0, q);
        return clean.substr(clean.rfind('/') + 1);
    }
    return path.compare(0, root.size(), root) == 0 ? path.substr(root.size()) : path;
}

std::string commonRoot(const CpuProfile& p)
{
    std::string root;
    bool first = true;
    for (const FunctionInfo& f : p.functions) {
        if (f.traceEvent)
            continue;
        const std::string path = pathOf(f.url);
        if (path.empty())
            continue;
        const std::string dir = path.substr(0, path.rfind('/') + 1);
        if (first) {
            root = dir;
            first = false;
            continue;
        }
        size_t n = 0;
        while (n < root.size() && n < dir.size() && root[n] == dir[n])
            ++n;
        root.resize(n);
        root.resize(root.rfind('/') == std::string::npos ? 0 : root.rfind('/') + 1);
    }
    return root;
}

ProfileDiff diffProfiles(
    const CpuProfile& base, const Timing& bt, const CpuProfile& head, const Timing& ht, bool normalize, DiffMatch match)
{
    ProfileDiff d;
    d.match = match;
    if (match == DiffMatch::Path) {
        d.baseRoot = commonRoot(base);
        d.headRoot = commonRoot(head);
    }
    d.baseBusyMs = bt.toMs(bt.busy());
    d.headBusyMs = ht.toMs(ht.busy());
    if (normalize && d.headBusyMs > 0)
        d.scale = d.baseBusyMs / d.headBusyMs;
    const auto b = collect(base, bt, match, d.baseRoot);
    const auto h = collect(head, ht, match, d.headRoot);
    std::map<MatchKey, DiffRow> rows;
    for (const auto& [k, v] : b) {
        DiffRow& r = rows[k];
        std::tie(r.name, r.url, r.line) = k;
        r.inBase = true;
        r.baseSelfMs = v.first;
        r.baseTotalMs = v.second;
    }
    for (const auto& [k, v] : h) {
        DiffRow& r = rows[k];
        std::tie(r.name, r.url, r.line) = k;
        r.inHead = true;
        r.headSelfMs = v.first * d.scale;
        r.headTotalMs = v.second * d.scale;
    }
    const double headBusy = d.headBusyMs * d.scale;
    for (auto& [k, r] : rows) {
        r.baseSelfPct = pct(r.baseSelfMs, d.baseBusyMs);
        r.baseTotalPct = pct(r.baseTotalMs, d.baseBusyMs);
        r.headSelfPct = pct(r.headSelfMs, headBusy);
        r.headTotalPct = pct(r.headTotalMs, headBusy);
        d.rows.push_back(std::move(r));
    }
    std::stable_sort(d.rows.begin(), d.rows.end(), [](const DiffRow& a, const DiffRow& b) {
        const double sa = std::fabs(a.selfDeltaMs()), sb = std::fabs(b.selfDeltaMs());
        if (sa != sb)
            return sa > sb;
        const double ta = std::fabs(a.totalDeltaMs()), tb = std::fabs(b.totalDeltaMs());
        if (ta != tb)
            return ta > tb;
        return std::tie(a.name, a.url, a.line) < std::tie(b.name, b.url, b.line);
    });
    return d;
}

} // namespace v8scope
