#!/usr/bin/env python3
"""journal.py JOURNAL START END PARALLELISM: where the wall time of one `cul8er deploy` went.

JOURNAL is the topology's rollout journal (journal.jsonl), read with the event log next to it
(events.jsonl); START and END are the epoch seconds at which the process was started and ended. The last completed
rollout is read. Prints one JSON object:

  wall            END - START
  before          START -> the rollout's `begun`, in two parts:
  planning        START -> `deploy_started` (JVM start, topology, state lock, SSH sessions, the
                  refresh of every host and what runs in every instance, the plan)
  prepare         `deploy_started` -> `begun` (instance steps, if any; the addresses of the release
                  instances read, which was every host's list with instance state before branch
                  refreshcost and is one state request per instance now; the release phase set up)
  rollout         `begun` -> `ended`: the release phase
  after           `ended` -> END (report, state, closing the sessions)
  steps           the sum of every step's own time (started -> finished), over all instances
  ideal           the release phase as it would be if nothing but the steps took time: each phase's
                  sequences run in submission order on PARALLELISM workers (the runner's pool is
                  FIFO), each taking the sum of its steps; the phases one after the other
  overhead        wall - ideal: the time not spent in a step (JVM, plan, SSH set-up, journaling
                  between steps, waiting for a phase's slowest sequence, ...)
  per_kind_ms     per step kind (stage, drain, snapshot, activate, await-healthy, enable, prune):
                  mean and max per instance, in ms
  phases          per phase: wall (first start -> last finish), ideal, sequences
"""
import heapq
import json
import os
import sys
from datetime import datetime


def secs(at):
    return datetime.fromisoformat(at.replace("Z", "+00:00")).timestamp()


def main(path, start, end, parallelism):
    events = os.path.join(os.path.dirname(path), "events.jsonl")
    records = [json.loads(line) for line in open(path) if line.strip()]
    done = [r for r in records if r["kind"] == "ended" and json.loads(r["data"])["outcome"] == "completed"]
    if not done:
        raise SystemExit(f"{path}: no completed rollout")
    rid = done[-1]["rollout"]
    mine = [r for r in records if r["rollout"] == rid]
    begun = next(r for r in mine if r["kind"] == "begun")
    ended = next(r for r in mine if r["kind"] == "ended")
    plan = json.loads(begun["data"])["plan"]
    started, finished = {}, {}
    for r in mine:
        if r["kind"] == "step-started":
            started.setdefault(r["step"], secs(r["at"]))
        elif r["kind"] == "step-finished":
            finished.setdefault(r["step"], secs(r["at"]))
    took = {i: finished[i] - started[i] for i in finished if i in started}

    index, ideal, phases, kinds = 0, 0.0, [], {}
    for phase in plan["phases"]:
        durations, first, last = [], None, None
        for sequence in phase["sequences"]:
            total = 0.0
            for step in sequence["steps"]:
                t = took.get(index, 0.0)
                total += t
                kinds.setdefault(step["kind"], []).append(t)
                if index in started:
                    first = started[index] if first is None else min(first, started[index])
                if index in finished:
                    last = finished[index] if last is None else max(last, finished[index])
                index += 1
            durations.append(total)
        workers = [0.0] * min(parallelism, max(len(durations), 1))
        for d in durations:
            heapq.heappush(workers, heapq.heappop(workers) + d)
        makespan = max(workers) if durations else 0.0
        ideal += makespan
        phases.append({"title": phase.get("title", ""), "sequences": len(durations),
                       "wall": round((last - first) if first is not None else 0.0, 3),
                       "ideal": round(makespan, 3)})

    b, e = secs(begun["at"]), secs(ended["at"])
    starts = [secs(x["at"]) for x in map(json.loads, open(events)) if x.get("type") == "deploy_started"]
    deploy_started = max((t for t in starts if start <= t <= b), default=b)
    result = {
        "wall": round(end - start, 3),
        "before": round(b - start, 3),
        "planning": round(deploy_started - start, 3),
        "prepare": round(b - deploy_started, 3),
        "rollout": round(e - b, 3),
        "after": round(end - e, 3),
        "steps": round(sum(took.values()), 3),
        "ideal": round(ideal, 3),
        "overhead": round(end - start - ideal, 3),
        "per_kind_ms": {k: {"mean": round(1000 * sum(v) / len(v)), "max": round(1000 * max(v)), "n": len(v)}
                        for k, v in kinds.items()},
        "phases": phases,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]))
