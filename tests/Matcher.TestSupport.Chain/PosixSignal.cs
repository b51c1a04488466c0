using System.Runtime.InteropServices;

namespace Matcher.TestSupport.Chain;

/// <summary>
/// Sends SIGTERM: .NET's Process.Kill only sends SIGKILL, which gives anvil no chance to write its
/// state. kill(2) from libc, not the kill command, which a minimal system may lack.
/// </summary>
internal static class PosixSignal
{
    private const int Sigterm = 15;

    /// <summary>Asks process <paramref name="pid"/> to terminate; false when the signal could not be sent (it has exited).</summary>
    public static bool Terminate(int pid) => Kill(pid, Sigterm) == 0;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
