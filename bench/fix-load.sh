#!/usr/bin/env bash
# Reproduces "FIX gateway: order -> ack over loopback" in docs/PERFORMANCE.md: the same load
# generator (`matcher fix-load`) against
#   qf-memory      the QuickFIX C++ ack-only acceptor (bench/quickfix-acceptor), memory store
#   qf-file        the same with QuickFIX's file store
#   matcher-fsync  `matcher serve`: journal FsyncPerBatch, FIX message store fsynced (the defaults)
#   matcher-journal `matcher serve`: journal FsyncPerBatch, FIX message store written, not fsynced
#   matcher-none   `matcher serve`: journal Durability None, FIX message store not fsynced
# with 4 and 16 sessions, closed loop (--max) and open loop at fixed rates. Each run gets a fresh
# target process (and a fresh data directory), which the script starts, waits for, loads and stops.
#
# Usage: bench/fix-load.sh [--targets "qf-memory qf-file matcher-fsync matcher-journal matcher-none"]
#            [--sessions "4 16"] [--loads "max 10000 50000"] [--seconds 10] [--warmup 2]
#            [--window 32] [--cancel-every 1000] [--repeat 1] [--no-build] [--out FILE]
# A load is "max" (closed loop, --window orders outstanding per session) or a rate in orders/s
# (open loop on a fixed schedule). --cancel-every is passed to fix-load (0: no mass cancels, the book
# grows for the whole run). One JSON line per run goes to FILE (default: a new file under
# ${TMPDIR:-/tmp}); a Markdown table of all runs is printed at the end. Before each run the script
# waits (up to 5 minutes) for the machine to be quiet (under 10% CPU busy over 2 s); during the run
# it measures the CPU that neither the target nor the generator used ("other CPU", in % of all
# cores): a figure taken with other work running is not comparable.
# Ports: FIX_LOAD_PORT (19870) for the target's FIX acceptor, FIX_LOAD_HTTP_PORT (19871) for the
# server's HTTP endpoint. FIX_LOAD_CMD overrides the generator's command line prefix.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
targets="qf-memory qf-file matcher-fsync matcher-journal matcher-none"
session_counts="4 16"
loads="max 10000 50000"
seconds=10
warmup=2
window=32
cancel_every=1000
repeat=1
build=1
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --targets) targets="$2"; shift 2 ;;
        --sessions) session_counts="$2"; shift 2 ;;
        --loads) loads="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --window) window="$2"; shift 2 ;;
        --cancel-every) cancel_every="$2"; shift 2 ;;
        --repeat) repeat="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --out) out="$2"; shift 2 ;;
        -h|--help) sed -n '2,/^set -e/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done

port="${FIX_LOAD_PORT:-19870}"
http_port="${FIX_LOAD_HTTP_PORT:-19871}"
cli="$root/tools/Matcher.Cli/bin/Release/net10.0/matcher.dll"
acceptor="$root/bench/quickfix-acceptor/bin/quickfix-acceptor"
password="load-password"
work="$(mktemp -d "${TMPDIR:-/tmp}/fix-load.XXXXXX")"
out="${out:-$work/results.jsonl}"
target_pid=""

cleanup() {
    stop_target
    rm -rf "$work/data" "$work/store"
}
trap cleanup EXIT

if [ "$build" = 1 ]; then
    # shellcheck source=../scripts/prerequisites.sh
    source "$root/scripts/prerequisites.sh"
    ensure_dotnet
    ensure_quickfix
    build_quickfix_tools
    dotnet build "$root/Matcher.sln" -c Release -nologo -clp:ErrorsOnly
fi

read -r -a fix_load <<< "${FIX_LOAD_CMD:-dotnet $cli fix-load}"

