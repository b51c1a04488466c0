using Matcher.Core.Commands;
using Matcher.Core.Text;
using Matcher.Protocol;
using Matcher.Views.MarketData;
using Matcher.Views.Orders;

namespace Matcher.Gateways.WebSocket;

/// <summary>Inbound: a connection's messages to commands or direct answers, on its receive loop.</summary>
public sealed partial class WebSocketGateway
{
    /// <summary>Handles one whole message from <paramref name="connection"/>.</summary>
    internal void OnMessage(Connection connection, ReadOnlySpan<byte> frame)
    {
        var status = Codec.TryReadHeader(frame, out var header);
        var template = frame.Length >= 6 ? header.TemplateId : TemplateId.None;

        // Every message counts, malformed ones and Pings included, but a connection's first whole
        // Login: it either logs the connection in or closes it, so there is at most one.
        var freeLogin = status == HeaderStatus.Ok && template == TemplateId.Login && !connection.IsLoggedIn && frame.Length >= Login.FixedLength;
        if (!freeLogin && !connection.RateLimit.TryTake(_time.GetTimestamp()))
        {
            Interlocked.Increment(ref _rateLimited);
            Refuse(connection, template, RequestIdOf(frame), RejectCode.RateLimited,
                $"over {_options.MessagesPerSecond} messages/s (burst {_options.Burst})");
            return;
        }

        switch (status)
        {
            case HeaderStatus.Malformed:
                Refuse(connection, template, 0, RejectCode.Malformed,
                    "the length field must equal the message's length (at least 8 bytes)");
                return;
            case HeaderStatus.UnsupportedVersion:
                Refuse(connection, header.TemplateId, 0, RejectCode.UnsupportedVersion, $"schema versions 1 to {Codec.SchemaVersion} are supported");
                return;
        }

        switch (header.TemplateId)
        {
            case TemplateId.Login:
                if (Read(connection, frame, out Login login))
                {
                    OnLogin(connection, frame, in login);
                }

                return;
            case TemplateId.Ping:
                if (Read(connection, frame, out Ping ping))
                {
                    var pong = new Pong { RequestId = ping.RequestId, ServerTimeNs = NowNs() };
                    connection.Send(ref pong);
                }

                return;
            case TemplateId.Subscribe:
                if (Read(connection, frame, out Subscribe subscribe))
                {
                    OnSubscribe(connection, in subscribe);
                }

                return;
            case TemplateId.Unsubscribe:
                if (Read(connection, frame, out Unsubscribe unsubscribe))
                {
                    OnUnsubscribe(connection, in unsubscribe);
                }

                return;
            case TemplateId.InstrumentListRequest:
                if (Read(connection, frame, out InstrumentListRequest list))
                {
                    SendInstruments(connection, list.RequestId);
                }

                return;
            case TemplateId.PlaceOrder or TemplateId.CancelOrder or TemplateId.AmendOrder or TemplateId.CancelReplace
                or TemplateId.MassCancel or TemplateId.OrderStatusRequest or TemplateId.Quote or TemplateId.ResetMarketMakerProtection:
                if (!connection.IsLoggedIn)
                {
                    Refuse(connection, header.TemplateId, RequestIdOf(frame), RejectCode.NotLoggedIn, "order entry needs a Login first");
                    return;
                }

                OnOrderEntry(connection, header.TemplateId, frame);
                return;
            default:
                Refuse(connection, header.TemplateId, RequestIdOf(frame), RejectCode.UnknownTemplate, $"unknown template {(ushort)header.TemplateId}");
                return;
        }
    }

