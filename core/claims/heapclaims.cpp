// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heapclaims.h"

namespace v8scope {

Result<double> SnapshotHeapClaims::heapGrowthBytes(const std::vector<std::string>& files)
{
    if (files.size() < 2)
        return ParseError::general(files.empty() ? std::string("check") : files[0],
            "heap claims need two or more heap snapshots (first = baseline, last = the one checked)");
    uint64_t total[2] = { 0, 0 };
    const std::string* ends[2] = { &files.front(), &files.back() };
    for (int i = 0; i < 2; ++i) {
        auto loaded = loadHeap(*ends[i], m_options, m_control);
        if (!loaded)
            return loaded.error();
        total[i] = loaded.value().analysis->totalSize();
    }
    return double(total[1]) - double(total[0]);
}

} // namespace v8scope
