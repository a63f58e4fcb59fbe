#!/usr/bin/env bash
# bench/portal.sh — portal page throughput of `gongkai serve` against nginx serving the same
# HTML as static files (the ceiling for "just send these bytes" on this machine).
#
# What it measures
#   Starts `gongkai --data $WORK/data serve --addr 127.0.0.1:18090` (GONGKAI_LOG=warn) on the
#   data dir left by bench/import.sh, saves two pages with curl:
#     item page  /items/$ITEM_ID
#     list page  /agencies/11500233000000001L/catalogue
#   serves both saved files from nginx on 127.0.0.1:18091 (own nginx.conf in a temp dir,
#   `nginx -c … -g 'daemon off;'` in the background, no system service), then runs
#   `wrk -t$THREADS -c$CONNS -d$DURATION --latency` against, in order:
#     gongkai item, nginx item copy, gongkai list, nginx list copy
#   and prints requests/s, p50/p99 latency, and the ratios gongkai/nginx.
#   Both servers are stopped on exit (trap). Everything listens on loopback only.
#   Note: wrk, nginx and gongkai share the same cores, so absolute figures are a lower bound.
#
# How to run
#   bench/import.sh            # once, to create $WORK/data with items
#   bench/portal.sh
#
# Environment variables
#   BIN       gongkai binary (default ${CARGO_TARGET_DIR:-/work/target-bench}/release/gongkai)
#   WORK      scratch folder holding data/ from import.sh (default /tmp/gongkai-bench)
#   ITEM_ID   published item to fetch (default 1)
#   THREADS, CONNS, DURATION   wrk parameters (default 2, 32, 15s)
#   WRK_TIMEOUT  wrk per-request timeout (default 10s; wrk's own default of 2s drops slow
#                responses from the latency figures and counts them as socket timeouts)
#   GONGKAI_PORT, NGINX_PORT   (default 18090, 18091)
set -euo pipefail

BIN=${BIN:-${CARGO_TARGET_DIR:-/work/target-bench}/release/gongkai}
WORK=${WORK:-/tmp/gongkai-bench}
DATA=$WORK/data
ITEM_ID=${ITEM_ID:-1}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
DURATION=${DURATION:-15s}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}
GPORT=${GONGKAI_PORT:-18090}
NPORT=${NGINX_PORT:-18091}
CODE=11500233000000001L
unset GONGKAI_DATA GONGKAI_DATABASE_URL GONGKAI_CONFIG GONGKAI_BLOB_URL GONGKAI_ADDR || true

[[ -x $BIN ]] || { echo "no gongkai binary at $BIN (build it, or set BIN)" >&2; exit 1; }
[[ -d $DATA ]] || { echo "no data dir at $DATA: run bench/import.sh first" >&2; exit 1; }

