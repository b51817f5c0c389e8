// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "exporters.h"

#include <algorithm>

namespace v8scope {

namespace {

std::string frameName(const FunctionInfo& f)
{
    std::string s = f.displayName();
    if (!f.url.empty())
        s += " " + f.url + ":" + std::to_string(f.line + 1);
    std::replace(s.begin(), s.end(), ';', ',');
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
}

} // namespace

std::string foldedStacks(const CpuProfile& p, const Timing& timing, const CallTree& t)
{
    (void)timing;
    std::string out;
    std::vector<std::string> names(p.functions.size());
    for (size_t f = 0; f < names.size(); ++f)
        names[f] = frameName(p.functions[f]);
    // The path of the current node as a string, with the length of each prefix to cut back to.
    std::string path;
    std::vector<size_t> prefixLen(t.size(), 0);
    for (uint32_t x = 1; x < t.size(); ++x) {
        const uint32_t parent = t.parent[x];
        path.resize(prefixLen[parent]);
        if (parent != 0)
            path += ';';
        path += names[t.function[x]];
        prefixLen[x] = path.size();
        if (t.self[x] > 0) {
            out += path;
            out += ' ';
            out += std::to_string(t.self[x]);
            out += '\n';
        }
    }
    return out;
}

} // namespace v8scope
