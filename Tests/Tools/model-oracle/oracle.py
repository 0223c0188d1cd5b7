"""Independent oracle for probelint's timing rules PL101..PL106 (standard library only).

The arithmetic of docs/model.md for a generic (non-Ceph) single-container workload, as the
rule pages rules/PL101..PL106 and docs/fixes.md apply it, written from those documents alone
(never from probelint's sources). run.py, beside it, drives it; on its own:

    import oracle
    env = oracle.env_from_inputs({"bandwidth": "10MB/s", "largest-transfer": "700MB", ...},
                                 {"margin": "2"})
    expected = oracle.evaluate(case, env)     # {(rule, scope): Expect}

A case is a dict: name; ports [{name, containerPort}]; data_ports (probelint.io/data-ports
words or None); pod_grace (None or int); probes {liveness|readiness|startup: {handler:
{kind: httpGet|tcpSocket|grpc, port, path} | {kind: exec, command}, fields: {...}}}. An env
holds exact Fractions (s, bytes, bytes/s): B X Q L50 L99 L99load Tstart Tdrain (None: not
given), margin, restart_budget, detection_budget. A scope is the probe, or "pod" (PL106).

Readings of the pages where they leave a choice:
- L99load: network probe on a data port = given --loaded-latency-p99, else L99 + Q/B; a
  network probe on a port probelint.io/data-ports does not list, or an exec probe on an
  admin socket = L99; an exec probe that runs curl or wget is a network probe on a data
  port; any other exec probe = the given L99load, else L99 (PL101 page). A given L99load
  below L99 is read as L99: load makes no probe faster (PL101 page, "never below L99").
- With T > P failing probes start every T: W_min = F*T, W_max = P + F*T (PL102, PL104);
  the earliest kill counts T up to P only (PL105). PL103's rate uses P (model.md rule 3).
- "A fix never trades one finding for another": a fix is dropped when its values would
  draw PL102, PL103, PL104, PL105 or PL201 that the container does not have (README,
  docs/fixes.md), also for the liveness and readiness fixes taken together (PL201).
- No fix makes T longer than a liveness period (README), PL103's included; PL103 judges
  liveness probes only, and without a fix its note begins "no fix".
- A fix value that reaches 2147483647 (the fields are int32) is not given; the finding has
  the note "no fix of FIELD: the value the arithmetic asks for reaches 2147483647, ...".
- Arithmetic is exact (Fractions: ceil(1.1 * 50) = 55); only the log-normal tail is floats.
"""

from __future__ import annotations

import dataclasses
import types
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial

# Which branches and boundaries the cases reached (for the driver's --stats).
coverage: Counter = Counter()

INT32_MAX = 2**31 - 1


def _hit(tag: str) -> None:
    coverage[tag] += 1


MONTH = 30 * 86400
SIGMA_Z = Fraction("2.326")
DEFAULTS = {"initialDelaySeconds": 0, "timeoutSeconds": 1, "periodSeconds": 10,
            "failureThreshold": 3}
FIELD_ATTR = {"timeoutSeconds": "T", "periodSeconds": "P", "failureThreshold": "F",
              "initialDelaySeconds": "D0"}


# ---------------------------------------------------------------------------
# Units (README: durations 500ms, 1.5s, 2m, 1h; sizes 700MB, 5Gi, 4GiB; rates
# 10MB/s, 10MiB/s, 100Mbit/s, 1Gbps; a bare number is seconds, and a size or a rate
# needs its unit, 0 aside: the harness writes 700B for bytes).

_NUM = r"([0-9]+(?:\.[0-9]+)?)"
_DUR_UNITS = {"ms": Fraction(1, 1000), "s": Fraction(1), "m": Fraction(60), "h": Fraction(3600),
              "": Fraction(1)}
