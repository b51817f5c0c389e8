// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// libFuzzer target: the heap snapshot reader on arbitrary bytes (plain or gzip), then the whole analysis and every
// report when the bytes happen to be a valid snapshot. Build and run with scripts/fuzz.sh heapsnapshot SECONDS.
#include "fuzzreports.h"

#include <heap/snapshotreader.h>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace v8scope;
    InputOptions options;
    options.maxDecompressedBytes = 16 << 20; // gzip bombs stop here instead of eating the run's time
    options.bufferBytes = (size & 1) ? 64 : 4096; // small buffers: values and escapes straddle refills
    auto in = InputStream::fromMemory("fuzz", data, size, options);
    auto snap = SnapshotReader::read(*in);
    if (!snap) {
        fuzzutil::require(!snap.error().message.empty());
        return 0;
    }
    auto analysis = HeapAnalysis::analyze(snap.value());
    if (!analysis)
        return 0;
    fuzzutil::runHeapReports(*analysis.value());
    return 0;
}
