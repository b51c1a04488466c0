# Sourced by test.sh (after scripts/prerequisites.sh and scripts/web.sh, whose ensure_node it
# needs): the local EVM node and the Solidity compiler for the chain gateway's tests, both from
# npm, pinned in tools/chain/package-lock.json. Each function is quiet and does nothing when
# everything is already there.
#   ensure_chain_tools  npm ci in tools/chain (anvil and solc-js) when node_modules is missing or
#                       older than package-lock.json
#   compile_contracts   node tools/chain/compile.mjs when a contract (or the compiler, or the
#                       script) is newer than the last build, into
#                       gateways/Matcher.Gateways.Chain/Contracts/build/<Name>.json
#   anvil_path          prints the anvil binary's path (made executable); tests find it there
#                       too, or through MATCHER_ANVIL

_chain_root() {
    (cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
}

ensure_chain_tools() {
    local root dir log
    root="$(_chain_root)" || return 1
    dir="$root/tools/chain"
    if ! declare -F ensure_node >/dev/null; then
        echo "ensure_chain_tools needs ensure_node: source scripts/prerequisites.sh and scripts/web.sh first." >&2
        return 1
    fi
    ensure_node || return 1
    if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
        log=$(mktemp) || return 1
        if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
            cat "$log" >&2
            echo "npm ci failed in $dir" >&2
            rm -f "$log"
            return 1
        fi
        rm -f "$log"
    fi
    anvil_path >/dev/null
}

# The build is stale when a contract's JSON is missing, or when a .sol file, compile.mjs or the
# installed packages (a new solc) are newer than the stamp written after the last good build.
compile_contracts() {
    local root contracts build stale="" file name log
    root="$(_chain_root)" || return 1
    contracts="$root/gateways/Matcher.Gateways.Chain/Contracts"
    build="$contracts/build"
    if [ ! -f "$build/.built" ]; then
        stale=1
    else
        for file in "$contracts"/*.sol; do
            [ -e "$file" ] || continue
            name=$(basename "$file" .sol)
            if [ ! -f "$build/$name.json" ] || [ "$file" -nt "$build/.built" ]; then
                stale=1
                break
            fi
        done
        if [ "$root/tools/chain/compile.mjs" -nt "$build/.built" ] ||
            [ "$root/tools/chain/node_modules/.package-lock.json" -nt "$build/.built" ]; then
            stale=1
        fi
    fi
    [ -n "$stale" ] || return 0
    if [ ! -f "$root/tools/chain/node_modules/solc/package.json" ]; then
        echo "solc is not installed in tools/chain/node_modules; run ensure_chain_tools first." >&2
        return 1
    fi
    log=$(mktemp) || return 1
    if ! node "$root/tools/chain/compile.mjs" >"$log" 2>&1; then
        cat "$log" >&2
        echo "Compiling the contracts in $contracts failed" >&2
        rm -f "$log"
        return 1
    fi
    rm -f "$log"
    touch "$build/.built"
}

anvil_path() {
    local root anvil
    root="$(_chain_root)" || return 1
    anvil="$root/tools/chain/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
    if [ ! -f "$anvil" ]; then
        echo "anvil is not installed at $anvil; run ensure_chain_tools (npm ci in tools/chain) first." >&2
        return 1
    fi
    # npm keeps the executable bit of the package's binary, but an unpacked copy or a cache may not.
    [ -x "$anvil" ] || chmod +x "$anvil" || return 1
    echo "$anvil"
}
