# Sourced by run.sh and test.sh: checks and installs what Matcher needs on a fresh
# Debian machine. Each ensure_* function is a no-op when the tool is already there.
# Today that is only the .NET SDK; PostgreSQL, QuickFIX, anvil and solc join with the
# issues that bring them.

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
