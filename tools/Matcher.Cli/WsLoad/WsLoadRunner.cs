using System.Diagnostics;
using System.Globalization;
using Matcher.Cli.FixLoad;
using Matcher.Client;
using Matcher.Metrics;
using Matcher.Protocol;

namespace Matcher.Cli.WsLoad;

/// <summary>
/// Runs a load: connects and logs in every connection, finds the instrument, sends orders (and cancels) for the
/// warm-up and the measured seconds — open loop on one sender thread, or closed loop from each connection's
/// receive loop — waits for the stragglers, closes, and sums up what the connections measured.
/// </summary>
internal static class WsLoadRunner
{
    /// <summary>How long to wait for the answers of the last orders before counting them missing.</summary>
    internal static readonly TimeSpan StragglerTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="options"/>; progress lines go to <paramref name="log"/>.</summary>
    /// <exception cref="MatcherClientException">A connection could not log in (a <see cref="MatcherRejectException"/> says why).</exception>
    /// <exception cref="WsLoadException">The server has no such instrument, or the prices do not fit it.</exception>
    public static async Task<WsLoadReport> RunAsync(WsLoadOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var sessions = new List<WsLoadSession>(options.Connections);
        var frequency = Stopwatch.Frequency;
        try
        {
            var clientOptions = new MatcherClientOptions { ResubscribeOnGap = false };
            for (var i = 1; i <= options.Connections; i++)
            {
                sessions.Add(new WsLoadSession(i, new PendingOrders(PendingCapacity(options)), options.ClosedLoop, clientOptions));
            }

            await Task.WhenAll(sessions.Select(s => s.Client.ConnectAsync(options.Url, cancellationToken))).ConfigureAwait(false);
            var logins = await Task.WhenAll(sessions.Select((s, i) =>
                s.Client.LoginAsync(options.KeyOf(i).Key, options.KeyOf(i).Secret, cancellationToken))).ConfigureAwait(false);
            var instruments = await sessions[0].Client.GetInstrumentsAsync(cancellationToken).ConfigureAwait(false);
            var instrument = instruments.FirstOrDefault(i => i.Symbol == options.Flow.Symbol)
                ?? throw new WsLoadException($"the server has no instrument {options.Flow.Symbol} (it has {string.Join(", ", instruments.Select(i => i.Symbol))})");
            var flow = new WsOrderFlow(options.Flow, instrument);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ws-load: {sessions.Count} connections logged in to {options.Url} (accounts {string.Join(", ", logins.Select(l => l.AccountId).Distinct())}); {instrument}; run tag {options.Flow.RunTag}"));
            WarnAboutRateLimit(options, logins, log);

            // A tenth of a second to get the sender thread going before the first order is due.
            var start = Stopwatch.GetTimestamp() + (frequency / 10);
            var measureStart = start + (long)(options.WarmupSeconds * frequency);
            var window = new LoadWindow(measureStart, measureStart + (long)(options.Seconds * frequency));
            foreach (var session in sessions)
            {
                session.Begin(flow, window);
            }

            var counts = CountMessagesAsync(sessions, window, cancellationToken);
            LatencyHistogram? sendLag = null;
            if (options.RatePerSecond is { } rate)
            {
                var schedule = new OrderSchedule(start, rate, frequency);
                var total = schedule.CountDueBy(window.End - 1);
                sendLag = await DedicatedThread.Run("ws-load sender", () => RunOpenLoop(sessions, schedule, total, window.MeasureStart)).ConfigureAwait(false);
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

            var (sentInWindow, receivedInWindow) = await counts.ConfigureAwait(false);
            await WaitForStragglers(sessions, log, cancellationToken).ConfigureAwait(false);
            var early = sessions.Where(s => !s.Client.IsConnected).ToList();
            await Task.WhenAll(sessions.Select(s => s.Client.CloseAsync(cancellationToken))).ConfigureAwait(false);
            return Summarize(options, instrument, sessions, early, sendLag, sentInWindow, receivedInWindow);
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The open loop: sleeps until the next order is due, then sends every order due by now, round robin over the
    /// connections, each stamped with its scheduled time.
    /// </summary>
    /// <returns>For each measured order, its scheduled time → the moment it was handed to the socket, in nanoseconds.</returns>
    private static LatencyHistogram RunOpenLoop(List<WsLoadSession> sessions, OrderSchedule schedule, long total, long measureStart)
    {
        MonotonicSleep.TightenTimerSlackOfThisThread();
        var nanosecondsPerTick = 1e9 / Stopwatch.Frequency;
        var lag = new LatencyHistogram(WsLoadSession.HighestLatencyNs);
        var count = sessions.Count;
        long next = 0;
        while (next < total)
        {
            var due = Math.Min(schedule.CountDueBy(Stopwatch.GetTimestamp()), total);
            if (due <= next)
            {
                MonotonicSleep.Until(schedule.TimeOf(next));
                continue;
            }

            for (; next < due; next++)
            {
                var scheduled = schedule.TimeOf(next);
                sessions[(int)(next % count)].SendScheduledOrder(scheduled);
                if (scheduled >= measureStart)
                {
                    lag.Record((long)((Stopwatch.GetTimestamp() - scheduled) * nanosecondsPerTick));
                }
            }
        }

        return lag;
    }

    /// <summary>Messages sent and received by all connections between the window's start and end.</summary>
    private static async Task<(long Sent, long Received)> CountMessagesAsync(List<WsLoadSession> sessions, LoadWindow window,
        CancellationToken cancellationToken)
    {
        await Task.Delay(Until(window.MeasureStart), cancellationToken).ConfigureAwait(false);
        var (sent, received) = Totals(sessions);
        await Task.Delay(Until(window.End), cancellationToken).ConfigureAwait(false);
        var (sentAtEnd, receivedAtEnd) = Totals(sessions);
        return (sentAtEnd - sent, receivedAtEnd - received);
    }

    private static (long Sent, long Received) Totals(List<WsLoadSession> sessions)
    {
        long sent = 0, received = 0;
        foreach (var session in sessions)
        {
            sent += session.Client.MessagesSent;
            received += session.Client.MessagesReceived;
        }

        return (sent, received);
    }

    private static void WarnAboutRateLimit(WsLoadOptions options, LoginAccepted[] logins, TextWriter log)
    {
        var limit = logins.Min(l => l.MessagesPerSecond);
        var messagesPerOrder = options.Flow.Resting > 0 ? 2 : 1;
        if (options.RatePerSecond is { } rate && rate * messagesPerOrder / (double)options.Connections > limit)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ws-load: warning: {rate * messagesPerOrder / (double)options.Connections:F0} messages/s per connection is above the server's limit of {limit} (burst {logins.Min(l => l.Burst)}): expect RateLimited rejects; raise Matcher:WebSocket:MessagesPerSecond or add connections"));
        }
    }

    private static async Task WaitForStragglers(List<WsLoadSession> sessions, TextWriter log, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(StragglerTimeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            long outstanding = 0;
            var closed = 0;
            foreach (var session in sessions)
            {
                outstanding += session.Pending.Outstanding;
                closed += session.Client.IsConnected ? 0 : 1;
            }

            if (outstanding == 0)
            {
                return;
            }

            if (closed == sessions.Count || Stopwatch.GetTimestamp() >= deadline)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"ws-load: {outstanding} orders still without an answer{(closed > 0 ? $"; {closed} connections closed" : "")}"));
                foreach (var session in sessions.Where(s => s.Pending.Outstanding > 0))
                {
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"ws-load:   connection {session.Number}: {session.Pending.Outstanding} of {session.Pending.Added} orders without an answer{(session.Closed is { } c ? $"; closed: {c}" : "")}"));
                }

