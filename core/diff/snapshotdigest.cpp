// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "snapshotdigest.h"

#include <heap/heapanalysis.h>

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace v8scope {

namespace {
/// Joins property names with NUL (never inside a decoded name) to intern property lists.
std::string joinProperties(const std::vector<std::string>& props)
{
    std::string key;
    for (const std::string& p : props) {
        key += p;
        key += '\0';
    }
    return key;
}
} // namespace

uint32_t typeNameHash(uint32_t type, std::string_view name)
{
    uint32_t h = 2166136261u ^ type;
    h *= 16777619u;
    for (const char c : name) {
        h ^= static_cast<unsigned char>(c);
        h *= 16777619u;
    }
    return h;
}

SnapshotDigest SnapshotDigest::build(const HeapAnalysis& a)
{
    const HeapSnapshot& s = *a.snapshot;
    const uint32_t n = s.nodeCount;
    SnapshotDigest d;
    d.sourceName = s.sourceName;
    d.nodeCount = n;
    d.root = a.root();
    d.totalSize = a.totalSize();
    d.definitions = a.classes.definitions;
    d.id.assign(s.nodeId.begin(), s.nodeId.end());
    d.selfSize = a.selfSize.toVector();
    d.retainedSize = a.retainedSize.toVector();
    d.dominator.assign(a.dominator.begin(), a.dominator.end());

    // Dense class indices, keeping DevTools' class-id identity.
    std::unordered_map<uint32_t, uint32_t> dense;
    auto denseOf = [&](uint32_t classId, std::string_view name) {
        auto [it, inserted] = dense.emplace(classId, uint32_t(d.classNames.size()));
        if (inserted)
            d.classNames.emplace_back(name);
        return it->second;
    };
    d.ownClass.resize(n);
    for (uint32_t i = 0; i < n; ++i)
        d.ownClass[i] = denseOf(a.classes.classId[i], a.classes.className(i));

    d.plainShape.assign(n, kNone);
    const uint32_t objectName = s.strings.find("Object");
    if (objectName != StringIndex::kInvalid && s.nodeTypes.object >= 0) {
        d.objectClass = denseOf(objectName, "Object");
        std::unordered_map<std::string, uint32_t> interned;
        std::vector<std::string> props;
        for (uint32_t i = 0; i < n; ++i) {
            if (s.nodeType[i] != s.nodeTypes.object || s.nodeName[i] != objectName)
                continue;
            props.clear();
            for (uint32_t e = s.firstEdge[i]; e < s.firstEdge[i + 1]; ++e)
                if (s.edgeType[e] == s.edgeTypes.property)
                    props.emplace_back(s.strings.get(s.edgeNameOrIndex[e]));
            auto [it, inserted] = interned.emplace(joinProperties(props), uint32_t(d.plainProperties.size()));
            if (inserted)
                d.plainProperties.push_back(props);
            d.plainShape[i] = it->second;
        }
    }

    d.locations = objectLocations(s);
    d.locationSites.assign(s.locationSites.begin(), s.locationSites.end());

    d.typeNameHash.resize(n);
    for (uint32_t i = 0; i < n; ++i)
        d.typeNameHash[i] = v8scope::typeNameHash(s.nodeType[i], s.nodeNameView(i));

    d.sortedOrdinals = idOrder(s.nodeId);
    d.sortedIds.resize(n);
    for (uint32_t k = 0; k < n; ++k)
        d.sortedIds[k] = s.nodeId[d.sortedOrdinals[k]];
    return d;
}

std::vector<InterfaceDefinition> inferDefinitions(const std::shared_ptr<const HeapSnapshot>& snapshot)
{
    // ClassNames reads names through an analysis; plain objects ("Object") are never renamed by DOM-state
    // propagation, so the raw names (an analysis without renames) are what inference sees in a full analysis too.
    HeapAnalysis analysis;
    analysis.snapshot = snapshot;
    return ClassNames::compute(analysis, nullptr).definitions;
}

std::vector<uint32_t> idOrder(std::span<const uint32_t> ids)
{
    const size_t n = ids.size();
    std::vector<uint32_t> order(n), tmp(n);
    std::iota(tmp.begin(), tmp.end(), 0u);
    // LSD radix sort on 16-bit digits: stable, so equal ids keep ordinal order.
    for (int shift = 0; shift < 32; shift += 16) {
        std::vector<uint32_t> count(65537, 0);
        for (size_t k = 0; k < n; ++k)
            ++count[((ids[tmp[k]] >> shift) & 0xFFFF) + 1];
        for (size_t b = 0; b < 65536; ++b)
            count[b + 1] += count[b];
        for (size_t k = 0; k < n; ++k)
            order[count[(ids[tmp[k]] >> shift) & 0xFFFF]++] = tmp[k];
        std::swap(order, tmp);
    }
    return tmp;
}

std::vector<HeapSnapshot::Location> objectLocations(const HeapSnapshot& s)
{
    // The records are sorted by node, a node's own in file order: the last of each run wins.
    std::vector<HeapSnapshot::Location> out;
    for (const HeapSnapshot::Location& r : s.locations) {
        if (r.node >= s.nodeCount || s.nodeType[r.node] != s.nodeTypes.object)
            continue;
        if (!out.empty() && out.back().node == r.node)
            out.back() = r;
        else
            out.push_back(r);
    }
    out.shrink_to_fit();
    return out;
}

uint32_t SnapshotDigest::ordinalOf(uint32_t nodeId) const
{
    auto it = std::lower_bound(sortedIds.begin(), sortedIds.end(), nodeId);
    if (it == sortedIds.end() || *it != nodeId)
        return kNone;
    return sortedOrdinals[size_t(it - sortedIds.begin())];
}

std::vector<uint32_t> SnapshotDigest::classesWith(
    const std::vector<InterfaceDefinition>& defs, std::vector<std::string>* names) const
{
    *names = classNames;
    std::vector<uint32_t> classes = ownClass;
    if (plainProperties.empty())
        return classes;

    // Shape matching is ClassNames' job; give it a tiny snapshot with one plain object per distinct property
    // list, so that the matching rules (trie, longest match, DevTools' Set quirks) exist in one place only.
    auto fake = std::make_shared<HeapSnapshot>();
    fake->sourceName = sourceName;
    fake->nodeTypeNames = { "object" };
    fake->edgeTypeNames = { "property" };
    fake->nodeTypes.object = 0;
    fake->edgeTypes.property = 0;
    const uint32_t objectName = fake->strings.add("Object");
    std::unordered_map<std::string, uint32_t> stringIds;
    fake->firstEdge.push_back(0);
    for (const auto& props : plainProperties) {
        fake->nodeType.push_back(0);
        fake->nodeName.push_back(objectName);
        fake->nodeId.push_back(uint32_t(fake->nodeId.size()) * 2 + 1);
        fake->nodeSelfSize.push_back(0);
        for (const std::string& p : props) {
            auto [it, inserted] = stringIds.emplace(p, 0);
            if (inserted)
                it->second = fake->strings.add(p);
            fake->edgeWords.push_back(packEdge(0, 0));
            fake->edgeNameOrIndex.push_back(it->second);
        }
        fake->firstEdge.push_back(uint32_t(fake->edgeWords.size()));
    }
    fake->nodeCount = uint32_t(plainProperties.size());
    fake->edgeCount = uint32_t(fake->edgeWords.size());
    HeapAnalysis analysis;
    analysis.snapshot = fake;
    const ClassNames matched = ClassNames::compute(analysis, &defs);

    std::vector<uint32_t> shapeClass(plainProperties.size(), objectClass);
    std::unordered_map<std::string, uint32_t> shapeIds;
    for (uint32_t k = 0; k < plainProperties.size(); ++k) {
        if (matched.classId[k] < matched.rawCount)
            continue; // no definition matched: the "Object" fallback
        const std::string name(matched.className(k));
        auto [it, inserted] = shapeIds.emplace(name, uint32_t(names->size()));
        if (inserted)
            names->push_back(name);
        shapeClass[k] = it->second;
    }
    for (uint32_t i = 0; i < nodeCount; ++i)
        if (plainShape[i] != kNone)
            classes[i] = shapeClass[plainShape[i]];
    return classes;
}

} // namespace v8scope
