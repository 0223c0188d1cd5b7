#!/usr/bin/env python3
"""Reads JUnit XML on stdin with Python's own parser and prints its test cases as JSON:
[{"suite", "classname", "name", "kind" (failure, error or passed), "message", "type", "text"}, ...]; a passed
test case's text is its <system-out>, if any.
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
        results = [child for child in case if child.tag in ("failure", "error")]
        if len(results) > 1 or len(case) > 1:
            sys.exit(f"test case {case.get('name')} with {[child.tag for child in case]}")
        if results:
            (result,) = results
            counts[result.tag] += 1
            kind, message, kind_type, text = result.tag, result.get("message"), result.get("type"), result.text
        else:
            output = case.find("system-out")
            kind, message, kind_type, text = "passed", None, None, None if output is None else output.text
        out.append({"suite": suite.get("name"), "classname": case.get("classname"), "name": case.get("name"),
                    "kind": kind, "message": message, "type": kind_type, "text": text})
    if int(suite.get("failures", 0)) != counts["failure"] or int(suite.get("errors", 0)) != counts["error"]:
        sys.exit(f"suite {suite.get('name')}: counts {suite.attrib} against {counts}")
print(json.dumps(out))
