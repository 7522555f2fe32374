#!/usr/bin/env bash
# Starts a local Redis Cluster for the store tests: three masters on loopback ports 7101-7103 (no
# persistence, nothing kept beyond a temporary folder), joined into one cluster. Idempotent: a
# cluster already answering on the first port is left as it is. Then run the tests with
#   REDIS_CLUSTER_URL=redis-cluster://127.0.0.1:7101
set -euo pipefail
ports=(${REDIS_CLUSTER_PORTS:-7101 7102 7103})
dir="${REDIS_CLUSTER_DIR:-${TMPDIR:-/tmp}/groupgate-redis-cluster}"

all_up=yes
for port in "${ports[@]}"; do redis-cli -p "$port" ping >/dev/null 2>&1 || all_up=no; done
if [ "$all_up" = yes ] && [ "$(redis-cli -p "${ports[0]}" cluster info 2>/dev/null | tr -d '\r' | grep '^cluster_state:')" = "cluster_state:ok" ]; then
  echo "Redis Cluster already running on 127.0.0.1:${ports[0]}"
  exit 0
fi

for port in "${ports[@]}"; do
  if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
    # A nodes.conf left by an earlier run names a cluster that no longer exists: start empty.
    rm -rf "${dir:?}/$port"
    mkdir -p "$dir/$port"
    redis-server --port "$port" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file "$dir/$port/nodes.conf" \
      --save "" --appendonly no --daemonize yes --dir "$dir/$port" --logfile "$dir/$port/redis.log"
  fi
done
for port in "${ports[@]}"; do
  for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
done

# A node still up from a half-made cluster refuses to join a new one ("is not empty"): reset it.
for port in "${ports[@]}"; do
  redis-cli -p "$port" flushall >/dev/null
  redis-cli -p "$port" cluster reset hard >/dev/null
done

nodes=()
for port in "${ports[@]}"; do nodes+=("127.0.0.1:$port"); done
redis-cli --cluster create "${nodes[@]}" --cluster-replicas 0 --cluster-yes >/dev/null
for _ in $(seq 1 100); do
  [ "$(redis-cli -p "${ports[0]}" cluster info | tr -d '\r' | grep '^cluster_state:')" = "cluster_state:ok" ] && break
  sleep 0.1
done
echo "Redis Cluster running: REDIS_CLUSTER_URL=redis-cluster://127.0.0.1:${ports[0]}"
