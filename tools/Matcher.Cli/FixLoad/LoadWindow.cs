namespace Matcher.Cli.FixLoad;

/// <summary>The measured part of a run, in <see cref="System.Diagnostics.Stopwatch"/> timestamps.</summary>
/// <param name="MeasureStart">The end of the warm-up: orders due from here on are measured.</param>
/// <param name="End">No order is due (open loop) or sent (closed loop) from here on.</param>
internal readonly record struct LoadWindow(long MeasureStart, long End);