    private void OnLogin(Connection connection, ReadOnlySpan<byte> frame, in Login login)
    {
        if (connection.IsLoggedIn)
        {
            Refuse(connection, TemplateId.Login, 0, RejectCode.AlreadyLoggedIn, "this connection is logged in already");
            return;
        }

        var result = _authenticator.Check(frame, in login, NowNs(), out var accountId);
        if (result != RejectCode.None)
        {
            WebSocketLog.LoginRefused(_logger, connection.Id, result);
            Refuse(connection, TemplateId.Login, 0, result, result switch
            {
                RejectCode.StaleTimestamp => $"timestamp more than {_options.MaxClockSkew.TotalSeconds:0} s from the server's clock",
                RejectCode.NonceReused => "nonce already used with this key",
                _ => "unknown API key or wrong signature",
            });
            connection.Close(result, "login refused");
            return;
        }

        // The header was checked: its version is one this server reads, and the one it writes from now on.
        var version = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(frame[6..]);
        connection.LoggedIn(accountId, version);
        WebSocketLog.LoggedIn(_logger, connection.Id, accountId);
        var accepted = new LoginAccepted
        {
            AccountId = accountId,
            ConnectionId = connection.Id,
            SchemaVersion = version,
            ServerTimeNs = NowNs(),
            MessagesPerSecond = (uint)_options.MessagesPerSecond,
            Burst = (uint)_options.Burst,
            MaxMessageBytes = (uint)_options.MaxMessageBytes,
        };
        connection.Send(ref accepted);

        // After LoginAccepted, so that it comes first; its own orders, the first thing that can
        // change its balances, come after this returns.
        IndexLoggedIn(connection);
    }

    private void OnOrderEntry(Connection connection, TemplateId template, ReadOnlySpan<byte> frame)
    {
        var command = new Command { AccountId = connection.AccountId };
        ulong requestId;
        switch (template)
        {
            case TemplateId.PlaceOrder:
                if (!Read(connection, frame, out PlaceOrder place))
                {
                    return;
                }

                requestId = place.RequestId;
                if ((place.Flags & ~PlaceOrder.PostOnlyFlag) != 0 || !TryId(place.ClOrdId.AsSpan(), out command.ClientOrderId)
                    || !TryId(place.LinkedClOrdId.AsSpan(), out command.LinkedClientOrderId))
                {
                    Refuse(connection, template, requestId, RejectCode.Malformed,
                        "flags other than post-only (bit 0) set, or clOrdId or linkedClOrdId not printable ASCII");
                    return;
                }

                command.Type = CommandType.PlaceOrder;
                command.InstrumentId = place.InstrumentId;
                command.Side = (Side)place.Side;
                command.OrderType = (OrderType)place.OrderType;
                command.TimeInForce = place.TimeInForce != 0 ? (TimeInForce)place.TimeInForce
                    : command.OrderType == OrderType.Market ? TimeInForce.ImmediateOrCancel : TimeInForce.GoodTillCancel;
                command.SelfTradePrevention = (SelfTradePrevention)place.SelfTradePrevention;
                command.PostOnly = (place.Flags & PlaceOrder.PostOnlyFlag) != 0;
                command.PriceTicks = place.PriceTicks;
                command.QuantityLots = place.QuantityLots;
                command.QuoteBudget = place.QuoteBudget;
                command.ExpireTimeNs = place.ExpireTimeNs;

                // Schema 2 (zero in a version-1 message). The core checks them: InvalidTrigger,
                // InvalidContingency, UnknownLinkedOrder, InvalidOrderOption (docs/CORE.md).
                command.Trigger = (TriggerType)place.TriggerType;
                command.StopPriceTicks = place.StopPriceTicks;
                command.TrailingOffsetTicks = place.TrailingOffsetTicks;
                command.TrailingOffsetBps = place.TrailingOffsetBps;
                command.DisplayLots = place.DisplayLots;
                command.Contingency = (ContingencyType)place.ContingencyType;
                command.LinkedOrderId = place.LinkedOrderId;
                break;
            case TemplateId.CancelOrder:
                if (!Read(connection, frame, out CancelOrder cancel))
                {
                    return;
                }

                requestId = cancel.RequestId;
                if (!TryId(cancel.OrigClOrdId.AsSpan(), out command.ClientOrderId) || !TryId(cancel.ClOrdId.AsSpan(), out var cancelId))
                {
                    Refuse(connection, template, requestId, RejectCode.Malformed, "clOrdId or origClOrdId not printable ASCII");
                    return;
                }

                command.Type = CommandType.CancelOrder;
                command.OrderId = cancel.OrderId;
                _pending[(connection.Id, (long)requestId)] = new PendingCancel(cancelId, command.ClientOrderId);
                break;
            case TemplateId.AmendOrder:
                if (!Read(connection, frame, out AmendOrder amend))
                {
                    return;
                }

                requestId = amend.RequestId;
                if (!TryId(amend.OrigClOrdId.AsSpan(), out command.ClientOrderId))
                {
                    Refuse(connection, template, requestId, RejectCode.Malformed, "origClOrdId not printable ASCII");
                    return;
                }

                command.Type = CommandType.AmendOrder;
                command.OrderId = amend.OrderId;
                command.PriceTicks = amend.NewPriceTicks;
                command.QuantityLots = amend.NewQuantityLots;
                command.StopPriceTicks = amend.NewStopPriceTicks;
                break;
            case TemplateId.CancelReplace:
                if (!Read(connection, frame, out CancelReplace replace))
                {
                    return;
                }

                requestId = replace.RequestId;
                if (!TryId(replace.OrigClOrdId.AsSpan(), out command.ClientOrderId) || !TryId(replace.ClOrdId.AsSpan(), out command.NewClientOrderId))
                {
                    Refuse(connection, template, requestId, RejectCode.Malformed, "clOrdId or origClOrdId not printable ASCII");
                    return;
                }

                command.Type = CommandType.CancelReplace;
                command.OrderId = replace.OrderId;
                command.PriceTicks = replace.NewPriceTicks;
                command.QuantityLots = replace.NewQuantityLots;
                command.StopPriceTicks = replace.NewStopPriceTicks;
                break;
            case TemplateId.Quote:
                if (!Read(connection, frame, out Quote quote))
                {
                    return;
                }

                requestId = quote.RequestId;
                if (!TryId(quote.QuoteId.AsSpan(), out command.ClientOrderId))
                {
                    Refuse(connection, template, requestId, RejectCode.Malformed, "quoteId not printable ASCII");
                    return;
                }

                command.Type = CommandType.Quote;
                command.InstrumentId = quote.InstrumentId;
                command.PriceTicks = quote.BidPriceTicks;
                command.QuantityLots = quote.BidLots;
                command.AskPriceTicks = quote.AskPriceTicks;
                command.AskQuantityLots = quote.AskLots;
                break;
            case TemplateId.ResetMarketMakerProtection:
                if (!Read(connection, frame, out ResetMarketMakerProtection reset))
                {
                    return;
                }

                requestId = reset.RequestId;
                command.Type = CommandType.ResetMarketMakerProtection;
                break;
            case TemplateId.MassCancel:
                if (!Read(connection, frame, out MassCancel mass))
                {
                    return;
                }

                requestId = mass.RequestId;
                command.Type = CommandType.MassCancel;
                command.InstrumentId = mass.InstrumentId;
                command.Side = (Side)mass.Side;
                break;
            default:
                if (Read(connection, frame, out OrderStatusRequest status))
                {
                    OnStatusRequest(connection, in status);
                }

                return;
        }

        command.Origin = new Origin(GatewayId, connection.Id, (long)requestId);
        connection.EnteredOrders = true;
        if (!_publisher.TryPublish(command))
        {
            _pending.TryRemove((connection.Id, (long)requestId), out _);
            Refuse(connection, template, requestId, RejectCode.SystemBusy, _publisher.IsOpen ? "the engine is busy: try again" : "the server is stopping");
        }
    }

