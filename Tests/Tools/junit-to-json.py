#!/usr/bin/env python3
"""Reads JUnit XML on stdin with Python's own parser and prints its test cases as JSON:
[{"suite", "classname", "name", "kind" (failure or error), "message", "type", "text"}, ...].
Exit 1 on XML that is not well-formed, or when a suite's tests, failures or errors counts
disagree with its test cases."""
import json
import sys
import xml.etree.ElementTree as ET

try:
    root = ET.fromstring(sys.stdin.buffer.read())
except ET.ParseError as error:
    sys.exit(f"not well-formed: {error}")
if root.tag != "testsuites":
    sys.exit(f"root is <{root.tag}>, not <testsuites>")
out = []
for suite in root:
    cases = list(suite)
    if suite.tag != "testsuite" or int(suite.get("tests", -1)) != len(cases):
        sys.exit(f"<{suite.tag} {suite.attrib}> with {len(cases)} test cases")
    counts = {"failure": 0, "error": 0}
    for case in cases:
        (result,) = list(case)
        counts[result.tag] += 1
        out.append({"suite": suite.get("name"), "classname": case.get("classname"), "name": case.get("name"),
                    "kind": result.tag, "message": result.get("message"), "type": result.get("type"), "text": result.text})
    if int(suite.get("failures", 0)) != counts["failure"] or int(suite.get("errors", 0)) != counts["error"]:
        sys.exit(f"suite {suite.get('name')}: counts {suite.attrib} against {counts}")
print(json.dumps(out))
