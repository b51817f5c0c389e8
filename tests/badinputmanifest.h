// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include "testutil.h"

#include <string>
#include <vector>

namespace testutil {

/// One row of tests/bad_inputs/expected.tsv: `v8scope info FILE ARGS` run in that folder exits with `exitCode`
/// and prints exactly `stderrLine` (empty for exit code 0).
struct BadInput
{
    std::string file;
    int exitCode = 0;
    std::string stderrLine;
    std::string args;
    /// The value of `--max-input` in args, or 0.
    uint64_t maxInput() const
    {
        const std::string flag = "--max-input ";
        const size_t at = args.find(flag);
        return at == std::string::npos ? 0 : std::stoull(args.substr(at + flag.size()));
    }
    /// stderrLine without the "v8scope: FILE: " prefix: what ParseError::toString() says after the file name.
    std::string messageAfterFile() const
    {
        const std::string prefix = "v8scope: " + file + ": ";
        return stderrLine.rfind(prefix, 0) == 0 ? stderrLine.substr(prefix.size()) : stderrLine;
    }
};

inline std::string badInputsDir()
{
    return testDataPath("bad_inputs");
}

inline std::vector<BadInput> readBadInputs(const std::string& manifest)
{
    std::vector<BadInput> rows;
    for (const std::string& line : splitLines(readText(badInputsDir() + "/" + manifest))) {
        if (line.empty() || line[0] == '#')
            continue;
        const auto cells = splitTabs(line);
        if (cells.size() < 3)
            throw std::runtime_error(manifest + ": malformed line: " + line);
        BadInput b;
        b.file = cells[0];
        b.exitCode = std::stoi(cells[1]);
        b.stderrLine = cells[2];
        if (cells.size() > 3)
            b.args = cells[3];
        rows.push_back(std::move(b));
    }
    return rows;
}

} // namespace testutil
