#!/usr/bin/env bash
# The benchmark: prints figures, asserts nothing.
#
# For SQLite and PostgreSQL, the customer admin's Support page and the partner's subscription
# page, each against the framework's ceiling (tests/bench/ceiling.rs: actix-web answering the
# page's own bytes from memory). The ceiling and the app run side by side and are loaded in
# turn (ceiling, app, ceiling, app, ...); each row shows the better of ROUNDS runs.
# Then the sign-in flood (SQLite): argon2 alone on the machine's cores, 64 clients signing in
# with wrong passwords, then the flood again with the Support page loaded alongside; the
# server's memory at rest and at its peak. At the end, tests/bench/scale.sh if it exists.
#
# Usage: bash tests/bench/run.sh [seconds-per-run]
# Environment: PARTS (which parts to run, default "pages flood scale"), ROUNDS (default 2), BENCH_PROFILE (cargo profile, default release; bench-fast
# builds quicker), BENCH_POSTGRES (server URL; default the local server's Unix socket,
# postgres://postgres@%2Fvar%2Frun%2Fpostgresql, else postgres://postgres@127.0.0.1:5432),
# BENCH_POSTGRES_PARAMS (appended to the app's database URL after "?", e.g. sslmode=disable;
# default none, so a TCP connection uses TLS when the server offers it).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-10}
ROUNDS=${ROUNDS:-2}
PROFILE=${BENCH_PROFILE:-release}
PARTS=" ${PARTS:-pages flood scale} "
part() { [[ "$PARTS" == *" $1 "* ]]; }
# PostgreSQL runs on this machine: by default the app reaches it the way the README advises for
# that case, through its Unix socket when there is one (TCP on loopback otherwise).
PG_SOCKET_DIR=/var/run/postgresql
if [ -n "${BENCH_POSTGRES:-}" ]; then
  PG_SERVER=$BENCH_POSTGRES
elif [ -S "$PG_SOCKET_DIR/.s.PGSQL.5432" ]; then
  PG_SERVER="postgres://postgres@${PG_SOCKET_DIR//\//%2F}"
else
  PG_SERVER=postgres://postgres@127.0.0.1:5432
fi
PG_PARAMS=${BENCH_POSTGRES_PARAMS:-}
PASSWORD=bench-password-123
WORK=$(mktemp -d)
PORT=18181
CEILING_PORT=18182
BASE="http://127.0.0.1:$PORT"
WRK_PAGE=(-t2 -c32 --latency)
SERVER_PID=
CEILING_PID=
PG_DB=

cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$CEILING_PID" ] && kill "$CEILING_PID" 2>/dev/null || true
  if [ -n "$PG_DB" ]; then
    psql "$PG_SERVER/postgres" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

echo "== build ($PROFILE)"
start=$(date +%s)
cargo build --locked --profile "$PROFILE" --bin support-contacts --example ceiling --example hash_rate 2>&1 | tail -n 1
echo "build: $(( $(date +%s) - start ))s (incremental when target/ was warm)"
OUT=target/$PROFILE
[ "$PROFILE" = dev ] && OUT=target/debug
BIN=$OUT/support-contacts
CEILING=$OUT/examples/ceiling
HASH_RATE=$OUT/examples/hash_rate
CORES=$(nproc)
echo "machine: $CORES cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
echo "wrk ${WRK_PAGE[*]} -d${DURATION}s; best of $ROUNDS runs"

start_server() { # $1 = DATABASE_URL; more environment may follow as NAME=value
  local url=$1
  shift
  env "$@" DATABASE_URL="$url" DEMO_PASSWORD=$PASSWORD RUST_LOG=${RUST_LOG:-warn} \
    "$BIN" serve --demo --bind "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do curl -sf "$BASE/sign-in" -o /dev/null && return 0; sleep 0.1; done
  cat "$WORK/server.log"; exit 1
}

stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }

start_ceiling() { # $1 = file with the bytes to answer
  "$CEILING" "$CEILING_PORT" "$1" &
  CEILING_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$CEILING_PORT/" -o /dev/null && return 0; sleep 0.1; done
  echo "the ceiling did not start"; exit 1
}

