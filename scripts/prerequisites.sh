# Sourced by run.sh and test.sh (and by the interop tests' QuickFixTools): checks and
# installs what Matcher needs on a fresh Debian machine. Each ensure_* function is a
# no-op when the tool is already there.
#   ensure_dotnet         the .NET 10 SDK (checked only: it is not a Debian package)
#   ensure_quickfix       QuickFIX C++ 1.15 (libquickfix-dev) with g++, make and python3, from Debian
#   build_quickfix_tools  builds the QuickFIX interop initiator and the ack-only benchmark
#                         acceptor into their bin/ folders (incremental, make)
#   ensure_postgresql     the PostgreSQL server binaries (initdb, pg_ctl), from Debian, for
#                         the projection tests' throwaway clusters
# anvil and solc join with the issues that bring them.

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

ensure_dotnet() {
    if ! command -v dotnet >/dev/null 2>&1; then
        echo "Matcher needs the .NET 10 SDK (dotnet on PATH); it is not a Debian package, so install it first." >&2
        return 1
    fi
    local major
    major=$(dotnet --version 2>/dev/null | cut -d. -f1)
    if [ "${major:-0}" -lt 10 ]; then
        echo "Matcher needs the .NET 10 SDK; found $(dotnet --version)." >&2
        return 1
    fi
}

# Runs apt-get as root: directly when we are root, else through sudo (non-interactive
# unless a terminal is there to answer a password prompt).
_apt_get() {
    local -a prefix=(env DEBIAN_FRONTEND=noninteractive)
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null 2>&1; then
            echo "Installing Debian packages needs root or sudo; neither is available." >&2
            return 1
        fi
        if [ -t 0 ]; then prefix=(sudo "${prefix[@]}"); else prefix=(sudo -n "${prefix[@]}"); fi
    fi
    # Wait for another apt or dpkg run (a parallel test, unattended upgrades) instead of failing.
    "${prefix[@]}" apt-get -o DPkg::Lock::Timeout=300 "$@"
}

# True when dpkg has every given package fully installed (a removed package whose
# configuration files remain is known to `dpkg -s`, but not installed).
_debian_installed() {
    local package
    for package in "$@"; do
        [ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null)" = installed ] || return 1
    done
}

# Installs the given Debian packages; refreshes the package lists only when the first
# try fails (a fresh machine has none, or stale ones).
_apt_install() {
    _apt_get install -y --no-install-recommends "$@" && return 0
    echo "apt-get install $* failed; running apt-get update and trying again." >&2
    _apt_get update && _apt_get install -y --no-install-recommends "$@"
}

# QuickFIX C++ from Debian: the independent FIX engine of the interop tests and the FIX
# benchmark baseline. Its 1.15 headers need -std=c++14; the Makefiles say so. python3
# generates the initiator's FIX 4.4 data dictionary from those headers.
ensure_quickfix() {
    if _debian_installed libquickfix-dev g++ make python3; then
        return 0
    fi
    if ! _apt_install libquickfix-dev g++ make python3; then
        echo "Could not install libquickfix-dev, g++, make and python3 from Debian." >&2
        return 1
    fi
}

# PostgreSQL from Debian: the projection tests start throwaway clusters with initdb and
# pg_ctl (tests/Matcher.TestSupport.Postgres). Debian keeps them off PATH, under
# /usr/lib/postgresql/<major>/bin; the test fixture looks there too, so either will do.
ensure_postgresql() {
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        return 0
    fi
    local bin
    for bin in /usr/lib/postgresql/*/bin; do
        if [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ]; then
            return 0
        fi
    done
    if ! _apt_install postgresql; then
        echo "Could not install postgresql from Debian." >&2
        return 1
    fi
}

# Builds tests/interop/quickfix-initiator and bench/quickfix-acceptor into their own bin/
# folders (git-ignored); make rebuilds only what changed. Run ensure_quickfix first.
build_quickfix_tools() {
    local root
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" || return 1
    make -s -C "$root/tests/interop/quickfix-initiator" &&
        make -s -C "$root/bench/quickfix-acceptor"
}
