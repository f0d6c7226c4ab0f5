#!/usr/bin/env bash
# Scale benchmark: every list page at 1,000 and at 100,000 customers (10 subscriptions each),
# on SQLite and PostgreSQL. Makes both datasets with `support-contacts bench-data` (the time of
# the large one is printed), serves both at once (one server each), and runs each page with wrk
# on the small and the large one in turn, ROUNDS times (default 2), keeping the better run of
# each: measured minutes apart, a machine that speeds up or slows down in between (other work
# on the host) moved ratios by a quarter. Prints one table and the query plans of the list
# queries. Prints figures; asserts nothing.
# Usage: bash tests/bench/scale.sh [seconds-per-run] [large-customer-count]
# Environment: ROUNDS (default 2), BACKENDS (default "sqlite sqlite-bare postgres"; sqlite-bare
# is SQLite without the statistics that `bench-data` gathers, as a partner's file is unless an
# operator runs ANALYZE: the product's queries must not depend on them).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-10}
LARGE=${2:-100000}
SMALL=1000
ROUNDS=${ROUNDS:-2}
PG_SERVER=${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}
export DEMO_PASSWORD=bench-password-123
WORK=$(mktemp -d)
# Free ports, one for each size's server: other benchmarks may be running on this machine.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
declare -A PORT_OF SERVER_OF # size -> its server's port, pid
PORT_OF[$SMALL]=$(free_port)
PORT_OF[$LARGE]=$(free_port)
while [ "${PORT_OF[$LARGE]}" = "${PORT_OF[$SMALL]}" ]; do PORT_OF[$LARGE]=$(free_port); done
BASE=
PG_DBS=()
# The number of the 124th customer: at any size exactly one customer's name contains it.
RARE=000123