stop_ceiling() { kill "$CEILING_PID"; wait "$CEILING_PID" 2>/dev/null || true; CEILING_PID=; }

sign_in() { # $1 = email; prints the session cookie
  local jar="$WORK/jar-$1"
  local token
  rm -f "$jar"
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/sign-in" | grep -o 'name="csrf_token" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//')
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf_token=$token" \
    --data-urlencode "email=$1" --data-urlencode "password=$PASSWORD" "$BASE/sign-in"
  awk '$6 == "sc_session" { print "sc_session=" $7 }' "$jar"
}

rss_of() { awk '/VmRSS/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$1/status"; }

to_ms() { # a wrk duration (850.00us, 1.20ms, 2.00s) in milliseconds
  awk -v d="$1" 'BEGIN {
    v = d + 0
    if (d ~ /us$/) v /= 1000; else if (d ~ /ms$/) v += 0; else if (d ~ /m$/) v *= 60000; else if (d ~ /s$/) v *= 1000
    printf "%.2f", v }'
}

# wrk_figures OUTPUT: "req/s p50 p99 non-2xx"
wrk_figures() {
  local rps p50 p99 non2xx
  rps=$(echo "$1" | awk '/Requests\/sec/ { print $2 }')
  p50=$(to_ms "$(echo "$1" | awk '$1 == "50%" { print $2 }')")
  p99=$(to_ms "$(echo "$1" | awk '$1 == "99%" { print $2 }')")
  non2xx=$(echo "$1" | awk '/Non-2xx/ { print $NF }')
  echo "$rps $p50 $p99 ${non2xx:-0}"
}

failed() { # $1 = count of non-2xx answers; says so when there were any
  [ "${1:-0}" != 0 ] && echo " ($1 answers not 2xx!)" || true
}

ROWS=
row() { # page, req/s, p50, p99, ratio, RSS
  ROWS+=$(printf '| %s | %s | %s | %s | %s | %s |' "$@")$'\n'
}
print_table() { # $1 = title
  echo
  echo "### $1"
  echo
  echo "| page | req/s | p50 ms | p99 ms | ratio to ceiling | RSS |"
  echo "|---|---:|---:|---:|---:|---:|"
  printf '%s' "$ROWS"
  ROWS=
}

# bench_page LABEL COOKIE PATH: the ceiling with the page's bytes and the app, alternating.
bench_page() {
  local label=$1 cookie=$2 path=$3
  local body="$WORK/body.html"
  local status
  status=$(curl -s -o "$body" -w '%{http_code}' -H "Cookie: $cookie" "$BASE$path")
  if [ "$status" != 200 ]; then
    echo "$label: $path answered $status; not measured"
    return
  fi
  start_ceiling "$body"
  local best_c="0 0 0 0" best_a="0 0 0 0" round out figures
  for round in $(seq 1 "$ROUNDS"); do
    out=$(wrk "${WRK_PAGE[@]}" -d"${DURATION}s" "http://127.0.0.1:$CEILING_PORT$path")
    figures=$(wrk_figures "$out")
    awk -v a="$figures" -v b="$best_c" 'BEGIN { split(a, x); split(b, y); exit !(x[1] > y[1]) }' && best_c=$figures
    out=$(wrk "${WRK_PAGE[@]}" -d"${DURATION}s" -H "Cookie: $cookie" "$BASE$path")
    figures=$(wrk_figures "$out")
    awk -v a="$figures" -v b="$best_a" 'BEGIN { split(a, x); split(b, y); exit !(x[1] > y[1]) }' && best_a=$figures
    echo "  round $round: ceiling $(echo "$best_c" | cut -d' ' -f1) req/s, app $(echo "$figures" | cut -d' ' -f1) req/s ($(echo "$figures" | cut -d' ' -f4) non-2xx)" >&2
  done
  local c_rss a_rss
  c_rss=$(rss_of "$CEILING_PID")
  a_rss=$(rss_of "$SERVER_PID")
  stop_ceiling
  read -r c_rps c_p50 c_p99 _ <<<"$best_c"
  read -r a_rps a_p50 a_p99 a_non2xx <<<"$best_a"
  local bytes ratio
  bytes=$(wc -c <"$body")
  ratio=$(awk -v a="$a_rps" -v c="$c_rps" 'BEGIN { if (c > 0) printf "%.1f %%", 100 * a / c; else print "-" }')
  APP_RPS["$BACKEND/$label"]=$a_rps
  row "ceiling, $bytes bytes" "$c_rps" "$c_p50" "$c_p99" "100 %" "$c_rss"
  row "$label$(failed "$a_non2xx")" "$a_rps" "$a_p50" "$a_p99" "$ratio" "$a_rss"
}

