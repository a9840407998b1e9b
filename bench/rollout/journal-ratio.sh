#!/usr/bin/env bash
# From a topology's rollout journal (journal.jsonl), the last completed rollout's release-phase wall
# time (begun -> ended, the plan not included) over the unavoidable work: per batch, the longest
# (restart + first passing health check) of its instances, i.e. the `activate` and `await-healthy`
# steps. Prints: wall unavoidable ratio (seconds).
set -euo pipefail
jq -rs '
  def secs: (.[11:13] | tonumber) * 3600 + (.[14:16] | tonumber) * 60 + (.[17:] | rtrimstr("Z") | tonumber);
  (map(select(.kind == "ended" and (.data | fromjson | .outcome) == "completed")) | last | .rollout) as $id
  | map(select(.rollout == $id)) as $r
  | ($r | map(select(.kind == "begun")) | first) as $begun
  | ($r | map(select(.kind == "ended")) | first) as $ended
  | ($begun.data | fromjson | .plan.phases) as $phases
  | [foreach ($phases[] | [.sequences[].steps | length] ) as $sizes ({next: 0};
        .start = .next | .next = .next + ($sizes | add); {start, sizes: $sizes})] as $offsets
  | def took($i): ($r | map(select(.step == $i and .kind == "step-started")) | first | .at | secs) as $s
        | ($r | map(select(.step == $i and .kind == "step-finished")) | first | .at | secs) - $s;
    [range(0; $phases | length) as $p
      | $phases[$p].sequences as $seqs
      | [range(0; $seqs | length) as $q
          | ($offsets[$p].start + ([$offsets[$p].sizes[0:$q][]] | add // 0)) as $first
          | [range(0; $seqs[$q].steps | length) as $k
              | select($seqs[$q].steps[$k].kind == "activate" or $seqs[$q].steps[$k].kind == "await-healthy")
              | took($first + $k)] | add // 0]
      | max // 0] | add as $unavoidable
  | (($ended.at | secs) - ($begun.at | secs)) as $wall
  | "\($wall * 100 | round / 100) \($unavoidable * 100 | round / 100) \(($wall / $unavoidable) * 100 | round / 100)"
' "$1"