                return;
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    private static WsLoadReport Summarize(WsLoadOptions options, InstrumentInfo instrument, List<WsLoadSession> sessions,
        List<WsLoadSession> early, LatencyHistogram? sendLagNs, long sentInWindow, long receivedInWindow)
    {
        var latency = new LatencyHistogram(WsLoadSession.HighestLatencyNs);
        var rejects = new SortedDictionary<ushort, long>();
        long sent = 0, answered = 0, inWindow = 0, missing = 0, total = 0, acks = 0, cancelsSent = 0, cancelsDone = 0, cancelRejects = 0;
        string? firstReject = null;
        foreach (var s in sessions)
        {
            latency.Add(s.LatencyNs);
            sent += s.MeasuredSent;
            answered += s.MeasuredAnswered;
            inWindow += s.AnswersInWindow;
            missing += s.Pending.Added - s.Pending.Completed + s.Unsent;
            total += s.OrdersSent;
            acks += s.Acks;
            cancelsSent += s.CancelsSent;
            cancelsDone += s.CancelsDone;
            cancelRejects += s.CancelRejects;
            firstReject ??= s.FirstRejectText;
            foreach (var (code, count) in s.RejectsByCode)
            {
                rejects[code] = rejects.GetValueOrDefault(code) + count;
            }
        }

        return new WsLoadReport
        {
            Target = options.Url.ToString(),
            Connections = sessions.Count,
            Instrument = string.Create(CultureInfo.InvariantCulture, $"{instrument.Symbol} ({instrument.InstrumentId})"),
            RatePerSecond = options.RatePerSecond,
            Window = options.ClosedLoop ? options.Window : null,
            Seconds = options.Seconds,
            WarmupSeconds = options.WarmupSeconds,
            OrdersSent = sent,
            Answered = answered,
            AnsweredPerSecond = inWindow / options.Seconds,
            MessagesSentPerSecond = sentInWindow / options.Seconds,
            MessagesReceivedPerSecond = receivedInWindow / options.Seconds,
            LatencyNs = latency,
            Acks = acks,
            MissingAcks = missing,
            TotalOrders = total,
            RejectsByCode = rejects,
            CancelsSent = cancelsSent,
            CancelsDone = cancelsDone,
            CancelRejects = cancelRejects,
            SendLagNs = sendLagNs,
            FirstRejectText = firstReject,
            Disconnected = early.Count,
            FirstDisconnect = early.Count > 0 ? early[0].Closed?.ToString() ?? "closed" : null,
        };
    }

    /// <summary>
    /// Open loop: a slot per request id the connection will use (an order and its cancel), up to 8 M; closed loop:
    /// 64 K slots, so a slot is reused only long after its order (a stuck one is then reported missing).
    /// </summary>
    internal static int PendingCapacity(WsLoadOptions options)
    {
        if (options.RatePerSecond is { } rate)
        {
            var perConnection = (2 * rate * (options.Seconds + options.WarmupSeconds) / options.Connections) + 1024;
            return (int)Math.Clamp(perConnection, 1024, 1 << 23);
        }

        return Math.Max(options.Window * 4, 1 << 16);
    }

    private static TimeSpan Until(long timestamp)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }
}
