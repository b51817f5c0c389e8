// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heapload.h"

#include "output.h"

#include <CLI/CLI.hpp>

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
    cmd->add_flag("--no-cache", options.noCache,
        "Neither read nor write the analysis cache (by default a snapshot of 16 MiB or more is analysed once and "
        "read back from the cache while the file is unchanged)");
    cmd->add_option("--cache-dir", options.cache.dir,
        "Directory of the analysis cache (default: $XDG_CACHE_HOME/v8scope/heap or ~/.cache/v8scope/heap)");
    cmd->add_option("--cache-max", options.cache.maxBytes,
           "Size of the analysis cache: the least recently used entries are deleted past it; suffixes like 8GiB work")
        ->transform(CLI::AsSizeValue(false))
        ->default_str("20GiB");
}

v8scope::HeapLoadOptions coreLoadOptions(const HeapLoadOptions& options)
{
    v8scope::HeapLoadOptions core;
    core.maxInputBytes = options.maxInputBytes;
    core.maxMemoryBytes = options.maxMemoryBytes;
    core.cache = options.cache;
    core.cache.enabled = !options.noCache;
    return core;
}

std::unique_ptr<LoadedHeap> loadHeap(const std::string& path, const HeapLoadOptions& options)
{
    TerminalProgress progress(wantProgress(path));
    const v8scope::HeapLoadOptions core = coreLoadOptions(options);
    TaskControl control;
    control.progress = &progress;
    auto result = v8scope::loadHeap(path, core, control);
    progress.finish();
    if (!result) {
        printError(result.error().toString());
        return nullptr;
    }
    auto loaded = std::make_unique<LoadedHeap>();
    loaded->analysis = result.value().analysis;
    loaded->parseMs = result.value().parseMs;
    loaded->analyzeMs = result.value().analyzeMs;
    loaded->fromCache = result.value().fromCache;
    loaded->cacheStoreMs = result.value().cacheStoreMs;
    loaded->cache = result.value().cache;
    return loaded;
}

} // namespace v8scope::cli
