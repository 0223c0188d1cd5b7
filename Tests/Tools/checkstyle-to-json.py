#!/usr/bin/env python3
"""Reads Checkstyle XML on stdin with Python's own parser (which refuses XML that is not
well-formed) and prints its errors as JSON: [{"file", "line", "column", "severity",
"message", "source"}, ...] in document order. Exit 1 with the parser's message on bad XML
or on a shape other than <checkstyle version><file name><error .../></file></checkstyle>."""
import json
import sys
import xml.etree.ElementTree as ET

try:
    root = ET.fromstring(sys.stdin.buffer.read())
except ET.ParseError as error:
    print(f"not well-formed: {error}", file=sys.stderr)
    sys.exit(1)
if root.tag != "checkstyle" or "version" not in root.attrib:
    sys.exit(f"root is <{root.tag}>, not <checkstyle version=...>")
out = []
for file in root:
    if file.tag != "file" or set(file.attrib) != {"name"}:
        sys.exit(f"<{file.tag} {file.attrib}> where <file name> belongs")
    for error in file:
        if error.tag != "error" or set(error.attrib) != {"line", "column", "severity", "message", "source"}:
            sys.exit(f"<{error.tag} {error.attrib}> where <error line column severity message source> belongs")
        item = dict(error.attrib, file=file.attrib["name"])
        item["line"], item["column"] = int(item["line"]), int(item["column"])
        out.append(item)
print(json.dumps(out))
