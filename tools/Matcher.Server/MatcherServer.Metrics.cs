using Matcher.Core.Events;

namespace Matcher.Server;

/// <summary>The server's state as Prometheus text for <c>/metrics</c>.</summary>
public sealed partial class MatcherServer
{
    /// <summary>Every metric, in the Prometheus text format.</summary>
    public string WriteMetrics()
    {
        var text = new PrometheusText();
        text.Gauge("matcher_ready", "1 when the server accepts commands.", IsReady ? 1 : 0);
        text.Gauge("matcher_healthy", "1 while no ring consumer or replica has failed.", Fault is null ? 1 : 0);

        if (_inbound is { } inbound && _coreProcessor is { } core)
        {
            // Read the consumer before the cursor, so a command published in between can only make the depth larger, never negative.
            var consumed = core.Sequence.Value;
            var cursor = inbound.Ring.Cursor.Value;
            text.Family("matcher_ring_depth", "gauge", "Entries claimed in a ring and not yet consumed by its last consumer.")
                .Sample("matcher_ring_depth", Math.Clamp(cursor - consumed, 0, inbound.Ring.Size), "ring", "inbound");
            if (_outbound is { } outbound)
            {
                var slowest = long.MaxValue;
                foreach (var consumer in outbound.Consumers)
                {
                    slowest = Math.Min(slowest, consumer.Sequence.Value);
                }

                text.Sample("matcher_ring_depth", Math.Clamp(outbound.Ring.Cursor.Value - slowest, 0, outbound.Ring.Size), "ring", "outbound");
                text.Family("matcher_ring_capacity", "gauge", "Slots of a ring.")
                    .Sample("matcher_ring_capacity", inbound.Ring.Size, "ring", "inbound")
                    .Sample("matcher_ring_capacity", outbound.Ring.Size, "ring", "outbound");
            }
        }

        text.Counter("matcher_commands_total", "Commands the core has processed since start.", CommandsProcessed);
        text.Gauge("matcher_commands_per_second", "Commands processed per second, over the last second.", Volatile.Read(ref _commandsPerSecond));
        if (_publisher is { } publisher)
        {
            text.Counter("matcher_commands_published_total", "Commands producers put into the inbound ring since start.", publisher.Published);
            text.Counter("matcher_commands_refused_total", "Commands refused because the inbound ring was full or the server was stopping.", publisher.Refused);
        }

        if (_writer is { } writer && _journaler is { } journaler)
        {
            text.Gauge("matcher_journal_sequence", "The last sequence written to the journal.", writer.LastSequence);
            text.Gauge("matcher_journal_durable_sequence", "The last sequence made durable under the configured policy.", writer.DurableSequence);
            text.Summary("matcher_journal_batch_size", "Commands per journal batch (group commit).", journaler.BatchSizes);
            text.Summary("matcher_journal_fsync_seconds", "Time one journal fsync took.", writer.FsyncLatencyNs, 1e9);
        }

        if (_replica is { } replica)
        {
            text.Gauge("matcher_snapshot_sequence", "The sequence of the newest snapshot the replica wrote.", replica.LastSnapshotSequence);
        }

        text.Family("matcher_events_total", "counter", "Events the core emitted, by type.");
        foreach (var type in Enum.GetValues<EventType>())
        {
            if (type != EventType.None)
            {
                text.Sample("matcher_events_total", _statistics.Events(type), "type", type.ToString());
            }
        }

        text.Family("matcher_rejects_total", "counter", "Commands the core rejected, by reason.");
        foreach (var reason in Enum.GetValues<RejectReason>())
        {
            if (reason != RejectReason.None)
            {
                text.Sample("matcher_rejects_total", _statistics.Rejects(reason), "reason", reason.ToString());
            }
        }

        if (Projection is { } projection)
        {
            text.Gauge("matcher_projection_applied_sequence", "The last journal sequence the Postgres projector has committed.", projection.AppliedSequence);
            text.Gauge("matcher_projection_lag_sequences", "Journal records the Postgres projector has not committed yet.", projection.LagSequences);
            text.Gauge("matcher_projection_lag_seconds", "Age of the oldest journal record the Postgres projector has not committed.", projection.LagSeconds);
            text.Counter("matcher_projection_events_total", "Events the Postgres projector has written.", projection.EventsWritten);
            text.Counter("matcher_projection_batches_total", "Transactions the Postgres projector has committed.", projection.Batches);
            text.Counter("matcher_projection_failed_writes_total", "Batches that failed (Postgres unavailable) and were retried.", projection.FailedWrites);
        }

        text.Gauge("matcher_marketdata_subscriptions", "Market-data subscriptions of every gateway's clients.", _marketData.SubscriptionCount);
        WriteFixMetrics(text);
        WriteWebSocketMetrics(text);
        WriteChainMetrics(text);
        return text.ToString();
    }

