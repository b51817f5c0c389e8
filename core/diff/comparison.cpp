// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "comparison.h"

#include "classaggregates.h"
#include "snapshotdigest.h"

#include <heap/heapanalysis.h>
#include <heap/heapsnapshot.h>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace v8scope {

namespace {
/// Primary weight of an ASCII character in ICU's root collation (DUCET order of the variable characters).
int primaryWeight(unsigned char c)
{
    static const char kPunctuation[] = "\t\n\v\f\r _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";
    if (c >= '0' && c <= '9')
        return 100 + (c - '0');
    if (c >= 'a' && c <= 'z')
        return 200 + (c - 'a');
    if (c >= 'A' && c <= 'Z')
        return 200 + (c - 'A');
    if (c >= 0x80)
        return 300 + c;
    for (int i = 0; kPunctuation[i]; ++i)
        if (static_cast<unsigned char>(kPunctuation[i]) == c)
            return 1 + i;
    return 60 + c % 40; // other control characters: before digits, deterministic
}

/// A class's totals summed over the rows of one name (compareByName).
struct ClassTotals
{
    uint32_t count = 0;
    uint64_t shallow = 0, retained = 0;
    template <typename T> void add(const T& m)
    {
        count += m.count;
        shallow += m.shallow;
        retained += m.retained;
    }
};

/// The totals of a class on both sides (either side may be missing): ClassMembers or ClassAggregate.
template <typename B, typename H> ClassDiff fromTotals(const B* base, const H* head)
{
    ClassDiff d;
    if (base) {
        d.baseCount = base->count;
        d.baseShallow = base->shallow;
        d.baseRetained = base->retained;
    }
    if (head) {
        d.headCount = head->count;
        d.headShallow = head->shallow;
        d.headRetained = head->retained;
    }
    d.retainedDelta = int64_t(d.headRetained) - int64_t(d.baseRetained);
    return d;
}
} // namespace

int localeCompare(std::string_view a, std::string_view b)
{
    const size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i) {
        const int wa = primaryWeight(static_cast<unsigned char>(a[i]));
        const int wb = primaryWeight(static_cast<unsigned char>(b[i]));
        if (wa != wb)
            return wa < wb ? -1 : 1;
    }
    if (a.size() != b.size())
        return a.size() < b.size() ? -1 : 1;
    // Tertiary level: the first case difference decides, lower case first.
    for (size_t i = 0; i < n; ++i) {
        if (a[i] == b[i])
            continue;
        const bool lowerA = a[i] >= 'a' && a[i] <= 'z';
        return lowerA ? -1 : 1;
    }
    return 0;
}

std::vector<ClassDiff> compareById(
    const std::vector<ClassMembers>& base, const HeapAnalysis& head, const std::vector<uint32_t>& headIdOrder)
{
    constexpr uint32_t kNone = UINT32_MAX;
    const std::vector<ClassAggregate>& rows = head.summary;
    const HeapSnapshot& hs = *head.snapshot;
    std::unordered_map<std::string_view, uint32_t> baseByKey;
    for (uint32_t b = 0; b < base.size(); ++b)
        baseByKey.emplace(base[b].key, b);

    // Result rows: the base's classes in their order, then the head's own; baseOf/slotOf map a head row there.
    std::vector<ClassDiff> out;
    out.reserve(base.size() + rows.size());
    std::vector<uint32_t> baseOf(rows.size(), kNone), slotOf(rows.size(), kNone);
    std::vector<const ClassAggregate*> headOf(base.size(), nullptr);
    for (uint32_t r = 0; r < rows.size(); ++r)
        if (auto it = baseByKey.find(rows[r].key); it != baseByKey.end()) {
            baseOf[r] = slotOf[r] = it->second;
            headOf[it->second] = &rows[r];
        }
    for (uint32_t b = 0; b < base.size(); ++b) {
        const ClassAggregate* h = headOf[b];
        ClassDiff d = fromTotals(&base[b], h);
        // DevTools names a base-only row after the class its last member has with the base's own shapes.
        d.name = h ? h->name : base[b].ownName;
        d.key = base[b].key;
        out.push_back(std::move(d));
    }
    for (uint32_t r = 0; r < rows.size(); ++r)
        if (slotOf[r] == kNone) {
            slotOf[r] = uint32_t(out.size());
            ClassDiff d = fromTotals<ClassMembers>(nullptr, &rows[r]);
            d.name = rows[r].name;
            d.key = rows[r].key;
            out.push_back(std::move(d));
        }

    // The merge-join of every class at once: the head in id order, a cursor into each base class's sorted ids.
    std::vector<uint32_t> rowOf(hs.nodeCount, kNone);
    for (uint32_t r = 0; r < rows.size(); ++r)
        for (const uint32_t node : rows[r].nodes)
            rowOf[node] = r;
    std::vector<size_t> cursor(base.size(), 0);
    auto removedUpTo = [&](uint32_t b, ClassDiff& d, auto&& before) {
        const ClassMembers& m = base[b];
        size_t& c = cursor[b];
        for (; c < m.ids.size() && before(m.ids[c]); ++c) {
            ++d.removed;
            d.removedSize += m.selfSizes[c];
        }
    };
    for (const uint32_t node : headIdOrder) {
        const uint32_t r = rowOf[node];
        if (r == kNone)
            continue;
        const uint32_t id = hs.nodeId[node];
        ClassDiff& d = out[slotOf[r]];
        if (const uint32_t b = baseOf[r]; b != kNone) {
            removedUpTo(b, d, [id](uint32_t baseId) { return baseId < id; });
            const std::vector<uint32_t>& ids = base[b].ids;
            if (cursor[b] < ids.size() && ids[cursor[b]] == id) {
                ++cursor[b];
                continue;
            }
        }
        ++d.added;
        d.addedSize += head.selfSize[node];
    }
    std::vector<uint32_t>().swap(rowOf);
    for (uint32_t b = 0; b < base.size(); ++b)
        removedUpTo(b, out[b], [](uint32_t) { return true; });
    for (ClassDiff& d : out) {
        d.countDelta = int64_t(d.added) - int64_t(d.removed);
        d.sizeDelta = int64_t(d.addedSize) - int64_t(d.removedSize);
        d.inComparison = d.added || d.removed;
    }
    return out;
}

