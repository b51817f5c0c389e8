// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "heapload.h"

#include "output.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

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

void addHeapInput(CLI::App* cmd, std::string& file)
{
    cmd->add_option("FILE", file, "Heap snapshot: .heapsnapshot or .heaptimeline, plain or gzip, - for stdin")
        ->required();
}

void addHeapFormat(CLI::App* cmd, Format& format, const char* defaultName)
{
    addFormatOption(cmd, format, { Format::Text, Format::Tsv, Format::Csv, Format::Markdown, Format::Json })
        ->default_str(defaultName);
}

uint32_t resolveNode(const HeapAnalysis& a, std::optional<uint32_t> id, const std::string& file)
{
    if (!id)
        return a.root();
    const uint32_t node = a.nodeForId(*id);
    if (node == kNoNode)
        printError(fmt::format("{}: no node with id {}", file, *id));
    return node;
}

report::WriteOptions heapWriteOptions(Format format, bool human)
{
    report::WriteOptions w;
    w.human = human || (format == Format::Text && stdoutIsTty());
    return w;
}

v8scope::HeapLoadOptions coreLoadOptions(const HeapLoadOptions& options)
{
    v8scope::HeapLoadOptions core;
    core.maxInputBytes = options.maxInputBytes;
    core.maxMemoryBytes = options.maxMemoryBytes;
    core.cache = options.cache;
    core.cache.enabled = !options.noCache;
    // A command reads only what it needs of a cached analysis (`summary` its rows, `retainers --id` a few blocks):
    // each block is checked against its checksum when first read, not all of them up front.
    core.cache.verify = HeapCacheOptions::Verify::OnFirstUse;
    // No command prints the Summary's members in the viewer's order: they stay in file order (no sort, no peak).
    core.sortSummaryMembers = false;
    return core;
}

std::unique_ptr<v8scope::LoadedHeap> loadHeap(const std::string& path, const HeapLoadOptions& options)
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
    return std::make_unique<v8scope::LoadedHeap>(std::move(result.value()));
}

} // namespace v8scope::cli
