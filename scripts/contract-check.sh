#!/usr/bin/env bash
# Contract check: Prism, as a validating proxy (prism proxy --errors) in front of fabric-sandbox,
# checks every request and response of a scripted walk through all mirrored-database endpoints
# against the official mirroredDatabase/swagger.json, and (a second proxy) the SQL analytics
# endpoint's refreshMetadata against sqlEndpoint/swagger.json. Any violation or unexpected status fails.
#   scripts/contract-check.sh [path/to/fabric-sandbox]
# Exit 77 (ctest: skipped) when Prism is not installed (npm ci --prefix tools).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sandbox_bin="${1:-${FMC_BUILD_DIR:-$root/build}/sandbox/fabric-sandbox}"
prism="$root/tools/node_modules/.bin/prism"
[ -x "$prism" ] || { echo "contract-check: Prism is not installed; run: npm ci --prefix tools"; exit 77; }
[ -x "$sandbox_bin" ] || { echo "contract-check: no fabric-sandbox at $sandbox_bin"; exit 1; }
command -v jq >/dev/null || { echo "contract-check: needs jq"; exit 1; }

tmp="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

# The spec declares no "consumes", so Prism refuses any request body; validate against a copy
# that adds it at the root (docs/fabric-api-notes.md#spec-quirks). The vendored files stay verbatim.
cp -r "$root/tests/data/fabric-api-spec" "$tmp/spec"
jq '. + {consumes: ["application/json"]}' "$root/tests/data/fabric-api-spec/mirroredDatabase/swagger.json" \
  > "$tmp/spec/mirroredDatabase/swagger.json"

"$sandbox_bin" --port 0 --no-auth --seed 1 --page-size 5 --lro never > "$tmp/sandbox.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q '^port ' "$tmp/sandbox.out" 2>/dev/null && break; sleep 0.1; done
sport="$(awk '/^port /{print $2}' "$tmp/sandbox.out")"
[ -n "$sport" ] || { cat "$tmp/sandbox.out"; echo "contract-check: fabric-sandbox did not start"; exit 1; }
sandbox="http://127.0.0.1:$sport"

# start_prism SPEC LOG -> sets $prism_port: a validating proxy for SPEC in front of the sandbox.
# Prism routes without the /v1 base path: the upstream carries it.
start_prism() {
  prism_port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  "$prism" proxy --errors -h 127.0.0.1 -p "$prism_port" "$1" "$sandbox/v1" > "$2" 2>&1 &
  pids+=($!)
  for _ in $(seq 600); do grep -q 'Prism is listening' "$2" 2>/dev/null && break; sleep 0.1; done
  grep -q 'Prism is listening' "$2" || { cat "$2"; echo "contract-check: Prism ($1) did not start"; exit 1; }
}
start_prism "$tmp/spec/mirroredDatabase/swagger.json" "$tmp/prism.log"
prism_url="http://127.0.0.1:$prism_port"

# The connection calls are in platform/swagger.json, which Prism cannot load whole (its example
# files were not copied): validate against a copy that keeps only the paths checked here.
jq '{swagger, info, host, basePath, schemes, consumes: ["application/json"], produces,
     paths: {"/connections/{connectionId}/testConnection": .paths["/connections/{connectionId}/testConnection"]}}
    | del(.paths[][]."x-ms-examples")' \
  "$root/tests/data/fabric-api-spec/platform/swagger.json" > "$tmp/spec/platform/connections-only.json"
start_prism "$tmp/spec/platform/connections-only.json" "$tmp/prism-connections.log"
connections_url="http://127.0.0.1:$prism_port"

failures=0
# call METHOD PATH EXPECTED_STATUS [JSON_BODY] -> body in $tmp/body (through $base, default the
# mirrored-database Prism)
call() {
  local method="$1" path="$2" expected="$3" body="${4:-}" status base="${base:-$prism_url}"
  local args=(-s -o "$tmp/body" -w '%{http_code}' -X "$method")
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  status="$(curl "${args[@]}" "${target_url:-$base}$path")"
  if [ "$status" != "$expected" ]; then
    echo "FAIL $method $path: status $status, expected $expected"; head -c 2000 "$tmp/body"; echo
    failures=$((failures + 1))
  else
    echo "ok   $method $path $status"
  fi
}
admin() { curl -s -o /dev/null -X "$1" ${3:+-H 'Content-Type: application/json' --data-binary "$3"} "$sandbox/_sandbox/$2"; }

