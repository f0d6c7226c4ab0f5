#!/usr/bin/env bash
# Benchmarks: release build time, requests per second for the Support page and the
# subscription page on SQLite and PostgreSQL, and the Customers page with 100,000 customers.
# Prints figures; asserts nothing. Usage: bash tests/bench/run.sh [seconds-per-run]
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-10}
PG_SERVER=${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}
PASSWORD=bench-password-123
WORK=$(mktemp -d)
PORT=18181
BASE="http://127.0.0.1:$PORT"
SERVER_PID=

cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

echo "== release build"
start=$(date +%s)
cargo build --release --locked --bin support-contacts 2>&1 | tail -n 1
echo "release build: $(( $(date +%s) - start ))s (incremental if target/release existed)"
BIN=target/release/support-contacts

start_server() { # $1 = DATABASE_URL
  DATABASE_URL="$1" DEMO_PASSWORD=$PASSWORD "$BIN" serve --demo --bind "127.0.0.1:$PORT" \
    >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "$BASE/sign-in" -o /dev/null && return 0; sleep 0.1; done
  cat "$WORK/server.log"; exit 1
}

stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }

sign_in() { # $1 = email; prints the session cookie
  local jar="$WORK/jar-$1"
  local token
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/sign-in" | grep -o 'name="csrf_token" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//')
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf_token=$token" \
    --data-urlencode "email=$1" --data-urlencode "password=$PASSWORD" "$BASE/sign-in"
  awk '$6 == "sc_session" { print "sc_session=" $7 }' "$jar"
}

load() { # $1 = label, $2 = cookie, $3 = path
  local out
  out=$(wrk -t2 -c16 -d"${DURATION}s" -H "Cookie: $2" "$BASE$3")
  local rps latency non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  latency=$(echo "$out" | awk '/Latency/ { print $2 }')
  non2xx=$(echo "$out" | awk '/Non-2xx/ { print $NF }')
  printf '%-48s %10s req/s   mean latency %-8s non-2xx: %s\n' "$1" "$rps" "$latency" "${non2xx:-0}"
}

rss() { awk '/VmRSS/ { print $2 / 1024 " MiB" }' "/proc/$SERVER_PID/status"; }

bench_backend() { # $1 = label, $2 = DATABASE_URL
  start_server "$2"
  local helpdesk admin customers adatum sub
  helpdesk=$(sign_in helpdesk@contoso.example)
  admin=$(sign_in admin@adatum.example)
  customers=$(curl -s -H "Cookie: $helpdesk" "$BASE/customers")
  adatum=$(echo "$customers" | grep -o '/customers/[0-9a-f-]*">Adatum' | cut -d'"' -f1)
  sub=$(curl -s -H "Cookie: $helpdesk" "$BASE$adatum" | grep -o "$adatum/subscriptions/[0-9a-f-]*\">Office 365 Business Standard" | cut -d'"' -f1)
  load "$1: Support page (customer admin)" "$admin" /admin/support
  load "$1: subscription page (helpdesk)" "$helpdesk" "$sub"
  echo "$1: server memory after load: $(rss)"
  stop_server
}

echo "== requests per second, ${DURATION}s each, wrk -t2 -c16 on this machine"
bench_backend sqlite "sqlite://$WORK/bench.db"

PG_DB="sc_bench_$$"
if psql "$PG_SERVER/postgres" -qc "CREATE DATABASE $PG_DB" 2>/dev/null; then
  bench_backend postgres "$PG_SERVER/$PG_DB"
else
  echo "postgres: NOT measured (no server at $PG_SERVER)"
fi

echo "== Customers page with 100,000 customers (SQLite)"
start_server "sqlite://$WORK/big.db"
stop_server
python3 - "$WORK/big.db" <<'PY'
import sqlite3, sys, uuid
db = sqlite3.connect(sys.argv[1])
contoso = db.execute("select id from organizations where partner_id = '1000001'").fetchone()[0]
now = db.execute("select created_at from organizations limit 1").fetchone()[0]
orgs, subs = [], []
for i in range(100_000):
    cid = str(uuid.uuid4())
    name = f"Bench Customer {i:06d}"
    orgs.append((cid, "customer", name, name.lower(), None, str(uuid.uuid4()), None, None, None, now))
    subs.append((str(uuid.uuid4()), cid, contoso, "Office 365 E1", 1, "active", "license_based", contoso, 1, now, now))
db.executemany("insert into organizations values (?,?,?,?,?,?,?,?,?,?)", orgs)
db.executemany("insert into subscriptions values (?,?,?,?,?,?,?,?,?,?,?)", subs)
db.commit()
print("inserted", len(orgs), "customers")
PY
start_server "sqlite://$WORK/big.db"
helpdesk=$(sign_in helpdesk@contoso.example)
deep=$(curl -s -H "Cookie: $helpdesk" "$BASE/customers?q=bench%20customer%20099" | grep -o 'href="/customers?q=[^"]*after=[^"]*"' | head -n 1 | sed 's/href="//;s/"$//;s/&#38;/\&/g;s/&amp;/\&/g')
load "100k customers: first page" "$helpdesk" /customers
load "100k customers: a page deep in a search" "$helpdesk" "$deep"
load "100k customers: search by part of a name" "$helpdesk" "/customers?q=customer%20054"
echo "server memory after load: $(rss)"
stop_server
psql "$PG_SERVER/postgres" -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" 2>/dev/null || true
