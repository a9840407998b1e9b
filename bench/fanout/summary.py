#!/usr/bin/env python3
"""summary.py RUNS.jsonl PLAN.json LIST.json HOSTS PER_HOST: the fan-out benchmark's figures.

RUNS.jsonl holds one line per timed cul8er run (bench/fanout/run.sh), PLAN.json and LIST.json are
hyperfine exports. Prints the tables that bench/README.md quotes: plan, rolling update, initial
deploy, sessions per host, peak RSS, and the ratios of HOSTS x PER_HOST against the two single
hosts.
"""
import json
import statistics
import sys

runs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
plan = json.load(open(sys.argv[2]))["results"]
listing = json.load(open(sys.argv[3]))["results"][0]
hosts, per_host = int(sys.argv[4]), int(sys.argv[5])
total = hosts * per_host
label = {"bfanmany": f"{hosts} hosts x {per_host}", "bfanone": f"1 host x {total}", "bfansmall": f"1 host x {per_host}"}
sides = ["bfanmany", "bfanone", "bfansmall"]


def of(side, kind):
    return [r for r in runs if r["side"] == side and r["kind"].startswith(kind)]


def sessions(rs):
    lo = min(r["sessions"]["min"] for r in rs)
    hi = max(r["sessions"]["max"] for r in rs)
    elsewhere = sum(r["sessions"]["elsewhere"] for r in rs)
    return f"{lo}" + ("" if lo == hi else f"-{hi}") + ("" if not elsewhere else f" (+{elsewhere} on other sides' sshds!)")


def mb(kb):
    return f"{kb / 1024:.0f} MB" if kb else "-"


print()
print("no-change plan (hyperfine, JVM start included)")
means = {}
for r, side in zip(plan, sides):
    means[side] = (r["mean"], r["median"])
    one = of(side, "plan")[0]
    print(f"  {label[side]:<16} mean {r['mean']:.3f} s ± {r['stddev'] or 0:.3f}, median {r['median']:.3f} s,"
          f" min-max {r['min']:.3f}-{r['max']:.3f} s; {one['requests']};"
          f" sessions per host {sessions([one])}; peak RSS {mb(one['rss_kb'])}")
for other in ["bfanone", "bfansmall"]:
    print(f"  ratio {label['bfanmany']} / {label[other]}: means {means['bfanmany'][0] / means[other][0]:.2f},"
          f" medians {means['bfanmany'][1] / means[other][1]:.2f}")
print(f"  one GET /1.0/instances?recursion=1 here: {listing['mean'] * 1000:.0f} ms ± {(listing['stddev'] or 0) * 1000:.0f}"
      f" (a {hosts}-host plan makes {hosts} of them against the one incusd)")

print()
print("rolling update of every instance (deploy --version), per round")
figures = {}
for side in sides:
    rs = of(side, "deploy")
    ok = [r for r in rs if r["rc"] == 0]
    failed = len(rs) - len(ok)
    if not ok:
        print(f"  {label[side]}: every round failed")
        continue
    j = [r["journal"] for r in ok]
    f = {k: statistics.mean(x[k] for x in j) for k in ["wall", "before", "rollout", "after", "steps", "ideal", "overhead"]}
    figures[side] = f
    walls = ", ".join(f"{r['wall']:.1f}" for r in rs)
    print(f"  {label[side]:<16} wall {f['wall']:.1f} s (rounds: {walls}){'' if not failed else f'; {failed} FAILED'}")
    print(f"  {'':<16} before the rollout {f['before']:.1f} s, rollout {f['rollout']:.1f} s, after {f['after']:.1f} s;"
          f" in steps at the pool's parallelism (ideal) {f['ideal']:.1f} s -> not in steps {f['overhead']:.1f} s"
          f" ({100 * f['overhead'] / f['wall']:.0f}%); sum of step times {f['steps']:.0f} s")
    kinds = {}
    for x in j:
        for k, v in x["per_kind_ms"].items():
            kinds.setdefault(k, []).append(v["mean"])
    print(f"  {'':<16} per instance (mean): " + ", ".join(f"{k} {statistics.mean(v):.0f} ms" for k, v in kinds.items()))
    print(f"  {'':<16} sessions per host per run {sessions(rs)}; peak RSS {mb(max(r['rss_kb'] or 0 for r in rs))}"
          f"; load {rs[0]['load_before'].split()[0]} -> {rs[-1]['load_after'].split()[0]}")
if "bfanmany" in figures:
    for other in ["bfanone", "bfansmall"]:
        if other in figures:
            a, b = figures["bfanmany"], figures[other]
            print(f"  ratio {label['bfanmany']} / {label[other]}: wall {a['wall'] / b['wall']:.2f},"
                  f" not in steps {a['overhead'] / b['overhead']:.2f}, before the rollout {a['before'] / b['before']:.2f}")

print()
print("initial deploy (create, start, install, check), once")
for side in sides:
    r = of(side, "initial")[0]
    j = r["journal"]
    extra = f", release phase {j['rollout']:.1f} s" if j else ""
    print(f"  {label[side]:<16} {'exit ' + str(r['rc']) + ', ' if r['rc'] else ''}wall {r['wall']:.1f} s{extra};"
          f" sessions per host {sessions([r])}; peak RSS {mb(r['rss_kb'])}")

loads = [float(r[k].split()[0]) for r in runs for k in ["load_before", "load_after"]]
print()
print(f"load average (1 min) during the runs: {min(loads):.1f}-{max(loads):.1f}")
