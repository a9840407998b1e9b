#!/usr/bin/env python3
"""summary.py RUNS.jsonl PLAN.json LIST.json LIST2.json HOSTS PER_HOST INSTANCES: the fan-out figures.

RUNS.jsonl holds one line per timed cul8er run (bench/fanout/run.sh); PLAN.json, LIST.json and
LIST2.json are hyperfine exports (LIST2.json may be missing). INSTANCES: how many instances this
machine's incusd had while the lists were timed. Prints the tables that bench/README.md quotes:
plan, rolling update (and where its time went), initial deploy, sessions per host, peak RSS, a
capped heap, the cost of the hosts' reads on the one incusd, and the ratios of HOSTS x PER_HOST
against the two single hosts.
"""
import json
import os
import statistics
import sys

runs = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
plan = json.load(open(sys.argv[2]))["results"]
lists = json.load(open(sys.argv[3]))["results"]
if os.path.exists(sys.argv[4]):
    lists += json.load(open(sys.argv[4]))["results"]
hosts, per_host, instances = int(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
total = hosts * per_host
label = {"bfanmany": f"{hosts} hosts x {per_host}", "bfanone": f"1 host x {total}", "bfansmall": f"1 host x {per_host}"}
sides = ["bfanmany", "bfanone", "bfansmall"]
PARTS = ["wall", "planning", "prepare", "before", "rollout", "after", "steps", "ideal", "overhead"]


def of(side, kind):
    return [r for r in runs if r["side"] == side and r["kind"].startswith(kind)]


def sessions(rs):
    lo = min(r["sessions"]["min"] for r in rs)
    hi = max(r["sessions"]["max"] for r in rs)
    elsewhere = sum(r["sessions"]["elsewhere"] for r in rs)
    return f"{lo}" + ("" if lo == hi else f"-{hi}") + ("" if not elsewhere else f" (+{elsewhere} on other sides' sshds!)")


def mb(kb):
    return f"{kb / 1024:.0f} MB" if kb else "-"


def mean_parts(rs):
    j = [r["journal"] for r in rs]
    return {k: statistics.mean(x[k] for x in j) for k in PARTS if all(k in x for x in j)}


print()
print("no-change plan (hyperfine, JVM start included)")
means = {}
for r, side in zip(plan, sides):
    means[side] = (r["mean"], r["median"])
    one = of(side, "plan")[0]
    print(f"  {label[side]:<16} mean {r['mean']:.3f} s ± {r['stddev'] or 0:.3f}, median {r['median']:.3f} s,"
          f" min-max {r['min']:.3f}-{r['max']:.3f} s, user CPU {r['user']:.2f} s; {one['requests']};"
          f" sessions per host {sessions([one])}; peak RSS {mb(one['rss_kb'])}; peak threads {one.get('threads', '-')}")
for other in ["bfanone", "bfansmall"]:
    print(f"  ratio {label['bfanmany']} / {label[other]}: means {means['bfanmany'][0] / means[other][0]:.2f},"
          f" medians {means['bfanmany'][1] / means[other][1]:.2f}")

print()
print("rolling update of every instance (deploy --version), mean over the rounds")
figures = {}
for side in sides:
    rs = of(side, "deploy")
    ok = [r for r in rs if r["rc"] == 0]
    failed = len(rs) - len(ok)
    if not ok:
        print(f"  {label[side]}: every round failed")
        continue
    f = figures[side] = mean_parts(ok)
    walls = ", ".join(f"{r['wall']:.1f}" for r in rs)
    print(f"  {label[side]:<16} wall {f['wall']:.1f} s (rounds: {walls}){'' if not failed else f'; {failed} FAILED'}")
    split = (f" = planning {f['planning']:.1f} s + instance steps and re-read with state {f['prepare']:.1f} s"
             if "planning" in f else "")
    print(f"  {'':<16} before the rollout {f['before']:.1f} s{split}; rollout {f['rollout']:.1f} s; after {f['after']:.1f} s")
    print(f"  {'':<16} the rollout's steps at the pool's parallelism (ideal) {f['ideal']:.1f} s -> not in steps"
          f" {f['overhead']:.1f} s ({100 * f['overhead'] / f['wall']:.0f}% of the wall); sum of step times {f['steps']:.0f} s")
    kinds = {}
    for r in ok:
        for k, v in r["journal"]["per_kind_ms"].items():
            kinds.setdefault(k, []).append(v["mean"])
    print(f"  {'':<16} per instance (mean): " + ", ".join(f"{k} {statistics.mean(v):.0f} ms" for k, v in kinds.items()))
    print(f"  {'':<16} sessions per host per run {sessions(rs)}; peak RSS {mb(max(r['rss_kb'] or 0 for r in rs))}"
          f"; peak threads {max(r.get('threads', 0) for r in rs)}"
          f"; load {rs[0]['load_before'].split()[0]} -> {rs[-1]['load_after'].split()[0]}")
if "bfanmany" in figures:
    for other in ["bfanone", "bfansmall"]:
        if other in figures:
            a, b = figures["bfanmany"], figures[other]
            parts = ["wall", "planning", "prepare", "rollout", "overhead"]
            print(f"  ratio {label['bfanmany']} / {label[other]}: "
                  + ", ".join(f"{k} {a[k] / b[k]:.2f}" for k in parts if k in a and k in b and b[k]))

based = {side: [r for r in of(side, "basedeploy") if r["rc"] == 0] for side in sides}
if any(based.values()):
    print()
    print("the same rolling update by BASE's build, in the same rounds (mean), and new / base")
    for side in sides:
        if not based[side] or side not in figures:
            continue
        b, n = mean_parts(based[side]), figures[side]
        failed = len(of(side, "basedeploy")) - len(based[side])
        print(f"  {label[side]:<16} base: wall {b['wall']:.1f} s, planning {b.get('planning', 0):.1f} s,"
              f" prepare {b.get('prepare', 0):.1f} s, rollout {b['rollout']:.1f} s"
              f"; peak RSS {mb(max(r['rss_kb'] or 0 for r in based[side]))}"
              f"; peak threads {max(r.get('threads', 0) for r in based[side])}{'' if not failed else f'; {failed} FAILED'}")
        print(f"  {'':<16} new / base: " + ", ".join(f"{k} {n[k] / b[k]:.2f}" for k in
              ["wall", "planning", "prepare", "rollout"] if k in n and k in b and b[k]))

print()
print("initial deploy (create, start, install, check), once")
for side in sides:
    r = of(side, "initial")[0]
    j = r["journal"]
    extra = f", release phase {j['rollout']:.1f} s" if j else ""
    print(f"  {label[side]:<16} {'exit ' + str(r['rc']) + ', ' if r['rc'] else ''}wall {r['wall']:.1f} s{extra};"
          f" sessions per host {sessions([r])}; peak RSS {mb(r['rss_kb'])}")

capped = [r for r in runs if r["kind"].startswith("smallheap")]
if capped:
    print()
    print("with the heap capped (CUL8ER_JAVA_OPTS=-Xmx...), once each")
    for side in sides:
        for r in [x for x in capped if x["side"] == side]:
            what = r["kind"].split("-", 1)[1]
            print(f"  {label[side]:<16} {what:<6} exit {r['rc']}, wall {r['wall']:.1f} s, peak RSS {mb(r['rss_kb'])},"
                  f" peak threads {r.get('threads', '-')},"
                  f" sessions per host {sessions([r])}")

print()
print(f"what the hosts' reads cost the one incusd ({instances} instances: each 'host' lists them all)")
for r in lists:
    print(f"  {r['command']:<42} {r['mean']:.2f} s" + (f" ± {r['stddev']:.2f}" if r.get("stddev") else ""))

loads = [float(r[k].split()[0]) for r in runs for k in ["load_before", "load_after"]]
print()
print(f"load average (1 min) during the runs: {min(loads):.1f}-{max(loads):.1f}")