    private void OnStatusRequest(Connection connection, in OrderStatusRequest request)
    {
        var report = new ExecutionReport { RequestId = request.RequestId, ExecType = (byte)'I', AccountId = connection.AccountId, Role = (byte)'E' };
        if (!TryId(request.ClOrdId.AsSpan(), out var clientOrderId) || !_orders.TryFind(connection.AccountId, clientOrderId, request.OrderId, out var order))
        {
            report.OrderId = request.OrderId;
            report.OrdStatus = (byte)'8';
            report.RejectCode = (ushort)RejectCode.UnknownOrder;
            report.ClOrdId = request.ClOrdId;
            connection.Send(ref report);
            return;
        }

        report.OrderId = order.OrderId;
        report.OrdStatus = OrderStates.OrdStatus(order.FilledLots, order.QuantityLots - order.FilledLots, cancelled: false, default);
        report.InstrumentId = order.InstrumentId;
        report.Side = (byte)order.Side;
        report.OrderType = (byte)order.OrderType;
        report.TimeInForce = (byte)order.TimeInForce;
        report.PriceTicks = order.PriceTicks;
        report.QuantityLots = order.QuantityLots;
        report.CumLots = order.FilledLots;
        report.LeavesLots = order.QuantityLots - order.FilledLots;
        report.AvgPriceTicksE8 = AveragePrice(order.FilledTicksLots, order.FilledLots);
        report.TransactTimeNs = NowNs();
        CopyId(order.ClientOrderId, ref report.ClOrdId);
        connection.Send(ref report);
    }

