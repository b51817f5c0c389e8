// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <heap/heapanalysis.h>
#include <heap/heaploader.h>

#include "output.h"

#include <memory>
#include <optional>
#include <string>

namespace CLI {
class App;
} // namespace CLI

namespace v8scope::cli {

/// Options every heap command shares.
struct HeapLoadOptions
{
    uint64_t maxInputBytes = uint64_t(32) << 30;
    uint64_t maxMemoryBytes = 0; ///< 0: no limit
    bool noCache = false;
    v8scope::HeapCacheOptions cache;
};

/// Adds `--max-input BYTES` (the decompressed-size limit, e.g. 1048576 or 8GiB), `--max-memory`, and the analysis
/// cache's `--no-cache`, `--cache-dir DIR`, `--cache-max BYTES` to a heap command.
void addMaxInputOption(CLI::App* cmd, HeapLoadOptions& options);

/// `retainers` and `dominators` (heaptree.cpp).
void registerHeapTreeCommands(CLI::App& app, int& exitCode);

/// FILE: the snapshot argument every heap command takes.
void addHeapInput(CLI::App* cmd, std::string& file);
/// --format with text, json, tsv, csv and md (and `default` as the default's name).
void addHeapFormat(CLI::App* cmd, Format& format, const char* defaultName = "text");
/// The node of `id` (the root when there is none); kNoNode after printing "FILE: no node with id N".
uint32_t resolveNode(const HeapAnalysis& analysis, std::optional<uint32_t> id, const std::string& file);
/// Human sizes when asked (--human) or when text goes to a terminal.
report::WriteOptions heapWriteOptions(Format format, bool human);

/// The core's load options for these (what loadHeap and SnapshotHeapClaims take).
v8scope::HeapLoadOptions coreLoadOptions(const HeapLoadOptions& options);

/// Parses and analyzes a snapshot with a terminal progress bar (when stderr is a TTY and the file is big).
/// On failure prints the one-line error and returns null.
std::unique_ptr<v8scope::LoadedHeap> loadHeap(const std::string& path, const HeapLoadOptions& options = {});

} // namespace v8scope::cli