# The server's configuration: sessions LOAD1..LOADn for accounts 1001..100n, each with a Username
# and the password above; the setup (sim format) gives each account ample BTC and USD.
write_server_config() { # sessions durability fsync_store
    local sessions="$1" durability="$2" fsync_store="$3" hash i entries="" accounts=""
    hash="$(printf '%s\n' "$password" | dotnet "$cli" hash-password)"
    for ((i = 1; i <= sessions; i++)); do
        entries+="${entries:+,}
      { \"SessionId\": $i, \"TargetCompId\": \"LOAD$i\", \"AccountId\": $((1000 + i)), \"Username\": \"load$i\", \"PasswordHash\": \"$hash\", \"CancelOnDisconnect\": true, \"ThrottleMessagesPerSecond\": 0 }"
        accounts+="${accounts:+,}
    { \"account\": $((1000 + i)), \"fee_tier\": 1, \"deposits\": { \"BTC\": \"1000000\", \"USD\": \"1000000000\" } }"
    done
    cat > "$work/setup.json" <<EOF
{
  "start_time": "2026-01-01T00:00:00Z",
  "assets": [ { "asset": "BTC", "scale": 8 }, { "asset": "USD", "scale": 8 } ],
  "instruments": [
    { "instrument": "BTC-USD", "base": "BTC", "quote": "USD", "tick_size": "0.01", "lot_size": "0.0001",
      "min_quantity": "0.0001", "min_notional": "0.01" }
  ],
  "fee_tiers": [ { "fee_tier": 1, "maker_bps": 0, "taker_bps": 0 } ],
  "accounts": [$accounts
  ]
}
EOF
    cat > "$work/config.json" <<EOF
{
  "Logging": { "LogLevel": { "Default": "Warning" } },
  "Matcher": {
    "Setup": "$work/setup.json",
    "Journal": { "Durability": "$durability" },
    "Http": { "Url": "http://127.0.0.1:$http_port" },
    "Fix": {
      "Port": $port,
      "CompId": "MATCHER",
      "FsyncStore": $fsync_store,
      "Sessions": [$entries
      ]
    }
  }
}
EOF
}

start_target() { # target sessions
    local target="$1" sessions="$2" i
    rm -rf "$work/data" "$work/store"
    case "$target" in
        qf-memory|qf-file)
            local store=memory
            [ "$target" = qf-file ] && store=file
            "$acceptor" --port "$port" --sender MATCHER --sessions "$sessions" --target-prefix LOAD \
                --store "$store" --store-dir "$work/store" > "$work/target.log" 2>&1 &
            target_pid=$!
            for ((i = 0; i < 300; i++)); do
                grep -q '^READY' "$work/target.log" && return 0
                kill -0 "$target_pid" 2>/dev/null || break
                sleep 0.1
            done ;;
        matcher-fsync|matcher-journal|matcher-none)
            case "$target" in
                matcher-fsync) write_server_config "$sessions" FsyncPerBatch true ;;
                matcher-journal) write_server_config "$sessions" FsyncPerBatch false ;;
                matcher-none) write_server_config "$sessions" None false ;;
            esac
            dotnet "$cli" serve --config "$work/config.json" --Matcher:DataDirectory="$work/data" > "$work/target.log" 2>&1 &
            target_pid=$!
            for ((i = 0; i < 300; i++)); do
                curl -sf "http://127.0.0.1:$http_port/ready" >/dev/null 2>&1 && return 0
                kill -0 "$target_pid" 2>/dev/null || break
                sleep 0.1
            done ;;
        *) echo "unknown target $target" >&2; exit 2 ;;
    esac
    echo "$target did not become ready:" >&2
    cat "$work/target.log" >&2
    exit 1
}

stop_target() {
    if [ -n "$target_pid" ]; then
        kill -TERM "$target_pid" 2>/dev/null || true
        wait "$target_pid" 2>/dev/null || true
        target_pid=""
    fi
}

ncpu="$(nproc)"
hz="$(getconf CLK_TCK)"

