#!/usr/bin/env bash
# Runs every test in the repository: build (warnings are errors), formatting check,
# then every NUnit project. Installs what it needs when missing (QuickFIX C++, PostgreSQL, Node.js and
# Chromium from Debian; the TypeScript client's and the order-book page's npm packages; anvil and solc
# from npm). The last line
# is "N passed, N failed", counted from the test results.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
. scripts/prerequisites.sh
. scripts/web.sh
. scripts/chain.sh

results=TestResults
rm -rf "$results"

fail_before_tests() {
    echo "$1" >&2
    echo "0 passed, 1 failed"
    exit 1
}

ensure_dotnet || fail_before_tests "prerequisites missing"
# QuickFIX C++: the independent FIX engine the interop tests run against matcher serve.
{ ensure_quickfix && build_quickfix_tools; } || fail_before_tests "could not install or build QuickFIX C++ (libquickfix-dev)"
ensure_postgresql || fail_before_tests "could not install PostgreSQL"
# The TypeScript client and the order-book page (built with npm), and Chromium for the page's test.
{ ensure_node && ensure_chromium && build_web; } || fail_before_tests "could not install Node.js or Chromium, or build the TypeScript client and page"
# anvil (the EVM node) and solc from npm, and the escrow contracts compiled with the pinned EVM version.
{ ensure_chain_tools && compile_contracts; } || fail_before_tests "could not install anvil and solc, or compile the contracts"
MATCHER_ANVIL="$(anvil_path)" || fail_before_tests "anvil is not where npm installed it"
export MATCHER_ANVIL
dotnet build Matcher.sln -c Release -nologo -clp:ErrorsOnly || fail_before_tests "build failed"
dotnet format Matcher.sln --verify-no-changes --no-restore || fail_before_tests "formatting differs: run 'dotnet format Matcher.sln'"

# --blame-hang-timeout turns a hung test into a failure with a dump instead of a stuck CI run.
dotnet test Matcher.sln -c Release --no-build -nologo \
    --results-directory "$results" --logger "trx" --logger "console;verbosity=normal" \
    --blame-hang-timeout 10m
status=$?

count() {
    local attribute=$1 total=0 file value
    for file in "$results"/*.trx; do
        [ -e "$file" ] || continue
        value=$(grep -o "<Counters [^>]*>" "$file" | grep -o " $attribute=\"[0-9]*\"" | grep -o "[0-9]*")
        total=$((total + ${value:-0}))
    done
    echo "$total"
}

passed=$(count passed)
failed=$(( $(count failed) + $(count error) + $(count timeout) + $(count aborted) ))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
