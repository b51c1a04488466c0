# Sourced by run.sh and test.sh, after scripts/prerequisites.sh (it uses its _apt_install): the
# TypeScript client (clients/typescript) and the order-book page (web/orderbook). Each function is
# quiet and does nothing when everything is already there.
#   ensure_node      Node.js 20 or later with npm (Debian's nodejs and npm when missing)
#   ensure_chromium  Debian's chromium at /usr/bin/chromium, for the page's browser test
#   build_web        npm ci (when node_modules is missing or older than package-lock.json) and
#                    npm run build (when a source is newer than the last build), in
#                    clients/typescript and then web/orderbook (whose dist/ the server serves at /)

_node_major() {
    command -v node >/dev/null 2>&1 || { echo 0; return; }
    node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

ensure_node() {
    if [ "$(_node_major)" -ge 20 ] && command -v npm >/dev/null 2>&1; then
        return 0
    fi
    local -a packages=()
    command -v node >/dev/null 2>&1 || packages+=(nodejs)
    command -v npm >/dev/null 2>&1 || packages+=(npm)
    if [ "${#packages[@]}" -gt 0 ] && ! _apt_install "${packages[@]}"; then
        echo "Could not install ${packages[*]} from Debian." >&2
        return 1
    fi
    if [ "$(_node_major)" -lt 20 ]; then
        echo "The TypeScript client and the order-book page need Node.js 20 or later (WebSocket, Web Crypto);" \
            "found $(node --version 2>/dev/null || echo none). Install a newer nodejs first." >&2
        return 1
    fi
    if ! command -v npm >/dev/null 2>&1; then
        echo "npm is missing; install it with Node.js." >&2
        return 1
    fi
}

ensure_chromium() {
    if [ -x /usr/bin/chromium ]; then
        return 0
    fi
    if ! _apt_install chromium; then
        echo "Could not install chromium from Debian." >&2
        return 1
    fi
}

# In $1: npm ci when node_modules is missing or older than package-lock.json; then npm run build
# unless dist/.built is newer than every other path given (the build's inputs, relative to $1).
# Output is shown only when a step fails.
_npm_build() {
    local dir=$1 log
    shift
    log=$(mktemp) || return 1
    if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
        if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
            cat "$log" >&2
            echo "npm ci failed in $dir" >&2
            rm -f "$log"
            return 1
        fi
    fi
    if [ -f "$dir/dist/.built" ] && [ -z "$(cd "$dir" && find "$@" -newer dist/.built -print -quit 2>/dev/null)" ]; then
        rm -f "$log"
        return 0
    fi
    if ! (cd "$dir" && npm run build --silent) >"$log" 2>&1; then
        cat "$log" >&2
        echo "npm run build failed in $dir" >&2
        rm -f "$log"
        return 1
    fi
    rm -f "$log"
    touch "$dir/dist/.built"
}

build_web() {
    local root
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" || return 1
    _npm_build "$root/clients/typescript" src package.json package-lock.json tsconfig.json node_modules/.package-lock.json &&
        _npm_build "$root/web/orderbook" src index.html styles.css build.mjs package.json package-lock.json tsconfig.json \
            node_modules/.package-lock.json ../../clients/typescript/dist
}
