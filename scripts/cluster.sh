#!/usr/bin/env bash
# A Ballista cluster on loopback for Claimline's tests and benchmarks: one scheduler and
# N executors, each its own process, started from `claimline-cluster` (built with
# `cargo build --features engine --bin claimline-cluster`: the Ballista project's own
# scheduler and executor crates, compiled against the same DataFusion as Claimline).
#
#   scripts/cluster.sh start [--port P] [--executors N] [--dir DIR] [--bin PATH]
#   scripts/cluster.sh restart-executor I [--port P] [--dir DIR] [--bin PATH]
#   scripts/cluster.sh stop-executors|stop-scheduler|stop [--dir DIR]
#   scripts/cluster.sh hang-executors|wake-executors [--dir DIR]
#   scripts/cluster.sh status [--dir DIR]
#
# The scheduler listens on 127.0.0.1:P (default 50050), executor i on P+2i+1 (data) and
# P+2i+2 (gRPC). Logs and pid files go in DIR (default target/cluster); each process logs
# at RUST_LOG (default: Ballista's own crates at info, the rest at warn). `start` returns
# once every process listens; the URL to give Claimline is df://127.0.0.1:P.
# `restart-executor I` kills executor I and starts it again on its ports.
# `hang-executors` stops the executors without killing them (SIGSTOP: their sockets stay
# open, they answer nothing, as a hung process does); `wake-executors` lets them go on.
set -euo pipefail
cd "$(dirname "$0")/.."

cmd="${1:-}"
shift || true
which_executor=""
if [[ "$cmd" == restart-executor ]]; then
  which_executor="${1:-}"
  shift || true
  if ! [[ "$which_executor" =~ ^[0-9]+$ ]]; then
    echo "cluster.sh: restart-executor needs the executor's number (1, 2…)" >&2
    exit 2
  fi
fi
port=50050
executors=2
dir=target/cluster
bin=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --executors) executors="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    *) echo "cluster.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$dir"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # port what
  for _ in $(seq 1 300); do
    if listening "$1"; then return 0; fi
    sleep 0.1
  done
  echo "cluster.sh: $2 did not listen on port $1 within 30 s; see $dir/*.log" >&2
  return 1
}

stop_pids() { # pattern
  for f in "$dir"/$1.pid; do
    [[ -e "$f" ]] || continue
    pid="$(cat "$f")"
    kill -9 "$pid" 2>/dev/null || true
    # Reap it so that its port is free when this returns.
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$f"
  done
}

find_bin() {
  if [[ -z "$bin" ]]; then
    bin="${CARGO_TARGET_DIR:-target}/debug/claimline-cluster"
    [[ -x "$bin" ]] || cargo build --quiet --features engine --bin claimline-cluster
  fi
  if [[ ! -x "$bin" ]]; then
    echo "cluster.sh: no claimline-cluster at $bin (build it with cargo build --features engine --bin claimline-cluster)" >&2
    exit 1
  fi
}

start_executor() { # i
  local data=$((port + 2 * $1 - 1)) grpc=$((port + 2 * $1))
  mkdir -p "$dir/work-$1"
  nohup "$bin" executor --scheduler-port "$port" --port "$data" --grpc-port "$grpc" \
    --work-dir "$dir/work-$1" >>"$dir/executor-$1.log" 2>&1 &
  echo $! >"$dir/executor-$1.pid"
}

case "$cmd" in
  start)
    find_bin
    if listening "$port"; then
      echo "cluster.sh: something already listens on port $port" >&2
      exit 1
    fi
    nohup "$bin" scheduler --port "$port" >"$dir/scheduler.log" 2>&1 &
    echo $! >"$dir/scheduler.pid"
    wait_for "$port" scheduler
    for i in $(seq 1 "$executors"); do
      start_executor "$i"
    done
    for i in $(seq 1 "$executors"); do
      wait_for $((port + 2 * i - 1)) "executor $i"
    done
    echo "df://127.0.0.1:$port"
    ;;
  restart-executor)
    find_bin
    stop_pids "executor-$which_executor"
    start_executor "$which_executor"
    wait_for $((port + 2 * which_executor - 1)) "executor $which_executor"
    ;;
  stop-executors) stop_pids 'executor-*' ;;
  hang-executors|wake-executors)
    signal=STOP
    [[ "$cmd" == wake-executors ]] && signal=CONT
    for f in "$dir"/executor-*.pid; do
      [[ -e "$f" ]] || continue
      kill -s "$signal" "$(cat "$f")" 2>/dev/null || true
    done
    ;;
  stop-scheduler) stop_pids scheduler ;;
  stop) stop_pids 'executor-*'; stop_pids scheduler ;;
  status)
    for f in "$dir"/*.pid; do
      [[ -e "$f" ]] || continue
      name="$(basename "$f" .pid)"
      if kill -0 "$(cat "$f")" 2>/dev/null; then echo "$name: running"; else echo "$name: gone"; fi
    done
    ;;
  *)
    echo "usage: scripts/cluster.sh start|restart-executor I|stop|stop-executors|stop-scheduler|hang-executors|wake-executors|status [--port P] [--executors N] [--dir DIR] [--bin PATH]" >&2
    exit 2
    ;;
esac
