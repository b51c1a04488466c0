using System.Diagnostics;
using System.Globalization;
using Matcher.Metrics;

namespace Matcher.Cli.FixLoad;

/// <summary>
/// Runs a load: connects and logs on every session, sends orders for the warm-up and the measured seconds
/// (open loop on one sender thread, or closed loop from each session's receive loop), waits for the
/// stragglers, logs out and sums up what the sessions measured.
/// </summary>
internal static class LoadRunner
{
    /// <summary>How long to wait for the reports of the last orders before counting them missing.</summary>
    internal static readonly TimeSpan StragglerTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan _logonTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan _logoutTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The open loop flushes at least every this many orders, however late it is.</summary>
    private const int MaxBatch = 1024;

    /// <summary>Runs <paramref name="options"/>; progress lines go to <paramref name="log"/>.</summary>
    /// <exception cref="FixSessionException">A session could not log on.</exception>
    public static async Task<LoadReport> RunAsync(FixLoadOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var flow = new OrderFlow(options.Flow);
        var sessions = new List<LoadSession>(options.Sessions);
        var frequency = Stopwatch.Frequency;
        try
        {
            for (var i = 1; i <= options.Sessions; i++)
            {
                sessions.Add(new LoadSession(new FixClient(options.ClientOptions(i)), flow,
                    new PendingOrders(PendingCapacity(options)), options.ClosedLoop));
            }

            var target = string.Create(CultureInfo.InvariantCulture, $"{options.Host}:{options.Port}");
            await Task.WhenAll(sessions.Select(s => s.Client.ConnectAsync(options.Host, options.Port, cancellationToken)))
                .ConfigureAwait(false);
            await Task.WhenAll(sessions.Select(s => s.Client.LogonAsync(_logonTimeout, cancellationToken))).ConfigureAwait(false);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fix-load: {sessions.Count} sessions logged on to {target} as {options.SenderPrefix}1..{options.SenderPrefix}{sessions.Count}; run tag {options.Flow.RunTag}"));

            // A tenth of a second to get the sender thread going before the first order is due.
            var start = Stopwatch.GetTimestamp() + (frequency / 10);
            var measureStart = start + (long)(options.WarmupSeconds * frequency);
            var window = new LoadWindow(measureStart, measureStart + (long)(options.Seconds * frequency));
            foreach (var session in sessions)
            {
                session.Begin(window);
            }

            LatencyHistogram? sendLag = null;
            if (options.RatePerSecond is { } rate)
            {
                var schedule = new OrderSchedule(start, rate, frequency);
                var total = schedule.CountDueBy(window.End - 1);
                sendLag = await DedicatedThread.Run("fix-load sender", () => RunOpenLoop(sessions, schedule, total, window.MeasureStart)).ConfigureAwait(false);
            }
            else
            {
                await Task.Delay(Until(start), cancellationToken).ConfigureAwait(false);
                foreach (var session in sessions)
                {
                    session.SendOrders(options.Window);
                }

                await Task.Delay(Until(window.End), cancellationToken).ConfigureAwait(false);
            }

            await WaitForStragglers(sessions, log, cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(sessions.Select(s => s.Client.LogoutAsync(_logoutTimeout, "load done"))).ConfigureAwait(false);
            await DisposeAll(sessions).ConfigureAwait(false);
            return Summarize(options, target, sessions, sendLag);
        }
        finally
        {
            await DisposeAll(sessions).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The open loop: sleeps until the next order is due, then writes every order due by now (round robin over
    /// the sessions, each stamped with its scheduled time) and flushes each session once.
    /// </summary>
    /// <returns>
    /// The generator's own lateness: for each measured order, the time from its scheduled time to the end of
    /// the flush that sent it, in nanoseconds. It is part of the order's latency, so it must stay small.
    /// </returns>
    private static LatencyHistogram RunOpenLoop(List<LoadSession> sessions, OrderSchedule schedule, long total, long measureStart)
    {
        MonotonicSleep.TightenTimerSlackOfThisThread();
        var nanosecondsPerTick = 1e9 / Stopwatch.Frequency;
        var lag = new LatencyHistogram(LoadSession.HighestLatencyNs);
        var count = sessions.Count;
        var dirty = new bool[count];
        long next = 0;
        while (next < total)
        {
            var due = Math.Min(schedule.CountDueBy(Stopwatch.GetTimestamp()), total);
            if (due <= next)
            {
                MonotonicSleep.Until(schedule.TimeOf(next));
                continue;
            }

            due = Math.Min(due, next + MaxBatch);
            var batchStart = next;
            var unixTimeNs = LoadSession.UnixTimeNs();
            for (; next < due; next++)
            {
                var index = (int)(next % count);
                sessions[index].WriteScheduledOrder(schedule.TimeOf(next), unixTimeNs);
                dirty[index] = true;
            }

            for (var i = 0; i < count; i++)
            {
                if (dirty[i])
                {
                    dirty[i] = false;
                    sessions[i].Client.Flush();
                }
            }

            var flushed = Stopwatch.GetTimestamp();
            for (var i = batchStart; i < next; i++)
            {
                var scheduled = schedule.TimeOf(i);
                if (scheduled >= measureStart)
                {
                    lag.Record((long)((flushed - scheduled) * nanosecondsPerTick));
                }
            }
        }

        return lag;
    }

    private static async Task WaitForStragglers(List<LoadSession> sessions, TextWriter log, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(StragglerTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            long outstanding = 0;
            var closed = 0;
            foreach (var session in sessions)
            {
                outstanding += session.Pending.Outstanding;
                closed += session.Client.Closed.IsCompleted ? 1 : 0;
            }

            if (outstanding == 0)
            {
                return;
            }

            if (closed == sessions.Count || Stopwatch.GetTimestamp() >= deadline)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"fix-load: {outstanding} orders still without an execution report{(closed > 0 ? $"; {closed} sessions disconnected" : "")}"));
                foreach (var session in sessions)
                {
                    var pending = session.Pending;
                    if (pending.Outstanding > 0)
                    {
                        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"fix-load:   {session.Client.SenderCompId}: {pending.Outstanding} of {pending.Added} orders without a report; next expected MsgSeqNum {session.Client.ExpectedIncomingSeqNum}{(session.Client.Closed.IsCompleted ? ", disconnected" : "")}"));
                    }
                }

                return;
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    private static LoadReport Summarize(FixLoadOptions options, string target, List<LoadSession> sessions, LatencyHistogram? sendLagNs)
    {
        var latency = new LatencyHistogram(LoadSession.HighestLatencyNs);
        long sent = 0, acks = 0, inWindow = 0, missing = 0, total = 0, rejected = 0, sessionRejects = 0, businessRejects = 0,
            massCancels = 0, gaps = 0;
        string? firstReject = null;
        foreach (var s in sessions)
        {
            latency.Add(s.LatencyNs);
            sent += s.MeasuredSent;
            acks += s.MeasuredAcks;
            inWindow += s.AcksInWindow;
            missing += s.Pending.Added - s.Pending.Completed;
            total += s.OrdersSent;
            rejected += s.Rejected;
            sessionRejects += s.SessionRejects;
            businessRejects += s.BusinessRejects;
            massCancels += s.MassCancels;
            gaps += s.Client.SequenceGaps;
            firstReject ??= s.FirstRejectText;
        }

        return new LoadReport
        {
            Target = $"{target} ({options.Target})",
            Sessions = sessions.Count,
            RatePerSecond = options.RatePerSecond,
            Window = options.ClosedLoop ? options.Window : null,
            Seconds = options.Seconds,
            WarmupSeconds = options.WarmupSeconds,
            OrdersSent = sent,
            Acks = acks,
            AcksPerSecond = inWindow / options.Seconds,
            LatencyNs = latency,
            MissingAcks = missing,
            TotalOrders = total,
            Rejected = rejected,
            SessionRejects = sessionRejects,
            BusinessRejects = businessRejects,
            MassCancels = massCancels,
            SequenceGaps = gaps,
            SendLagNs = sendLagNs,
            FirstRejectText = firstReject,
        };
    }

    /// <summary>
    /// Open loop: room for every order a session will send (no slot is reused), up to 4 M; closed loop: twice
    /// the window (a slot is reused only after its order's report).
    /// </summary>
    internal static int PendingCapacity(FixLoadOptions options)
    {
        if (options.RatePerSecond is { } rate)
        {
            var perSession = (rate * (options.Seconds + options.WarmupSeconds) / options.Sessions) + 2;
            return (int)Math.Clamp(perSession, 1024, 1 << 22);
        }

        return Math.Max(options.Window * 2, 64);
    }

    private static TimeSpan Until(long timestamp)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    private static async Task DisposeAll(List<LoadSession> sessions)
    {
        foreach (var session in sessions)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }
}
