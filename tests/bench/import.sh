#!/usr/bin/env bash
# Benchmark: a provider imports 10,000 customers with 50,000 subscriptions through the pages
# (upload + preview, then apply), on SQLite and on PostgreSQL, and re-imports its own export.
# Prints the time of each step and the server's peak resident memory; asserts nothing.
# Usage: bash tests/bench/import.sh [customers] [subscriptions-per-customer]
set -euo pipefail
cd "$(dirname "$0")/../.."
CUSTOMERS=${1:-10000}
PER_CUSTOMER=${2:-5}
PG_SERVER=${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}
PASSWORD=bench-password-123
WORK=$(mktemp -d)
PORT=18182
BASE="http://127.0.0.1:$PORT"
SERVER_PID=

cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== release build"
cargo build --release --locked --bin support-contacts 2>&1 | tail -n 1
BIN=target/release/support-contacts

echo "== the file: $CUSTOMERS customers, $((CUSTOMERS * PER_CUSTOMER)) subscriptions"
python3 - "$CUSTOMERS" "$PER_CUSTOMER" > "$WORK/import.csv" <<'PY'
import sys
customers, per = int(sys.argv[1]), int(sys.argv[2])
print("customer_name,customer_domain,country,external_subscription_id,product,quantity,commerce_type,status,reseller_partner_id")
products = ["Microsoft 365 E3", "Office 365 E1", "Exchange Online (Plan 1)", "Visio Plan 2", "Project Plan 3"]
for c in range(customers):
    for s in range(per):
        commerce = "new_commerce" if s == per - 1 else "legacy"
        print(f"Bench Customer {c:05d},bench{c:05d}.example,US,B-{c:05d}-{s},{products[s % len(products)]},{1 + (c + s) % 300},{commerce},active,")
PY
ls -l "$WORK/import.csv" | awk '{ printf "file size: %.1f MiB\n", $5 / 1048576 }'

start_server() { # $1 = DATABASE_URL
  DATABASE_URL="$1" DEMO_PASSWORD=$PASSWORD "$BIN" serve --demo --bind "127.0.0.1:$PORT" \
    >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "$BASE/sign-in" -o /dev/null && return 0; sleep 0.1; done
  cat "$WORK/server.log"; exit 1
}
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }
peak_rss() { awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$SERVER_PID/status"; }
token_of() { grep -o 'name="csrf_token" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//'; }

run() { # $1 = label, $2 = DATABASE_URL
  local jar="$WORK/jar" t0 t1 t2 token preview action
  rm -f "$jar"
  start_server "$2"
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/sign-in" | token_of)
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf_token=$token" \
    --data-urlencode "email=global.admin@contoso.example" --data-urlencode "password=$PASSWORD" "$BASE/sign-in"
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/customers/import" | token_of)
  t0=$(date +%s.%N)
  preview=$(curl -s -c "$jar" -b "$jar" -F "csrf_token=$token" -F "file=@$WORK/import.csv" "$BASE/customers/import")
  t1=$(date +%s.%N)
  action=$(printf '%s' "$preview" | grep -o 'action="/customers/import/[^"]*"' | sed 's/action="//;s/"$//')
  [ -n "$action" ] || { echo "$1: the preview offered no Apply"; printf '%s' "$preview" | head -c 2000; exit 1; }
  curl -s -c "$jar" -b "$jar" -o "$WORK/applied.html" --data-urlencode "csrf_token=$token" "$BASE$action"
  t2=$(date +%s.%N)
  grep -q 'import-applied\|The import was applied' "$WORK/applied.html" || { echo "$1: apply failed"; head -c 2000 "$WORK/applied.html"; exit 1; }
  printf '%-11s upload+preview %6.2f s   apply %6.2f s   total %6.2f s   peak RSS %s\n' \
    "$1" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$(echo "$t2 - $t0" | bc)" "$(peak_rss)"
  # The export, imported again, changes nothing.
  curl -s -c "$jar" -b "$jar" -o "$WORK/export.csv" "$BASE/customers/export.csv"
  t0=$(date +%s.%N)
  preview=$(curl -s -c "$jar" -b "$jar" -F "csrf_token=$token" -F "file=@$WORK/export.csv" "$BASE/customers/import")
  t1=$(date +%s.%N)
  printf '%-11s re-import of the export (%s lines): preview %.2f s, %s\n' "$1" \
    "$(($(wc -l < "$WORK/export.csv") - 1))" "$(echo "$t1 - $t0" | bc)" \
    "$(printf '%s' "$preview" | tr -s ' \n' ' ' | grep -o '<tr> <th scope="row">[^<]*</th> <td[^>]*>[0-9]*</td> <td[^>]*>[0-9]*</td>' | sed 's/<[^>]*>//g;s/  */ /g' | paste -sd';' -)"
  stop_server
}

command -v bc >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc >/dev/null; }
echo "== import"
run "SQLite" "sqlite://$WORK/bench.db"
if psql "$PG_SERVER/postgres" -Atc 'select 1' >/dev/null 2>&1; then
  psql "$PG_SERVER/postgres" -qc 'DROP DATABASE IF EXISTS sc_bench_import' -c 'CREATE DATABASE sc_bench_import'
  run "PostgreSQL" "$PG_SERVER/sc_bench_import"
  psql "$PG_SERVER/postgres" -qc 'DROP DATABASE IF EXISTS sc_bench_import WITH (FORCE)'
else
  echo "PostgreSQL: NOT measured (no server at $PG_SERVER)"
fi
