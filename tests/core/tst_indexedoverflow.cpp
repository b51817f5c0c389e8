// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
// IndexedOverflow, the sorted side table of SizeColumn and DistanceColumn (against a std::map as the reference), and
// SizeColumn's values of 4 GiB and more through it.
#include <catch2/catch.hpp>
#include <common/indexedoverflow.h>
#include <heap/heapsnapshot.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <vector>

using namespace v8scope;

namespace {

/// An entry with padding, laid out as SizeColumn's.
struct Wide
{
    uint32_t index;
    uint32_t pad;
    uint64_t value;
    friend bool operator==(const Wide&, const Wide&) = default;
};
using Table = IndexedOverflow<Wide>;

constexpr uint64_t kMissing = ~uint64_t(0);

/// The table's entries are exactly the map's, in index order, with zero padding.
void requireEqual(const Table& t, const std::map<uint32_t, uint64_t>& ref)
{
    REQUIRE(t.size() == ref.size());
    size_t k = 0;
    for (const auto& [index, value] : ref) {
        const Wide& e = t.entries()[k++];
        CHECK(e.index == index);
        CHECK(e.value == value);
        CHECK(e.pad == 0);
    }
}

Table tableOf(std::initializer_list<Wide> entries)
{
    Table t;
    t.entries() = Column<Wide>(entries);
    return t;
}

} // namespace

TEST_CASE("IndexedOverflow: set, erase, trim and lookups keep the table equal to a sorted map", "[core][overflow]")
{
    constexpr uint32_t kPositions = 300;
    std::mt19937 rng(11);
    Table t;
    std::map<uint32_t, uint64_t> ref;
    CHECK(t.empty());
    CHECK(t.valueOr(0, kMissing) == kMissing);
    for (int step = 0; step < 4000; ++step) {
        const uint32_t i = rng() % kPositions;
        const unsigned op = rng() % 16;
        if (op < 10) { // insert or overwrite
            const uint64_t v = (uint64_t(rng()) << 32) | rng();
            t.set(i, v);
            ref[i] = v;
        } else if (op < 15) {
            CHECK(t.erase(i) == (ref.erase(i) == 1));
        } else { // cut the column short
            const uint32_t n = kPositions - rng() % 40;
            t.trim(n);
            ref.erase(ref.lower_bound(n), ref.end());
        }
        if (step % 97 == 0) {
            requireEqual(t, ref);
            for (uint32_t j = 0; j <= kPositions; ++j) {
                const auto it = ref.find(j);
                CHECK(t.valueOr(j, kMissing) == (it == ref.end() ? kMissing : it->second));
            }
            CHECK(t.valid(kPositions));
        }
    }
    requireEqual(t, ref);
    REQUIRE(ref.size() > 100);
}

TEST_CASE("IndexedOverflow: explicit cases of set, erase and trim", "[core][overflow]")
{
    Table t;
    t.set(20, 200);
    t.set(10, 100); // before the first
    t.set(30, 300); // after the last
    t.set(15, 150); // in between
    t.set(20, 201); // overwrite: no new entry
    requireEqual(t, { { 10, 100 }, { 15, 150 }, { 20, 201 }, { 30, 300 } });
    CHECK(t.valueOr(14, 7) == 7);
    CHECK(t.valueOr(16, 7) == 7);
    CHECK(t.valueOr(31, 7) == 7);
    CHECK(t.valueOr(20, 7) == 201);
    CHECK_FALSE(t.erase(16));
    CHECK(t.size() == 4);
    CHECK(t.erase(10));
    requireEqual(t, { { 15, 150 }, { 20, 201 }, { 30, 300 } });

    Table u = t;
    u.trim(31); // every index is below 31: nothing goes
    CHECK(u == t);
    u.trim(30); // index 30 is not below 30
    requireEqual(u, { { 15, 150 }, { 20, 201 } });
    u.trim(16);
    requireEqual(u, { { 15, 150 } });
    u.trim(0);
    CHECK(u.empty());
    CHECK(t.size() == 3); // copies are independent
    t.clear();
    CHECK(t.empty());
}

