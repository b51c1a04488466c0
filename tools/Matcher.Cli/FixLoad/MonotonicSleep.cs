using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Matcher.Cli.FixLoad;

/// <summary>
/// Sleeps until a <see cref="Stopwatch"/> timestamp with sub-millisecond precision and without spinning:
/// on Linux <c>clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)</c>, the clock <see cref="Stopwatch"/> reads.
/// </summary>
/// <remarks>
/// <see cref="Thread.Sleep(int)"/> and timers work in whole milliseconds: at 50,000 orders/s that is bursts of
/// 50 orders, each late by up to a millisecond, which the open-loop latency (measured from the scheduled
/// time) would count against the target. An absolute sleep wakes within the kernel's timer slack (50 µs by
/// default) and never drifts. Elsewhere it falls back to <see cref="Thread.Sleep(int)"/>.
/// </remarks>
internal static class MonotonicSleep
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsoluteTime = 1;
    private const int Interrupted = 4; // EINTR
    private const long NanosecondsPerSecond = 1_000_000_000;
    private const int SetTimerSlack = 29; // PR_SET_TIMERSLACK, in nanoseconds

    /// <summary>
    /// True where a <see cref="Stopwatch"/> timestamp is CLOCK_MONOTONIC in nanoseconds (.NET on Linux reads
    /// <c>clock_gettime(CLOCK_MONOTONIC)</c>), so it can be handed to <c>clock_nanosleep</c> as it is.
    /// </summary>
    private static readonly bool _precise = OperatingSystem.IsLinux() && Stopwatch.Frequency == NanosecondsPerSecond;

    /// <summary>Returns at or soon after <paramref name="timestamp"/> (a <see cref="Stopwatch.GetTimestamp"/> value).</summary>
    public static void Until(long timestamp)
    {
        if (_precise)
        {
            var request = new TimeSpec(timestamp / NanosecondsPerSecond, timestamp % NanosecondsPerSecond);
            while (ClockNanosleep(ClockMonotonic, TimerAbsoluteTime, in request, IntPtr.Zero) == Interrupted)
            {
                // A signal woke us early; an absolute deadline makes retrying exact.
            }

            return;
        }

        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (remaining > TimeSpan.Zero)
        {
            Thread.Sleep(Math.Max(1, (int)remaining.TotalMilliseconds));
        }
    }

    /// <summary>
    /// Asks Linux to wake this thread's sleeps within 1 µs of their deadline instead of the default 50 µs timer
    /// slack (<c>prctl(PR_SET_TIMERSLACK)</c>); the open loop's sender calls it once. A no-op elsewhere.
    /// </summary>
    public static void TightenTimerSlackOfThisThread()
    {
        if (_precise)
        {
            _ = Prctl(SetTimerSlack, 1000, 0, 0, 0);
        }
    }

    [DllImport("libc", EntryPoint = "prctl")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Prctl(int option, nuint argument2, nuint argument3, nuint argument4, nuint argument5);

    // Returns the error number itself (not -1 and errno), so no SetLastError. DllImport rather than
    // LibraryImport: the Cli project does not allow unsafe code, which the generated stub needs; the
    // struct is blittable, so the runtime pins it and passes its address without marshalling.
    [DllImport("libc", EntryPoint = "clock_nanosleep")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockNanosleep(int clockId, int flags, in TimeSpec request, IntPtr remaining);

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct TimeSpec(long seconds, long nanoseconds)
    {
        public readonly long Seconds = seconds;
        public readonly long Nanoseconds = nanoseconds;
    }
}