std::vector<ClassDiff> compareByName(const std::vector<ClassMembers>& base, const std::vector<ClassAggregate>& head)
{
    std::map<std::string, std::pair<ClassTotals, ClassTotals>> byName;
    for (const ClassMembers& b : base)
        byName[b.name].first.add(b);
    for (const ClassAggregate& h : head)
        byName[h.name].second.add(h);
    std::vector<ClassDiff> rows;
    for (const auto& [name, t] : byName) {
        ClassDiff d = fromTotals(&t.first, &t.second);
        d.name = name;
        d.key = name;
        d.countDelta = int64_t(d.headCount) - int64_t(d.baseCount);
        d.sizeDelta = int64_t(d.headShallow) - int64_t(d.baseShallow);
        d.added = d.countDelta > 0 ? uint32_t(d.countDelta) : 0;
        d.removed = d.countDelta < 0 ? uint32_t(-d.countDelta) : 0;
        d.addedSize = d.sizeDelta > 0 ? uint64_t(d.sizeDelta) : 0;
        d.removedSize = d.sizeDelta < 0 ? uint64_t(-d.sizeDelta) : 0;
        d.inComparison = d.countDelta != 0 || d.sizeDelta != 0;
        rows.push_back(std::move(d));
    }
    return rows;
}

bool shallowDeltaBefore(const ClassDiff& x, const ClassDiff& y)
{
    if (x.sizeDelta != y.sizeDelta)
        return x.sizeDelta > y.sizeDelta;
    const int c = localeCompare(x.key, y.key);
    return c != 0 ? c < 0 : x.key < y.key;
}

bool retainedDeltaBefore(const ClassDiff& x, const ClassDiff& y)
{
    if (x.retainedDelta != y.retainedDelta)
        return x.retainedDelta > y.retainedDelta;
    return shallowDeltaBefore(x, y);
}

void sortByShallowDelta(std::vector<ClassDiff>& rows)
{
    std::stable_sort(rows.begin(), rows.end(), shallowDeltaBefore);
}

void sortByRetainedDelta(std::vector<ClassDiff>& rows)
{
    std::stable_sort(rows.begin(), rows.end(), retainedDeltaBefore);
}

ProcessCheck checkSameProcess(const SnapshotDigest& base, const SnapshotDigest& head)
{
    ProcessCheck check;
    for (uint32_t i = 0; i < head.nodeCount; ++i) {
        const uint32_t id = head.id[i];
        if (!(id & 1))
            continue; // embedder objects get fresh even ids in every snapshot
        const uint32_t b = base.ordinalOf(id);
        if (b == SnapshotDigest::kNone)
            continue;
        ++check.commonIds;
        check.agreeing += base.typeNameHash[b] == head.typeNameHash[i];
    }
    check.agreement = check.commonIds ? double(check.agreeing) / double(check.commonIds) : 0.0;
    check.sameProcess = check.commonIds > 0 && check.agreement >= kSameProcessAgreement;
    return check;
}

ProcessCheck checkSameProcess(
    const SnapshotDigest& base, const HeapSnapshot& head, const std::vector<uint32_t>& headIdOrder)
{
    ProcessCheck check;
    size_t b = 0;
    for (const uint32_t i : headIdOrder) {
        const uint32_t id = head.nodeId[i];
        if (!(id & 1))
            continue;
        while (b < base.sortedIds.size() && base.sortedIds[b] < id)
            ++b;
        if (b == base.sortedIds.size() || base.sortedIds[b] != id)
            continue;
        ++check.commonIds;
        check.agreeing
            += base.typeNameHash[base.sortedOrdinals[b]] == typeNameHash(head.nodeType[i], head.nodeNameView(i));
    }
    check.agreement = check.commonIds ? double(check.agreeing) / double(check.commonIds) : 0.0;
    check.sameProcess = check.commonIds > 0 && check.agreement >= kSameProcessAgreement;
    return check;
}

} // namespace v8scope
