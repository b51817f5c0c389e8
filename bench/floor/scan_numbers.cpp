// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
//
// The integer-scan floor for parsing a heap snapshot (bench/ only, not part of the product build): what it costs
// just to turn every run of digits of a file into an integer, with nothing stored. This is the "scan_numbers"
// floor of ../shared/spec/peer-performance.md; v8scope's load time is reported as a multiple of it.
//
// usage: scan_numbers FILE [THREADS]
//   THREADS 1 (default): 1 MiB read() calls on one thread, like the peer note's program.
//   THREADS N > 1: the file is mapped and split into N slices scanned on N threads (the best the parallel
//   parser can hope for on N cores).
// Prints: "<seconds> <numbers> <checksum>" on one line.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

struct Scan
{
    uint64_t numbers = 0, sum = 0, value = 0;
    bool inNumber = false;
    void run(const char* p, const char* end)
    {
        for (; p < end; ++p) {
            const unsigned d = unsigned(*p) - '0';
            if (d <= 9) {
                value = value * 10 + d;
                inNumber = true;
            } else if (inNumber) {
                sum += value;
                ++numbers;
                value = 0;
                inNumber = false;
            }
        }
    }
};

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: scan_numbers FILE [THREADS]\n");
        return 2;
    }
    const unsigned threads = argc > 2 ? unsigned(std::atoi(argv[2])) : 1;
    const auto t0 = std::chrono::steady_clock::now();
    const int fd = ::open(argv[1], O_RDONLY);
    if (fd < 0) {
        std::perror(argv[1]);
        return 2;
    }
    uint64_t numbers = 0, sum = 0;
    if (threads <= 1) {
        std::vector<char> buf(size_t(1) << 20);
        Scan s;
        ssize_t n;
        while ((n = ::read(fd, buf.data(), buf.size())) > 0)
            s.run(buf.data(), buf.data() + n);
        s.run(" ", " " + 1);
        numbers = s.numbers;
        sum = s.sum;
    } else {
        struct stat st
        {
        };
        ::fstat(fd, &st);
        const size_t size = size_t(st.st_size);
        const char* map = static_cast<const char*>(::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0));
        if (map == MAP_FAILED) {
            std::perror("mmap");
            return 2;
        }
        std::vector<Scan> scans(threads);
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < threads; ++t)
            pool.emplace_back([&, t] {
                // Slices split numbers at their borders; the count is off by at most THREADS - 1, the time is not.
                scans[t].run(map + size * t / threads, map + size * (t + 1) / threads);
                scans[t].run(" ", " " + 1);
            });
        for (auto& th : pool)
            th.join();
        for (const Scan& s : scans) {
            numbers += s.numbers;
            sum += s.sum;
        }
    }
    ::close(fd);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%.3f %llu %llu\n", secs, (unsigned long long)numbers, (unsigned long long)sum);
    return 0;
}
