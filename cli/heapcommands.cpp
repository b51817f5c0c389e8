// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "commands.h"
#include "output.h"

#include <heap/snapshotreader.h>

#include <fmt/format.h>

namespace v8scope::cli {

void registerHeapCommands(CLI::App& app, int& exitCode)
{
    auto* info = app.add_subcommand("info", "Format version, node/edge/string counts and sizes of a heap snapshot");
    static std::string file;
    info->add_option("FILE", file, "Heap snapshot (.heapsnapshot, .heaptimeline, gzip, or - for stdin)")->required();
    info->callback([&exitCode] {
        auto snap = SnapshotReader::read(file);
        if (!snap) {
            printError(snap.error().toString());
            exitCode = kExitBadInput;
            return;
        }
        const HeapSnapshot& s = *snap.value();
        fmt::print("nodes\t{}\nedges\t{}\nstrings\t{}\n", s.nodeCount, s.edgeCount, s.strings.size());
    });
}

} // namespace v8scope::cli
