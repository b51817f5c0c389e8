// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#pragma once

#include <common/inputstream.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace testutil {

inline std::string samplePath(const std::string& rel)
{
    return std::string(V8SCOPE_SAMPLES) + "/" + rel;
}

inline std::string testDataPath(const std::string& rel)
{
    return std::string(V8SCOPE_TESTDATA) + "/" + rel;
}

/// Whole text of a file, gzip or plain (through the core's reader).
inline std::string readText(const std::string& path)
{
    auto r = v8scope::readWholeFile(path);
    if (!r)
        throw std::runtime_error(r.error().toString());
    return r.value();
}

inline std::vector<std::string> splitLines(const std::string& text)
{
    std::vector<std::string> lines;
    std::string line;
    std::istringstream in(text);
    while (std::getline(in, line))
        lines.push_back(line);
    return lines;
}

inline std::vector<std::string> splitTabs(const std::string& line)
{
    std::vector<std::string> cells;
    size_t start = 0;
    for (;;) {
        const size_t tab = line.find('\t', start);
        cells.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos)
            break;
        start = tab + 1;
    }
    return cells;
}

/// A temporary file that is removed when it goes out of scope.
struct TempFile
{
    std::string path;
    explicit TempFile(const std::string& content, const std::string& suffix = ".json")
    {
        char tmpl[] = "/tmp/v8scope_testXXXXXX";
        const int fd = mkstemp(tmpl);
        ::close(fd);
        path = std::string(tmpl) + suffix;
        std::rename(tmpl, path.c_str());
        std::ofstream(path, std::ios::binary) << content;
    }
    ~TempFile()
    {
        std::remove(path.c_str());
    }
};

struct RunResult
{
    int exitCode = -1;
    std::string out;
    std::string err;
};

/// Runs a shell command line and captures stdout, stderr and the exit code.
inline RunResult run(const std::string& commandLine)
{
    TempFile outFile("", ".out");
    TempFile errFile("", ".err");
    const std::string cmd = "(" + commandLine + ") >" + outFile.path + " 2>" + errFile.path + " </dev/null";
    const int status = std::system(cmd.c_str());
    RunResult r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream o(outFile.path, std::ios::binary);
    r.out.assign(std::istreambuf_iterator<char>(o), {});
    std::ifstream e(errFile.path, std::ios::binary);
    r.err.assign(std::istreambuf_iterator<char>(e), {});
    return r;
}

} // namespace testutil