# Tools: install wrk and nginx if missing (apt-get update once first).
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
if ((${#missing[@]})); then
    echo "== installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

TMP=$(mktemp -d /tmp/gongkai-portal.XXXXXX)
chmod 755 "$TMP"
GPID= NPID=
stop() { # stop PID SIGNAL: signal, wait up to 5 s, then SIGTERM
    local pid=$1
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill -"$2" "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
}
cleanup() {
    stop "$GPID" INT   # gongkai shuts down gracefully on Ctrl-C
    stop "$NPID" QUIT  # nginx graceful shutdown
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

wait_http() { # wait_http URL
    for _ in $(seq 1 100); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done
    echo "timed out waiting for $1" >&2; return 1
}

echo "== machine: $(nproc) cores, $(free -h | awk '/^Mem:/{print $2}') RAM"
echo "== starting gongkai on 127.0.0.1:$GPORT"
GONGKAI_LOG=warn "$BIN" --data "$DATA" serve --addr "127.0.0.1:$GPORT" >"$TMP/gongkai.out" 2>"$TMP/gongkai.err" &
GPID=$!
wait_http "http://127.0.0.1:$GPORT/"

ITEM_PATH=/items/$ITEM_ID
LIST_PATH=/agencies/$CODE/catalogue
mkdir -p "$TMP/www"
curl -fsS -D "$TMP/item.headers" -o "$TMP/www/item.html" "http://127.0.0.1:$GPORT$ITEM_PATH"
curl -fsS -D "$TMP/list.headers" -o "$TMP/www/list.html" "http://127.0.0.1:$GPORT$LIST_PATH"
chmod -R a+rX "$TMP/www"
echo "   item page $ITEM_PATH: $(wc -c <"$TMP/www/item.html") bytes, <title>$(grep -o '<title>[^<]*' "$TMP/www/item.html" | head -1 | sed 's/<title>//')"
echo "   list page $LIST_PATH: $(wc -c <"$TMP/www/list.html") bytes, <title>$(grep -o '<title>[^<]*' "$TMP/www/list.html" | head -1 | sed 's/<title>//')"
mkdir -p "${SAVE_DIR:-$WORK}"
cp "$TMP/www/item.html" "$TMP/www/list.html" "${SAVE_DIR:-$WORK}/" # keep a copy for inspection

cat >"$TMP/nginx.conf" <<EOF
worker_processes auto;
pid $TMP/nginx.pid;
error_log $TMP/nginx.error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path $TMP/client_body;
    proxy_temp_path $TMP/proxy;
    fastcgi_temp_path $TMP/fastcgi;
    uwsgi_temp_path $TMP/uwsgi;
    scgi_temp_path $TMP/scgi;
    default_type text/html;
    charset utf-8;
    server {
        listen 127.0.0.1:$NPORT;
        root $TMP/www;
    }
}
EOF
echo "== starting nginx on 127.0.0.1:$NPORT"
"$NGINX" -t -q -c "$TMP/nginx.conf" -g 'daemon off;'
"$NGINX" -c "$TMP/nginx.conf" -g 'daemon off;' &
NPID=$!
wait_http "http://127.0.0.1:$NPORT/item.html"
cmp -s "$TMP/www/item.html" <(curl -fsS "http://127.0.0.1:$NPORT/item.html") || { echo "nginx item copy differs" >&2; exit 1; }

declare -A RPS P50 P99
bench() { # bench NAME URL
    local name=$1 url=$2 out=$TMP/wrk-$1.txt
    curl -fsS -o /dev/null "$url" # warm
    wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout "$WRK_TIMEOUT" --latency "$url" >"$out"
    RPS[$name]=$(awk '/^Requests\/sec:/{print $2}' "$out")
    P50[$name]=$(awk '$1=="50%"{print $2}' "$out")
    P99[$name]=$(awk '$1=="99%"{print $2}' "$out")
    local bad; bad=$(awk '/Non-2xx|Socket errors/' "$out")
    printf "   %-14s %10s req/s   p50 %8s   p99 %8s   %s\n" "$name" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" "$(awk '/Transfer\/sec/{print $2"/s"}' "$out")"
    [[ -z $bad ]] || echo "     WARNING: $bad"
    cp "$out" "$WORK/wrk-$name.txt"
}

echo "== wrk -t$THREADS -c$CONNS -d$DURATION --timeout $WRK_TIMEOUT --latency"
bench gongkai-item "http://127.0.0.1:$GPORT$ITEM_PATH"
bench nginx-item "http://127.0.0.1:$NPORT/item.html"
bench gongkai-list "http://127.0.0.1:$GPORT$LIST_PATH"
bench nginx-list "http://127.0.0.1:$NPORT/list.html"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.5f (nginx %.0fx faster)", a/b, b/a}'; }
echo "== ratios gongkai/nginx (requests/s)"
echo "   item page: $(ratio "${RPS[gongkai-item]}" "${RPS[nginx-item]}")"
echo "   list page: $(ratio "${RPS[gongkai-list]}" "${RPS[nginx-list]}")"
if [[ -s $TMP/gongkai.err ]]; then
    echo "== gongkai stderr (warn and above), ANSI stripped, counted by message:"
    sed -e 's/\x1b\[[0-9;]*m//g' "$TMP/gongkai.err" | cp /dev/stdin "$WORK/gongkai-serve.err"
    sed -nE 's/.*(WARN|ERROR) +([^ ]+): ([^=]*summary="[^"]*"|[^=]*).*/\1 \2: \3/p' "$WORK/gongkai-serve.err" | sort | uniq -c | sort -rn | head -10
    echo "   (full log: $WORK/gongkai-serve.err)"
fi
echo "   (raw wrk output kept in $WORK/wrk-*.txt)"