TEST_CASE("IndexedOverflow: entries appended out of order are sorted once", "[core][overflow]")
{
    std::vector<uint32_t> indices(500);
    std::iota(indices.begin(), indices.end(), 0);
    for (uint32_t& i : indices)
        i = i * 3 + 1; // 1, 4, 7, ...: gaps between the listed positions
    std::shuffle(indices.begin(), indices.end(), std::mt19937(5));
    Table t;
    std::map<uint32_t, uint64_t> ref;
    for (const uint32_t i : indices) {
        t.append(i, uint64_t(i) * 1000 + 7);
        ref[i] = uint64_t(i) * 1000 + 7;
    }
    CHECK(t.entries()[0].index == indices[0]); // appended as given
    CHECK_FALSE(t.valid(1500)); // not sorted yet
    t.sortByIndex();
    requireEqual(t, ref);
    CHECK(t.valid(1500));
    for (uint32_t j = 0; j < 1500; ++j)
        CHECK(t.valueOr(j, kMissing) == (j % 3 == 1 ? uint64_t(j) * 1000 + 7 : kMissing));
    const Table sorted = t;
    t.sortByIndex();
    CHECK(t == sorted);
}

TEST_CASE("IndexedOverflow: valid() and matches() reject unsorted, duplicate, out-of-range and refused entries",
    "[core][overflow]")
{
    const auto any = [](const Wide&) { return true; };
    const auto big = [](const Wide& e) { return e.value >= 100; };
    CHECK(Table().valid(0));
    CHECK(tableOf({ { 0, 0, 100 }, { 3, 0, 300 }, { 9, 0, 900 } }).valid(10));
    CHECK(tableOf({ { 0, 0, 100 }, { 3, 0, 300 }, { 9, 0, 900 } }).valid(10, big));
    CHECK_FALSE(tableOf({ { 0, 0, 100 }, { 3, 0, 300 }, { 9, 0, 900 } }).valid(9)); // index 9 out of range
    CHECK_FALSE(tableOf({ { 3, 0, 300 }, { 0, 0, 100 } }).valid(10)); // unsorted
    CHECK_FALSE(tableOf({ { 0, 0, 100 }, { 9, 0, 900 }, { 3, 0, 300 } }).valid(10)); // unsorted at the end
    CHECK_FALSE(tableOf({ { 3, 0, 300 }, { 3, 0, 301 } }).valid(10)); // duplicate
    CHECK_FALSE(tableOf({ { 0, 0, 100 }, { 3, 0, 30 } }).valid(10, big)); // a value the caller refuses
    CHECK(tableOf({ { 0, 0, 100 }, { 3, 0, 30 } }).valid(10, any));

    // matches(): exactly the marked positions have entries.
    const Column<uint16_t> codes { 9, 0, 0, 9, 0 }; // positions 0 and 3 marked with 9
    CHECK(tableOf({ { 0, 0, 100 }, { 3, 0, 300 } }).matches(codes, uint16_t(9), big));
    CHECK_FALSE(tableOf({ { 0, 0, 100 } }).matches(codes, uint16_t(9), big)); // a mark without its entry
    CHECK_FALSE(tableOf({ { 0, 0, 100 }, { 2, 0, 200 }, { 3, 0, 300 } }).matches(codes, uint16_t(9), big)); // extra
    CHECK_FALSE(tableOf({ { 0, 0, 100 }, { 2, 0, 200 } }).matches(codes, uint16_t(9), big)); // same count, wrong one
    CHECK_FALSE(tableOf({ { 3, 0, 300 }, { 0, 0, 100 } }).matches(codes, uint16_t(9), big)); // unsorted
    CHECK_FALSE(tableOf({ { 0, 0, 100 }, { 3, 0, 30 } }).matches(codes, uint16_t(9), big)); // refused value
    CHECK_FALSE(tableOf({ { 0, 0, 100 }, { 5, 0, 500 } }).matches(codes, uint16_t(9), any)); // past the column
}

