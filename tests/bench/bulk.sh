#!/usr/bin/env bash
# Benchmark: the bulk change of 10,000 subscriptions' designated support contact through the
# API (POST /v1/bulk/supportcontact), on SQLite and on PostgreSQL. The subscriptions are made
# with the CSV import (Adatum Corporation, contact Contoso; Fabrikam may become their contact),
# the server is restarted so its memory figures concern the API alone, then a partner's script
# takes a token, lists them, and changes all of them to Fabrikam in one call (or a few, with
# BULK_CALLS). Prints the time and the server's peak RSS (VmHWM); asserts nothing.
# Usage: bash tests/bench/bulk.sh [subscriptions]
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT=${1:-10000}
CALLS=${BULK_CALLS:-1}
PG_SERVER=${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}
PASSWORD=bench-password-123
WORK=$(mktemp -d)
PORT=18183
BASE="http://127.0.0.1:$PORT"
SERVER_PID=

cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== release build"
cargo build --release --locked --bin support-contacts 2>&1 | tail -n 1
BIN=target/release/support-contacts

python3 - "$COUNT" > "$WORK/import.csv" <<'PY'
import sys
print("customer_name,customer_domain,country,external_subscription_id,product,quantity,commerce_type,status,reseller_partner_id")
for s in range(int(sys.argv[1])):
    print(f"Adatum Corporation,adatum.example,US,BULK-{s:05d},Bench Product {s % 50:02d},{1 + s % 300},legacy,active,")
PY

start_server() { # $1 = DATABASE_URL
  DATABASE_URL="$1" DEMO_PASSWORD=$PASSWORD API_REQUESTS_PER_MINUTE=100000 "$BIN" serve --demo \
    --bind "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "$BASE/sign-in" -o /dev/null && return 0; sleep 0.1; done
  cat "$WORK/server.log"; exit 1
}
stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; }
peak_rss() { awk '/VmHWM/ { printf "%.0f MiB", $2 / 1024 }' "/proc/$SERVER_PID/status"; }
token_of() { grep -o 'name="csrf_token" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//'; }
input_of() { grep -o "name=\"$1\" [^>]*value=\"[^\"]*\"" | head -n 1 | sed 's/.*value="//;s/"$//'; }

# As Contoso's Global admin on the pages: import the subscriptions, create an API client.
prepare() {
  local jar="$WORK/jar" token preview action created
  rm -f "$jar"
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/sign-in" | token_of)
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf_token=$token" \
    --data-urlencode "email=global.admin@contoso.example" --data-urlencode "password=$PASSWORD" "$BASE/sign-in"
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/customers/import" | token_of)
  preview=$(curl -s -c "$jar" -b "$jar" -F "csrf_token=$token" -F "file=@$WORK/import.csv" "$BASE/customers/import")
  action=$(printf '%s' "$preview" | grep -o 'action="/customers/import/[^"]*"' | sed 's/action="//;s/"$//')
  [ -n "$action" ] || { echo "the import preview offered no Apply"; printf '%s' "$preview" | head -c 2000; exit 1; }
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf_token=$token" "$BASE$action"
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/api-clients" | token_of)
  created=$(curl -s -c "$jar" -b "$jar" --data-urlencode "csrf_token=$token" --data-urlencode "name=Bench script" \
    --data-urlencode "role=admin_agent" --data-urlencode "lifetime_days=30" "$BASE/api-clients")
  CLIENT_ID=$(printf '%s' "$created" | input_of client_id)
  CLIENT_SECRET=$(printf '%s' "$created" | input_of client_secret)
  [ -n "$CLIENT_SECRET" ] || { echo "no API client was created"; exit 1; }
}

run() { # $1 = label, $2 = DATABASE_URL
  start_server "$2"
  prepare
  stop_server
  start_server "$2"
  local after_start
  after_start=$(peak_rss)
  # The partner's script: token, list, one bulk call (or BULK_CALLS), with timings.
  python3 - "$BASE" "$CLIENT_ID" "$CLIENT_SECRET" "$CALLS" "$SERVER_PID" > "$WORK/figures" <<'PY'
import base64, json, sys, time, urllib.request
base, client_id, secret, calls, pid = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
def peak_rss():
    with open(f"/proc/{pid}/status") as status:
        kib = next(int(l.split()[1]) for l in status if l.startswith("VmHWM"))
    return f"{kib / 1024:.0f} MiB"
def request(method, path, token=None, body=None, headers=None):
    req = urllib.request.Request(base + path, method=method, data=body, headers=headers or {})
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=600) as res:
        return json.loads(res.read())
basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
token = request("POST", "/v1/token", body=b"grant_type=client_credentials",
                headers={"Authorization": f"Basic {basic}",
                         "Content-Type": "application/x-www-form-urlencoded"})["access_token"]
def all_pages(path):
    items, uri = [], path
    while uri:
        page = request("GET", uri, token)
        items += page["items"]
        uri = (page["links"].get("next") or {}).get("uri")
    return items
t0 = time.monotonic()
customers = all_pages("/v1/customers?size=200")
adatum = next(c for c in customers if c["name"] == "Adatum Corporation")
subs = [s for s in all_pages(f"/v1/customers/{adatum['id']}/subscriptions?size=200")
        if s["offerName"].startswith("Bench Product")]
listed = time.monotonic() - t0
rss_listed = peak_rss()
first = subs[0]
eligible = request("GET", f"/v1/customers/{adatum['id']}/subscriptions/{first['id']}/supportcontact/eligible", token)
fabrikam = next(c for c in eligible["items"] if c["name"] == "Fabrikam Solutions")
items = [{"customerId": s["customerId"], "subscriptionId": s["id"], "etag": s["attributes"]["etag"]} for s in subs]
size = -(-len(items) // calls)
changed = refused = 0
t0 = time.monotonic()
for i in range(0, len(items), size):
    body = json.dumps({"supportTenantId": fabrikam["supportTenantId"], "items": items[i:i + size]}).encode()
    answer = request("POST", "/v1/bulk/supportcontact", token, body, {"Content-Type": "application/json"})
    changed += answer["changed"]
    refused += answer["refused"]
took = time.monotonic() - t0
print(f"listed {len(subs)} subscriptions in {listed:.2f} s (peak RSS then {rss_listed}); "
      f"bulk change in {calls} call(s): {took:.2f} s, changed {changed}, refused {refused}; "
      f"peak RSS after it {peak_rss()}")
PY
  printf '%-11s %s\n' "$1" "$(cat "$WORK/figures")"
  printf '%-11s server peak RSS (VmHWM) after start: %s\n' "$1" "$after_start"
  stop_server
}

echo "== bulk change of $COUNT subscriptions through the API"
run "SQLite" "sqlite://$WORK/bench.db"
if psql "$PG_SERVER/postgres" -Atc 'select 1' >/dev/null 2>&1; then
  psql "$PG_SERVER/postgres" -qc 'DROP DATABASE IF EXISTS sc_bench_bulk' -c 'CREATE DATABASE sc_bench_bulk'
  run "PostgreSQL" "$PG_SERVER/sc_bench_bulk"
  psql "$PG_SERVER/postgres" -qc 'DROP DATABASE IF EXISTS sc_bench_bulk WITH (FORCE)'
else
  echo "PostgreSQL: NOT measured (no server at $PG_SERVER)"
fi
