#!/usr/bin/env python3
"""Writes YAML files again with PyYAML, a YAML 1.1 emitter that is not libyaml's, so that
the same objects reach probelint in another spelling. Usage: reemit-yaml.py STYLE OUT ROOT
FILE... where FILE is relative to ROOT and OUT/FILE is written. STYLE is one of
  canonical  every node tagged (!!map, !!str, !!int ...), every scalar double-quoted,
             every collection in flow style, with explicit `? key : value` entries;
  quoted     every scalar double-quoted, tagged only where the quotes would change its type
             (`!!int "5"`, `!!bool "false"`, `!!null ""`);
  indented   block style, indented by 4, lines folded at 40 columns, keys sorted;
  flow       flow style, unquoted where YAML allows it.
Every document starts after a `---` line of its own: a stream that starts with `{` is JSON to
kubectl, and kubectl refuses content on a `---` line. Empty documents are left out. Prints the FILEs PyYAML could not read (one per line) and exits 0."""
import os
import sys

import yaml

STYLES = {
    "canonical": dict(canonical=True),
    "quoted": dict(default_style='"'),
    "indented": dict(default_flow_style=False, indent=4, width=40),
    "flow": dict(default_flow_style=True, width=60),
}

style, out, root, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
for relative in files:
    try:
        with open(os.path.join(root, relative), encoding="utf-8") as source:
            documents = list(yaml.safe_load_all(source))
    except yaml.YAMLError:
        print(relative)
        continue
    target = os.path.join(out, relative)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as sink:
        for document in documents:
            if document is not None:
                sink.write("---\n" + yaml.safe_dump(document, **STYLES[style]))
