#!/usr/bin/env python3
"""Prints the bytes and inodes of a built site by kind of output (briefing
pages, per-briefing JSON, entity pages, print volumes, search shards, ...),
so what each byte is for can be weighed. Kinds are told apart by path.

usage: bench/sizes.py OUT_DIR [HUGO_OUT_DIR]
"""
import os
import sys


def kind(rel):
    parts = rel.split("/")
    top = parts[0]
    name = parts[-1]
    if top == "briefings":
        if name.endswith(".json"):
            return "per-briefing JSON"
        return "briefing pages" if len(parts) > 2 else "briefings index"
    if top == "entities":
        return "entity pages"
    if top.startswith("print"):
        return "print volumes"
    if top == "search":
        return "search shards"
    if top in ("page", "index.html"):
        return "index pages"
    if top == "questions":
        return "questions pages"
    if top == "tags":
        return "tag pages"
    if top == "static":
        return "static"
    if top == ".briefing-cache":
        return "extraction cache"
    if top == ".briefing-output":
        return "marker manifest"
    if name.endswith(".json"):
        return "site JSON"
    return "other"


def walk(root):
    kinds = {}
    dirs = 0
    for here, subdirs, files in os.walk(root):
        dirs += len(subdirs)
        for f in files:
            path = os.path.join(here, f)
            rel = os.path.relpath(path, root)
            k = kinds.setdefault(kind(rel), [0, 0])
            k[0] += 1
            k[1] += os.lstat(path).st_size
    return kinds, dirs


def main():
    kinds, dirs = walk(sys.argv[1])
    total_files = sum(k[0] for k in kinds.values())
    total_bytes = sum(k[1] for k in kinds.values())
    print(f"{'kind':<20} {'files':>8} {'MB':>9} {'KB/file':>9}")
    for name, (files, size) in sorted(kinds.items(), key=lambda kv: -kv[1][1]):
        print(f"{name:<20} {files:>8} {size / 1e6:>9.1f} {size / 1e3 / files:>9.1f}")
    print(f"{'total':<20} {total_files:>8} {total_bytes / 1e6:>9.1f}   folders {dirs}, inodes {total_files + dirs}")
    if len(sys.argv) > 2:
        hugo, hugo_dirs = walk(sys.argv[2])
        hfiles = sum(k[0] for k in hugo.values())
        hbytes = sum(k[1] for k in hugo.values())
        print(f"{'hugo':<20} {hfiles:>8} {hbytes / 1e6:>9.1f}   folders {hugo_dirs}, inodes {hfiles + hugo_dirs}")
        print(f"bytes vs Hugo: {total_bytes / hbytes:.1f}x, inodes vs Hugo: {(total_files + dirs) / (hfiles + hugo_dirs):.1f}x")
        site_bytes = total_bytes - kinds.get("extraction cache", [0, 0])[1]
        print(f"bytes vs Hugo without the extraction cache: {site_bytes / hbytes:.1f}x")


main()
