// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <heap/heapanalysis.h>

#include <cstdint>
#include <memory>
#include <string>

namespace v8scope {

/// Where and how much the analysis cache may store (HeapLoadOptions carries one; the CLI's --cache-dir,
/// --no-cache and --cache-max set it).
struct HeapCacheOptions
{
    bool enabled = true;
    /// Directory of the cache files; empty = defaultHeapCacheDir().
    std::string dir;
    /// Total size of the cache files; the least recently used ones are deleted past it.
    uint64_t maxBytes = uint64_t(20) << 30;
    /// Snapshots smaller than this are not cached (they load faster than a cache file is written).
    uint64_t minFileBytes = uint64_t(16) << 20;
    /// When a hit's arrays are checked against their checksums (the header and the metadata always are, on open).
    enum class Verify
    {
        /// All of them before load() returns, on two threads (the viewer: its worker thread pays, never a view).
        Everything,
        /// Each block (blockBytes) of the arrays the first time anything reads it: the arrays are mapped
        /// unreadable and a fault handler checks a block, then makes it readable (the CLI: `summary` reads only
        /// its rows, `retainers --id` a few blocks). A mismatch found then ends the process (exit code 2) with a
        /// one-line error after deleting the cache file: nothing is ever computed from an unchecked byte.
        OnFirstUse,
    };
    Verify verify = Verify::Everything;
    /// Bytes per checksummed block of the arrays, written into the file (a multiple of 64 KiB; tests lower it).
    uint64_t blockBytes = uint64_t(1) << 20;
};

/// $XDG_CACHE_HOME/v8scope/heap, or ~/.cache/v8scope/heap.
std::string defaultHeapCacheDir();

/// What happened with the cache for one load, for `info` and tests: "off", "skipped" (small file, stdin),
/// "hit", "miss", "stale" (the file changed), "invalid: WHY" (truncated, corrupted, other version: ignored and
/// rebuilt), and after a store "written" or "not written: WHY".
struct HeapCacheStatus
{
    std::string lookup;
    std::string store;
};

/// The binary analysis cache (docs/performance.md#cache): one file per snapshot path holding every column of
/// the snapshot and every array of its analysis, versioned, keyed by the snapshot's path, size, inode and
/// modification time, with checksums over everything (the metadata as a whole, the arrays per block). A hit maps
/// the file and reads the arrays in place (Column::mapped: no copy). A cache file that does not match in any way
/// is ignored.
namespace heapcache {

/// The cached analysis of `path`, or null (status says why).
std::shared_ptr<const HeapAnalysis> load(
    const std::string& path, const HeapCacheOptions& options, HeapCacheStatus& status);

/// Writes the analysis of `path` (atomically: a temporary file renamed into place), then evicts the least
/// recently used entries past options.maxBytes.
void store(
    const std::string& path, const HeapAnalysis& analysis, const HeapCacheOptions& options, HeapCacheStatus& status);

/// The cache file that holds `path`'s analysis (whether it exists or not); empty when `path` cannot be cached.
std::string entryPath(const std::string& path, const HeapCacheOptions& options);

} // namespace heapcache

} // namespace v8scope
