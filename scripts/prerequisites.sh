# Sourced by run.sh and test.sh: checks and installs what Matcher needs on a fresh
# Debian machine. Each ensure_* function is a no-op when the tool is already there.

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

apt_updated=""

# Installs Debian packages that are not yet installed (needs root, as on our machines).
apt_install() {
    local missing=()
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ -z "$apt_updated" ]; then
        apt-get update -qq
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

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
