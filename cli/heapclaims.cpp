// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heapclaims.h"

#include <heap/heapanalysis.h>
#include <heap/snapshotreader.h>

namespace v8scope::cli {

namespace {
Result<uint64_t> totalSize(const std::string& file)
{
    auto snap = SnapshotReader::read(file);
    if (!snap)
        return snap.error();
    auto analysis = HeapAnalysis::analyze(snap.value());
    if (!analysis)
        return analysis.error();
    return analysis.value()->totalSize();
}
} // namespace

Result<double> SnapshotHeapClaims::heapGrowthBytes(const std::vector<std::string>& files)
{
    if (files.size() < 2)
        return ParseError::general(files.empty() ? std::string("check") : files[0],
            "heap claims need two or more heap snapshots (first = baseline, last = the one checked)");
    auto first = totalSize(files.front());
    if (!first)
        return first.error();
    auto last = totalSize(files.back());
    if (!last)
        return last.error();
    return double(last.value()) - double(first.value());
}

} // namespace v8scope::cli