ws_named() { curl -s "$sandbox/v1/workspaces" | jq -r --arg n "$1" '.value[] | select(.displayName==$n) | .id'; }
mirror_named() { curl -s "$sandbox/v1/workspaces/$1/mirroredDatabases" | jq -r --arg n "$2" '.value[] | select(.displayName==$n) | .id'; }
sales="$(ws_named 'Sales Analytics')"; ops="$(ws_named 'Operations')"
sales_mirror="$(mirror_named "$sales" SalesMirror)"; sensors="$(mirror_named "$ops" SensorLanding)"

mirroring='{"properties":{"source":{"type":"AzureSqlDatabase","typeProperties":{"connection":"11111111-2222-4333-8444-555555555555","database":"sales"}},"target":{"type":"MountedRelationalDatabase","typeProperties":{"format":"Delta"}}}}'
definition="$(jq -cn --arg p "$(printf '%s' "$mirroring" | base64 -w0)" '{parts:[{path:"mirroring.json",payload:$p,payloadType:"InlineBase64"}]}')"

m="/workspaces/$sales/mirroredDatabases"
call GET "$m" 200
call POST "$m" 201 "$(jq -cn --argjson d "$definition" '{displayName:"ContractCheck",description:"made by contract-check.sh",definition:$d}')"
new="$(jq -r .id "$tmp/body")"
call POST "$m" 409 "$(jq -cn --argjson d "$definition" '{displayName:"ContractCheck",definition:$d}')"
call GET "$m/$new" 200
call PATCH "$m/$new" 200 '{"description":"patched"}'
call POST "$m/$new/getMirroringStatus" 200
call POST "$m/$new/startMirroring" 400          # Initializing
call POST "$m/$new/getDefinition" 200
call POST "$m/$new/updateDefinition" 200 "$(jq -cn --argjson d "$definition" '{definition:$d}')"
admin PUT lro '{"mode":"always"}'
call POST "$m/$new/getDefinition" 202
call POST "$m/$new/updateDefinition" 202 "$(jq -cn --argjson d "$definition" '{definition:$d}')"
admin PUT lro '{"mode":"never"}'
admin POST clock/advance '{"seconds":20}'
call POST "$m/$new/startMirroring" 200
admin POST clock/advance '{"seconds":120}'
call POST "$m/$new/getTablesMirroringStatus" 200
token="$(jq -r '.continuationToken // empty' "$tmp/body")"
[ -n "$token" ] && call POST "$m/$new/getTablesMirroringStatus?continuationToken=$token" 200
call POST "$m/$new/stopMirroring" 200
call POST "$m/$sales_mirror/getTablesMirroringStatus" 200
call POST "/workspaces/$ops/mirroredDatabases/$sensors/getTablesMirroringStatus" 200   # failed tables with errors
admin POST faults '{"kind":"status","status":429,"retryAfter":3,"operation":"getMirroringStatus","count":1}'
call POST "$m/$sales_mirror/getMirroringStatus" 429
call GET "$m/00000000-0000-4000-8000-000000000000" 404
# sqlEndpoint: a second Prism on its own spec file (Prism validates against one document).
sport2="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
"$prism" proxy --errors -h 127.0.0.1 -p "$sport2" "$tmp/spec/sqlEndpoint/swagger.json" "$sandbox/v1" \
  > "$tmp/prism-sql.log" 2>&1 &