TEST_CASE("IndexedOverflow: a mapped table is copied before a change and read in place otherwise", "[core][overflow]")
{
    static const Wide kStored[] = { { 2, 0, 20 }, { 5, 0, 50 }, { 8, 0, 80 } };
    const auto mapped = [] {
        Table t;
        t.entries() = Column<Wide>::mapped(kStored, 3, std::make_shared<int>(0));
        return t;
    };
    Table t = mapped();
    CHECK(t.valueOr(5, kMissing) == 50);
    t.sortByIndex(); // sorted already: left mapped
    CHECK(t.entries().isMapped());
    t.trim(9); // nothing to drop: left mapped
    CHECK(t.entries().isMapped());
    CHECK_FALSE(t.erase(4));
    CHECK(t.entries().isMapped());
    t.set(5, 51);
    CHECK_FALSE(t.entries().isMapped());
    requireEqual(t, { { 2, 20 }, { 5, 51 }, { 8, 80 } });
    t = mapped();
    t.erase(2);
    requireEqual(t, { { 5, 50 }, { 8, 80 } });
    t = mapped();
    t.trim(8);
    requireEqual(t, { { 2, 20 }, { 5, 50 } });
    CHECK(kStored[1].value == 50); // never written in place
    CHECK(kStored[2].index == 8);
}

TEST_CASE("SizeColumn: values of 4 GiB and more go through the side table and read back exactly", "[core][overflow]")
{
    constexpr uint64_t kMark = SizeColumn::kOverflow;
    SizeColumn c;
    c.assignZeros(10);
    c.set(7, uint64_t(5) << 30);
    c.set(2, kMark); // the first value that does not fit
    c.set(4, kMark - 1); // the last one that does
    c.set(9, uint64_t(1) << 40);
    REQUIRE(c.consistent());
    CHECK(c.overflow().size() == 3);
    CHECK(c.low()[2] == kMark);
    CHECK(c.low()[4] == kMark - 1);
    CHECK(c.toVector()
        == std::vector<uint64_t> { 0, 0, kMark, 0, kMark - 1, 0, 0, uint64_t(5) << 30, 0, uint64_t(1) << 40 });
    c.add(4, 1); // crosses into the table
    c.add(7, 3); // stays there
    c.set(2, 12); // leaves it
    REQUIRE(c.consistent());
    CHECK(c[4] == kMark);
    CHECK(c[7] == (uint64_t(5) << 30) + 3);
    CHECK(c[2] == 12);
    CHECK(c.overflow().size() == 3);
    c.push_back(uint64_t(3) << 33);
    CHECK(c[10] == uint64_t(3) << 33);
    REQUIRE(c.consistent());

    SECTION("resizing drops the entries past the new end")
    {
        SizeColumn d = c;
        d.resize(8);
        REQUIRE(d.consistent());
        CHECK(d.overflow().size() == 2);
        d.resize(12); // new sizes are zero
        CHECK(d[9] == 0);
        CHECK(d[11] == 0);
        REQUIRE(d.consistent());
        d = c;
        d.resizeForOverwrite(5);
        REQUIRE(d.consistent());
        CHECK(d.overflow().size() == 1);
        CHECK(d[4] == kMark);
    }
    SECTION("consistent() rejects a column and table that disagree")
    {
        const auto broken = [&](auto&& change) {
            SizeColumn d = c;
            change(d);
            return !d.consistent();
        };
        CHECK(broken([](SizeColumn& d) { d.low()[0] = SizeColumn::kOverflow; })); // a mark without its entry
        CHECK(broken([](SizeColumn& d) { d.low()[4] = 1; })); // an entry without its mark
        CHECK(broken([](SizeColumn& d) { d.overflow().entries()[0].value = 5; })); // a value that fits 32 bits
        CHECK(broken([](SizeColumn& d) { std::swap(d.overflow().entries()[0], d.overflow().entries()[1]); }));
        CHECK(broken([](SizeColumn& d) { d.overflow().entries()[1].index = d.overflow().entries()[0].index; }));
        CHECK(broken([](SizeColumn& d) { d.overflow().entries().push_back({ 11, 0, uint64_t(1) << 33 }); }));
    }
}
