#!/usr/bin/env bash
# Writes the seed corpora of the tests/fuzz targets into DIR/<target>/ from the official Fabric
# examples (tests/data/fabric-api-spec/**/examples: every request and response body) and the
# definitions in tests/data/definitions and resources/samples (plus each mirroring.json payload found in the examples).
# Usage: scripts/fuzz-seeds.sh DIR
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:?usage: fuzz-seeds.sh DIR}"
python3 - "$root/tests/data" "$out" <<'PY'
import base64, glob, hashlib, json, os, sys

data, out = sys.argv[1], sys.argv[2]
DECODERS = 20  # entries of the decoders[] table in tests/fuzz/fuzz_decoders.cpp

def put(target, content):
    d = os.path.join(out, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(content).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(content)

bodies, definitions, errors = [], [], []
for path in sorted(glob.glob(os.path.join(data, "fabric-api-spec", "**", "examples", "**", "*.json"), recursive=True)):
    with open(path, "rb") as f:
        example = json.load(f)
    for key, value in (example.get("parameters") or {}).items():
        if isinstance(value, (dict, list)):
            bodies.append(value)
    for status, response in (example.get("responses") or {}).items():
        body = response.get("body") if isinstance(response, dict) else None
        if body is None:
            continue
        (errors if str(status).startswith(("4", "5")) else bodies).append(body)

# mirroring.json payloads inside the examples (most are placeholders; those that decode count).
def walk(value):
    if isinstance(value, dict):
        if value.get("path") == "mirroring.json" and isinstance(value.get("payload"), str):
            try:
                definitions.append(base64.b64decode(value["payload"], validate=True))
            except Exception:
                pass
        for v in value.values():
            walk(v)
    elif isinstance(value, list):
        for v in value:
            walk(v)
for body in bodies:
    walk(body)
for path in sorted(glob.glob(os.path.join(data, "definitions", "*.json")) +
                   glob.glob(os.path.join(data, "..", "..", "resources", "samples", "*.json"))):
    with open(path, "rb") as f:
        definitions.append(f.read())

encoded = [json.dumps(b, indent=2).encode() for b in bodies]
for raw in encoded + definitions:
    put("fuzz_json", raw)
for raw in definitions:
    put("fuzz_mirroringdefinition", raw)
for raw in encoded:
    for index in range(DECODERS):
        put("fuzz_decoders", bytes([index]) + raw)
# A hand-written ErrorResponse (the examples hold almost none) with every documented field.
errors.append({"errorCode": "ItemNotFound", "message": "The requested item was not found",
               "requestId": "r-1", "isRetriable": False,
               "relatedResource": {"resourceId": "id", "resourceType": "MirroredDatabase"},
               "moreDetails": [{"errorCode": "Inner", "message": "m"}]})
for body in errors:
    raw = json.dumps(body).encode()
    for status in (400, 401, 404, 409, 429, 500, 503):
        put("fuzz_apierror", status.to_bytes(2, "big") + raw)
for raw in encoded[:10]:
    put("fuzz_apierror", (200).to_bytes(2, "big") + raw)
print("fuzz-seeds: %d bodies, %d definitions, %d error bodies -> %s" % (len(bodies), len(definitions), len(errors), out))
PY