pids+=($!)
for _ in $(seq 600); do grep -q 'Prism is listening' "$tmp/prism-sql.log" 2>/dev/null && break; sleep 0.1; done
grep -q 'Prism is listening' "$tmp/prism-sql.log" || { cat "$tmp/prism-sql.log"; echo "contract-check: Prism (sqlEndpoint) did not start"; exit 1; }
endpoint_of() { curl -s "$sandbox/v1/workspaces/$1/mirroredDatabases/$2" | jq -r '.properties.sqlEndpointProperties.id'; }
shared="$(ws_named 'Shared Reports')"; reports="$(mirror_named "$shared" ReportsMirror)"
archive_ep="$(endpoint_of "$sales" "$(mirror_named "$sales" SalesArchive)")"; sensors_ep="$(endpoint_of "$ops" "$sensors")"
reports_ep="$(endpoint_of "$shared" "$reports")"
new_ep="$(endpoint_of "$sales" "$new")"   # ContractCheck: a few tables, ran and stopped
target_url="http://127.0.0.1:$sport2"
admin PUT lro '{"mode":"never"}'
call POST "/workspaces/$sales/sqlEndpoints/$new_ep/refreshMetadata" 200 '{"timeout":{"value":15,"timeUnit":"Minutes"},"recreateTables":false}'
call POST "/workspaces/$ops/sqlEndpoints/$sensors_ep/refreshMetadata" 200          # no body; tables NotRun
admin POST faults '{"kind":"failTables","operation":"refreshSqlEndpointMetadata","tables":["customers"],"count":1}'
call POST "/workspaces/$sales/sqlEndpoints/$new_ep/refreshMetadata" 200 '{}'       # a Failure with its error
call POST "/workspaces/$ops/sqlEndpoints/$sensors_ep/refreshMetadata" 202 '{"recreateTables":true}'
call POST "/workspaces/$sales/sqlEndpoints/$archive_ep/refreshMetadata" 202 '{"timeout":{"value":1,"timeUnit":"Seconds"}}'
call POST "/workspaces/$ops/sqlEndpoints/$sensors_ep/refreshMetadata" 400 '{"timeout":{"value":-1,"timeUnit":"Minutes"}}'
call POST "/workspaces/$shared/sqlEndpoints/$reports_ep/refreshMetadata" 403 '{}'   # Viewer
call POST "/workspaces/$ops/sqlEndpoints/00000000-0000-4000-8000-000000000000/refreshMetadata" 404 '{}'
admin POST faults '{"kind":"status","status":429,"retryAfter":3,"operation":"refreshSqlEndpointMetadata","count":1}'
call POST "/workspaces/$ops/sqlEndpoints/$sensors_ep/refreshMetadata" 429 '{}'
target_url=""
call DELETE "$m/$new?hardDelete=true" 200

# testConnection (long-running): Online, Offline with errors[], the 202 path, an unknown id.
conn_named() { curl -s "$sandbox/v1/connections" | jq -r --arg n "$1" '.value[] | select(.displayName==$n) | .id'; }
sql_conn="$(conn_named 'contoso-sales (Azure SQL)')"; pg_conn="$(conn_named 'finance-pg')"
base="$connections_url" call POST "/connections/$sql_conn/testConnection" 200
[ "$(jq -r .status "$tmp/body")" = Online ] || { echo "FAIL testConnection: not Online"; failures=$((failures + 1)); }
base="$connections_url" call POST "/connections/$pg_conn/testConnection" 200
[ "$(jq -r '.status + " " + (.errors | length | tostring)' "$tmp/body")" = "Offline 1" ] \
  || { echo "FAIL testConnection: not Offline with one error"; failures=$((failures + 1)); }
admin POST "connections/$pg_conn/online"
base="$connections_url" call POST "/connections/$pg_conn/testConnection" 200
admin PUT lro '{"mode":"always"}'
base="$connections_url" call POST "/connections/$sql_conn/testConnection" 202
admin PUT lro '{"mode":"never"}'
base="$connections_url" call POST "/connections/00000000-0000-4000-8000-000000000000/testConnection" 404

# A paused capacity: its items cannot be reached (CapacityNotActive); resumed, running mirrors are
# Paused, and Start is refused until they are stopped.
cap="$(curl -s "$sandbox/v1/workspaces/$sales" | jq -r .capacityId)"
admin POST "capacities/$cap/pause"
call POST "$m/$sales_mirror/getMirroringStatus" 404
admin POST "capacities/$cap/resume"
call POST "$m/$sales_mirror/getMirroringStatus" 200
[ "$(jq -r .status "$tmp/body")" = Paused ] || { echo "FAIL resume: not Paused"; failures=$((failures + 1)); }
call POST "$m/$sales_mirror/startMirroring" 400
call POST "$m/$sales_mirror/stopMirroring" 200

# Catalog search (platform/swagger.json, preview). That file does not load in Prism whole (its
# example files were not copied), so a second Prism validates against a copy that keeps only
# /catalog/search (and adds "consumes"); its log joins the first one for the check below.
jq '{swagger, info, host, basePath, schemes, security, consumes: ["application/json"], produces: ["application/json"],
     paths: {"/catalog/search": (.paths["/catalog/search"] | del(.post["x-ms-examples"]))}}' \
  "$root/tests/data/fabric-api-spec/platform/swagger.json" > "$tmp/spec/platform/catalog-search.json"
