// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// A tree model's walk of the dominator tree (child = dominatedChild(parent, row), nothing sorted at view time)
// gives exactly the rows and order the CLI's `dominators` command prints.
#include "testutil.h"

#include <catch2/catch.hpp>
#include <heap/heapanalysis.h>
#include <heap/heaploader.h>

#include <string>
#include <vector>

using namespace v8scope;

namespace {

/// "depth<TAB>id" per node, pre-order to `maxDepth` below the root, every child, through the row arrays only: the
/// walk a QTreeView makes through index(row, 0, parent) with parent() answered by dominatorParent/rowInParent.
std::vector<std::string> walkByRows(const HeapAnalysis& h, uint32_t maxDepth)
{
    std::vector<std::string> rows;
    const auto& ids = h.snapshot->nodeId;
    // Explicit stack of (node, depth); children pushed last row first so that row 0 is visited first.
    std::vector<std::pair<uint32_t, uint32_t>> stack { { h.root(), 0 } };
    while (!stack.empty()) {
        const auto [node, depth] = stack.back();
        stack.pop_back();
        rows.push_back(std::to_string(depth) + "\t" + std::to_string(ids[node]));
        // A model's parent() for this index: must name the node we came from and the row we took.
        if (node != h.root()) {
            const uint32_t parent = h.dominatorParent(node);
            REQUIRE(parent != kNoNode);
            REQUIRE(h.dominatedChild(parent, h.rowInParent(node)) == node);
        }
        if (depth == maxDepth)
            continue;
        for (uint32_t row = h.dominatedCount(node); row-- > 0;)
            stack.push_back({ h.dominatedChild(node, row), depth + 1 });
    }
    return rows;
}

} // namespace

TEST_CASE("the dominator tree walked through rowInParent gives the CLI's dominators order", "[heap][cli]")
{
    for (const char* name : { "leak_s3", "shapes", "chromium_detached_dom_2" }) {
        INFO(name);
        const std::string path = testutil::samplePath(std::string("heap/") + name + ".heapsnapshot.gz");
        const auto r = testutil::run(std::string(V8SCOPE_CLI) + " dominators --depth 3 --top 0 --format tsv " + path);
        REQUIRE(r.exitCode == 0);
        const auto lines = testutil::splitLines(r.out);
        REQUIRE(lines.size() > 1);
        std::vector<std::string> cliRows;
        for (size_t i = 1; i < lines.size(); ++i) { // header: depth id class self retained dominator_id name
            const auto cells = testutil::splitTabs(lines[i]);
            cliRows.push_back(cells[0] + "\t" + cells[1]);
        }
        auto loaded = loadHeap(path, {}, {});
        REQUIRE(loaded.ok());
        const auto modelRows = walkByRows(*loaded.value().analysis, 3);
        CHECK(modelRows.size() > 100);
        CHECK(modelRows == cliRows);
    }
}