# The two measured pages and who opens them (demo accounts).
find_subscription_page() { # $1 = partner's cookie
  local customers adatum
  customers=$(curl -s -H "Cookie: $1" "$BASE/customers")
  adatum=$(echo "$customers" | grep -o '/customers/[0-9a-f-]*">Adatum' | cut -d'"' -f1)
  curl -s -H "Cookie: $1" "$BASE$adatum" | grep -o "$adatum/subscriptions/[0-9a-f-]*\">Office 365 Business Standard" | cut -d'"' -f1
}

declare -A APP_RPS # "backend/page" -> the app's req/s, for the PostgreSQL / SQLite line
BACKEND=
bench_backend() { # $1 = label, $2 = DATABASE_URL
  BACKEND=$1
  echo
  echo "== $1"
  start_server "$2"
  local helpdesk admin sub
  helpdesk=$(sign_in helpdesk@contoso.example)
  admin=$(sign_in admin@adatum.example)
  sub=$(find_subscription_page "$helpdesk")
  bench_page "Support page (customer admin)" "$admin" /admin/support
  bench_page "subscription page (helpdesk)" "$helpdesk" "$sub"
  stop_server
  print_table "$1"
}

if part pages; then
bench_backend SQLite "sqlite://$WORK/bench.db"

PG_DB="sc_bench_$$"
if psql "$PG_SERVER/postgres" -qc "CREATE DATABASE $PG_DB" >/dev/null 2>&1; then
  echo
  via="TCP, with TLS when the server offers it"
  [[ "$PG_SERVER" == *%2F* ]] && via="its Unix socket"
  echo "PostgreSQL: $PG_SERVER, through $via; parameters: ${PG_PARAMS:-none}"
  bench_backend PostgreSQL "$PG_SERVER/$PG_DB${PG_PARAMS:+?$PG_PARAMS}"
  echo
  for page in "Support page (customer admin)" "subscription page (helpdesk)"; do
    awk -v p="${APP_RPS[PostgreSQL/$page]:-0}" -v s="${APP_RPS[SQLite/$page]:-0}" -v n="$page" \
      'BEGIN { if (s > 0) printf "PostgreSQL / SQLite, %s: %.1f %%\n", n, 100 * p / s }'
  done
  psql "$PG_SERVER/postgres" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  PG_DB=
else
  PG_DB=
  echo "PostgreSQL: NOT measured (no server at $PG_SERVER)"
fi
fi

# The sign-in flood: every attacking request names its own unknown email and comes from its own
# address (the server trusts 127.0.0.1 as a proxy, each request carries another
# X-Forwarded-For), so the per-account and per-address limits never step in: this measures the
# hashing threads and their queue. A client that is told "busy" (503) asks again at once.
cat >"$WORK/flood.lua" <<'LUA'
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) checked = 0; busy = 0; other = 0; math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16)) end
request = function()
  local body = "csrf_token=" .. os.getenv("FLOOD_TOKEN") .. "&email=x" .. math.random(1, 1000000000) ..
    "%40attack.example&password=wrong"
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = os.getenv("FLOOD_COOKIE"),
    ["X-Forwarded-For"] = "10." .. math.random(0, 255) .. "." .. math.random(0, 255) .. "." .. math.random(1, 254),
  }
  return wrk.format("POST", "/sign-in", headers, body)
