// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// `v8scope retainers --graph` end to end on leak_s3: the graph's highlighted path equals the path `retainers`
// finds with its own search, the JSON and DOT are well formed and within the caps, bad option mixes are refused.
#include "testutil.h"

#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <map>
#include <regex>
#include <set>

namespace {

std::string cli(const std::string& args)
{
    return std::string(V8SCOPE_CLI) + " " + args;
}

std::string leakS3()
{
    return testutil::samplePath("heap/leak_s3.heapsnapshot.gz");
}

rapidjson::Document parse(const std::string& text)
{
    rapidjson::Document doc;
    doc.Parse(text.c_str());
    REQUIRE(!doc.HasParseError());
    return doc;
}

} // namespace

TEST_CASE("retainers --graph: the marked path is the shortest retaining path", "[cli][heap][graph]")
{
    // `retainers --paths 1` (best-first search over the retainers) gives the path from a root's child to the
    // Session; the graph marks, from the Session up, the retainer nearest to a GC root at every level. Over the
    // graph's 3 levels both must name the same objects and edges.
    const auto paths = testutil::run(cli("retainers --paths 1 --format json --id 108097 " + leakS3()));
    REQUIRE(paths.exitCode == 0);
    const auto p = parse(paths.out);
    const auto& path = p["paths"][0];
    REQUIRE(path.Size() >= 4);

    const auto r = testutil::run(cli("retainers --graph --format json --id 108097 " + leakS3()));
    REQUIRE(r.exitCode == 0);
    const auto g = parse(r.out);
    CHECK(g["id"].GetUint() == 108097);
    CHECK(g["depth"].GetUint() == 3);
    const auto& nodes = g["nodes"];
    const auto& edges = g["edges"];
    REQUIRE(nodes.Size() <= g["max_nodes"].GetUint());

    std::map<uint32_t, uint32_t> indexOfId; // object id -> node index
    for (const auto& n : nodes.GetArray()) {
        if (!n.HasMember("id"))
            continue;
        CHECK(indexOfId.emplace(n["id"].GetUint(), n["index"].GetUint()).second); // each object once
    }
    for (uint32_t step = 0; step < 4; ++step) {
        const auto& hop = path[path.Size() - 1 - step];
        const uint32_t id = hop["id"].GetUint();
        INFO("path step " << step << " @" << id);
        REQUIRE(indexOfId.count(id));
        const auto& node = nodes[indexOfId[id]];
        CHECK(node["level"].GetUint() == step);
        CHECK(node["on_path"].GetBool());
        if (step == 0)
            continue;
        // The edge from this retainer to the previous step's object: same name and type as the path's.
        const auto& inner = path[path.Size() - step];
        bool found = false;
        for (const auto& e : edges.GetArray())
            if (e["from"].GetUint() == indexOfId[id] && e["to"].GetUint() == indexOfId[inner["id"].GetUint()]) {
                found = true;
                CHECK(e["on_path"].GetBool());
                CHECK(e["edge"].GetString() == std::string(inner["edge"].GetString()));
                CHECK(e["edge_type"].GetString() == std::string(inner["edge_type"].GetString()));
            }
        CHECK(found);
    }
    // The README's path: system / Context @6163 --sessionCache--> Map @75559 --table--> (array) @96345 --4925-->.
    CHECK(nodes[indexOfId[75559]]["class"].GetString() == std::string("Map"));
    CHECK(nodes[indexOfId[96345]]["class"].GetString() == std::string("(array)"));

    // Fan-in: at most 8 retainers per object plus one "+K more" node; every edge joins listed nodes.
    std::map<uint32_t, uint32_t> into;
    for (const auto& e : edges.GetArray()) {
        REQUIRE(e["from"].GetUint() < nodes.Size());
        REQUIRE(e["to"].GetUint() < nodes.Size());
        ++into[e["to"].GetUint()];
    }
    for (const auto& [node, count] : into)
        CHECK(count <= 9);
}

TEST_CASE("retainers --graph: depth, text and DOT", "[cli][heap][graph]")
{
    const auto shallow = testutil::run(cli("retainers --graph --depth 1 --format json --id 108097 " + leakS3()));
    REQUIRE(shallow.exitCode == 0);
    const auto g = parse(shallow.out);
    for (const auto& n : g["nodes"].GetArray())
        CHECK(n["level"].GetUint() <= 1);

    const auto text = testutil::run(cli("retainers --graph --id 108097 " + leakS3()));
    REQUIRE(text.exitCode == 0);
    CHECK(text.out.rfind("Retainer graph of Session @108097", 0) == 0);
    CHECK(text.out.find("\nLevel 3\n") != std::string::npos);
    CHECK(text.out.find("* Map @75559") != std::string::npos);
    CHECK(text.out.find("<- table (internal) <- Map @75559 *") != std::string::npos);

    const auto dot = testutil::run(cli("retainers --graph --format dot --id 108097 " + leakS3()));
    REQUIRE(dot.exitCode == 0);
    const auto lines = testutil::splitLines(dot.out);
    REQUIRE(lines.size() > 3);
    CHECK(lines.front() == "digraph retainers {");
    CHECK(lines.back() == "}");
    // Every edge joins declared nodes; each node is declared once and ranked once.
    const std::regex decl(R"(^  (n\d+) \[label=.*\];$)"), edge(R"(^  (n\d+) -> (n\d+) \[.*\];$)"), member(R"(n\d+;)");
    std::set<std::string> declared;
    uint32_t edges = 0, ranked = 0;
    for (const auto& line : lines) {
        std::smatch m;
        if (std::regex_match(line, m, decl))
            CHECK(declared.insert(m[1]).second);
        if (std::regex_match(line, m, edge)) {
            ++edges;
            CHECK(declared.count(m[1]));
            CHECK(declared.count(m[2]));
        }
        if (line.rfind("  { rank=same;", 0) == 0)
            for (auto it = std::sregex_iterator(line.begin(), line.end(), member); it != std::sregex_iterator(); ++it)
                ++ranked;
    }
    const auto json = parse(testutil::run(cli("retainers --graph --format json --id 108097 " + leakS3())).out);
    CHECK(declared.size() == json["nodes"].Size());
    CHECK(edges == json["edges"].Size());
    CHECK(ranked == json["nodes"].Size());
}

TEST_CASE("retainers --graph: options that do not fit are refused", "[cli][heap][graph]")
{
    for (const std::string args :
        { "--graph --format tsv", "--graph --format md", "--format dot", "--depth 2", "--fan-in 4", "--graph --paths 2",
            "--graph --max-depth 4", "--graph --depth 0", "--graph --max-nodes 2", "--graph --format svg" }) {
        INFO(args);
        const auto r = testutil::run(cli("retainers --id 108097 " + args + " " + leakS3()));
        CHECK(r.exitCode == 2);
        CHECK(r.out.empty());
        CHECK(!r.err.empty());
    }
    // Case-insensitive format names, as everywhere else.
    CHECK(testutil::run(cli("retainers --graph --format DOT --id 108097 " + leakS3())).exitCode == 0);
}
