#!/usr/bin/env bash
# The WebSocket gateway under load: `matcher ws-load` against `matcher serve` (journal FsyncPerBatch by
# default), N connections each logged in with its own API key, open loop at fixed rates (10000, 25000 and
# 50000 orders/s by default) and optionally closed loop ("max"). Each order is a resting GTC limit order
# away from the market; each connection cancels its order k-R after order k (--resting R), so a run sends
# about twice as many messages as orders. Each run gets a fresh server process and data directory, which
# the script starts, waits for, loads and stops. The server's rate limit and send queue are raised for the
# load (Matcher:WebSocket:MessagesPerSecond, Burst, MaxQueuedBytes); FIX is off.
#
# Usage: bench/ws-load.sh [--loads "10000 25000 50000"] [--connections "3"] [--seconds 10] [--warmup 2]
#            [--window 32] [--resting 100] [--durability FsyncPerBatch] [--repeat 1] [--no-build] [--out FILE]
# A load is "max" (closed loop, --window orders awaiting their report per connection) or a rate in
# orders/s (open loop on a fixed schedule, latency counted from each order's scheduled time). --connections
# takes a list, like the loads. --durability is the journal's (FsyncPerBatch, FsyncInterval or None). One
# JSON line per run goes to FILE (default: a new file under ${TMPDIR:-/tmp}); a Markdown table of all runs
# is printed at the end. Before each run the script waits (up to 5 minutes) for the machine to be quiet
# (under 10% CPU busy over 2 s); during the run it measures the CPU that neither the server nor the
# generator used ("other CPU", in % of all cores): a figure taken with other work running is not comparable.
# Port: WS_LOAD_HTTP_PORT (19881) for the server's HTTP endpoint (and /ws). WS_LOAD_CMD overrides the
# generator's command line prefix.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
loads="10000 25000 50000"
connection_counts="3"
seconds=10
warmup=2
window=32
resting=100
durability=FsyncPerBatch
repeat=1
build=1
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --loads) loads="$2"; shift 2 ;;
        --connections) connection_counts="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --window) window="$2"; shift 2 ;;
        --resting) resting="$2"; shift 2 ;;
        --durability) durability="$2"; shift 2 ;;
        --repeat) repeat="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --out) out="$2"; shift 2 ;;
        -h|--help) sed -n '2,/^set -e/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done

http_port="${WS_LOAD_HTTP_PORT:-19881}"
cli="$root/tools/Matcher.Cli/bin/Release/net10.0/matcher.dll"
work="$(mktemp -d "${TMPDIR:-/tmp}/ws-load.XXXXXX")"
out="${out:-$work/results.jsonl}"
server_pid=""

cleanup() {
    stop_server
    rm -rf "$work/data"
}
trap cleanup EXIT

if [ "$build" = 1 ]; then
    # shellcheck source=../scripts/prerequisites.sh
    source "$root/scripts/prerequisites.sh"
    ensure_dotnet
    dotnet build "$root/tools/Matcher.Cli/Matcher.Cli.csproj" -c Release -nologo -clp:ErrorsOnly
fi

read -r -a ws_load <<< "${WS_LOAD_CMD:-dotnet $cli ws-load}"

# The server's configuration: API keys load-key-1..n for accounts 1001..100n; the setup (sim format) gives
# each account ample BTC and USD, and BTC-USD a small minimum notional.
write_server_config() { # connections
    local connections="$1" i keys="" accounts=""
    for ((i = 1; i <= connections; i++)); do
        keys+="${keys:+,}
        { \"Key\": \"load-key-$i\", \"Secret\": \"load-secret-$i-0123456789\", \"AccountId\": $((1000 + i)) }"
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
    "Fix": { "Enabled": false },
    "WebSocket": {
      "Enabled": true,
      "MessagesPerSecond": 1000000,
      "Burst": 1000000,
      "MaxQueuedBytes": 67108864,
      "ApiKeys": [$keys
      ]
    }
  }
}
EOF
}

# key1:secret1,key2:secret2,... for the generator.
keys_argument() { # connections
    local connections="$1" i keys=""
    for ((i = 1; i <= connections; i++)); do
        keys+="${keys:+,}load-key-$i:load-secret-$i-0123456789"
    done
    printf '%s' "$keys"
}

start_server() { # connections
    local i
    rm -rf "$work/data"
    write_server_config "$1"
    dotnet "$cli" serve --config "$work/config.json" --Matcher:DataDirectory="$work/data" > "$work/server.log" 2>&1 &
    server_pid=$!
    for ((i = 0; i < 300; i++)); do
        curl -sf "http://127.0.0.1:$http_port/ready" >/dev/null 2>&1 && return 0
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "the server did not become ready:" >&2
    cat "$work/server.log" >&2
    exit 1
}

stop_server() {
    if [ -n "$server_pid" ]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
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

# The value of "key" in a ws-load JSON line; the first occurrence (latency_us comes before send_lag_us).
field() { grep -o "\"$2\":[^,}]*" <<< "$1" | head -n 1 | cut -d: -f2 | tr -d '"'; }

echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'); $(date -u +%Y-%m-%dT%H:%MZ)" >&2
echo "results: $out" >&2
: > "$out"
for connections in $connection_counts; do
    for load in $loads; do
        for ((r = 1; r <= repeat; r++)); do
            wait_for_quiet
            start_server "$connections"
            args=(--url "ws://127.0.0.1:$http_port/ws" --keys "$(keys_argument "$connections")" --connections "$connections"
                  --duration "$seconds" --warmup "$warmup" --resting "$resting" --json)
            if [ "$load" = max ]; then args+=(--max --window "$window"); else args+=(--rate "$load"); fi
            echo "run: $connections connections, load $load, journal $durability" >&2
            busy_before="$(busy_ticks)"; server_before="$(process_ticks "$server_pid")"
            children_seconds > "$work/before"; start_ns="$(date +%s%N)"
            result="$("${ws_load[@]}" "${args[@]}")" || true
            busy_after="$(busy_ticks)"; server_after="$(process_ticks "$server_pid")"
            children_seconds > "$work/after"; end_ns="$(date +%s%N)"
            stop_server
            other="$(awk -v b="$((busy_after - busy_before))" -v t="$((server_after - server_before))" \
                -v g0="$(cat "$work/before")" -v g1="$(cat "$work/after")" -v w="$((end_ns - start_ns))" -v hz="$hz" -v n="$ncpu" \
                'BEGIN { o = (b - t - (g1 - g0) * hz) / (w / 1e9 * hz * n) * 100; if (o < 0) o = 0; printf "%.0f", o }')"
            if [ -z "$result" ]; then
                echo "  no result (see above)" >&2
                continue
            fi
            printf '{"load":"%s","durability":"%s","resting":%s,"other_cpu_percent":%s,"result":%s}\n' \
                "$load" "$durability" "$resting" "$other" "$result" >> "$out"
        done
    done
done

echo
echo "| connections | load | orders/s | msgs sent/s | msgs recv/s | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs | rejected | missing | other CPU % |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
while IFS= read -r line; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
        "$(field "$line" connections)" "$(field "$line" load)" \
        "$(field "$line" orders_per_second | cut -d. -f1)" "$(field "$line" messages_sent_per_second | cut -d. -f1)" \
        "$(field "$line" messages_received_per_second | cut -d. -f1)" "$(field "$line" p50)" "$(field "$line" p90)" \
        "$(field "$line" p99)" "$(field "$line" p99_9)" "$(field "$line" max)" "$(field "$line" rejected)" \
        "$(field "$line" missing_acks)" "$(field "$line" other_cpu_percent)"
done < "$out"
