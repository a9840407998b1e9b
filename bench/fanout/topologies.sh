#!/usr/bin/env bash
# topologies.sh DIR HOSTS PER_HOST PORT_BASE: writes three topologies of one release resource
# (`tick`: a shell script that sleeps, no exposed port, so no edge) on cul8er/busybox, every host
# reached over SSH as cul8er-test with DIR/client/id_ed25519:
#   DIR/bfanmany.cul8   HOSTS hosts, 127.0.1.1 ... 127.0.1.HOSTS (port PORT_BASE + i), PER_HOST each
#   DIR/bfanone.cul8    1 host, 127.0.2.1 (port PORT_BASE + 201), HOSTS x PER_HOST instances
#   DIR/bfansmall.cul8  1 host, 127.0.2.2 (port PORT_BASE + 202), PER_HOST instances
# Strategy: rolling, batch $BATCH (default 50), a command health check every 200 ms, snapshots
# $SNAPSHOT (default true, as a topology gets by default). The release artifact is
# DIR/releases/tick-{version}.tar.gz. With PROFILE set, the instances use that profile only.
set -euo pipefail
dir=$1 hosts=$2 per_host=$3 port_base=$4
batch=${BATCH:-50} snapshot=${SNAPSHOT:-true}
profiles=${PROFILE:+    profiles [\"$PROFILE\"]}

host() { # name address port
  cat <<HOST
  host :$1 do
    address "$2"
    platform :debian
    ssh user: "cul8er-test", port: $3, key: "$dir/client/id_ed25519", socket: "/var/lib/incus/unix.socket"
  end
HOST
}

write() { # topology replicas host-names
  local name=$1 replicas=$2 on=$3
  cat <<RES
  resource :n, type: :container, on: $on do
    from_image "cul8er/busybox"
    replicas $replicas
$profiles
    limits do
      memory megabytes: 16
    end
    deploy release: :tick, version: "1.0.0", runtime: :jvm, start: "bin/tick",
      artifact: "$dir/releases/{name}-{version}.tar.gz"
  end

  strategy do
    approach :rolling
    batch_size $batch
    healthcheck do
      command "kill -0 \$(cat /run/cul8er/tick.pid)"
      interval milliseconds: 200
      timeout seconds: 5
      retries 3
    end
    rollback do
      on_failure :automatic
      snapshot $snapshot
      retain 3
    end
  end
end
RES
}

{
  echo "topology :bfanmany do"
  for h in $(seq 1 "$hosts"); do host "h$h" "127.0.1.$h" $((port_base + h)); done
  write bfanmany $((hosts * per_host)) "[$(seq 1 "$hosts" | sed 's/^/:h/' | paste -sd, | sed 's/,/, /g')]"
} > "$dir/bfanmany.cul8"
{
  echo "topology :bfanone do"
  host h1 127.0.2.1 $((port_base + 201))
  write bfanone $((hosts * per_host)) ":h1"
} > "$dir/bfanone.cul8"
{
  echo "topology :bfansmall do"
  host h1 127.0.2.2 $((port_base + 202))
  write bfansmall "$per_host" ":h1"
} > "$dir/bfansmall.cul8"