    private void OnSubscribe(Connection connection, in Subscribe request)
    {
        var channels = (MarketDataChannels)request.Channels;
        if (!_catalog.TryGet(request.InstrumentId, out _) || request.Channels is 0 or > 7 || request.Depth > Subscribe.MaxDepth)
        {
            Refuse(connection, TemplateId.Subscribe, request.RequestId, RejectCode.InvalidSubscription,
                $"needs a known instrument, channels 1-7 and depth 0-{Subscribe.MaxDepth}");
            return;
        }

        var subscriptions = connection.Subscriptions;
        if (subscriptions.Remove(request.InstrumentId, out var previous))
        {
            _marketData.Unsubscribe(previous);
        }
        else if (subscriptions.Count >= _options.MaxSubscriptions)
        {
            Refuse(connection, TemplateId.Subscribe, request.RequestId, RejectCode.TooManySubscriptions,
                $"at most {_options.MaxSubscriptions} instruments per connection");
            return;
        }

        subscriptions[request.InstrumentId] = _marketData.Subscribe(connection, request.InstrumentId, channels, request.Depth, request.RequestId);
    }

    private void OnUnsubscribe(Connection connection, in Unsubscribe request)
    {
        if (!connection.Subscriptions.Remove(request.InstrumentId, out var subscription))
        {
            Refuse(connection, TemplateId.Unsubscribe, request.RequestId, RejectCode.InvalidSubscription, "not subscribed to this instrument");
            return;
        }

        _marketData.Unsubscribe(subscription);
    }

    private void SendInstruments(Connection connection, ulong requestId)
    {
        var instruments = _catalog.Instruments;
        var entries = new InstrumentEntry[instruments.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var instrument = instruments[i];
            var definition = instrument.Definition;
            entries[i] = new InstrumentEntry
            {
                InstrumentId = instrument.Id,
                Status = (byte)instrument.Status,
                TickScale = (byte)definition.TickSize.Scale,
                LotScale = (byte)definition.LotSize.Scale,
                TickMantissa = definition.TickSize.Mantissa,
                LotMantissa = definition.LotSize.Mantissa,
                MinQuantityLots = definition.MinQuantityLots,
                MinNotional = definition.MinNotional,
            };
            AsciiField.TryWrite(entries[i].Symbol.AsSpan(), instrument.Symbol);
            AsciiField.TryWrite(entries[i].BaseAsset.AsSpan(), instrument.BaseAsset);
            AsciiField.TryWrite(entries[i].QuoteAsset.AsSpan(), instrument.QuoteAsset);
        }

        var buffer = new byte[Codec.InstrumentListLength(entries.Length)];
        Codec.WriteInstrumentList(requestId, entries, buffer, connection.SchemaVersion);
        connection.Send(buffer);
    }

    /// <summary>Reads a fixed message, refusing it (Malformed) when it is shorter than its template.</summary>
    private bool Read<T>(Connection connection, ReadOnlySpan<byte> frame, out T message)
        where T : unmanaged, IFixedMessage
    {
        if (Codec.TryRead(frame, out message))
        {
            return true;
        }

        var version = System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(frame[6..]);
        Refuse(connection, T.Template, RequestIdOf(frame), RejectCode.Malformed,
            $"{T.Template} is {Codec.FixedLength<T>(version)} bytes in schema {version}, not {frame.Length}");
        return false;
    }

    private void Refuse(Connection connection, TemplateId template, ulong requestId, RejectCode code, string text)
    {
        Interlocked.Increment(ref _rejects);
        var reject = new Reject { RequestId = requestId, RefTemplateId = template, Code = (ushort)code, Text = Chars64.FromLossy(text) };
        connection.Send(ref reject);
    }

    /// <summary>Every client message has its requestId at offset 8; 0 when the message is too short to hold one.</summary>
    private static ulong RequestIdOf(ReadOnlySpan<byte> frame) =>
        frame.Length >= 16 ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(frame[8..]) : 0;

    /// <summary>A char[32] field as a client order id (empty when all zero); false when not printable ASCII.</summary>
    private static bool TryId(ReadOnlySpan<byte> field, out ClientOrderId id)
    {
        id = default;
        if (!AsciiField.IsValid(field))
        {
            return false;
        }

        var length = AsciiField.TextLength(field);
        return length == 0 || ClientOrderId.TryCreate(field[..length], out id);
    }

    private long NowNs() => (_time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
}
