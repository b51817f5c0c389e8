// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heapload.h"

#include "output.h"

#include <heap/snapshotreader.h>

#include <CLI/CLI.hpp>
#include <chrono>

namespace v8scope::cli {

void addMaxInputOption(CLI::App* cmd, HeapLoadOptions& options)
{
    cmd->add_option("--max-input", options.maxInputBytes,
           "Stop with an error when the text (after gzip decompression) exceeds this many bytes: guards against gzip "
           "bombs; suffixes like 512MiB or 8GiB work")
        ->transform(CLI::AsSizeValue(false))
        ->default_str("32GiB");
    cmd->add_option("--max-memory", options.maxMemoryBytes,
           "Refuse, before allocating, a snapshot whose analysis would need more memory than this (estimated from "
           "the node and edge counts in its header); suffixes like 4GiB work; default: no limit")
        ->transform(CLI::AsSizeValue(false));
}

std::unique_ptr<LoadedHeap> loadHeap(const std::string& path, const HeapLoadOptions& options)
{
    TerminalProgress progress(wantProgress(path));
    InputOptions in;
    in.maxDecompressedBytes = options.maxInputBytes;
    in.maxMemoryBytes = options.maxMemoryBytes;
    in.control.progress = &progress;
    const auto t0 = std::chrono::steady_clock::now();
    auto snap = SnapshotReader::read(path, in);
    const auto t1 = std::chrono::steady_clock::now();
    if (!snap) {
        progress.finish();
        printError(snap.error().toString());
        return nullptr;
    }
    TaskControl control;
    control.progress = &progress;
    auto analysis = HeapAnalysis::analyze(snap.value(), control);
    const auto t2 = std::chrono::steady_clock::now();
    progress.finish();
    if (!analysis) {
        printError(analysis.error().toString());
        return nullptr;
    }
    auto loaded = std::make_unique<LoadedHeap>();
    loaded->analysis = analysis.value();
    loaded->parseMs = std::chrono::duration<double, std::milli>(t1 - t0).count();
    loaded->analyzeMs = std::chrono::duration<double, std::milli>(t2 - t1).count();
    return loaded;
}

} // namespace v8scope::cli