# CPU time (user + nice + system, in clock ticks) of the whole machine, and of one process.
busy_ticks() { awk '/^cpu /{ print $2 + $3 + $4; exit }' /proc/stat; }
process_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# CPU seconds (user + system) of this shell's waited-for descendants, from the `times` builtin (run in
# this shell, not in a subshell, whose own counts start at zero).
children_seconds() {
    times > "$work/times"
    tail -n 1 "$work/times" | awk '{ for (i = 1; i <= 2; i++) { split($i, t, "m"); s += t[1] * 60 + substr(t[2], 1, length(t[2]) - 1) } printf "%.2f", s }'
}

wait_for_quiet() {
    local i before after busy
    for ((i = 0; i < 150; i++)); do
        before="$(busy_ticks)"; sleep 2; after="$(busy_ticks)"
        busy=$(( (after - before) * 100 / (2 * hz * ncpu) ))
        [ "$busy" -le 10 ] && return 0
        [ "$i" = 0 ] && echo "  waiting for a quiet machine (${busy}% busy)" >&2
    done
    echo "  the machine stayed busy (${busy}%); running anyway" >&2
}

# The value of "key" in a fix-load JSON line; the first occurrence (latency_us comes before send_lag_us).
field() { grep -o "\"$2\":[^,}]*" <<< "$1" | head -n 1 | cut -d: -f2 | tr -d '"'; }

echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'); $(date -u +%Y-%m-%dT%H:%MZ)" >&2
echo "results: $out" >&2
: > "$out"
for target in $targets; do
    for sessions in $session_counts; do
        for load in $loads; do
            for ((r = 1; r <= repeat; r++)); do
                wait_for_quiet
                start_target "$target" "$sessions"
                args=(--port "$port" --sessions "$sessions" --sender-prefix LOAD --target MATCHER
                      --seconds "$seconds" --warmup "$warmup" --cancel-every "$cancel_every" --json)
                case "$target" in matcher-*) args+=(--username-prefix load --password "$password") ;; esac
                if [ "$load" = max ]; then args+=(--max --window "$window"); else args+=(--rate "$load"); fi
                echo "run: $target, $sessions sessions, load $load" >&2
                busy_before="$(busy_ticks)"; target_before="$(process_ticks "$target_pid")"
                children_seconds > "$work/before"; start_ns="$(date +%s%N)"
                result="$("${fix_load[@]}" "${args[@]}")" || true
                busy_after="$(busy_ticks)"; target_after="$(process_ticks "$target_pid")"
                children_seconds > "$work/after"; end_ns="$(date +%s%N)"
                stop_target
                other="$(awk -v b="$((busy_after - busy_before))" -v t="$((target_after - target_before))" \
                    -v g0="$(cat "$work/before")" -v g1="$(cat "$work/after")" -v w="$((end_ns - start_ns))" -v hz="$hz" -v n="$ncpu" \
                    'BEGIN { o = (b - t - (g1 - g0) * hz) / (w / 1e9 * hz * n) * 100; if (o < 0) o = 0; printf "%.0f", o }')"
                if [ -z "$result" ]; then
                    echo "  no result (see above)" >&2
                    continue
                fi
                printf '{"target":"%s","load":"%s","cancel_every":%s,"other_cpu_percent":%s,"result":%s}\n' \
                    "$target" "$load" "$cancel_every" "$other" "$result" >> "$out"
            done
        done
    done
done

echo
echo "| target | sessions | load | orders/s | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs | missing | other CPU % |"
echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
while IFS= read -r line; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
        "$(field "$line" target)" "$(field "$line" sessions)" "$(field "$line" load)" \
        "$(field "$line" orders_per_second | cut -d. -f1)" "$(field "$line" p50)" "$(field "$line" p90)" \
        "$(field "$line" p99)" "$(field "$line" p99_9)" "$(field "$line" max)" "$(field "$line" missing_acks)" \
        "$(field "$line" other_cpu_percent)"
done < "$out"
