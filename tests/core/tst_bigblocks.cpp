// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
//
// core/common/bigblocks: big blocks mapped at 2 MiB boundaries, freed blocks' chunks moved into the next ones while
// a ReuseScope is open, and the global operator delete telling them from malloc's blocks.
#include <common/bigblocks.h>

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <thread>
#include <vector>

using namespace v8scope;

namespace {
constexpr std::size_t kMiB = std::size_t(1) << 20;

/// Fills [p, p + n) with words that depend on `seed` and the offset.
void fill(void* p, std::size_t n, std::uint64_t seed)
{
    auto* w = static_cast<std::uint64_t*>(p);
    for (std::size_t i = 0; i < n / 8; ++i)
        w[i] = seed * 0x9E3779B97F4A7C15ull + i;
}

/// The first word of [p, p + n) that fill(p, n, seed) did not write, or n / 8 when all match.
std::size_t firstMismatch(const void* p, std::size_t n, std::uint64_t seed)
{
    const auto* w = static_cast<const std::uint64_t*>(p);
    for (std::size_t i = 0; i < n / 8; ++i)
        if (w[i] != seed * 0x9E3779B97F4A7C15ull + i)
            return i;
    return n / 8;
}
} // namespace

TEST_CASE("bigblocks: small requests and foreign pointers are left to malloc", "[bigblocks]")
{
    CHECK(bigblocks::allocate(0) == nullptr);
    CHECK(bigblocks::allocate(bigblocks::kMinBytes - 1) == nullptr);
    CHECK_FALSE(bigblocks::deallocate(nullptr));
    const auto before = bigblocks::stats();
    // A malloc'd pointer at a 2 MiB boundary reaches the table lookup and must not be taken for a block.
    void* aligned = std::aligned_alloc(bigblocks::kChunkBytes, bigblocks::kChunkBytes);
    REQUIRE(aligned);
    CHECK_FALSE(bigblocks::deallocate(aligned));
    std::free(aligned);
    void* small = std::malloc(100);
    CHECK_FALSE(bigblocks::deallocate(small));
    std::free(small);
    CHECK(bigblocks::stats().liveBlocks == before.liveBlocks);
}

TEST_CASE(
    "bigblocks: outside a scope a freed block is unmapped, inside its chunks move to the next block", "[bigblocks]")
{
    const std::size_t n = bigblocks::kMinBytes + 3 * kMiB + 123; // 35 MiB and a bit: 17 whole chunks and a tail
    const std::size_t whole = (n / bigblocks::kChunkBytes) * bigblocks::kChunkBytes;

    SECTION("no scope")
    {
        const auto before = bigblocks::stats();
        void* p = bigblocks::allocate(n);
        REQUIRE(p);
        CHECK(std::uintptr_t(p) % bigblocks::kChunkBytes == 0);
        CHECK(bigblocks::stats().liveBlocks == before.liveBlocks + 1);
        fill(p, n, 1);
        CHECK(firstMismatch(p, n, 1) == n / 8);
        CHECK(bigblocks::deallocate(p));
        const auto after = bigblocks::stats();
        CHECK(after.liveBlocks == before.liveBlocks);
        CHECK(after.keptBytes == 0);
        CHECK_FALSE(bigblocks::deallocate(p)); // freed: no longer one of ours
    }

    SECTION("scope")
    {
        const auto before = bigblocks::stats();
        {
            bigblocks::ReuseScope scope;
            void* a = bigblocks::allocate(n);
            REQUIRE(a);
            fill(a, n, 2);
            REQUIRE(bigblocks::deallocate(a));
            CHECK(bigblocks::stats().keptBytes == whole);

            // A smaller block takes chunks from the kept range and leaves the rest kept: no fresh chunk.
            const std::size_t m = bigblocks::kMinBytes;
            void* b = bigblocks::allocate(m);
            REQUIRE(b);
            const auto mid = bigblocks::stats();
            CHECK(mid.reusedBytes - before.reusedBytes == m);
            CHECK(mid.freshBytes - before.freshBytes == (n + 4095) / 4096 * 4096); // only a's own pages were fresh
            CHECK(mid.keptBytes == whole - m);
            // The pages moved, they were not copied or cleared: b holds a's first m bytes.
            CHECK(firstMismatch(b, m, 2) == m / 8);
            fill(b, m, 3);

            // A bigger block takes everything kept first and maps only the rest fresh.
            const std::size_t big = 2 * n;
            void* c = bigblocks::allocate(big);
            REQUIRE(c);
            const auto late = bigblocks::stats();
            CHECK(late.keptBytes == 0);
            CHECK(late.reusedBytes - mid.reusedBytes == whole - m);
            CHECK(late.freshBytes - mid.freshBytes == ((big + 4095) / 4096) * 4096 - (whole - m));
            fill(c, big, 4);
            CHECK(firstMismatch(c, big, 4) == big / 8);
            CHECK(firstMismatch(b, m, 3) == m / 8); // b's pages were not among the moved ones
            CHECK(bigblocks::deallocate(b));
            CHECK(bigblocks::deallocate(c));
            const auto freed = bigblocks::stats();
            CHECK(
                freed.keptBytes == m + ((big + 4095) / 4096 * 4096) / bigblocks::kChunkBytes * bigblocks::kChunkBytes);

            // c was made of a moved chunk and fresh pages (possibly two mappings, which one mremap cannot cross):
            // a block as big as everything kept still takes all of it.
            void* d = bigblocks::allocate(freed.keptBytes + 4096);
            REQUIRE(d);
            const auto last = bigblocks::stats();
            CHECK(last.reusedBytes - freed.reusedBytes == freed.keptBytes);
            CHECK(last.keptBytes == 0);
            CHECK(last.freshBytes - freed.freshBytes == 4096);
            fill(d, freed.keptBytes + 4096, 6);
            CHECK(firstMismatch(d, freed.keptBytes + 4096, 6) == (freed.keptBytes + 4096) / 8);
            CHECK(bigblocks::deallocate(d));
            CHECK(bigblocks::stats().keptBytes == freed.keptBytes);
        }
        // Closing the last scope unmaps what was kept.
        const auto after = bigblocks::stats();
        CHECK(after.keptBytes == 0);
        CHECK(after.liveBlocks == before.liveBlocks);
    }

    SECTION("nested scopes keep until the outer one closes")
    {
        bigblocks::ReuseScope outer;
        {
            bigblocks::ReuseScope inner;
            void* a = bigblocks::allocate(n);
            REQUIRE(a);
            REQUIRE(bigblocks::deallocate(a));
        }
        CHECK(bigblocks::stats().keptBytes == whole);
        bigblocks::releaseKept();
        CHECK(bigblocks::stats().keptBytes == 0);
    }
}

