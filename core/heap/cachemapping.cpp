// SPDX-FileCopyrightText: 2026 v8scope authors
// SPDX-License-Identifier: MIT
#include "cachemapping.h"

#include <algorithm>
#include <csignal>
#include <mutex>
#include <sched.h>
#include <sys/mman.h>
#include <thread>
#include <unistd.h>

namespace v8scope::heapcache_detail {

/// The checksum of n bytes (n a multiple of 8: every region and block is).
uint64_t hashBytes(const char* p, size_t n)
{
    Hasher h;
    const size_t whole = n & ~size_t(31);
    h.blocks(p, whole);
    return h.finish(p + whole, n - whole);
}

void releasePages(const char* from, const char* to)
{
    const uintptr_t page = uintptr_t(::sysconf(_SC_PAGESIZE));
    const uintptr_t a = (uintptr_t(from) + page - 1) & ~(page - 1);
    const uintptr_t b = uintptr_t(to) & ~(page - 1);
    if (b > a)
        ::madvise(reinterpret_cast<void*>(a), size_t(b - a), MADV_DONTNEED);
}

/// The mappings whose data region is checked on first use, for the fault handler: a fixed table (no allocation
/// or lock in a signal handler); a slot's range is cleared before its mapping goes.
struct Slot
{
    std::atomic<uintptr_t> begin { 0 }, end { 0 };
    std::atomic<Mapping*> mapping { nullptr };
};
namespace {

constexpr size_t kSlots = 64;
Slot g_slots[kSlots];
struct sigaction g_previousSegv;
std::mutex g_handlerMutex;

void onSegv(int sig, siginfo_t* info, void* context);

/// Makes onSegv the SIGSEGV handler unless it is (again: a test framework may have installed its own since), the
/// one before it kept for faults that are not ours.
void installHandler()
{
    std::lock_guard lock(g_handlerMutex);
    struct sigaction current
    {
    };
    ::sigaction(SIGSEGV, nullptr, &current);
    if ((current.sa_flags & SA_SIGINFO) && current.sa_sigaction == onSegv)
        return;
    struct sigaction sa
    {
    };
    sa.sa_sigaction = onSegv;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGSEGV, &sa, &g_previousSegv);
}

void onSegv(int sig, siginfo_t* info, void* context)
{
    const uintptr_t at = uintptr_t(info->si_addr);
    for (Slot& s : g_slots) {
        const uintptr_t begin = s.begin.load(std::memory_order_acquire);
        if (begin && at >= begin && at < s.end.load(std::memory_order_acquire)) {
            Mapping* m = s.mapping.load(std::memory_order_acquire);
            if (m && m->onFault(size_t(at - begin)))
                return;
            break;
        }
    }
    // Not a cache block: what would have happened without this handler.
    if ((g_previousSegv.sa_flags & SA_SIGINFO) && g_previousSegv.sa_sigaction) {
        g_previousSegv.sa_sigaction(sig, info, context);
        return;
    }
    if (g_previousSegv.sa_handler != SIG_DFL && g_previousSegv.sa_handler != SIG_IGN) {
        g_previousSegv.sa_handler(sig);
        return;
    }
    ::signal(sig, SIG_DFL); // the access faults again and ends the process as it would have
}

} // namespace

Mapping::~Mapping()
{
    if (m_slot) {
        m_slot->begin.store(0, std::memory_order_release);
        m_slot->end.store(0, std::memory_order_release);
        m_slot->mapping.store(nullptr, std::memory_order_release);
    }
    if (m_user)
        ::munmap(m_user, m_dataBytes);
    ::munmap(m_file, m_fileBytes);
}

bool Mapping::mapForFirstUse(int fd)
{
    if (m_dataBytes == 0)
        return false;
    void* p = ::mmap(nullptr, m_dataBytes, PROT_NONE, MAP_PRIVATE, fd, off_t(m_dataAt));
    if (p == MAP_FAILED)
        return false;
    installHandler();
    for (Slot& s : g_slots) {
        Mapping* none = nullptr;
        if (s.mapping.compare_exchange_strong(none, this)) {
            m_user = static_cast<char*>(p);
            m_slot = &s;
            s.end.store(uintptr_t(p) + m_dataBytes, std::memory_order_release);
            s.begin.store(uintptr_t(p), std::memory_order_release);
            return true;
        }
    }
    ::munmap(p, m_dataBytes);
    return false;
}

} // namespace v8scope::heapcache_detail
