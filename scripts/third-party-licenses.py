#!/usr/bin/env python3
"""THIRD_PARTY_LICENSES for a release: the license text of every package SwiftPM resolved.

    swift package show-dependencies --format json | scripts/third-party-licenses.py > FILE

Each package once, in name order, with its version, its address and the text of its LICENSE file
(LICENSE, LICENSE.txt, LICENSE.md, COPYING) and its NOTICE file, if it has one; a package without one fails the release, so that no
package ships without its terms. The Swift runtime that the binary links statically and the
Debian libraries it loads are named at the end.
"""
import json
import os
import sys

NAMES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "LICENCE", "COPYING", "LICENSE-APACHE")


def first_text(folder, names):
    """The text of the first of `names` that is a file in `folder`, or None."""
    for name in names:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            with open(candidate, encoding="utf-8", errors="replace") as f:
                return f.read().rstrip() + "\n"
    return None


def walk(node, seen):
    for dep in node.get("dependencies", []):
        seen.setdefault(dep["identity"], dep)
        walk(dep, seen)


def main():
    root = json.load(sys.stdin)
    seen = {}
    walk(root, seen)
    missing = []
    out = [
        "THIRD_PARTY_LICENSES — dxskills " + (sys.argv[1] if len(sys.argv) > 1 else ""),
        "",
        "dxskills is built from these Swift packages (resolved by SwiftPM for this release; a few,",
        "such as the OpenAPI generator, only generate code at build time). Their terms follow.",
        "",
    ]
    texts = []
    for identity in sorted(seen):
        dep = seen[identity]
        out.append(f"  {dep['name']} {dep['version']}  {dep['url']}")
        path = dep["path"]
        text = first_text(path, NAMES)
        if text is None:
            missing.append(dep["name"])
            continue
        # Apache 2.0 §4(d): a NOTICE file travels with the work.
        notice = first_text(path, ("NOTICE", "NOTICE.txt", "NOTICE.md"))
        if notice is not None:
            text += "\n--- NOTICE ---\n\n" + notice
        texts.append("=" * 78 + f"\n{dep['name']} {dep['version']} ({dep['url']})\n" + "=" * 78 + "\n\n" + text)
    out.append("")
    out.extend(texts)
    out.append("=" * 78)
    out.append("The Swift runtime, standard library, Foundation and Dispatch (linked statically)")
    out.append("=" * 78)
    out.append("")
    out.append("Copyright (c) Apple Inc. and the Swift project authors. Licensed under the Apache License,")
    out.append("Version 2.0, with the Runtime Library Exception: https://swift.org/LICENSE.txt")
    out.append("(the Apache License 2.0 text is above, under swift-nio).")
    out.append("")
    out.append("=" * 78)
    out.append("Debian libraries loaded at run time")
    out.append("=" * 78)
    out.append("")
    out.append("The package depends on Debian's libraries (see `dpkg -s dxskills`, Depends), among them")
    out.append("OpenLDAP's libldap (OpenLDAP Public License) and libxlsxwriter (BSD 2-Clause). Their terms")
    out.append("are installed with them, in")
    out.append("/usr/share/doc/PACKAGE/copyright.")
    if missing:
        sys.exit("third-party-licenses: no license file found for: " + ", ".join(missing))
    sys.stdout.write("\n".join(out) + "\n")


main()