cport="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
"$prism" proxy --errors -h 127.0.0.1 -p "$cport" "$tmp/spec/platform/catalog-search.json" "$sandbox/v1" \
  > "$tmp/prism-catalog.log" 2>&1 &
pids+=($!)
for _ in $(seq 600); do grep -q 'Prism is listening' "$tmp/prism-catalog.log" 2>/dev/null && break; sleep 0.1; done
grep -q 'Prism is listening' "$tmp/prism-catalog.log" || { cat "$tmp/prism-catalog.log"; echo "contract-check: Prism (catalog) did not start"; exit 1; }
target_url="http://127.0.0.1:$cport"
mirrors_only="Type eq 'MirroredDatabase'"
call POST /catalog/search 200 "$(jq -cn --arg f "$mirrors_only" '{pageSize:3, filter:$f}')"
token="$(jq -r '.continuationToken // empty' "$tmp/body")"
[ -n "$token" ] && call POST /catalog/search 200 "$(jq -cn --arg f "$mirrors_only" --arg t "$token" '{pageSize:3, filter:$f, continuationToken:$t}')"
call POST /catalog/search 200 '{"search":"sales"}'
call POST /catalog/search 200 "$(jq -cn '{filter:"Type eq '"'"'Lakehouse'"'"' or (Type eq '"'"'MirroredDatabase'"'"')"}')"
call POST /catalog/search 400 '{"filter":"Name eq 1"}'
admin PUT catalogSearch '{"enabled":false,"status":403}'
call POST /catalog/search 403 '{}'
admin PUT catalogSearch '{"enabled":false,"status":404}'
call POST /catalog/search 404 '{}'
admin PUT catalogSearch '{"enabled":true}'
target_url=""

# Generic item endpoints for mirrored databases (platform/swagger.json, the way other Fabric
# clients manage them): create (201, or 202 long-running), getDefinition, updateDefinition (with
# .platform and updateMetadata), delete and hard delete, against a copy keeping only those paths.
jq '{swagger, info, host, basePath, schemes, security, consumes: ["application/json"], produces: ["application/json"],
     paths: (.paths | with_entries(select(.key | test("^/workspaces/\\{workspaceId\\}/items(/\\{itemId\\}(/(getDefinition|updateDefinition))?)?$")))
             | map_values(map_values(if type == "object" then del(.["x-ms-examples"]) else . end)))}' \
  "$root/tests/data/fabric-api-spec/platform/swagger.json" > "$tmp/spec/platform/items-only.json"
start_prism "$tmp/spec/platform/items-only.json" "$tmp/prism-items.log"
target_url="http://127.0.0.1:$prism_port"
i="/workspaces/$sales/items"
platform="$(printf '%s' '{"$schema":"https://developer.microsoft.com/json-schemas/fabric/gitIntegration/platformProperties/2.0.0/schema.json","metadata":{"type":"MirroredDatabase","displayName":"GenericCheck"},"config":{"version":"2.0","logicalId":"00000000-0000-0000-0000-000000000000"}}' | base64 -w0)"
with_platform="$(jq -cn --argjson d "$definition" --arg p "$platform" '$d | .parts += [{path:".platform",payload:$p,payloadType:"InlineBase64"}]')"
call POST "$i" 201 "$(jq -cn --argjson d "$with_platform" '{displayName:"GenericCheck",type:"MirroredDatabase",definition:$d}')"
generic="$(jq -r .id "$tmp/body")"
call POST "$i" 409 "$(jq -cn --argjson d "$definition" '{displayName:"GenericCheck",type:"MirroredDatabase",definition:$d}')"
call POST "$i/$generic/getDefinition" 200
call POST "$i/$generic/updateDefinition" 200 "$(jq -cn --argjson d "$definition" '{definition:$d}')"
call POST "$i/$generic/updateDefinition?updateMetadata=true" 200 "$(jq -cn --argjson d "$with_platform" '{definition:$d}')"
admin PUT lro '{"mode":"always"}'
call POST "$i" 202 "$(jq -cn --argjson d "$definition" '{displayName:"GenericLro",type:"MirroredDatabase",definition:$d}')"
call POST "$i/$generic/updateDefinition" 202 "$(jq -cn --argjson d "$definition" '{definition:$d}')"
admin PUT lro '{"mode":"never"}'
call DELETE "$i/$generic" 200
call DELETE "$i/$generic" 404
call DELETE "$i/$(mirror_named "$sales" GenericLro)?hardDelete=true" 200
target_url=""