cleanup() {
  for pid in "${SERVER_OF[@]}"; do kill "$pid" 2>/dev/null || true; done
  for db in "${PG_DBS[@]}"; do psql "$PG_SERVER/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

echo "== release build"
cargo build --release --bin support-contacts 2>&1 | tail -n 1
BIN=target/release/support-contacts

start_server() { # $1 = DATABASE_URL, $2 = size; BASE becomes its address
  local port=${PORT_OF[$2]}
  BASE="http://127.0.0.1:$port"
  DATABASE_URL="$1" "$BIN" serve --demo --bind "127.0.0.1:$port" >"$WORK/server-$2.log" 2>&1 &
  SERVER_OF[$2]=$!
  for _ in $(seq 1 300); do
    kill -0 "${SERVER_OF[$2]}" 2>/dev/null || break
    curl -sf "$BASE/sign-in" -o /dev/null && return 0
    sleep 0.1
  done
  cat "$WORK/server-$2.log"; exit 1
}

stop_servers() {
  for size in "${!SERVER_OF[@]}"; do
    kill "${SERVER_OF[$size]}"; wait "${SERVER_OF[$size]}" 2>/dev/null || true
  done
  SERVER_OF=()
}

sign_in() { # $1 = email; prints the session cookie
  local jar="$WORK/jar-$1"
  rm -f "$jar"
  local token
  token=$(curl -s -c "$jar" -b "$jar" "$BASE/sign-in" | grep -o 'name="csrf_token" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//')
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf_token=$token" \
    --data-urlencode "email=$1" --data-urlencode "password=$DEMO_PASSWORD" "$BASE/sign-in"
  awk '$6 == "sc_session" { print "sc_session=" $7 }' "$jar"
}

sql() { # $1 = backend, $2 = DATABASE_URL, $3 = SQL; prints rows, columns separated by |
  if [[ $1 == sqlite* ]]; then
    python3 -c 'import sqlite3,sys
for r in sqlite3.connect(sys.argv[1], isolation_level=None).execute(sys.argv[2]): print("|".join(map(str, r)))' "${2#sqlite://}" "$3"
  else
    psql "$2" -AtXqc "$3"
  fi
}

# Results: one line per page, "page backend size rps p50 p99 rss".
RESULTS="$WORK/results"
: >"$RESULTS"

# The pages to measure, in order, and for each size its path and the cookie that opens it.
PAGES=()
declare -A PATH_OF COOKIE_OF # "size/page" -> path, cookie
page() { # $1 = size, $2 = page, $3 = cookie, $4 = path
  [ "$1" = "$SMALL" ] && PAGES+=("$2")
  PATH_OF[$1/$2]=$4
  COOKIE_OF[$1/$2]=$3
}

run_once() { # $1 = size, $2 = page; prints "req/s p50 p99"
  local out non2xx
  out=$(wrk -t2 -c32 --latency -d"${DURATION}s" -H "Cookie: ${COOKIE_OF[$1/$2]}" \
    "http://127.0.0.1:${PORT_OF[$1]}${PATH_OF[$1/$2]}")
  non2xx=$(echo "$out" | awk '/Non-2xx/ { print $NF }')
  [ -n "$non2xx" ] && echo "  WARNING: $2 @$1 answered $non2xx non-2xx responses" >&2
  echo "$out" | awk '/Requests\/sec/ { r = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 } END { print r, p50, p99 }'
}

# Each page on the small and the large dataset in turn, ROUNDS times; the better run of each.
measure_pages() { # $1 = backend
  local name size round figures best rps p50 p99 bytes
  for name in "${PAGES[@]}"; do
    declare -A best_of=()
    for round in $(seq 1 "$ROUNDS"); do
      for size in $SMALL $LARGE; do
        figures=$(run_once "$size" "$name")
        best=${best_of[$size]:-0}
        awk -v a="${figures%% *}" -v b="${best%% *}" 'BEGIN { exit !(a + 0 > b + 0) }' && best_of[$size]=$figures
        # A slow page's last requests finish before the other size is loaded.
        sleep 0.5
      done
    done
    for size in $SMALL $LARGE; do
      read -r rps p50 p99 <<<"${best_of[$size]}"
      # The page's size: where it differs, the two sizes do not show the same number of rows.
      bytes=$(curl -s -o /dev/null -w '%{size_download}' -H "Cookie: ${COOKIE_OF[$size/$name]}" \
        "http://127.0.0.1:${PORT_OF[$size]}${PATH_OF[$size/$name]}")
      echo "$name $1 $size $rps $p50 $p99 $(awk '/VmRSS/ { printf "%.0fMiB", $2 / 1024 }' "/proc/${SERVER_OF[$size]}/status") $bytes" >>"$RESULTS"
      echo "  $name @$size: $rps req/s, p50 $p50, p99 $p99, $bytes bytes"
    done
    unset best_of
  done
}

# The list queries, as the product sends them (src/db), with this dataset's values.
explain_all() { # $1 = backend, $2 = DATABASE_URL
  local contoso fabrikam adatum deep_name deep_id q e
  contoso=$(sql "$1" "$2" "SELECT id FROM organizations WHERE partner_id = '1000001'")
  fabrikam=$(sql "$1" "$2" "SELECT id FROM organizations WHERE partner_id = '2000001'")
  adatum=$(sql "$1" "$2" "SELECT id FROM organizations WHERE name = 'Adatum Corporation'")
  deep_name="Summit Media Ltd 099000"
  deep_id=00000000-0000-0000-0000-000000000000
  local customer_of="EXISTS (SELECT 1 FROM customer_relationships WHERE customer_relationships.customer_id = organizations.id AND customer_relationships.partner_id = '$contoso' UNION ALL SELECT 1 FROM subscriptions WHERE subscriptions.customer_id = organizations.id AND subscriptions.provider_id = '$contoso')"
  local rare_ids middling_ids
  rare_ids=$(sql "$1" "$2" "SELECT id FROM organizations WHERE kind = 'customer' AND search_name LIKE '%$RARE%'" | sed "s/.*/'&'/" | paste -sd, -)
  middling_ids=$(sql "$1" "$2" "SELECT id FROM organizations WHERE kind = 'customer' AND search_name LIKE '%summit media%'" | sed "s/.*/'&'/" | paste -sd, -)
  # The customers whose name contains a part, counted up to one more than asked for: on
  # SQLite from the trigram table (runs of three characters that cover the part, as
  # domain::trigram_query makes them), on PostgreSQL by LIKE, which its trigram index serves.
  named() { # $1 = part, $2 = its trigram query, $3 = limit
    if [[ $backend_of_plans == sqlite* ]]; then
      echo "SELECT organizations.id FROM organizations_search INNER JOIN organizations ON organizations.rowid = organizations_search.rowid WHERE organizations_search MATCH '$2' AND (organizations.kind || '') = 'customer' AND instr(organizations.search_name, '$1') > 0 LIMIT $3"
    else
      echo "SELECT organizations.id FROM organizations WHERE organizations.kind = 'customer' AND organizations.search_name LIKE '%$1%' ESCAPE '\\' LIMIT $3"
    fi
  }
  # A name filter's test of one customer's name, and a list of ids as the app binds it
  # (SQLite: one JSON array, db::filter_among).
  name_test() { # $1 = part
    if [[ $backend_of_plans == sqlite* ]]; then echo "instr(organizations.search_name, '$1') > 0"
    else echo "organizations.search_name LIKE '%$1%' ESCAPE '\\'"; fi
  }
  id_list() { # $1 = quoted ids separated by commas
    if [[ $backend_of_plans == sqlite* ]]; then echo "SELECT value FROM json_each('[$(echo "$1" | tr "'" '"')]')"
    else echo "$1"; fi
  }
  # The events of a few customers, both sides of Contoso's log in one read: their keys only.
  customers_keys() { # $1 = quoted ids
    echo "SELECT audit_events.occurred_at, audit_events.id FROM audit_events WHERE ((audit_events.organization_id || '') = '$contoso' OR (audit_events.related_organization_id || '') = '$contoso') AND audit_events.customer_id IN ($(id_list "$1")) ORDER BY audit_events.occurred_at DESC, audit_events.id DESC LIMIT 51"
  }
  local backend_of_plans=$1
  # A partner with few customers: their ids from its two indexes (organizations::customers_by_key).
  local few_ids="SELECT customer_relationships.customer_id FROM customer_relationships WHERE customer_relationships.partner_id = '$fabrikam' UNION SELECT subscriptions.customer_id FROM subscriptions WHERE subscriptions.provider_id = '$fabrikam'"
  local few_of
  # Read by key, SQLite only tests the kind (organizations::kind_is).
  local few_kind="organizations.kind = 'customer'"
  if [[ $1 == sqlite* ]]; then few_of="organizations.id IN ($few_ids)"; few_kind="(organizations.kind || '') = 'customer'"; else few_of="organizations.id = ANY(ARRAY($few_ids))"; fi
  local page_ids
  page_ids=$(sql "$1" "$2" "$(customers_keys "$middling_ids")" | sed "s/.*|//; s/.*/'&'/" | paste -sd, -)
  local cols="organizations.id, organizations.name, organizations.kind"
  local ev="audit_events.id, audit_events.occurred_at, audit_events.action"
  while IFS='=' read -r label q; do
    [ -z "$label" ] && continue
    echo "-- $1: $label"
    echo "   $q"
    if [[ $1 == sqlite* ]]; then e="EXPLAIN QUERY PLAN $q"; else e="EXPLAIN $q"; fi
    sql "$1" "$2" "$e" | sed 's/^/   /'
  done <<EOF
customers, first page=SELECT $cols FROM organizations WHERE organizations.kind = 'customer' AND $customer_of ORDER BY organizations.name, organizations.id LIMIT 26
customers, search by part of a name=SELECT $cols FROM organizations WHERE organizations.kind = 'customer' AND organizations.search_name LIKE '%bakery%' ESCAPE '\\' AND $customer_of ORDER BY organizations.name, organizations.id LIMIT 26
$(if [[ $1 == sqlite* ]]; then cat <<SQLITE
customers, rare search: the customers it names, up to 201=$(named "$RARE" '"000" AND "123"' 201)
customers, rare search: their page, by key=SELECT $cols FROM organizations WHERE (organizations.kind || '') = 'customer' AND organizations.id IN ($(id_list "$rare_ids")) AND organizations.search_name LIKE '%$RARE%' ESCAPE '\\' AND $customer_of ORDER BY organizations.name, organizations.id LIMIT 26
customers, common search: the customers it names (more than 200: the page walks the names as above)=$(named bakery '"bak" AND "ery"' 201)
SQLITE
else cat <<POSTGRES
customers, rare search (one query: the planner reads the trigram index)=SELECT $cols FROM organizations WHERE organizations.kind = 'customer' AND organizations.search_name LIKE '%$RARE%' ESCAPE '\\' AND $customer_of ORDER BY organizations.name, organizations.id LIMIT 26
POSTGRES
fi)
customers, a page deep in the results=SELECT $cols FROM organizations WHERE organizations.kind = 'customer' AND $customer_of AND organizations.name >= '$deep_name' AND (organizations.name > '$deep_name' OR (organizations.name = '$deep_name' AND organizations.id > '$deep_id')) ORDER BY organizations.name, organizations.id LIMIT 26
customers of a partner with few (its customers by key from its two indexes, then sorted)=SELECT $cols FROM organizations WHERE $few_kind AND $few_of ORDER BY organizations.name, organizations.id LIMIT 26
a customer's subscriptions=SELECT subscriptions.id FROM subscriptions WHERE subscriptions.customer_id = '$adatum' AND subscriptions.provider_id = '$contoso' ORDER BY subscriptions.product_name, subscriptions.id
supported subscriptions, first page=SELECT subscriptions.id, subscriptions.customer_name, subscriptions.product_name, organizations.name FROM subscriptions INNER JOIN organizations ON organizations.id = subscriptions.provider_id WHERE subscriptions.support_contact_id = '$fabrikam' AND subscriptions.provider_id <> '$fabrikam' ORDER BY subscriptions.customer_name, subscriptions.product_name, subscriptions.id LIMIT 51
supported subscriptions, the page after a cursor=SELECT subscriptions.id, subscriptions.customer_name, subscriptions.product_name, organizations.name FROM subscriptions INNER JOIN organizations ON organizations.id = subscriptions.provider_id WHERE subscriptions.support_contact_id = '$fabrikam' AND subscriptions.provider_id <> '$fabrikam' AND (subscriptions.customer_name, subscriptions.product_name, subscriptions.id) > ('M', 'M', '$deep_id') ORDER BY subscriptions.customer_name, subscriptions.product_name, subscriptions.id LIMIT 51
customers page beside a reseller's customers=SELECT subscriptions.customer_id, COUNT(*) FROM subscriptions WHERE subscriptions.support_contact_id = '$fabrikam' AND subscriptions.customer_id IN ('$adatum') GROUP BY subscriptions.customer_id
audit log (partner, own side, dates)=SELECT $ev FROM audit_events WHERE audit_events.organization_id = '$contoso' AND audit_events.occurred_at >= '2000-01-01 00:00:00' AND audit_events.occurred_at < '2100-01-01 00:00:00' ORDER BY audit_events.occurred_at DESC, audit_events.id DESC LIMIT 51
audit log (partner, related side, dates)=SELECT $ev FROM audit_events WHERE audit_events.related_organization_id = '$contoso' AND audit_events.occurred_at >= '2000-01-01 00:00:00' AND audit_events.occurred_at < '2100-01-01 00:00:00' ORDER BY audit_events.occurred_at DESC, audit_events.id DESC LIMIT 51
audit log (partner, the old single query with OR)=SELECT $ev FROM audit_events WHERE (audit_events.organization_id = '$contoso' OR audit_events.related_organization_id = '$contoso') AND audit_events.occurred_at >= '2000-01-01 00:00:00' ORDER BY audit_events.occurred_at DESC, audit_events.id DESC LIMIT 51
audit log customer name filter, rare: the customers it names, up to 501=$(named "$RARE" '"000" AND "123"' 501)
audit log customer name filter, rare: their events' keys by the customer index=$(customers_keys "$rare_ids")
audit log customer name filter, middling: the customers it names, up to 501=$(named "summit media" '"sum" AND "mit" AND " me" AND "dia"' 501)
audit log customer name filter, middling (up to 500 customers, 200 here): their events' keys by the customer index=$(customers_keys "$middling_ids")
audit log customer name filter, the page's events by key=SELECT $ev FROM audit_events WHERE audit_events.id IN ($(id_list "$page_ids"))
audit log customer name filter, common: the customers it names, up to 501=$(named bakery '"bak" AND "ery"' 501)
audit log customer name filter, common (more than 500 customers: the log in order, each event's customer by key; keys only, the page's events by key as above)=SELECT audit_events.occurred_at, audit_events.id FROM audit_events WHERE audit_events.organization_id = '$contoso' AND EXISTS (SELECT organizations.id FROM organizations WHERE organizations.id = audit_events.customer_id AND $(name_test bakery)) ORDER BY audit_events.occurred_at DESC, audit_events.id DESC LIMIT 51
audit log customer name filter, common, the other side=SELECT audit_events.occurred_at, audit_events.id FROM audit_events WHERE audit_events.related_organization_id = '$contoso' AND EXISTS (SELECT organizations.id FROM organizations WHERE organizations.id = audit_events.customer_id AND $(name_test bakery)) ORDER BY audit_events.occurred_at DESC, audit_events.id DESC LIMIT 51
audit log chosen customer (its name, when the partner's log mentions it)=SELECT organizations.name FROM organizations WHERE organizations.id = '$adatum' AND EXISTS (SELECT audit_events.id FROM audit_events WHERE audit_events.customer_id = '$adatum' AND (audit_events.organization_id = '$contoso' OR audit_events.related_organization_id = '$contoso')) LIMIT 1
a subscription's resellers (the customer's relationships, each reseller's partnership with the provider by key)=SELECT organizations.id, organizations.name, partnerships.id IS NOT NULL, customer_relationships.delegated_admin FROM customer_relationships INNER JOIN organizations ON organizations.id = customer_relationships.partner_id LEFT OUTER JOIN partnerships ON partnerships.provider_id = '$contoso' AND partnerships.reseller_id = customer_relationships.partner_id AND partnerships.status = 'active' WHERE customer_relationships.customer_id = '$adatum' AND (organizations.kind || '') = 'indirect_reseller'
Admin -> Support (a customer's subscriptions)=SELECT subscriptions.id FROM subscriptions WHERE subscriptions.customer_id = '$adatum' ORDER BY subscriptions.product_name, subscriptions.id
Admin -> Support (the organizations they name)=SELECT organizations.id, organizations.name FROM organizations WHERE organizations.id IN (SELECT subscriptions.provider_id FROM subscriptions WHERE subscriptions.customer_id = '$adatum' UNION SELECT subscriptions.support_contact_id FROM subscriptions WHERE subscriptions.customer_id = '$adatum' AND subscriptions.support_contact_id IS NOT NULL)
EOF
}

CREATE_TIMES="$WORK/times"
: >"$CREATE_TIMES"

prepare_size() { # $1 = backend, $2 = DATABASE_URL, $3 = customers: the data, its server, its pages
  local out
  out=$("$BIN" bench-data --database-url "$2" --customers "$3" --subscriptions-per-customer 10 2>/dev/null)
  echo "$1 @$3: $out"
  echo "$1 $3 $out" >>"$CREATE_TIMES"
  if [ "$1" = sqlite-bare ]; then
    # As a partner's file is: the product never gathers statistics on SQLite.
    sql "$1" "$2" "DELETE FROM sqlite_stat1"
    sql "$1" "$2" "DELETE FROM sqlite_stat4"
  fi
  start_server "$2" "$3"
  local helpdesk agent fabrikam adatum_admin adatum deep supported_after today from
  helpdesk=$(sign_in helpdesk@contoso.example)
  agent=$(sign_in admin.agent@contoso.example)
  fabrikam=$(sign_in admin.agent@fabrikam.example)
  adatum_admin=$(sign_in admin@adatum.example)
  adatum=$(sql "$1" "$2" "SELECT id FROM organizations WHERE name = 'Adatum Corporation'")
  # A cursor nine tenths of the way through the customers, in the backend's own name order.
  deep=$(sql "$1" "$2" "SELECT name || '|' || id FROM organizations WHERE kind = 'customer' ORDER BY name, id LIMIT 1 OFFSET $(( $3 * 9 / 10 ))" \
    | python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.stdin.read().strip(), safe=""))')
  # The page after the 150th subscription Fabrikam supports, in the backend's own order.
  supported_after=$(sql "$1" "$2" "SELECT length(customer_name) || ':' || customer_name || '|' || product_name || '|' || id FROM subscriptions WHERE support_contact_id = (SELECT id FROM organizations WHERE partner_id = '2000001') ORDER BY customer_name, product_name, id LIMIT 1 OFFSET 149" \
    | python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.stdin.read().strip(), safe=""))')
  today=$(date -u +%F)
  from=$(date -u -d '7 days ago' +%F)
  page "$3" "customers-first-page" "$helpdesk" /customers
  page "$3" "customers-search" "$helpdesk" "/customers?q=bakery"
  # A part of a name that one customer has (at either size): a walk in name order finds nothing
  # to stop at, so it must come from the name index.
  page "$3" "customers-search-rare" "$helpdesk" "/customers?q=$RARE"
  page "$3" "customers-deep-page" "$helpdesk" "/customers?after=$deep"
  # A partner with few customers among many (Fabrikam's relationships): read by key.
  page "$3" "customers-few-partner" "$fabrikam" /customers
  page "$3" "customer-subscriptions" "$helpdesk" "/customers/$adatum"
  # A subscription's "Designated support contact" page: the resellers it may be given to.
  local subscription
  subscription=$(sql "$1" "$2" "SELECT id FROM subscriptions WHERE customer_id = '$adatum' AND product_name = 'Office 365 Business Standard'")
  page "$3" "subscription-page" "$helpdesk" "/customers/$adatum/subscriptions/$subscription"
  page "$3" "supported-subscriptions" "$fabrikam" /supported-subscriptions
  page "$3" "supported-subscriptions-next" "$fabrikam" "/supported-subscriptions?after=$supported_after"
  page "$3" "admin-support" "$adatum_admin" /admin/support
  # Last: when it is slow, its queries outlive the run and would slow the next page's.
  page "$3" "audit-log-dates" "$agent" "/audit?from=$from&to=$today"
  # The log filtered by a part of a customer's name that one, one in 500 ("summit media") and
  # one in 25 ("bakery") of the customers have.
  page "$3" "audit-customer-rare" "$agent" "/audit?customer_name=$RARE"
  page "$3" "audit-customer-middling" "$agent" "/audit?customer_name=summit%20media"
  page "$3" "audit-customer-common" "$agent" "/audit?customer_name=bakery"
}

PLANS="$WORK/plans"
: >"$PLANS"
for backend in ${BACKENDS:-sqlite sqlite-bare postgres}; do
  declare -A url_of=()
  for size in $SMALL $LARGE; do
    if [[ $backend == sqlite* ]]; then
      url_of[$size]="sqlite://$WORK/scale-$backend-$size.db"
    else
      db="sc_scale_${size}_$$"
      if ! psql "$PG_SERVER/postgres" -qc "CREATE DATABASE $db" 2>/dev/null; then
        echo "postgres: NOT measured (no server at $PG_SERVER)"; continue 2
      fi
      PG_DBS+=("$db")
      url_of[$size]="$PG_SERVER/$db"
    fi
  done
  echo "== $backend: $SMALL and $LARGE customers"
  PAGES=()
  for size in $SMALL $LARGE; do
    prepare_size "$backend" "${url_of[$size]}" "$size"
  done
  measure_pages "$backend"
  stop_servers
  explain_all "$backend" "${url_of[$LARGE]}" >>"$PLANS"
  unset url_of
done

echo
echo "== time to make the datasets (bench-data)"
cat "$CREATE_TIMES"
echo
echo "== list pages, wrk -t2 -c32 --latency -d${DURATION}s, the better of $ROUNDS runs on each size in turn; ratio = req/s @$LARGE / req/s @$SMALL (target >= 0.80)"
python3 - "$RESULTS" "$SMALL" "$LARGE" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
small, large = sys.argv[2], sys.argv[3]
by = {(r[0], r[1], r[2]): r for r in rows}
print(f"{'page':<26} | {'backend':<8} | {'req/s @'+small:>11} | {'req/s @'+large:>13} | {'ratio':>5} | {'p50':>8} | {'p99 @'+large:>12} | {'RSS':>6} | bytes @{small} / @{large}")
seen = []
for r in rows:
    key = (r[0], r[1])
    if key in seen:
        continue
    seen.append(key)
    s, l = by.get((r[0], r[1], small)), by.get((r[0], r[1], large))
    if not s or not l:
        continue
    ratio = float(l[3]) / float(s[3]) if float(s[3]) else 0
    print(f"{r[0]:<26} | {r[1]:<8} | {s[3]:>11} | {l[3]:>13} | {ratio:>5.2f} | {l[4]:>8} | {l[5]:>12} | {l[6]:>6} | {s[7]} / {l[7]}")
PY
echo
echo "== query plans of the list queries @$LARGE customers"
echo "(SQLite's plans are Python's sqlite3 $(python3 -c 'import sqlite3; print(sqlite3.sqlite_version)'); the product bundles its own SQLite, whose planner may choose otherwise: tests/it/customers.rs checks the product's own plans of the reads by key)"
cat "$PLANS"