TEST_CASE("bigblocks: two threads allocating and freeing never share pages", "[bigblocks]")
{
    bigblocks::ReuseScope scope;
    auto work = [](std::uint64_t seed, bool* ok) {
        *ok = true;
        std::vector<std::pair<void*, std::size_t>> held;
        for (int round = 0; round < 12; ++round) {
            const std::size_t n = bigblocks::kMinBytes + std::size_t((seed * 7 + round * 5) % 9) * kMiB + 8;
            void* p = bigblocks::allocate(n);
            if (!p) {
                *ok = false;
                return;
            }
            fill(p, n, seed * 100 + round);
            held.emplace_back(p, n);
            if (held.size() == 3) { // free the oldest: its chunks go to whichever thread allocates next
                auto [q, m] = held.front();
                const std::uint64_t s = seed * 100 + std::uint64_t(round - 2);
                if (firstMismatch(q, m, s) != m / 8 || !bigblocks::deallocate(q))
                    *ok = false;
                held.erase(held.begin());
            }
        }
        for (std::size_t i = 0; i < held.size(); ++i) {
            const std::uint64_t s = seed * 100 + std::uint64_t(12 - held.size() + i);
            if (firstMismatch(held[i].first, held[i].second, s) != held[i].second / 8
                || !bigblocks::deallocate(held[i].first))
                *ok = false;
        }
    };
    bool ok1 = false, ok2 = false;
    std::thread t1(work, 1, &ok1);
    std::thread t2(work, 2, &ok2);
    t1.join();
    t2.join();
    CHECK(ok1);
    CHECK(ok2);
}

#ifndef V8SCOPE_SANITIZED
TEST_CASE("bigblocks: the global operator new and delete serve both kinds", "[bigblocks]")
{
    const auto before = bigblocks::stats();
    bigblocks::ReuseScope scope;
    {
        // A big array through operator new[]: one of ours; a small one: malloc's. Both freed by operator delete[].
        auto big = std::make_unique_for_overwrite<std::uint64_t[]>(bigblocks::kMinBytes / 8 + 1000);
        auto small = std::make_unique<std::uint64_t[]>(1000);
        CHECK(bigblocks::stats().liveBlocks == before.liveBlocks + 1);
        CHECK(std::uintptr_t(big.get()) % bigblocks::kChunkBytes == 0);
        fill(big.get(), bigblocks::kMinBytes, 5);
        small[999] = 7;
        CHECK(firstMismatch(big.get(), bigblocks::kMinBytes, 5) == bigblocks::kMinBytes / 8);
    }
    CHECK(bigblocks::stats().liveBlocks == before.liveBlocks);
    // A vector grown past the threshold and its contents across the reallocations that reuse freed chunks.
    std::vector<std::uint32_t> v;
    for (std::uint32_t i = 0; i < 40u * 1024 * 1024; ++i)
        v.push_back(i * 3u);
    bool same = true;
    for (std::uint32_t i = 0; i < v.size(); ++i)
        same = same && v[i] == i * 3u;
    CHECK(same);
    CHECK(bigblocks::stats().reusedBytes > before.reusedBytes);
    // nothrow and sized forms.
    void* p = ::operator new(bigblocks::kMinBytes, std::nothrow);
    REQUIRE(p);
    CHECK(bigblocks::stats().liveBlocks == before.liveBlocks + 2);
    ::operator delete(p, bigblocks::kMinBytes);
    void* q = ::operator new(64);
    ::operator delete(q, std::nothrow);
    CHECK(bigblocks::stats().liveBlocks == before.liveBlocks + 1);
}
#endif
