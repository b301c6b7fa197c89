#!/usr/bin/env bash
# Starts the local stand-ins for the Azure services, in memory, on the ports their real emulators use:
#   Azurite (Blob 10000, Queue 10001, Table 10002) and the Cosmos DB stand-in (https://127.0.0.1:8081).
# Then run the local runner against them in a second terminal:
#   dotnet run --project functions/ServerlessInventory.LocalRunner -- --environment StandIns
# Ctrl+C stops both; nothing is kept (both hold their data in memory).
set -euo pipefail
cd "$(dirname "$0")"

command -v node >/dev/null 2>&1 || { echo "start-standins: node is required: install Node.js 20 or later (with npm)" >&2; exit 1; }
# Installed, and not older than the pins (a changed package-lock.json reinstalls).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  command -v npm >/dev/null 2>&1 || { echo "start-standins: npm is required to install the pinned stand-ins (it comes with Node.js)" >&2; exit 1; }
  npm ci --no-audit --no-fund
fi

COSMOS_PORT="${COSMOS_PORT:-8081}"
pids=()
stop() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

node node_modules/azurite/dist/src/azurite.js --inMemoryPersistence --disableTelemetry --silent \
  --blobHost 127.0.0.1 --blobPort 10000 --queueHost 127.0.0.1 --queuePort 10001 --tableHost 127.0.0.1 --tablePort 10002 &
pids+=($!)
node cosmos-standin/server.js --host 127.0.0.1 --port "$COSMOS_PORT" &
pids+=($!)

echo "start-standins: Azurite tables on http://127.0.0.1:10002/devstoreaccount1, Cosmos DB stand-in on https://127.0.0.1:$COSMOS_PORT/ (Ctrl+C stops both)"
wait -n "${pids[@]}"
echo "start-standins: a stand-in exited; stopping the other" >&2
exit 1