# The mirror item types beside mirrored databases (issue #19 part 3), each behind a Prism on its
# own spec file. mirroredCatalog's preview paths carry "?beta=true" in the path key (upstream),
# which Prism cannot route: its copy drops it from the keys (beta stays a required query parameter).
mirror_item_logs=()
start_item_prism() { # NAME -> sets $target_url
  start_prism "$tmp/spec/$1/swagger.json" "$tmp/prism-$1.log"
  mirror_item_logs+=("$tmp/prism-$1.log")
  target_url="http://127.0.0.1:$prism_port"
}
for spec in mirroredCatalog mirroredAzureDatabricksCatalog sqlDatabase; do
  jq '. + {consumes: ["application/json"]} | .paths |= with_entries(.key |= sub("\\?beta=true$"; ""))' \
    "$root/tests/data/fabric-api-spec/$spec/swagger.json" > "$tmp/spec/$spec/swagger.json"
done
item_named() { curl -s "$sandbox/v1/workspaces/$1/$2" | jq -r --arg n "$3" '.value[] | select(.displayName==$n) | .id'; }
finance="$(ws_named 'Finance')"
iceberg="$(item_named "$sales" mirroredCatalogs IcebergSales)"; glue="$(item_named "$finance" mirroredCatalogs GlueFinance)"
dremio="$(item_named "$ops" mirroredCatalogs DremioOps)"

start_item_prism mirroredCatalog
c="/workspaces/$sales/mirroredCatalogs"
call GET "$c" 200
call GET "$c/$iceberg" 200
call GET "$c/$iceberg/mirroringStatus?beta=true" 200
call GET "/workspaces/$finance/mirroredCatalogs/$glue/mirroringStatus?beta=true" 200   # Failed, with error
call GET "/workspaces/$ops/mirroredCatalogs/$dremio/mirroringStatus?beta=true" 200     # Stopped
call GET "$c/$iceberg/tablesMirroringStatus?beta=true" 200                              # page 1 of 2 (page size 5)
token="$(jq -r '.continuationToken // empty' "$tmp/body")"
[ -n "$token" ] && call GET "$c/$iceberg/tablesMirroringStatus?beta=true&continuationToken=$token" 200
call POST "$c/$iceberg/refreshCatalogMetadata?beta=true" 200
admin PUT lro '{"mode":"always"}'
call POST "$c/$iceberg/refreshCatalogMetadata?beta=true" 202
admin PUT lro '{"mode":"never"}'
call GET "$c/00000000-0000-4000-8000-000000000000" 404

start_item_prism mirroredAzureDatabricksCatalog
d="/workspaces/$ops/mirroredAzureDatabricksCatalogs"
unity_ops="$(item_named "$ops" mirroredAzureDatabricksCatalogs UnityOps)"
call GET "$d" 200                                      # NotStarted and InProgress
call GET "/workspaces/$finance/mirroredAzureDatabricksCatalogs" 200   # Failed, with errorInfo
call GET "$d/$unity_ops" 200
call POST "$d/$unity_ops/refreshCatalogMetadata" 200
admin PUT lro '{"mode":"always"}'
call POST "$d/$unity_ops/refreshCatalogMetadata" 202
admin PUT lro '{"mode":"never"}'
call GET "$d/$unity_ops" 200                           # InProgress until the operation ends

start_item_prism sqlDatabase
q="/workspaces/$sales/sqlDatabases"
orders="$(item_named "$sales" sqlDatabases OrdersDb)"
call GET "$q" 200
call GET "$q/$orders" 200
call POST "$q/$orders/stopMirroring" 200
call POST "$q/$orders/startMirroring" 200
call POST "/workspaces/$shared/sqlDatabases/00000000-0000-4000-8000-000000000000/startMirroring" 403   # Viewer
target_url=""

for log in "$tmp/prism.log" "$tmp/prism-connections.log" "$tmp/prism-sql.log" "$tmp/prism-catalog.log" "$tmp/prism-items.log" "${mirror_item_logs[@]}"; do
  if grep -iE 'violation|✖' "$log" >/dev/null; then
    echo "Prism reported:"; grep -iE -B1 -A3 'violation|✖' "$log" | head -60
    failures=$((failures + 1))
  fi
done
if [ "$failures" -gt 0 ]; then echo "contract-check: $failures failure(s)"; exit 1; fi
echo "contract-check: every request and response matches the spec"