_SIZE_UNITS = {"": 1, "B": 1,
               "KB": 10**3, "MB": 10**6, "GB": 10**9, "TB": 10**12,
               "k": 10**3, "M": 10**6, "G": 10**9, "T": 10**12,
               "KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40,
               "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}
_RATE_UNITS = {"B/s": 1, "KB/s": 10**3, "MB/s": 10**6, "GB/s": 10**9,
               "KiB/s": 2**10, "MiB/s": 2**20, "GiB/s": 2**30,
               "bit/s": Fraction(1, 8), "Kbit/s": Fraction(10**3, 8), "Mbit/s": Fraction(10**6, 8),
               "Gbit/s": Fraction(10**9, 8), "Kbps": Fraction(10**3, 8),
               "Mbps": Fraction(10**6, 8), "Gbps": Fraction(10**9, 8)}


def _parse(text: str, units: dict) -> Fraction:
    m = re.fullmatch(_NUM + r"\s*([A-Za-z/]*)", text.strip())
    if not m or m.group(2) not in units:
        raise ValueError(f"cannot parse {text!r}")
    return Fraction(m.group(1)) * Fraction(units[m.group(2)])


parse_duration = partial(_parse, units=_DUR_UNITS)
parse_size = partial(_parse, units=_SIZE_UNITS)
parse_rate = partial(_parse, units=_RATE_UNITS)


def env_from_inputs(flags: dict, config: dict) -> dict:
    """flags: {'bandwidth': '10MB/s', ...} as given on the command line; config: model options."""
    def get(name, parser, default=None):
        return parser(flags[name]) if name in flags else default
    return {
        "B": get("bandwidth", parse_rate),
        "X": get("largest-transfer", parse_size),
        "Q": get("queue", parse_size),
        "L50": get("latency-p50", parse_duration),
        "L99": get("latency-p99", parse_duration),
        "L99load": get("loaded-latency-p99", parse_duration),
        "Tstart": get("startup-time", parse_duration),
        "Tdrain": get("drain-time", parse_duration),
        "margin": Fraction(str(config.get("margin", 2))),
        "restart_budget": Fraction(str(config.get("restart-budget", "0.1"))),
        "detection_budget": parse_duration(str(config.get("detection-budget", "300s"))),
    }


# ---------------------------------------------------------------------------
# Probe timing (MODEL.md section 1, with the rule pages' T > P extension).

@dataclass(frozen=True)
class Timing:
    D0: int
    T: int
    P: int
    F: int

    def replace(self, **kw) -> "Timing":
        return dataclasses.replace(self, **kw)


def timing_of(probe: dict) -> Timing:
    f = probe.get("fields", {})

    def val(name):
        v = f.get(name)
        # a 0 is replaced by the default by the API server (PL202 page); D0's default is 0
        return DEFAULTS[name] if v is None or v == 0 else v
    return Timing(val("initialDelaySeconds"), val("timeoutSeconds"), val("periodSeconds"),
                  val("failureThreshold"))


def w_min(t: Timing):
    # PL102/PL104: with T > P failing probes start every T
    return t.F * t.T if t.T > t.P else (t.F - 1) * t.P + t.T


def w_max(t: Timing):
    return t.P + t.F * t.T if t.T > t.P else t.F * t.P + t.T


def earliest_kill(t: Timing):
    # PL105: probes of a container that refuses connections start every P; T counts up to P only
    return t.D0 + (t.F - 1) * t.P + min(t.T, t.P)


def phi_upper(z: float) -> float:
    """1 - Phi(z), computed without cancellation."""
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def restart_rate(t: Timing, env: dict):
    """MODEL.md rule 3: (sigma, q, expected false restarts per 30 days)."""
    L50, L99 = float(env["L50"]), float(env["L99"])
    sigma = math.log(L99 / L50) / float(SIGMA_Z)
    if sigma == 0:
        # L50 == L99: every answer takes L50; (1 - q) * q^F is 0 whether q is 0 or 1
        q = 0.0 if t.T >= env["L50"] else 1.0
    else:
        q = phi_upper((math.log(t.T) - math.log(L50)) / sigma)
    rate = (MONTH / t.P) * (1.0 - q) * q ** t.F
    return sigma, q, rate


# ---------------------------------------------------------------------------
# The container's probes as the rules see them.

def _resolve_port(port, case):
    if isinstance(port, int):
        return port
    for p in case.get("ports", []):
        if p.get("name") == port:
            return p["containerPort"]
    return None


def handler_class(probe: dict) -> str:
    h = probe["handler"]
    if h["kind"] == "exec":
        cmd = " ".join(h["command"])
        # PL101 page: an exec probe that runs curl or wget (a word of its own, or a command in
        # a script, with or without its directory) asks a port, as httpGet does, admin socket or not
        if re.search(r"(?:^|[\s;|&()<>`'\"${}/])(?:curl|wget)(?=$|[\s;|&()<>`'\"${}])", cmd):
            return "exec-fetch"
        if "--admin-daemon" in cmd or re.search(r"(^|/)ceph daemon ", cmd):
            return "exec-asok"
        return "exec"
    return "network"


def on_data_path(probe: dict, case: dict) -> bool:
    """A network probe on a port that serves client data (PL102, PL107): for a generic
    workload the ports probelint.io/data-ports lists, or every port when it lists none."""
    cls = handler_class(probe)
    if cls not in ("network", "exec-fetch"):
        return False
    dp = case.get("data_ports")
    # an exec probe's port is not known: every port is a data port to it
    if not dp or cls == "exec-fetch":
        return True
    port = _resolve_port(probe["handler"]["port"], case)
    listed = set()
    for w in dp:
        listed.add(int(w) if w.isdigit() else _resolve_port(w, case))
    return port in listed


def saturation_slows(probe: dict, case: dict, env: dict) -> bool:
    """PL102 (rules/PL102): a transfer slows a probe on the data path only when it queues
    bytes ahead of the answer (Q > 0) or L99load is given as measured; with Q = 0 a timeout
    at or below L99 fails at the idle tail, which is PL101's and PL103's."""
    if given_below_idle(env):
        return False
    return on_data_path(probe, case) and (env["L99load"] is not None or env["Q"] > 0)


def given_below_idle(env: dict) -> bool:
    """A given L99load below L99, which L99 stands for (PL101 page)."""
    return env["L99load"] is not None and env["L99load"] < env["L99"]


def l99load(probe: dict, case: dict, env: dict):
    """(value, how): PL101's L99load for this probe."""
    cls = handler_class(probe)
    if cls in ("network", "exec-fetch"):
        if not on_data_path(probe, case):
            return env["L99"], "off-data-path"
        if given_below_idle(env):
            return env["L99"], "below-idle"
        if env["L99load"] is not None:
            return env["L99load"], "given"
        return env["L99"] + env["Q"] / env["B"], "derived"
    if cls == "exec-asok":
        return env["L99"], "admin-socket"
    # another exec probe takes a given L99load, else the latency of starting its command
    if given_below_idle(env):
        return env["L99"], "below-idle"
    if env["L99load"] is not None:
        return env["L99load"], "given"
    return env["L99"], "exec"


def same_check(a: dict, b: dict, case: dict) -> bool:
    ha, hb = a["handler"], b["handler"]
    if ha["kind"] != hb["kind"]:
        return False
    if ha["kind"] == "exec":
        return list(ha["command"]) == list(hb["command"])
    if _resolve_port(ha["port"], case) != _resolve_port(hb["port"], case):
        return False
    if ha["kind"] == "httpGet":
        return ha.get("path", "/") == hb.get("path", "/") and \
            ha.get("scheme", "HTTP") == hb.get("scheme", "HTTP")
    return True


# ---------------------------------------------------------------------------
# Which rules fire, for given timings (used for the findings and to vet fixes).

def fires(case: dict, env: dict, timings: dict) -> set:
    """Set of (rule, scope) for PL101..PL105 and PL201 with the given timings per probe."""
    out = set()
    probes = case["probes"]
    budget = env["detection_budget"]
    for kind, probe in probes.items():
        t = timings[kind]
        L, _ = l99load(probe, case, env)
        slow = t.T <= L
        if slow:
            out.add(("PL101", kind))
        # rules/PL102 and PL103: a liveness probe's (a startup probe stops at its first success,
        # before the container is Ready and carries a transfer, or runs for 30 days)
        if kind == "liveness":
            if slow and saturation_slows(probe, case, env) and env["X"] / env["B"] > w_min(t):
                out.add(("PL102", kind))
            if rate_exceeds(t, env):
                out.add(("PL103", kind))
        if kind == "liveness" and w_max(t) > budget:
            out.add(("PL104", kind))
    first = "startup" if "startup" in probes else ("liveness" if "liveness" in probes else None)
    if first and env["Tstart"] is not None and earliest_kill(timings[first]) < env["Tstart"]:
        out.add(("PL105", first))
    if "liveness" in probes and "readiness" in probes and \
            same_check(probes["liveness"], probes["readiness"], case) and \
            (w_min(timings["liveness"]) <= w_min(timings["readiness"])
             or timings["liveness"].T < timings["readiness"].T):
        # rules/PL201: no later than readiness, or a shorter liveness timeout (an answer
        # between the two fails liveness alone)
        out.add(("PL201", "liveness"))
    return out


def rate_exceeds(t: Timing, env: dict) -> bool:
    return restart_rate(t, env)[2] > float(env["restart_budget"])


def rate_margin(t: Timing, env: dict) -> float:
    """Relative distance of the rate from the budget (small: float rounding may decide)."""
    r = restart_rate(t, env)[2]
    b = float(env["restart_budget"])
    return abs(r - b) / b


# ---------------------------------------------------------------------------
# Fixes

def _draws_new(case, env, timings, kind, new: Timing) -> bool:
    """A fix never trades one finding for another (MODEL.md rule 4): PL102, PL103, PL104,
    PL105 or PL201 that the container does not have now."""
    watched = {"PL102", "PL103", "PL104", "PL105", "PL201"}
    before = {k for k in fires(case, env, timings) if k[0] in watched}
    t2 = dict(timings)
    t2[kind] = new
    after = {k for k in fires(case, env, t2) if k[0] in watched}
    # A single fix is judged by PL201's order of windows only; its band (a shorter liveness
    # timeout) with both probes' fixes together (_band_pl201, docs/fixes.md).
    if ("PL201", "liveness") in after - before and not order_pl201(t2):
        after.discard(("PL201", "liveness"))
    for rule, _ in after - before:
        _hit(f"a fix would draw {rule}")
    return bool(after - before)


def fix_pl101(case, env, timings, kind):
    """PL101's fix: {field: value} or None (page rules/PL101 'Fix')."""
    t = timings[kind]
    L, _ = l99load(case["probes"][kind], case, env)
    T0 = margin_ceil(env, L)
    if (env["margin"] * L).denominator == 1:
        _hit("PL101 m*L99load is a whole number")
    budget = env["detection_budget"]
    cands = []
    if kind != "liveness":
        cands.append(("keeps period", t.replace(T=T0)))   # readiness and startup keep their period
    else:
        F, P = t.F, t.P
        if T0 <= P:
            if F * P + T0 <= budget:
                cands.append(("T'", t.replace(T=T0)))
        elif F * T0 + T0 <= budget:
            cands.append(("T' and P = T'", t.replace(T=T0, P=T0)))   # period goes up to T'
        if not cands:
            Tc = min(P, math.floor(budget - F * P))   # capped to the budget and the period
            if Tc > L:
                cands.append(("capped T", t.replace(T=Tc)))
        if not cands:
            P2 = math.floor((budget - T0) / F)        # period comes down with the timeout
            if P2 >= T0 and P2 >= 1:
                cands.append(("T' with lower P", t.replace(T=T0, P=P2)))
        if not cands:
            # timeout floor(budget / (F + 1)) with the period nearest the probe's own that is
            # no shorter than T' and keeps F * P' + T' within the budget: a shorter period is
            # raised to T', a longer one lowered to the largest that fits
            Tc = math.floor(budget / (F + 1))
            P2 = Tc if P < Tc else math.floor((budget - Tc) / F)
            if Tc > L and Tc >= 1:
                tag = "T' = floor(budget / (F + 1)), " + ("P' = T'" if P2 == Tc else "P' > T'")
                cands.append((tag, t.replace(T=Tc, P=P2)))
    if not cands:
        _hit(f"PL101 {kind} fix: none fits")
        return None
    tag, new = cands[0]
    return _vetted("PL101", tag, case, env, timings, kind, new)


def margin_ceil(env, L) -> int:
    return math.ceil(env["margin"] * L)


def _diff(old: Timing, new: Timing) -> dict:
    """{field: new value} for the fields a fix changes."""
    return {name: getattr(new, a) for name, a in FIELD_ATTR.items()
            if getattr(old, a) != getattr(new, a)}


def fix_pl102(case, env, timings, kind):
    f = fix_pl101(case, env, timings, kind)
    if f is not None:
        _hit(f"PL102 {kind} fix: PL101's")
        return f
    t = timings[kind]
    E = env["X"] / env["B"]
    # smallest F with W_min > E: (F - 1) * P + T > E, or F * T > E when T > P
    F2 = math.floor(E / t.T) + 1 if t.T > t.P else math.floor((E - t.T) / t.P) + 2
    new = t.replace(F=max(F2, t.F))
    if kind == "liveness" and w_max(new) > env["detection_budget"]:
        _hit(f"PL102 {kind} fix: none (F' over the budget)")
        return None
    return _vetted("PL102", "F' with W_min > E", case, env, timings, kind, new)


def _vetted(rule, tag, case, env, timings, kind, new):
    if _draws_new(case, env, timings, kind, new):
        _hit(f"{rule} {kind} fix: {tag}, refused (draws a finding)")
        return None
    _hit(f"{rule} {kind} fix: {tag}")
    return _diff(timings[kind], new)


def fix_pl103(case, env, timings, kind):
    t = timings[kind]
    budget = env["detection_budget"]
    if t.F < 3:
        for F2 in range(t.F + 1, 4):
            new = t.replace(F=F2)
            if not rate_exceeds(new, env):
                if kind == "liveness" and w_max(new) > budget:
                    _hit(f"PL103 {kind} fix: F' over the budget")
                    break
                if _draws_new(case, env, timings, kind, new):
                    _hit(f"PL103 {kind} fix: F' refused (draws a finding)")
                    break
                _hit(f"PL103 {kind} fix: F'")
                return _diff(t, new)
    new = _pl103_timeout(t, env, kind, "T'")
    if new is not None:
        return _vetted("PL103", "T'", case, env, timings, kind, new)
    # rules/PL103 'Fix': where neither does alone, the smallest T with F at 3 (or the largest the
    # detection budget allows), then the smallest F with that T
    raised = [F2 for F2 in range(t.F + 1, 4) if kind != "liveness" or w_max(t.replace(F=F2)) <= budget]
    if not raised:
        return None
    new = _pl103_timeout(t.replace(F=max(raised)), env, kind, "F' and T'")
    if new is None:
        return None
    for F2 in range(t.F + 1, new.F + 1):
        if not rate_exceeds(new.replace(F=F2), env):
            new = new.replace(F=F2)
            break
    return _vetted("PL103", "F' and T'", case, env, timings, kind, new)


def _pl103_timeout(t, env, kind, tag):
    """The smallest T above t.T that keeps the rate within budget, or None past the budget or the period."""
    budget = env["detection_budget"]
    T2 = t.T + 1
    while True:
        new = t.replace(T=T2)
        if kind == "liveness" and w_max(new) > budget:
            _hit(f"PL103 {kind} fix: none for {tag} (T' over the budget)")
            return None
        # README ("Where the model is silent"): no fix makes T longer than a liveness period
        if kind == "liveness" and T2 > t.P:
            _hit(f"PL103 {kind} fix: none for {tag} (T' over the period)")
            return None
        if not rate_exceeds(new, env):
            return new
        T2 += 1


def fix_pl104(case, env, timings, kind):
    t = timings[kind]
    budget = env["detection_budget"]
    new = tag = None
    stretched = " (T > P)" if t.T > t.P else ""
    if t.T <= t.P:
        F2 = math.floor((budget - t.T) / t.P)
        if F2 >= min(t.F, 3) and F2 >= 1:
            new, tag = t.replace(F=F2), "lower F"
        else:
            P2 = math.floor((budget - t.T) / t.F)
            if P2 >= t.T and P2 >= 1:
                new, tag = t.replace(P=P2), "lower P"
    else:
        F2 = math.floor((budget - t.P) / t.T)
        if F2 >= min(t.F, 3) and F2 >= 1:
            new, tag = t.replace(F=F2), "lower F"
        else:
            P2 = math.floor(budget - t.F * t.T)
            if P2 >= 1:
                new, tag = t.replace(P=P2), "lower P"
    if new is None:
        _hit(f"PL104 fix: none{stretched}")
        return None
    return _vetted("PL104", tag + stretched, case, env, timings, kind, new)


def fix_pl105(case, env, timings, kind):
    t = timings[kind]
    Tm = min(t.T, t.P)
    F2 = math.ceil((env["Tstart"] - t.D0 - Tm) / t.P) + 1
    new = t.replace(F=F2)
    if kind == "liveness" and w_max(new) > env["detection_budget"]:
        _hit(f"PL105 {kind} fix: none (F' over the budget)")
        return None
    return _vetted("PL105", "F'", case, env, timings, kind, new)


# ---------------------------------------------------------------------------

@dataclass
class Expect:
    rule: str
    scope: str
    derived: dict = field(default_factory=dict)   # name -> float
    fix: dict | None = None                        # field -> int; None: no fix
    severity: str = ""
    variant: str = ""                              # PL102: 'every' / 'can'
    fragile: bool = False                          # within float rounding of a boundary
    l99_input: str = ""                            # input that holds L99load when not derived
    notes: list = field(default_factory=list)      # beginnings of notes the finding must have


SEVERITY = {"PL101": "error", "PL102": "error", "PL103": "warning", "PL104": "warning",
            "PL105": "error", "PL106": "warning"}


def merged_fix(t: Timing, exs) -> dict:
    """One value per field (docs/fixes.md): the largest raise or the smallest cut; a field
    pulled both ways is a conflict and left out."""
    merged = {}
    for ex in exs:
        for fld, v in (ex.fix or {}).items():
            if fld in FIELD_ATTR:
                merged.setdefault(fld, []).append(v)
    out = {}
    for fld, vals in merged.items():
        cur = getattr(t, FIELD_ATTR[fld])
        ups = [v for v in vals if v > cur]
        downs = [v for v in vals if v < cur]
        if ups and downs:
            continue
        out[fld] = max(ups) if ups else min(downs)
    return out


def _apply(t: Timing, fix: dict) -> Timing:
    return t.replace(**{FIELD_ATTR[k]: v for k, v in fix.items() if k in FIELD_ATTR})


def order_pl201(timings) -> bool:
    return "liveness" in timings and "readiness" in timings and \
        w_min(timings["liveness"]) <= w_min(timings["readiness"])


def pl201_fix(live: Timing, ready: Timing, env: dict):
    """rules/PL201 'Fix': liveness's T raised to readiness's when shorter (its P with it, when T
    would pass it), then the smallest liveness F whose W_min is above readiness's W_max; None
    when either step takes liveness's W_max past the detection budget (no fix)."""
    budget = env["detection_budget"]
    raised, fix = live, {}
    if live.T < ready.T:
        raised = raised.replace(T=ready.T)
        fix["timeoutSeconds"] = ready.T
        if raised.T > raised.P:
            raised = raised.replace(P=raised.T)
            fix["periodSeconds"] = raised.T
        if w_max(raised) > budget:
            return None
    if w_min(raised) > w_min(ready):
        return fix
    # The smallest F with W_min = (F - 1) * interval + T above readiness's W_max, by its formula
    # (a search took millions of steps for a readiness of F 10^6).
    interval = raised.T if raised.T > raised.P else raised.P
    F = math.floor((w_max(ready) - raised.T) / interval) + 2
    if F <= raised.F or w_max(raised.replace(F=F)) > budget:
        return None
    fix["failureThreshold"] = F
    return fix


def _band_pl201(case, env, timings, out):
    """docs/fixes.md: readiness fixes that, with liveness's fixes, raise readiness's timeout past
    liveness's (or widen a gap already there) on the same check are a note: drop them. So are
    readiness fixes that, beside liveness's, draw PL201 where readiness as written would not,
    when PL201's own fix on the planned values is over the detection budget."""
    probes = case["probes"]
    if "liveness" not in probes or "readiness" not in probes:
        return
    if not same_check(probes["liveness"], probes["readiness"], case):
        return
    exs = {k: [e for (r, s), e in out.items() if s == k and e.fix and r != "PL106"]
           for k in ("liveness", "readiness")}
    if not exs["readiness"]:
        return
    live = _apply(timings["liveness"], merged_fix(timings["liveness"], exs["liveness"])) if exs["liveness"] else timings["liveness"]
    ready = _apply(timings["readiness"], merged_fix(timings["readiness"], exs["readiness"]))
    gap_before = timings["readiness"].T - timings["liveness"].T
    t2 = dict(timings, liveness=live, readiness=ready)
    if ("PL201", "liveness") not in fires(case, env, t2):
        return
    if ready.T - live.T > max(0, gap_before):
        _hit("readiness fixes would widen PL201's band")
    else:
        # Liveness as planned with PL201's own fix too (made on the written values), as the
        # report plans it (CombinedFixes): does the readiness fix draw a PL201 it cannot follow?
        own = pl201_fix(timings["liveness"], timings["readiness"], env) \
            if ("PL201", "liveness") in fires(case, env, timings) else None
        planned = exs["liveness"] + ([types.SimpleNamespace(fix=own)] if own else [])
        live = _apply(timings["liveness"], merged_fix(timings["liveness"], planned)) if planned else timings["liveness"]
        t3 = dict(timings, liveness=live, readiness=ready)
        if ("PL201", "liveness") not in fires(case, env, t3) \
                or ("PL201", "liveness") in fires(case, env, dict(timings, liveness=live)) \
                or pl201_fix(live, ready, env) is not None:
            return
        _hit("readiness fixes draw PL201 that no liveness fix within the budget clears")
    for e in exs["readiness"]:
        e.fix = None


def _joint_pl201(case, env, timings, fired, out):
    """docs/fixes.md: 'a container's liveness and readiness fixes that are each fine but
    together draw PL201' are notes instead: drop both probes' fixes."""
    probes = case["probes"]
    if "liveness" not in probes or "readiness" not in probes or ("PL201", "liveness") in fired:
        return
    if not same_check(probes["liveness"], probes["readiness"], case):
        return
    exs = {k: [e for (r, s), e in out.items() if s == k and e.fix and r != "PL106"]
           for k in ("liveness", "readiness")}
    if not exs["liveness"] or not exs["readiness"]:
        return
    t2 = dict(timings)
    for k in ("liveness", "readiness"):
        t2[k] = _apply(timings[k], merged_fix(timings[k], exs[k]))
    if ("PL201", "liveness") in fires(case, env, t2):
        _hit("liveness + readiness fixes together draw PL201")
        for k in ("liveness", "readiness"):
            for e in exs[k]:
                e.fix = None


def _boundaries(case, env, timings, fired):
    """Record which exact boundaries and special cases this case reached."""
    probes = case["probes"]
    E = env["X"] / env["B"]
    for kind, probe in probes.items():
        t = timings[kind]
        L, how = l99load(probe, case, env)
        _hit(f"probe {kind} {handler_class(probe)} L99load {how}")
        on_path = kind != "readiness" and on_data_path(probe, case) and t.T <= L
        g = probe.get("fields", {}).get("terminationGracePeriodSeconds")
        for tag, reached in ((f"boundary T == L99load ({kind})", t.T == L),
                             ("F = 1", t.F == 1), (f"T > P ({kind})", t.T > t.P),
                             (f"boundary E == W_min ({kind})", on_path and E == w_min(t)),
                             (f"boundary E == W_max ({kind})", on_path and E == w_max(t)),
                             ("boundary W_max == detection budget",
                              kind == "liveness" and w_max(t) == env["detection_budget"]),
                             ("boundary probe-level G == Tdrain",
                              g is not None and g == env["Tdrain"])):
            if reached:
                _hit(tag)
    first = "startup" if "startup" in probes else ("liveness" if "liveness" in probes else None)
    if first and env["Tstart"] is not None and earliest_kill(timings[first]) == env["Tstart"]:
        _hit(f"boundary earliest kill == Tstart ({first})")
    G = 30 if case.get("pod_grace") is None else case["pod_grace"]
    if env["Tdrain"] is not None and G == env["Tdrain"]:
        _hit("boundary pod G == Tdrain")
    for rule, scope in fired:
        _hit(f"fires {rule} {scope}")


NO_FIX_IN_RANGE = ("no fix of {}: the value the arithmetic asks for reaches 2147483647, "
                   "the largest the field holds (int32)")
# The grace periods are int64: the bound is the arithmetic's.
NO_GRACE_FIX_IN_RANGE = ("no fix of {}: the value the arithmetic asks for reaches 2147483647, "
                         "the largest probelint suggests (int32's, though the field is int64)")


def _in_range(ex) -> None:
    """Probe and pod fields are int32 (PL202): a fix whose value reaches 2147483647 is not
    given; a note says so instead."""
    big = sorted(f for f, v in (ex.fix or {}).items() if v >= INT32_MAX)
    if big:
        _hit(f"{ex.rule} fix reaches int32 max")
        ex.fix = None
        ex.notes += [(NO_GRACE_FIX_IN_RANGE if f == "terminationGracePeriodSeconds" else NO_FIX_IN_RANGE).format(f) for f in big]


def _pl106(scope, G, Td) -> Expect:
    _hit(f"fires PL106 {scope}")
    return Expect("PL106", scope, severity="warning",
                  derived={"G": float(G), "drain-time": float(Td)},
                  fix={"terminationGracePeriodSeconds": math.ceil(Td) + 5})


def evaluate(case: dict, env: dict) -> dict:
    probes = case["probes"]
    timings = {k: timing_of(p) for k, p in probes.items()}
    fired = fires(case, env, timings)
    _boundaries(case, env, timings, fired)
    out = {}
    E = env["X"] / env["B"]
    for (rule, scope) in sorted(fired):
        if rule == "PL201":
            continue
        probe = probes[scope]
        t = timings[scope]
        ex = Expect(rule, scope, severity=SEVERITY[rule])
        L, how = l99load(probe, case, env)
        ex.l99_input = "loaded-latency-p99" if how == "given" else "latency-p99"
        if rule == "PL101":
            ex.derived["L99load"] = float(L)
            if scope == "readiness":
                ex.severity = "warning"
            ex.fix = fix_pl101(case, env, timings, scope)
        elif rule == "PL102":
            ex.derived.update(L99load=float(L), E=float(E), W_min=float(w_min(t)),
                              W_max=float(w_max(t)))
            ex.variant = "every" if E > w_max(t) else "can"
            ex.fix = fix_pl102(case, env, timings, scope)
        elif rule == "PL103":
            sigma, q, rate = restart_rate(t, env)
            ex.derived.update(sigma=sigma, q=q, falseRestartsPer30Days=rate)
            ex.fix = fix_pl103(case, env, timings, scope)
            if ex.fix is None:
                ex.notes.append("no fix")       # rules/PL103 'Fix': "its note says so"
        elif rule == "PL104":
            ex.derived["W_max"] = float(w_max(t))
            ex.fix = fix_pl104(case, env, timings, scope)
        elif rule == "PL105":
            ex.derived["earliestKill"] = float(earliest_kill(t))
            ex.fix = fix_pl105(case, env, timings, scope)
        _in_range(ex)
        out[(rule, scope)] = ex
    _band_pl201(case, env, timings, out)
    _joint_pl201(case, env, timings, fired, out)
    # PL103 near its budget: float rounding may decide either way
    for kind in ("liveness",):
        if kind in probes and rate_margin(timings[kind], env) < 1e-9:
            key = ("PL103", kind)
            if key not in out:
                out[key] = Expect("PL103", kind, fragile=True)
            else:
                out[key].fragile = True
    # PL106: the pod's grace period, and a probe-level one on liveness or startup
    Td = env["Tdrain"]
    if Td is not None:
        G = 30 if case.get("pod_grace") is None else case["pod_grace"]
        # rules/PL106: max(2, G - Tpre) < Tdrain: the kubelet gives every container 2 s at least
        if max(2, G) < Td:
            out[("PL106", "pod")] = _pl106("pod", G, Td)
        for kind in ("liveness", "startup"):
            g = probes.get(kind, {}).get("fields", {}).get("terminationGracePeriodSeconds")
            if g is not None and max(2, g) < Td:
                out[("PL106", kind)] = _pl106(kind, g, Td)
        for key in (("PL106", "pod"), ("PL106", "liveness"), ("PL106", "startup")):
            if key in out:
                _in_range(out[key])
    return out
