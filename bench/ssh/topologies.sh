#!/usr/bin/env bash
# topologies.sh DIR: writes DIR/benchssh.cul8 (10 SSH hosts on 127.0.0.11-20, 10 containers each;
# user, port and key come from CUL8ER_SSH_CONFIG) and DIR/benchsock.cul8 (the same shape on 10
# hosts reached through the local Incus socket).
set -euo pipefail
dir=$1
hosts=${HOSTS:-10} per_host=${PER_HOST:-10}

write() {
  local name=$1 kind=$2
  {
    echo "topology :$name do"
    for h in $(seq 1 "$hosts"); do
      echo "  host :h$h do"
      if [ "$kind" = ssh ]; then
        echo "    address \"127.0.0.$((10 + h))\""
        echo "    platform :debian"
        echo "    ssh socket: \"/var/lib/incus/unix.socket\""
      else
        echo "    address \"localhost\""
        echo "    platform :debian"
        echo "    socket \"/var/lib/incus/unix.socket\""
      fi
      echo "  end"
    done
    for h in $(seq 1 "$hosts"); do
      cat <<RES
  resource :s$h, type: :container, on: :h$h do
    from_image "cul8er/busybox"
    replicas $per_host
    limits do
      cpu cores: 1
      memory megabytes: 32
    end
  end
RES
    done
    echo "end"
  } > "$dir/$name.cul8"
}

write benchssh ssh
write benchsock socket