    private void WriteChainMetrics(PrometheusText text)
    {
        if (_chain is null)
        {
            return;
        }

        var status = _chain.Status;
        text.Gauge("matcher_chain_last_seen_block", "The newest block the chain gateway has read.", status.LastSeenBlock);
        text.Gauge("matcher_chain_confirmed_block", "The newest block whose deposits were credited (it has the confirmation depth).", status.ConfirmedBlock);
        text.Gauge("matcher_chain_pending_deposits", "Deposits seen in blocks without the confirmation depth yet.", status.PendingDeposits);
        text.Gauge("matcher_chain_pending_withdrawals", "Approved withdrawals not yet paid and reported.", status.PendingWithdrawals);
        text.Counter("matcher_chain_rpc_errors_total", "Failed JSON-RPC calls to the node (each retried with back-off).", status.RpcErrors);
        text.Counter("matcher_chain_deposits_credited_total", "Deposits the core credited.", status.DepositsCredited);
        text.Gauge("matcher_chain_deposits_held", "Deposits seen but not credited: unknown token, or an amount that does not fit its asset.", status.HeldDeposits);
        text.Counter("matcher_chain_deposits_refused_total", "Deposits the core refused (an unknown account, say): the tokens stay in the escrow.", status.DepositsRefused);
        text.Counter("matcher_chain_reorgs_total", "Reorgs the gateway detected.", status.Reorgs);
        text.Counter("matcher_chain_withdrawals_completed_total", "Withdrawals paid and reported to the core.", status.WithdrawalsCompleted);
        text.Counter("matcher_chain_withdrawals_failed_total", "Withdrawals the escrow refused (funds returned to the account).", status.WithdrawalsFailed);
        text.Gauge("matcher_chain_halted", "1 when deposits halted on a reorg below the confirmation depth (an alert: an operator must look).", status.Halted is null ? 0 : 1);
        text.Gauge("matcher_chain_withdrawals_halted", "1 when withdrawals halted: a Withdrawn log that does not match, or the wrong chain (an alert).", status.WithdrawalsHalted is null ? 0 : 1);
        text.Counter("matcher_chain_loop_errors_total", "Unexpected failures in the chain gateway's loops (logged and retried).", status.LoopErrors);
        text.Gauge("matcher_chain_deposits_paused", "1 while the deposits kill switch is on.", status.DepositsPaused ? 1 : 0);
        text.Gauge("matcher_chain_withdrawals_paused", "1 while the withdrawals kill switch is on.", status.WithdrawalsPaused ? 1 : 0);
    }

    private void WriteWebSocketMetrics(PrometheusText text)
    {
        if (_webSocket is null)
        {
            return;
        }

        text.Gauge("matcher_ws_connections", "Open WebSocket connections.", _webSocket.ConnectionCount);
        text.Counter("matcher_ws_rejects_total", "WebSocket requests refused by the gateway (malformed, not logged in, rate-limited, ring full).", _webSocket.Rejects);
        text.Counter("matcher_ws_rate_limited_total", "WebSocket requests refused by a connection's rate limit.", _webSocket.RateLimited);
        text.Counter("matcher_ws_marketdata_dropped_total", "Market-data messages dropped for WebSocket clients that did not keep up.", _webSocket.DroppedMarketData);
        text.Counter("matcher_ws_slow_consumers_total", "WebSocket connections closed because their send queue overflowed.", _webSocket.SlowConsumers);
        text.Counter("matcher_ws_refused_connections_total", "WebSocket connections refused because MaxConnections were open.", _webSocket.RefusedConnections);
    }

    private void WriteFixMetrics(PrometheusText text)
    {
        if (_acceptor is null || _fixGateway is null)
        {
            return;
        }

        text.Counter("matcher_fix_gateway_rejects_total", "FIX requests refused by the gateway before reaching the core.", _fixGateway.GatewayRejects);
        text.Counter("matcher_fix_duplicates_dropped_total", "PossDup order-entry requests dropped because the journal already had them.", _fixGateway.DuplicatesDropped);
        text.Gauge("matcher_fix_tracked_orders", "Live orders of FIX sessions the gateway tracks.", _fixGateway.TrackedOrders);
        text.Family("matcher_fix_logged_on", "gauge", "1 while the FIX session is logged on.");
        text.Family("matcher_fix_messages_total", "counter", "FIX messages per session and direction.");
        text.Family("matcher_fix_session_events_total", "counter", "FIX session-layer events per session.");
        foreach (var session in _acceptor.Sessions)
        {
            var name = session.Settings.TargetCompId;
            var c = session.Counters;
            text.Sample("matcher_fix_logged_on", session.IsLoggedOn ? 1 : 0, "session", name);
            text.Sample("matcher_fix_messages_total", c.MessagesIn, "session", name, "direction", "in");
            text.Sample("matcher_fix_messages_total", c.MessagesOut, "session", name, "direction", "out");
            text.Sample("matcher_fix_session_events_total", c.SessionRejects, "session", name, "event", "session_reject");
            text.Sample("matcher_fix_session_events_total", c.BusinessRejects, "session", name, "event", "business_reject");
            text.Sample("matcher_fix_session_events_total", c.Throttled, "session", name, "event", "throttled");
            text.Sample("matcher_fix_session_events_total", c.ResendRequestsServed, "session", name, "event", "resend_served");
            text.Sample("matcher_fix_session_events_total", c.Logons, "session", name, "event", "logon");
            text.Sample("matcher_fix_session_events_total", c.Disconnects, "session", name, "event", "disconnect");
        }
    }
}