end
function response(status, headers, body)
  if status == 401 then checked = checked + 1 elseif status == 503 then busy = busy + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local c, b, o = 0, 0, 0
  for _, t in ipairs(threads) do c = c + t:get("checked"); b = b + t:get("busy"); o = o + t:get("other") end
  local s = summary.duration / 1e6
  io.write(string.format("FLOOD checked/s %.1f busy/s %.1f other %d\n", c / s, b / s, o))
end
LUA

peak_rss() { # $1 = pid, $2 = file; samples every 0.1 s until the file's owner stops it
  local peak=0 now
  while [ -e "$2.run" ]; do
    now=$(awk '/VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0)
    [ "${now:-0}" -gt "$peak" ] && peak=$now
    sleep 0.1
  done
  echo "$peak" >"$2"
}

flood() { # $1 = seconds; prints the wrk output; FLOOD_COOKIE and FLOOD_TOKEN set
  wrk -t2 -c64 --latency -d"$1s" -s "$WORK/flood.lua" "$BASE"
}

if part flood; then
echo
echo "== sign-in flood (SQLite)"
argon2_rate=$("$HASH_RATE" "$CORES" "$DURATION" | awk '{ print $2 }')
row "argon2 alone, $CORES threads (hashes/s)" "$argon2_rate" - - "-" -
start_server "sqlite://$WORK/flood.db" TRUSTED_PROXIES=127.0.0.1
admin=$(sign_in admin@adatum.example)
jar="$WORK/jar-flood"
FLOOD_TOKEN=$(curl -s -c "$jar" "$BASE/sign-in" | grep -o 'name="csrf_token" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//')
FLOOD_COOKIE=$(awk '$6 == "sc_session" { print "sc_session=" $7 }' "$jar")
export FLOOD_TOKEN FLOOD_COOKIE
sleep 2
row "at rest after the demo load" - - - - "$(rss_of "$SERVER_PID")"

touch "$WORK/peak.run"
peak_rss "$SERVER_PID" "$WORK/peak" &
sampler=$!
out=$(flood "$DURATION")
rm -f "$WORK/peak.run"; wait "$sampler"
read -r _ _ p50 p99 _ <<<"x $(wrk_figures "$out")"
checked=$(echo "$out" | awk '/^FLOOD/ { print $3 }')
busy=$(echo "$out" | awk '/^FLOOD/ { print $5 }')
ratio=$(awk -v a="$checked" -v c="$argon2_rate" 'BEGIN { printf "%.1f %% of argon2", 100 * a / c }')
row "64 sign-ins at once (checked/s; $busy busy/s)" "$checked" "$p50" "$p99" "$ratio" "peak $(awk '{ printf "%.0f MiB", $1 / 1024 }' "$WORK/peak")"
sleep 2
row "after the flood (2 s)" - - - - "$(rss_of "$SERVER_PID")"

touch "$WORK/peak.run"
peak_rss "$SERVER_PID" "$WORK/peak" &
sampler=$!
flood "$DURATION" >"$WORK/flood2.txt" &
flooder=$!
sleep 1
out=$(wrk "${WRK_PAGE[@]}" -d"$((DURATION - 2))s" -H "Cookie: $admin" "$BASE/admin/support")
wait "$flooder"
rm -f "$WORK/peak.run"; wait "$sampler"
read -r rps p50 p99 non2xx <<<"$(wrk_figures "$out")"
row "Support page during the flood$(failed "$non2xx")" "$rps" "$p50" "$p99" - "peak $(awk '{ printf "%.0f MiB", $1 / 1024 }' "$WORK/peak")"
checked=$(awk '/^FLOOD/ { print $3 }' "$WORK/flood2.txt")
read -r _ _ p50 p99 _ <<<"x $(wrk_figures "$(cat "$WORK/flood2.txt")")"
row "sign-ins alongside (checked/s)" "$checked" "$p50" "$p99" "$(awk -v a="$checked" -v c="$argon2_rate" 'BEGIN { printf "%.1f %% of argon2", 100 * a / c }')" -
stop_server
print_table "sign-in flood, SQLite (ratio: of argon2 alone)"
fi

if part scale; then
  echo
  bash tests/bench/scale.sh "$DURATION"
fi
