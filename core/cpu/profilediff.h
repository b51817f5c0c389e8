// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "cpuprofile.h"
#include "timing.h"

#include <string>
#include <vector>

namespace v8scope {

/// How `cpu diff` pairs a function of BASE with one of HEAD (scriptIds differ between runs, so never by them).
enum class DiffMatch : uint8_t
{
    Url, ///< display name + full URL + line
    /// display name + the URL's path (no scheme, host or port) with the profile's common root directory
    /// stripped + line: the same code served on another port or from another checkout pairs up (the default)
    Path,
    Name, ///< display name + file name (the last path segment), line ignored
};

/// The location a function is matched by: the URL, its path without the origin and `root`, or its file name.
std::string matchLocation(const std::string& url, DiffMatch match, const std::string& root);
/// The longest directory prefix ("/a/b/") shared by the paths of all of the profile's script URLs (http(s),
/// file and absolute paths; node: and builtins are left out), for DiffMatch::Path.
std::string commonRoot(const CpuProfile& profile);

/// One function across two profiles, matched by DiffMatch (functions with the same match key in one profile
/// are summed).
struct DiffRow
{
    std::string name; ///< display name
    std::string url; ///< the matched location (matchLocation): the URL, the stripped path or the file name
    int32_t line = -1; ///< -1 with DiffMatch::Name
    double baseSelfMs = 0;
    double baseTotalMs = 0;
    double headSelfMs = 0; ///< scaled by `scale` when normalised
    double headTotalMs = 0;
    double baseSelfPct = 0; ///< of each profile's non-idle time
    double baseTotalPct = 0;
    double headSelfPct = 0;
    double headTotalPct = 0;
    bool inBase = false;
    bool inHead = false;
    double selfDeltaMs() const
    {
        return headSelfMs - baseSelfMs;
    }
    double totalDeltaMs() const
    {
        return headTotalMs - baseTotalMs;
    }
};

struct ProfileDiff
{
    std::vector<DiffRow> rows; ///< by |self delta| descending, then total delta, then name, url, line
    double baseBusyMs = 0;
    double headBusyMs = 0; ///< before normalisation
    double scale = 1; ///< factor applied to head times (--normalize: base busy / head busy)
    DiffMatch match = DiffMatch::Path;
    std::string baseRoot; ///< the roots stripped with DiffMatch::Path
    std::string headRoot;
};

/// Per-function self/total deltas between two timed profiles (HEAD - BASE). With `normalize`, head times are
/// scaled so that both profiles have the same non-idle time (pprof's -normalize).
ProfileDiff diffProfiles(const CpuProfile& base, const Timing& baseTiming, const CpuProfile& head,
    const Timing& headTiming, bool normalize, DiffMatch match = DiffMatch::Path);

} // namespace v8scope
