#!/usr/bin/env python3
"""Differential test of probelint's PL101..PL106 against oracle.py (standard library only).

    python3 run.py --binary PATH/kubectl-probelint --seed N --count N [--jobs 2]
                   [--batch 25] [--minimise] [--out DIR] [--stats]

Runs from any folder (oracle.py is found beside this file; Python 3.11). Generates seeded
random single-container Deployments (generic workloads; the same cases for a seed every time,
whatever --jobs), lints them in batches with explicit environment flags and a --config file
(margin, restart-budget, detection-budget), and compares per object and probe which of
PL101..PL106 fire, their severities, derived numbers (L99load, E, W_min, W_max, sigma, q,
false restarts, earliest kill, G, Tdrain), the numbers in their messages, fix reasons and
notes, their suggested fixes, and the notes the oracle predicts (a fix the int32 fields cannot
hold; PL103 without a fix).

Exit status: 0 when everything agrees, 1 on a disagreement (each kind is shown with a
manifest and the command that reproduces it; --minimise shrinks them first), 2 on a harness
error (probelint failed, or the generator wrote an invalid probe).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402

RULES = ("PL101", "PL102", "PL103", "PL104", "PL105", "PL106")
FLAG_ORDER = ("bandwidth", "largest-transfer", "queue", "latency-p50", "latency-p99",
              "loaded-latency-p99", "startup-time", "drain-time")


# ---------------------------------------------------------------------------
# Random inputs

def fmt_num(x) -> str:
    """Exact decimal text of a Fraction whose denominator divides a power of 10."""
    x = Fraction(x)
    if x.denominator == 1:
        return str(x.numerator)
    for digits in range(1, 10):
        y = x * 10**digits
        if y.denominator == 1:
            s = str(y.numerator).rjust(digits + 1, "0")
            return (s[:-digits] + "." + s[-digits:]).rstrip("0").rstrip(".")
    raise ValueError(x)


BANDWIDTHS = [("MB/s", [1, 2, 4, 5, 10, 10, 20, 25, 50, 100, 125, 1000])] * 2 + [
    ("KB/s", [100, 250, 500, 800, 1500, 64000]), ("Mbit/s", [8, 10, 80, 100, 1000]),
    ("MiB/s", [1, 3, 10, 64]), ("", ["1Gbps", "10Gbps", "100Mbps"])]


def gen_env(rng: random.Random):
    """(flags, config) for one batch. Roughly a third of batches are 'nice': integral
    L99load, E, Tstart and Tdrain so that the cases can sit exactly on the boundaries."""
    nice = rng.random() < 0.35
    flags = {}
    unit, values = rng.choice(BANDWIDTHS)
    flags["bandwidth"] = f"{rng.choice(values)}{unit}"
    B = oracle.parse_rate(flags["bandwidth"])
    # largest transfer: E = X / B
    if nice and unit != "MiB/s":
        E = rng.choice([5, 10, 21, 30, 31, 45, 60, 70, 90, 120, 200, 301, 600])
        X = E * B
        flags["largest-transfer"] = f"{fmt_num(X)}B" if X.denominator == 1 else f"{fmt_num(X / 10**6)}MB"
    else:
        flags["largest-transfer"] = rng.choice([
            f"{rng.choice([1, 10, 50, 100, 250, 700, 1000, 4000])}MB",
            f"{rng.choice([1, 2, 5])}GB", f"{rng.choice([1, 64, 512])}MiB",
            f"{rng.choice([1, 1000, 123456789])}B"])
    # queue and latencies
    flags["queue"] = rng.choice(["0", "1MB", "10MB", "500KB", f"{rng.randint(1, 50)}MB",
                                 f"{rng.randint(1, 4)}MiB"])
    # 2 s and 3 s: above a 1 s timeout, where PL103 says a share of probes, not "one in N"
    L50 = rng.choice([1, 2, 5, 10, 20, 50, 100, 200, 300, 500, 2000, 3000]) * Fraction(1, 1000)
    ratio = rng.choice([1, Fraction(11, 10), Fraction(3, 2), 2, 4, 5, 10, 20, 100])
    L99 = L50 * ratio
    flags["latency-p50"] = f"{fmt_num(L50 * 1000)}ms"
    flags["latency-p99"] = rng.choice([f"{fmt_num(L99 * 1000)}ms", f"{fmt_num(L99)}s"])
    r = rng.random()
    if nice and r < 0.3:
        # L99 + Q / B exactly an integer, with parts a binary float cannot hold
        L = rng.choice([1, 2, 3, 5, 10])
        if L99 < L:
            Q = (L - L99) * B
            if Q.denominator == 1:
                flags["queue"] = f"{Q.numerator}B"
    elif r < 0.4:
        pass  # L99load = L99 + Q / B
    elif nice or r < 0.6:
        flags["loaded-latency-p99"] = f"{rng.choice([1, 2, 3, 5, 8, 10, 20, 27, 30, 45, 60, 100])}s"
    else:
        flags["loaded-latency-p99"] = rng.choice([
            "2000000000s", "1000000.0001s"]) if rng.random() < 0.05 else rng.choice([
            f"{rng.randint(50, 30000)}ms", f"{rng.choice(['1.08', '1.5', '2.25', '0.7', '4.2', '12.5'])}s"])
    # startup and drain
    for key in ("startup-time", "drain-time"):
        if rng.random() < 0.2:
            continue
        if nice or rng.random() < 0.5:
            flags[key] = f"{rng.choice([1, 5, 20, 30, 31, 60, 90, 120, 191, 300, 600])}s"
        else:
            if rng.random() < 0.08:
                # a fix at int32 or next to it (an input is at most int32 seconds); large
                # values with a small fraction
                flags[key] = rng.choice(["2147483647s", "2147483641s", "2147483642s",
                                         "2147483641.5s", "2000000.001s", "1000000.0001s"])
                continue
            flags[key] = rng.choice([f"{rng.randint(1, 7200)}ms", f"{rng.randint(1, 10)}m",
                                     f"{rng.randint(1, 400)}.{rng.randint(1, 9)}s",
                                     # decimal minutes and hours a binary float cannot hold
                                     "4.1m", "8.3m", "1.1h", "0.07h"])
    config = {}
    if rng.random() < 0.6:
        config["margin"] = rng.choice(["1.5", "2", "2.5", "3", "1.1", "4", "1.2", "1.3", "1.7",
                                       "2.3"])
    if rng.random() < 0.5:
        config["restart-budget"] = rng.choice(["0.1", "1", "0.01", "5", "0.001"])
    if rng.random() < 0.6:
        config["detection-budget"] = rng.choice(["300s", "120s", "600s", "60s", "1h", "45s",
                                                 "4.1m", "8.3m", "90500ms"])
    return flags, config


TIMING_FIELDS = ("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "failureThreshold")
CHOICES = {
    "initialDelaySeconds": [0, 0, 1, 5, 10, 15, 30, 60, 120, 300],
    "timeoutSeconds": [0, 1, 1, 1, 2, 3, 4, 5, 10, 15, 30, 60, 120, 299, 300, 301],
    "periodSeconds": [0, 1, 2, 3, 5, 10, 10, 15, 20, 30, 60, 100, 300],
    "failureThreshold": [0, 1, 1, 2, 3, 3, 4, 5, 6, 10, 12, 29, 30, 60, 720],
}


def gen_handler(rng, ports):
    r = rng.random()
    if r < 0.2:
        return {"kind": "exec", "command": ["/bin/check", rng.choice(["live", "ready"])]}
    if r < 0.24:
        return {"kind": "exec", "command": ["ceph", "--admin-daemon", "/run/app.asok", "status"]}
    if r < 0.28:
        return {"kind": "exec", "command": rng.choice([["sh", "-c", "curl -fsS http://127.0.0.1:8080/healthz"],
                                                       ["/usr/bin/wget", "-q", "-O-", "localhost:8080"],
                                                       ["/bin/check", "--no-curl"], ["test", "-f", "/tmp/wget-done"]])}
    if ports:
        p = rng.choice(ports)
        port = p["name"] if (p["name"] and rng.random() < 0.4) else p["containerPort"]
    else:
        port = rng.choice([8080, 9090])
    if r < 0.28 and isinstance(port, int):
        return {"kind": "grpc", "port": port}
    if r < 0.6:
        return {"kind": "httpGet", "port": port, "path": rng.choice(["/healthz", "/ready"])}
    return {"kind": "tcpSocket", "port": port}


def gen_case(rng: random.Random, name: str, env: dict) -> dict:
    ports = rng.choice([
        [{"name": "http", "containerPort": 8080}],
        [{"name": "http", "containerPort": 8080}, {"name": "admin", "containerPort": 9090}],
        [{"name": "http", "containerPort": 8080}, {"name": "admin", "containerPort": 9090}],
        [],
    ])
    case = {"name": name, "ports": ports, "data_ports": None, "pod_grace": None, "probes": {}}
    if ports and rng.random() < 0.35:
        words = [rng.choice([str(p["containerPort"]), p["name"]]) for p in ports
                 if rng.random() < 0.6]
        case["data_ports"] = words or [str(ports[0]["containerPort"])]
        # on the object, on its pod template, or on both (the object's wins)
        case["data_ports_at"] = rng.choice(["object", "object", "template", "both"])
    if rng.random() < 0.6:
        case["pod_grace"] = rng.choice([0, 1, 5, 10, 29, 30, 31, 60, 120, 125, 196, 600,
                                        2147483647])
    kinds = [k for k, p in (("liveness", 0.85), ("readiness", 0.6), ("startup", 0.35))
             if rng.random() < p]
    for kind in kinds:
        probe = {"handler": gen_handler(rng, ports), "fields": {}}
        for f in TIMING_FIELDS:
            if rng.random() < 0.7:
                probe["fields"][f] = rng.choice(CHOICES[f])
                if rng.random() < 0.03:
                    probe["fields"][f] = rng.choice([3600, 86400, 100000, 2147483647])
        if kind != "readiness" and rng.random() < 0.2:
            probe["fields"]["terminationGracePeriodSeconds"] = rng.choice(
                [1, 10, 30, 60, 119, 120, 121, 200, 700])
        case["probes"][kind] = probe
    if "liveness" in case["probes"] and "readiness" in case["probes"] and rng.random() < 0.5:
        case["probes"]["readiness"]["handler"] = copy(case["probes"]["liveness"]["handler"])
    if case["probes"] and rng.random() < 0.45:
        aim_boundary(rng, case, env)
    return case


def aim_boundary(rng, case, env):
    """Set a probe's fields so that one of the model's comparisons is exactly an equality."""
    target = rng.choice(["T=L", "Wmin=E", "Wmax=E", "kill=Tstart", "G=Tdrain", "Wmax=budget",
                         "F=1", "T>P", "T=P"])
    kind = rng.choice(list(case["probes"]))
    probe = case["probes"][kind]
    f = probe["fields"]
    E = env["X"] / env["B"]
    budget = env["detection_budget"]
    if target == "T=L":
        L, _ = oracle.l99load(probe, case, env)
        if L.denominator == 1 and L >= 1:
            f["timeoutSeconds"] = int(L)
    elif target in ("Wmin=E", "Wmax=E", "Wmax=budget"):
        # (F - 1) * P + T or F * P + T exactly E, or the liveness W_max the budget
        goal = budget if target == "Wmax=budget" else E
        if target == "Wmax=budget":
            f = case["probes"].get("liveness", {}).get("fields")
        for _ in range(20 if f is not None and goal.denominator == 1 else 0):
            F = rng.choice([1, 2, 3, 4, 5, 6, 10, 29, 30])
            P = rng.choice([1, 2, 3, 5, 10, 15, 20, 30, 60, 100])
            T = int(goal) - (F - 1) * P if target == "Wmin=E" else int(goal) - F * P
            if 1 <= T <= P:
                f.update(failureThreshold=F, periodSeconds=P, timeoutSeconds=T)
                break
    elif target == "kill=Tstart":
        Ts = env["Tstart"]
        if Ts is not None and Ts.denominator == 1:
            first = "startup" if "startup" in case["probes"] else "liveness"
            if first in case["probes"]:
                p = case["probes"][first]
                t = oracle.timing_of(p)
                D0 = int(Ts) - (t.F - 1) * t.P - min(t.T, t.P)
                if 0 <= D0 <= oracle.INT32_MAX:
                    p["fields"]["initialDelaySeconds"] = D0
    elif target == "G=Tdrain":
        Td = env["Tdrain"]
        if Td is not None and Td.denominator == 1 and Td <= oracle.INT32_MAX:
            if kind != "readiness" and rng.random() < 0.4:
                f["terminationGracePeriodSeconds"] = max(1, int(Td))
            else:
                case["pod_grace"] = int(Td)
    elif target == "F=1":
        f["failureThreshold"] = 1
    elif target == "T>P":
        P = rng.choice([1, 2, 5, 10])
        f.update(periodSeconds=P, timeoutSeconds=P + rng.choice([1, 2, 5, 50, 110]))
    elif target == "T=P":
        P = rng.choice([1, 2, 5, 10, 30])
        f.update(periodSeconds=P, timeoutSeconds=P)


# ---------------------------------------------------------------------------
# YAML

def _scalar(v):
    return json.dumps(v) if isinstance(v, str) else str(v)


def case_yaml(case: dict) -> str:
    lines = ["apiVersion: apps/v1", "kind: Deployment", "metadata:", f"  name: {case['name']}"]
    at = case.get("data_ports_at", "object")
    if case.get("data_ports") and at in ("object", "both"):
        lines += ["  annotations:",
                  f"    probelint.io/data-ports: {json.dumps(', '.join(case['data_ports']))}"]
    lines += ["spec:", "  selector:", "    matchLabels:", f"      app: {case['name']}",
              "  template:", "    metadata:", "      labels:", f"        app: {case['name']}"]
    if case.get("data_ports") and at in ("template", "both"):
        # with both, the template lists every declared port: the object's list must win
        words = case["data_ports"] if at == "template" else \
            [str(p["containerPort"]) for p in case["ports"]]
        lines += ["      annotations:",
                  f"        probelint.io/data-ports: {json.dumps(', '.join(words))}"]
    lines += ["    spec:"]
    if case.get("pod_grace") is not None:
        lines.append(f"      terminationGracePeriodSeconds: {case['pod_grace']}")
    lines += ["      containers:", "        - name: app", "          image: example/app:1"]
    if case["ports"]:
        lines.append("          ports:")
        for p in case["ports"]:
            lines.append(f"            - containerPort: {p['containerPort']}")
            if p.get("name"):
                lines.append(f"              name: {p['name']}")
    for kind in ("startup", "liveness", "readiness"):
        if kind not in case["probes"]:
            continue
        probe = case["probes"][kind]
        lines.append(f"          {kind}Probe:")
        h = probe["handler"]
        lines.append(f"            {h['kind']}:")
        if h["kind"] == "exec":
            lines.append(f"              command: {json.dumps(h['command'])}")
        else:
            if h["kind"] == "httpGet":
                lines.append(f"              path: {h['path']}")
            lines.append(f"              port: {_scalar(h['port'])}")
        for k, v in probe["fields"].items():
            lines.append(f"            {k}: {v}")
    return "\n".join(lines) + "\n"


def config_yaml(config: dict) -> str:
    return "".join(f"{k}: {v}\n" for k, v in config.items()) or "{}\n"


# ---------------------------------------------------------------------------
# Running probelint and reading its report

def command(binary, flags, cfg_path, files):
    cmd = [binary, "lint", "-o", "json", "--jobs", "2", "--config", cfg_path]
    for k in FLAG_ORDER:
        if k in flags:
            cmd += [f"--{k}", flags[k]]
    return cmd + list(files)


def run_probelint(binary, flags, config, cases, workdir):
    cfg = os.path.join(workdir, "probelint-config.yaml")
    with open(cfg, "w") as fh:
        fh.write(config_yaml(config))
    half = max(1, (len(cases) + 1) // 2)
    files = []
    for i, chunk in enumerate((cases[:half], cases[half:])):
        if not chunk:
            continue
        path = os.path.join(workdir, f"batch{i}.yaml")
        with open(path, "w") as fh:
            fh.write("---\n".join(case_yaml(c) for c in chunk))
        files.append(path)
    cmd = command(binary, flags, cfg, files)
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as e:
        raise HarnessError(f"cannot run {binary}: {e}") from e
    if proc.returncode not in (0, 1):
        raise HarnessError(f"probelint exited {proc.returncode}: {proc.stderr[:2000]}\n"
                           f"{' '.join(map(shlex.quote, cmd))}")
    try:
        report = json.loads(proc.stdout)
    except ValueError as e:
        raise HarnessError(f"probelint wrote no JSON report: {e}") from e
    if report["inputErrors"]:
        raise HarnessError(f"input errors: {report['inputErrors'][:3]}")
    return report


class HarnessError(Exception):
    pass


def actual_findings(report):
    """{case name: {(rule, scope): finding}}; also the names with PL202/PL203 (generator bugs)."""
    out, invalid = {}, set()
    for fnd in report["findings"]:
        name = fnd["object"]["name"]
        if fnd["rule"] in ("PL202", "PL203"):
            invalid.add((name, fnd["rule"], fnd["message"]))
        if fnd["rule"] not in RULES:
            continue
        scope = fnd["object"].get("probe", "pod")
        out.setdefault(name, {})[(fnd["rule"], scope)] = fnd
    return out, invalid


def _num(fnd, section, name):
    for n in fnd.get(section, []):
        if n.get("name") == name and "value" in n:
            return n["value"]
    return None


def close(a, b, rel=1e-9, abs_=1e-12):
    return a is not None and b is not None and abs(a - b) <= max(abs_, rel * max(abs(a), abs(b)))


def compare_case(case, env, actual):
    """List of disagreements (key, what, expected, actual) for one case."""
    exp = oracle.evaluate(case, env)
    diffs = []
    for key in sorted(set(exp) | set(actual)):
        e, a = exp.get(key), actual.get(key)
        if e is not None and e.fragile:
            continue
        if e is None:
            diffs.append((key, "fires", "no finding", _summary(a)))
            continue
        if a is None:
            diffs.append((key, "fires", "finding", "no finding"))
            continue
        if a["severity"] != e.severity:
            diffs.append((key, "severity", e.severity, a["severity"]))
        for name, val in e.derived.items():
            got = _num(a, "derived", name)
            if got is None and name == "L99load":   # a given L99load is an input
                got = _num(a, "inputs", e.l99_input)
            if key[0] == "PL106":
                got = _num(a, "inputs", name)
                if got is None and name == "G":      # a probe-level finding names no G
                    continue
            rel = 1e-6 if name in ("q", "falseRestartsPer30Days", "sigma") else 1e-9
            if not close(val, got, rel=rel):
                diffs.append((key, f"derived {name}", val, got))
        if e.variant:
            every = a["message"].startswith("every")
            if (e.variant == "every") != every:
                diffs.append((key, "PL102 variant", e.variant, a["message"]))
        diffs += message_checks(case, env, e, a)
        got_fix = {s["field"]: s["suggested"] for s in a["fix"]}
        want_fix = e.fix or {}
        if got_fix != want_fix:
            diffs.append((key, "fix", want_fix, got_fix))
        for note in e.notes:
            if not any(n.startswith(note) for n in a["notes"]):
                diffs.append((key, "note", note, a["notes"]))
    return diffs


_N = r"([0-9][0-9,]*(?:\.[0-9]+)?(?:e[-+]?[0-9]+)?)"
MESSAGE_NUMBERS = {
    "PL101": (r"timeoutSeconds " + _N + r" is not above .* latency of " + _N + r" s", ("T", "L99load")),
    "PL102": (r"saturates the link for " + _N + r" s, (?:inside|longer than) the " + _N + "-" + _N
              + r" s kill window", ("E", "W_min", "W_max")),
    "PL103": (r"expects " + _N + r" false restarts per 30 days .*\(budget " + _N
              + r"\): (?:one probe in " + _N + r" exceeds|" + _N + r" % of probes exceed) timeoutSeconds " + _N,
              ("falseRestartsPer30Days", "budget", "1/q", "percent", "T")),
    "PL104": (r"takes up to " + _N + r" s .* above the " + _N + r" s detection budget",
              ("W_max", "budget")),
    "PL105": (r"can kill container \S+ " + _N + r" s after it starts, before its "
              r"startup time of " + _N + " s", ("earliestKill", "Tstart")),
    "PL106": (r"terminationGracePeriodSeconds " + _N + r"(?: \(default\))? is shorter than "
              r"container \S+'s drain time of " + _N + " s", ("G", "drain-time")),
}


def shown_ok(text: str, value: float, rel=1e-9) -> bool:
    """Is `text` how the README says a number is shown (up to three decimals, more where
    fewer would show a value that is not whole as whole or as 0)?"""
    got = float(text.replace(",", ""))
    if value != 0 and got == 0:
        return False
    if value != int(value) and abs(value) < 1e15 and "." not in text and "e" not in text:
        return False
    return abs(got - value) <= 0.0005 * (1 + 1e-9) + rel * abs(value) or \
        abs(got - value) <= 0.0005 * abs(value)


def rate_shown_ok(text: str, value: float) -> bool:
    """Rates below 1 are shown to two significant digits (0.13, 0.0074, 3.5e-9: rules/PL103)."""
    if value >= 1:
        return shown_ok(text, value, rel=1e-6)
    got = float(text)
    return got > 0 and abs(got - value) <= 0.051 * value


def message_checks(case, env, e, a):
    """Numbers in the message and in each fix's reason against the oracle's."""
    out = []
    rule, scope = e.rule, e.scope
    probe = case["probes"].get(scope)
    t = oracle.timing_of(probe) if probe else None
    want = dict(e.derived)
    if t is not None:
        want["T"] = t.T
    want["budget"] = float(env["restart_budget"] if rule == "PL103" else env["detection_budget"])
    want["Tstart"] = float(env["Tstart"]) if env["Tstart"] is not None else None
    if "q" in want:
        want["1/q"] = 1 / want["q"] if want["q"] > 0 else None
        want["percent"] = 100 * want["q"]
    pat, names = MESSAGE_NUMBERS[rule]
    m = re.search(pat, a["message"])
    if not m:
        return [((rule, scope), "message form", pat, a["message"])]
    for name, text in zip(names, m.groups()):
        v = want.get(name)
        if v is None or text is None:
            continue
        if name == "percent":      # q above 0.4: whole per cent, rounded down
            ok = int(text) == int(v) or (int(text) == int(v) - 1 and v - int(v) < 1e-6)
        elif name == "1/q":
            ok = abs(float(text.replace(",", "")) - v) <= max(1.0, 0.002 * v)
        elif name == "falseRestartsPer30Days":
            ok = rate_shown_ok(text, v)
        else:
            ok = shown_ok(text, float(v))
        if not ok:
            out.append(((rule, scope), f"message {name}", v, a["message"]))
    # "ceil(m * L99load X s) = N": the exact ceiling (MODEL.md rule 1)
    if rule in ("PL101", "PL102") and "L99load" in e.derived:
        L = oracle.l99load(probe, case, env)[0]
        want_ceil = oracle.margin_ceil(env, L)
        for text in [s["reason"] for s in a["fix"]] + a["notes"]:
            # a reason: "ceil(2 * L99load 1.08 s) = 3"; a note: "ceil(2 * L99load) = 3 s"
            m = re.search(r"ceil\(" + _N + r" \* L99load(?: " + _N + r" s)?\) = " + _N, text)
            if m and int(m.group(3).replace(",", "")) != want_ceil:
                out.append(((rule, scope), "reason ceil", want_ceil, text))
    # "W_max becomes N s" in a reason: W_max of the probe with that finding's fix applied
    if t is not None and a["fix"]:
        new = t.replace(**{oracle.FIELD_ATTR[s["field"]]: s["suggested"] for s in a["fix"]
                           if s["field"] in oracle.FIELD_ATTR})
        for s in a["fix"]:
            m = re.search(r"W_max becomes " + _N + " s", s["reason"])
            if m and not shown_ok(m.group(1), float(oracle.w_max(new))):
                out.append(((rule, scope), "reason W_max", float(oracle.w_max(new)), s["reason"]))
            m = re.search(r"budget: " + _N + r" at [TF] = ", s["reason"]) or \
                re.search(r"per 30 days: " + _N + r" at [TF] = ", s["reason"])
            if m:
                r = oracle.restart_rate(new, env)[2]
                if not rate_shown_ok(m.group(1), r):
                    out.append(((rule, scope), "reason rate", r, s["reason"]))
    return out


def _summary(fnd):
    return {"message": fnd["message"],
            "derived": {n.get("name"): n.get("value") for n in fnd["derived"]},
            "fix": {s["field"]: s["suggested"] for s in fnd["fix"]}}


# ---------------------------------------------------------------------------
# Minimising a disagreement

def copy(x):
    return json.loads(json.dumps(x))


def reductions(case, flags):
    """Smaller variants of (case, flags), one change each."""
    for kind in list(case["probes"]):
        c = copy(case)
        del c["probes"][kind]
        yield c, flags
        for f in list(case["probes"][kind]["fields"]):
            c = copy(case)
            del c["probes"][kind]["fields"][f]
            yield c, flags
    for key, plain in (("data_ports", None), ("data_ports_at", "object"), ("pod_grace", None)):
        if case.get(key, plain) != plain:
            yield dict(copy(case), **{key: plain}), flags
    if case["ports"]:
        c = copy(case)
        used = {str(p["handler"].get("port")) for p in c["probes"].values()}
        used |= set(c.get("data_ports") or [])
        keep = [p for p in c["ports"] if str(p["containerPort"]) in used or p["name"] in used]
        if len(keep) < len(c["ports"]):
            c["ports"] = keep
            yield c, flags
    for k in ("loaded-latency-p99", "startup-time", "drain-time"):
        if k in flags:
            yield case, {f: v for f, v in flags.items() if f != k}


def check_one(binary, case, flags, config, workdir):
    env = oracle.env_from_inputs(flags, config)
    report = run_probelint(binary, flags, config, [case], workdir)
    act, invalid = actual_findings(report)
    if invalid:
        return None
    return compare_case(case, env, act.get(case["name"], {}))


def minimise(binary, case, flags, config, diff, workdir):
    sig = (diff[0], diff[1])
    changed = True
    while changed:
        changed = False
        for c2, f2 in reductions(case, flags):
            try:
                d2 = check_one(binary, c2, f2, config, workdir)
            except HarnessError:
                continue
            if d2 and any((d[0], d[1]) == sig for d in d2):
                case, flags, changed = c2, f2, True
                break
    return case, flags


# ---------------------------------------------------------------------------

def generate(seed, count, batch):
    """The seed's batches, [(flags, config, env, cases)], the same for a seed every time."""
    rng = random.Random(seed)
    batches, done = [], 0
    while done < count:
        flags, config = gen_env(rng)
        env = oracle.env_from_inputs(flags, config)
        n = min(batch, count - done)
        cases = [gen_case(rng, f"c{seed}-{done + i}", env) for i in range(n)]
        batches.append((flags, config, env, cases))
        done += n
    return batches


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--batch", type=int, default=25, help="documents per probelint run")
    ap.add_argument("--jobs", type=int, default=2, help="probelint runs at a time")
    ap.add_argument("--minimise", action="store_true", help="shrink each disagreement")
    ap.add_argument("--out", help="folder for the reproducers (default: a temporary one)")
    ap.add_argument("--max-report", type=int, default=40, help="disagreements printed in full")
    ap.add_argument("--per-group", type=int, default=2, help="examples printed per kind")
    ap.add_argument("--stats", action="store_true", help="print which branches the cases reached")
    args = ap.parse_args(argv)

    binary = os.path.abspath(args.binary)
    workdir = tempfile.mkdtemp(prefix="probelint-oracle-")
    outdir = os.path.abspath(args.out) if args.out else os.path.join(workdir, "repro")
    os.makedirs(outdir, exist_ok=True)
    batches = generate(args.seed, args.count, args.batch)

    def lint(item):
        idx, (flags, config, _env, cases) = item
        sub = os.path.join(workdir, f"b{idx}")
        os.makedirs(sub, exist_ok=True)
        report = run_probelint(binary, flags, config, cases, sub)
        shutil.rmtree(sub, ignore_errors=True)
        return report

    ran = agreed = 0
    failures = []   # (case, flags, config, diffs)
    try:
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            # reports come back in the batches' order: the output does not depend on --jobs
            for (flags, config, env, cases), report in zip(
                    batches, pool.map(lint, enumerate(batches))):
                act, invalid = actual_findings(report)
                if invalid:
                    raise HarnessError(f"generator wrote invalid probes: {sorted(invalid)[:3]}")
                for case in cases:
                    ran += 1
                    diffs = compare_case(case, env, act.get(case["name"], {}))
                    if diffs:
                        failures.append((case, flags, config, diffs))
                    else:
                        agreed += 1
    except HarnessError as e:
        print(f"harness: {e}", file=sys.stderr)
        shutil.rmtree(workdir, ignore_errors=True)
        return 2

    # group by signature (rule, scope, what) so the report is readable
    groups = {}
    for case, flags, config, diffs in failures:
        for d in diffs:
            groups.setdefault((d[0][0], d[0][1], d[1]), []).append((case, flags, config, d))
    if args.stats:
        print("reached:")
        for tag, n in sorted(oracle.coverage.items()):
            print(f"  {n:6d}  {tag}")
    print(f"cases: {ran}, agreed: {agreed}, disagreed: {ran - agreed}")
    for sig in sorted(groups):
        print(f"  {sig[0]} {sig[1]} {sig[2]}: {len(groups[sig])}")
    shown = 0
    for sig in sorted(groups):
        for idx, (case, flags, config, d) in enumerate(groups[sig][:args.per_group]):
            if shown >= args.max_report:
                break
            shown += 1
            if args.minimise:
                case, flags = minimise(binary, case, flags, config, d, workdir)
                d2 = check_one(binary, case, flags, config, workdir) or [d]
                d = next((x for x in d2 if (x[0], x[1]) == (d[0], d[1])), d)
            stem = f"{sig[0]}-{sig[1]}-{sig[2].replace(' ', '_')}-{idx}"
            ypath = os.path.join(outdir, stem + ".yaml")
            cpath = os.path.join(outdir, stem + ".probelint.yaml")
            with open(ypath, "w") as fh:
                fh.write(case_yaml(case))
            with open(cpath, "w") as fh:
                fh.write(config_yaml(config))
            print(f"\n== {sig[0]} {sig[1]} {sig[2]} ({case['name']})")
            print(f"   expected: {d[2]}")
            print(f"   actual:   {d[3]}")
            print(f"   config:   {config}")
            print("   " + " ".join(map(shlex.quote, command(binary, flags, cpath, [ypath]))))
            print("   " + case_yaml(case).replace("\n", "\n   "))
    if not failures or args.out:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
