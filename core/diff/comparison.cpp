// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "comparison.h"

#include "classaggregates.h"
#include "snapshotdigest.h"

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

ClassDiff fromMembers(const ClassMembers* base, const ClassMembers* head)
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

std::vector<ClassDiff> compareById(const std::vector<ClassMembers>& base, const std::vector<ClassMembers>& head)
{
    std::unordered_map<std::string_view, const ClassMembers*> headByKey;
    for (const ClassMembers& h : head)
        headByKey.emplace(h.key, &h);
    std::unordered_map<std::string_view, const ClassMembers*> baseByKey;
    for (const ClassMembers& b : base)
        baseByKey.emplace(b.key, &b);

    auto diffFor = [&](const ClassMembers* b, const ClassMembers* h) {
        ClassDiff d = fromMembers(b, h);
        // DevTools names a base-only row after the class its last member has with the base's own shapes.
        d.name = h ? h->name : b->ownName;
        d.key = h ? h->key : b->key;
        static const std::vector<uint32_t> kEmptyIds;
        static const std::vector<uint64_t> kEmptySizes;
        const auto& baseIds = b ? b->ids : kEmptyIds;
        const auto& baseSizes = b ? b->selfSizes : kEmptySizes;
        const auto& ids = h ? h->ids : kEmptyIds;
        const auto& sizes = h ? h->selfSizes : kEmptySizes;
        size_t i = 0, j = 0;
        while (i < baseIds.size() && j < ids.size()) {
            if (baseIds[i] < ids[j]) {
                ++d.removed;
                d.removedSize += baseSizes[i++];
            } else if (baseIds[i] > ids[j]) {
                ++d.added;
                d.addedSize += sizes[j++];
            } else {
                ++i;
                ++j;
            }
        }
        for (; i < baseIds.size(); ++i) {
            ++d.removed;
            d.removedSize += baseSizes[i];
        }
        for (; j < ids.size(); ++j) {
            ++d.added;
            d.addedSize += sizes[j];
        }
        d.countDelta = int64_t(d.added) - int64_t(d.removed);
        d.sizeDelta = int64_t(d.addedSize) - int64_t(d.removedSize);
        d.inComparison = d.added || d.removed;
        return d;
    };

    std::vector<ClassDiff> rows;
    for (const ClassMembers& b : base) {
        auto it = headByKey.find(b.key);
        rows.push_back(diffFor(&b, it == headByKey.end() ? nullptr : it->second));
    }
    for (const ClassMembers& h : head)
        if (!baseByKey.count(h.key))
            rows.push_back(diffFor(nullptr, &h));
    return rows;
}

std::vector<ClassDiff> compareByName(const std::vector<ClassMembers>& base, const std::vector<ClassMembers>& head)
{
    struct Totals
    {
        ClassMembers base, head;
    };
    std::map<std::string, Totals> byName;
    auto add = [](ClassMembers& into, const ClassMembers& m) {
        into.count += m.count;
        into.shallow += m.shallow;
        into.retained += m.retained;
    };
    for (const ClassMembers& b : base)
        add(byName[b.name].base, b);
    for (const ClassMembers& h : head)
        add(byName[h.name].head, h);
    std::vector<ClassDiff> rows;
    for (const auto& [name, t] : byName) {
        ClassDiff d = fromMembers(&t.base, &t.head);
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
