#!/usr/bin/env python3
"""Where a Flight Recorder recording's CPU samples went, by thread group and by frame.

Usage: bench/jfr_top.py RECORDING.jfr [THREAD_PREFIX ...] [--frames N] [--match TEXT ...]

Reads the execution samples (`jfr print --events jdk.ExecutionSample`) and prints, per thread group (the thread
name up to its first digit or space, e.g. "http-thread-pool::http-listener(3)" -> "http-thread-pool::http-listener"),
the number of samples, and for the groups named by THREAD_PREFIX (all when none) the N frames (default 40) found
most often anywhere in a sample's stack (inclusive share of the group), and the N most frequent top frames
(exclusive share). --match TEXT counts the samples whose stack holds a frame containing TEXT, per group.
"""
import collections
import re
import subprocess
import sys


def samples(recording):
    """Yields (thread name, [frames top first]) for every execution sample."""
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", recording],
                          check=True, capture_output=True, text=True).stdout
    for event in text.split("jdk.ExecutionSample {")[1:]:
        thread = re.search(r'sampledThread = "([^"]*)"', event)
        frames = re.findall(r"^\s+([\w$.<>/]+\(.*?\))\s+line:", event, flags=re.M)
        frames = [re.sub(r"\(.*\)$", "", f) for f in frames]
        yield (thread.group(1) if thread else "?"), frames


def group_of(thread):
    return re.split(r"[ (\-]?\d", thread, maxsplit=1)[0] or thread


def main(argv):
    args = list(argv)
    n = 40
    matches = []
    if "--frames" in args:
        i = args.index("--frames")
        n = int(args[i + 1])
        del args[i:i + 2]
    while "--match" in args:
        i = args.index("--match")
        matches.append(args[i + 1])
        del args[i:i + 2]
    recording, prefixes = args[0], args[1:]
    by_group = collections.defaultdict(list)
    for thread, frames in samples(recording):
        by_group[group_of(thread)].append(frames)
    total = sum(len(v) for v in by_group.values())
    print(f"{total} execution samples")
    print("| thread group | samples | share |")
    print("|---|---|---|")
    for group, stacks in sorted(by_group.items(), key=lambda kv: -len(kv[1])):
        print(f"| {group} | {len(stacks)} | {100.0 * len(stacks) / total:.1f}% |")
    for group, stacks in sorted(by_group.items(), key=lambda kv: -len(kv[1])):
        if prefixes and not any(group.startswith(p) for p in prefixes):
            continue
        inclusive = collections.Counter()
        exclusive = collections.Counter()
        for frames in stacks:
            inclusive.update(set(frames))
            if frames:
                exclusive[frames[0]] += 1
        print(f"\n## {group}: {len(stacks)} samples")
        for text in matches:
            hits = sum(1 for frames in stacks if any(text in f for f in frames))
            print(f"stacks holding '{text}': {hits} ({100.0 * hits / len(stacks):.1f}%)")
        print("\ninclusive:")
        for frame, count in inclusive.most_common(n):
            print(f"  {100.0 * count / len(stacks):5.1f}%  {frame}")
        print("\nexclusive (top frame):")
        for frame, count in exclusive.most_common(min(n, 20)):
            print(f"  {100.0 * count / len(stacks):5.1f}%  {frame}")


if __name__ == "__main__":
    main(sys.argv[1:])
