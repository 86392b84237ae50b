#!/usr/bin/env python3
"""Compares two report snapshots (scripts/report-snapshot.sh) of the same data:

    scripts/compare-snapshots.py BEFORE AFTER [--newer] [--known FILE]

Without --newer every file must be the same bytes. With --newer, AFTER comes from a newer release
than BEFORE, which may say more but never something else:
  - a JSON document of BEFORE must be contained in AFTER's: every key with the same value
    (recursively), lists of the same length, item by item; AFTER may add keys;
  - a call that failed before (a command that did not exist yet, a 404 of a new endpoint) may
    succeed after; one that succeeded before must succeed after, with the same exit code or status;
  - CSV and text files must be the same bytes.
--known FILE lists files whose answers changed on purpose (CALLER/FILE globs, each with its
reason; scripts/upgrade-known-changes.txt): their differences are printed as known, not counted.
Prints one line per difference and a summary; exits 1 on any difference that is not known.
"""
import fnmatch
import json
import os
import sys


def read_known(file):
    known = []
    with open(file, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                pattern, _, reason = line.partition(" ")
                known.append((pattern, reason.strip()))
    return known


def contained(old, new, path, problems):
    if isinstance(old, dict):
        if not isinstance(new, dict):
            problems.append(f"{path}: an object became {type(new).__name__}")
            return
        for key, value in old.items():
            if key not in new:
                problems.append(f"{path}.{key}: missing after")
            else:
                contained(value, new[key], f"{path}.{key}", problems)
    elif isinstance(old, list):
        if not isinstance(new, list) or len(old) != len(new):
            problems.append(f"{path}: {len(old)} items before, {len(new) if isinstance(new, list) else new!r} after")
            return
        for i, (a, b) in enumerate(zip(old, new)):
            contained(a, b, f"{path}[{i}]", problems)
    elif old != new:
        problems.append(f"{path}: {old!r} before, {new!r} after")


def read_codes(file):
    result = {}
    with open(file, encoding="utf-8") as f:
        for line in f:
            name, _, code = line.rstrip("\n").rpartition(" ")
            result[name] = code
    return result


def succeeded(code):
    return code == "0" or code.startswith("2")


def main():
    argv = sys.argv[1:]
    known = []
    if "--known" in argv:
        i = argv.index("--known")
        known = read_known(argv[i + 1])
        del argv[i : i + 2]
    args = [a for a in argv if not a.startswith("--")]
    newer = "--newer" in argv
    before, after = args
    problems, compared, newly = [], 0, 0
    failed_before = set()
    for name in ("exit-codes.txt", "api-status.txt"):
        old, new = read_codes(os.path.join(before, name)), read_codes(os.path.join(after, name))
        for call, code in old.items():
            if call not in new:
                problems.append(f"{name}: {call} not called after")
            elif new[call] != code:
                if newer and not succeeded(code) and succeeded(new[call]):
                    newly += 1
                    failed_before.add(call)
                else:
                    problems.append(f"{name}: {call} gave {code} before, {new[call]} after")
    for root, _, files in os.walk(before):
        for file in sorted(files):
            rel = os.path.relpath(os.path.join(root, file), before)
            if rel in ("exit-codes.txt", "api-status.txt"):
                continue
            other = os.path.join(after, rel)
            if not os.path.exists(other):
                problems.append(f"{rel}: missing after")
                continue
            compared += 1
            # The answer of a call that failed before and succeeds now is new, not changed.
            if newer and (rel in failed_before or rel.endswith(".err")):
                continue
            with open(os.path.join(root, file), "rb") as f:
                a = f.read()
            with open(other, "rb") as f:
                b = f.read()
            if a == b:
                continue
            if newer and rel.endswith(".json"):
                try:
                    old, new = json.loads(a), json.loads(b)
                except ValueError:
                    problems.append(f"{rel}: differs (not JSON)")
                    continue
                found = []
                contained(old, new, rel, found)
                problems.extend(found[:5])
            else:
                problems.append(f"{rel}: differs")
    unexpected, accepted = [], 0
    for p in problems:
        path = p.split(":", 1)[0]
        # A JSON difference is named FILE.json.KEY…; the file is what a known change names.
        if ".json" in path:
            path = path[: path.index(".json") + 5]
        reason = next((r for pattern, r in known if fnmatch.fnmatch(path, pattern)), None)
        if reason is None:
            unexpected.append(p)
            print("compare-snapshots: " + p)
        else:
            accepted += 1
            print(f"compare-snapshots: known ({reason}): {p}")
    print(
        f"compare-snapshots: {compared} files compared, {newly} calls that failed before answer now, "
        f"{accepted} known changes, {len(unexpected)} differences"
    )
    sys.exit(1 if unexpected else 0)


main()
