#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 v8scope authors
# SPDX-License-Identifier: MIT
"""Makes a .cpuprofile with N samples from a real one (bench/ only): the node tree is kept, and the recorded
sample sequence (samples + timeDeltas) is repeated until N samples, so the profile keeps its real shape (call
tree, function mix, blocking stretches) at any length. endTime follows the summed deltas.

usage: make_big_profile.py IN.cpuprofile N OUT.cpuprofile     e.g. sample_profiles/cpu/http_blocking.cpuprofile 5000000
"""
import json
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(src) as f:
        p = json.load(f)
    samples, deltas = p["samples"], p["timeDeltas"]
    k = len(samples)
    reps = (n + k - 1) // k
    p["samples"] = (samples * reps)[:n]
    # The first delta of the recording is relative to startTime; repeats continue with a typical delta instead.
    step = sorted(deltas)[len(deltas) // 2] or 1
    rest = deltas[1:] + [step]
    p["timeDeltas"] = ([deltas[0]] + (rest * reps))[:n]
    p["endTime"] = p["startTime"] + sum(p["timeDeltas"])
    with open(out, "w") as f:
        json.dump(p, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
