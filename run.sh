#!/usr/bin/env bash
# The main job: builds and runs `matcher serve` with the embedded default — journal under
# ./data, the demo instruments and accounts (tools/Matcher.Cli/demo/setup.json), FIX 4.4 on
# 127.0.0.1:9878, /health /ready /metrics, the binary WebSocket protocol (/ws) and the live
# order-book page (/) on http://127.0.0.1:8080. No external service. Installs Node.js when
# missing and builds the page with npm.
# Extra arguments go to `matcher serve` (e.g. --Matcher:Fix:Port=9000). Ctrl+C stops it
# gracefully.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
. scripts/prerequisites.sh
. scripts/web.sh
ensure_dotnet
ensure_node
build_web

dotnet build tools/Matcher.Cli -c Release -nologo -clp:ErrorsOnly
exec dotnet tools/Matcher.Cli/bin/Release/net10.0/matcher.dll serve --Matcher:DataDirectory="$PWD/data" "$@"
