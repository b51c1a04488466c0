using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
using Matcher.Core.Text;
using Matcher.Protocol;
using CoreSide = Matcher.Core.Commands.Side;

namespace Matcher.Gateways.WebSocket.Tests;

/// <summary>
/// Schema 2: stop, take-profit, trailing, iceberg and one-cancels-other fields, quotes and market-maker
/// protection, mapped to commands and back from events; and the schema version each connection is written in.
/// </summary>
public sealed class ConditionalOrderTests
{
    private static Origin OriginOf(GatewayHarness.Client client, long requestId) => new(WebSocketGateway.GatewayId, client.ConnectionId, requestId);

    /// <summary>Sends <paramref name="frame"/> and returns the command it became.</summary>
    private static async Task<Command> PublishedAsync(GatewayHarness harness, GatewayHarness.Client client, byte[] frame)
    {
        var before = harness.Published;
        client.Socket.ClientSends(frame);
        await GatewayHarness.Until(() => harness.Published == before + 1, "the command was published");
        return harness.Ring[before];
    }

    [Test]
    public async Task PlaceOrder_Schema2Fields_ReachTheCommand()
    {
        using var harness = new GatewayHarness();
        var client = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);

        var command = await PublishedAsync(harness, client, GatewayHarness.Frame(new PlaceOrder
        {
            RequestId = 7,
            InstrumentId = 1,
            Side = 2,
            OrderType = 1,
            PriceTicks = 2_950_000,
            QuantityLots = 400,
            ClOrdId = Chars32.From("stop-1"),
            TriggerType = 1,
            StopPriceTicks = 2_960_000,
            TrailingOffsetTicks = 3,
            TrailingOffsetBps = 4,
            DisplayLots = 100,
            ContingencyType = 1,
            LinkedOrderId = 77,
            LinkedClOrdId = Chars32.From("tp-1"),
        }));

        Assert.Multiple(() =>
        {
            Assert.That(command.Type, Is.EqualTo(CommandType.PlaceOrder));
            Assert.That(command.Trigger, Is.EqualTo(TriggerType.Stop));
            Assert.That(command.StopPriceTicks, Is.EqualTo(2_960_000));
            Assert.That(command.TrailingOffsetTicks, Is.EqualTo(3));
            Assert.That(command.TrailingOffsetBps, Is.EqualTo(4));
            Assert.That(command.DisplayLots, Is.EqualTo(100));
            Assert.That(command.Contingency, Is.EqualTo(ContingencyType.OneCancelsOther));
            Assert.That(command.LinkedOrderId, Is.EqualTo(77));
            Assert.That(command.LinkedClientOrderId.ToString(), Is.EqualTo("tp-1"));
            Assert.That(command.ClientOrderId.ToString(), Is.EqualTo("stop-1"));
        });
        await client.CloseAsync();
    }

    [Test]
    public async Task PlaceOrder_Schema1Message_IsAnOrdinaryOrder()
    {
        using var harness = new GatewayHarness();
        var client = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA, version: 1);
        var frame = GatewayHarness.Frame(new PlaceOrder
        {
            RequestId = 8,
            InstrumentId = 1,
            Side = 1,
            OrderType = 1,
            PriceTicks = 100,
            QuantityLots = 1,
            ClOrdId = Chars32.From("v1"),
        }, version: 1);
        Assert.That(frame, Has.Length.EqualTo(PlaceOrder.FixedLengthV1));

        var command = await PublishedAsync(harness, client, frame);

        Assert.Multiple(() =>
        {
            Assert.That(command.Type, Is.EqualTo(CommandType.PlaceOrder));
            Assert.That(command.PriceTicks, Is.EqualTo(100));
            Assert.That(command.Trigger, Is.EqualTo(TriggerType.None));
            Assert.That(command.StopPriceTicks, Is.Zero);
            Assert.That(command.DisplayLots, Is.Zero);
            Assert.That(command.Contingency, Is.EqualTo(ContingencyType.None));
        });
        await client.CloseAsync();
    }

    [Test]
    public async Task PlaceOrder_Schema2MessageAsShortAsSchema1_IsMalformed()
    {
        using var harness = new GatewayHarness();
        var client = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);
        var frame = GatewayHarness.Frame(new PlaceOrder { RequestId = 9, ClOrdId = Chars32.From("short") })[..PlaceOrder.FixedLengthV1];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(frame, (uint)frame.Length);

        client.Socket.ClientSends(frame);

        await GatewayHarness.Until(() => client.Socket.SentOf<Reject>().Count == 1, "the order was refused");
        var reject = client.Socket.SentOf<Reject>()[0];
        Assert.That((reject.RequestId, (RejectCode)reject.Code), Is.EqualTo((9UL, RejectCode.Malformed)));
        await client.CloseAsync();
    }

    [Test]
    public async Task PlaceOrder_LinkedClOrdIdNotAscii_IsMalformed()
    {
        using var harness = new GatewayHarness();
        var client = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);
        var order = new PlaceOrder { RequestId = 10, ClOrdId = Chars32.From("a") };
        order.LinkedClOrdId.AsSpan()[0] = 0x07;
        var published = harness.Published;

        client.Socket.ClientSends(GatewayHarness.Frame(order));

        await GatewayHarness.Until(() => client.Socket.SentOf<Reject>().Count == 1, "the order was refused");
        Assert.That((RejectCode)client.Socket.SentOf<Reject>()[0].Code, Is.EqualTo(RejectCode.Malformed));
        Assert.That(harness.Published, Is.EqualTo(published));
        await client.CloseAsync();
    }

    [Test]
    public async Task AmendAndCancelReplace_NewStopPrice_ReachesTheCommand()
    {
        using var harness = new GatewayHarness();
        var client = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);

        var amend = await PublishedAsync(harness, client, GatewayHarness.Frame(new AmendOrder { RequestId = 1, OrderId = 5, NewStopPriceTicks = 123 }));
        var replace = await PublishedAsync(harness, client, GatewayHarness.Frame(new CancelReplace
        {
            RequestId = 2,
            OrderId = 5,
            NewStopPriceTicks = 456,
            ClOrdId = Chars32.From("new"),
        }));

        Assert.Multiple(() =>
        {
            Assert.That((amend.Type, amend.OrderId, amend.StopPriceTicks), Is.EqualTo((CommandType.AmendOrder, 5L, 123L)));
            Assert.That((replace.Type, replace.StopPriceTicks, replace.NewClientOrderId.ToString()), Is.EqualTo((CommandType.CancelReplace, 456L, "new")));
        });
        await client.CloseAsync();
    }

    [Test]
    public async Task Quote_MapsToAQuoteCommand_WithTheQuoteIdAsClientOrderId()
    {
        using var harness = new GatewayHarness();
        var client = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);

        var command = await PublishedAsync(harness, client, GatewayHarness.Frame(new Quote
        {
            RequestId = 11,
            InstrumentId = 1,
            BidPriceTicks = 99,
            BidLots = 5,
            AskPriceTicks = 101,
            AskLots = 6,
            QuoteId = Chars32.From("q-1"),
        }));
        var reset = await PublishedAsync(harness, client, GatewayHarness.Frame(new ResetMarketMakerProtection { RequestId = 12 }));

        Assert.Multiple(() =>
        {
            Assert.That(command.Type, Is.EqualTo(CommandType.Quote));
            Assert.That(command.AccountId, Is.EqualTo(GatewayHarness.AccountA));
            Assert.That(command.InstrumentId, Is.EqualTo(1));
            Assert.That((command.PriceTicks, command.QuantityLots, command.AskPriceTicks, command.AskQuantityLots), Is.EqualTo((99L, 5L, 101L, 6L)));
            Assert.That(command.ClientOrderId.ToString(), Is.EqualTo("q-1"));
            Assert.That(command.Origin, Is.EqualTo(OriginOf(client, 11)));
            Assert.That((reset.Type, reset.AccountId, reset.Origin.CorrelationId), Is.EqualTo((CommandType.ResetMarketMakerProtection, GatewayHarness.AccountA, 12L)));
        });
        await client.CloseAsync();
    }

    [Test]
    public async Task QuoteAndReset_BeforeLogin_AreRefused()
    {
        using var harness = new GatewayHarness();
        var client = harness.Connect();

        client.Socket.ClientSends(GatewayHarness.Frame(new Quote { RequestId = 1, QuoteId = Chars32.From("q") }));
        client.Socket.ClientSends(GatewayHarness.Frame(new ResetMarketMakerProtection { RequestId = 2 }));

        await GatewayHarness.Until(() => client.Socket.SentOf<Reject>().Count == 2, "both were refused");
        Assert.That(client.Socket.SentOf<Reject>().Select(r => (r.RequestId, (RejectCode)r.Code)),
            Is.EqualTo(new[] { (1UL, RejectCode.NotLoggedIn), (2UL, RejectCode.NotLoggedIn) }));
        Assert.That(harness.Published, Is.Zero);
        await client.CloseAsync();
    }

    [Test]
    public async Task OrderTriggered_IsAnExecutionReportL_WithTheTriggerFields()
    {
        using var harness = new GatewayHarness();
        var client = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);
        var accepted = new EngineEvent
        {
            Type = EventType.OrderAccepted,
            CommandType = CommandType.PlaceOrder,
            AccountId = GatewayHarness.AccountA,
            InstrumentId = 1,
            OrderId = 40,
            Side = CoreSide.Sell,
            OrderType = OrderType.Market,
            TimeInForce = TimeInForce.ImmediateOrCancel,
            QuantityLots = 10,
            RemainingLots = 10,
            Trigger = TriggerType.TrailingStop,
            StopPriceTicks = 950,
            TrailingOffsetTicks = 50,
            LinkedOrderId = 39,
            ClientOrderId = ClientOrderId.From("trail-1"),
            Origin = OriginOf(client, 5),
            OrderOrigin = OriginOf(client, 5),
        };
        harness.Deliver(accepted);
        var triggered = accepted;
        triggered.Type = EventType.OrderTriggered;
        triggered.StopPriceTicks = 970;
        triggered.Origin = new Origin(9, 9, 9); // another session's trade triggered it
        harness.Deliver(triggered);

        await GatewayHarness.Until(() => client.Socket.SentOf<ExecutionReport>().Count == 2, "both reports were sent");
        var reports = client.Socket.SentOf<ExecutionReport>();
        Assert.Multiple(() =>
        {
            Assert.That(((char)reports[0].ExecType, reports[0].RequestId, reports[0].StopPriceTicks), Is.EqualTo(('0', 5UL, 950L)));
            Assert.That((char)reports[1].ExecType, Is.EqualTo('L'));
            Assert.That((char)reports[1].OrdStatus, Is.EqualTo('0'));
            Assert.That(reports[1].RequestId, Is.Zero, "not this connection's request");
            Assert.That(reports[1].OrderId, Is.EqualTo(40));
            Assert.That(reports[1].TriggerType, Is.EqualTo((byte)TriggerType.TrailingStop));
            Assert.That(reports[1].StopPriceTicks, Is.EqualTo(970));
            Assert.That(reports[1].TrailingOffsetTicks, Is.EqualTo(50));
            Assert.That(reports[1].LinkedOrderId, Is.EqualTo(39));
            Assert.That(reports[1].LeavesLots, Is.EqualTo(10));
            Assert.That(reports[1].ClOrdId.ToString(), Is.EqualTo("trail-1"));
        });
        await client.CloseAsync();
    }

    [Test]
    public async Task QuoteLegsAndQuoteAccepted_AreReportsFlaggedAsQuoteAndAQuoteAck()
    {
        using var harness = new GatewayHarness();
        var client = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);
        var origin = OriginOf(client, 21);
        EngineEvent Leg(long orderId, CoreSide side, long price, long lots) => new()
        {
            Type = EventType.OrderAccepted,
            CommandType = CommandType.Quote,
            AccountId = GatewayHarness.AccountA,
            InstrumentId = 1,
            OrderId = orderId,
            Side = side,
            OrderType = OrderType.Limit,
            TimeInForce = TimeInForce.GoodTillCancel,
            PriceTicks = price,
            QuantityLots = lots,
            RemainingLots = lots,
            IsQuote = true,
            ClientOrderId = ClientOrderId.From("q-7"),
            Origin = origin,
            OrderOrigin = origin,
        };
        harness.Deliver(Leg(50, CoreSide.Buy, 99, 5));
        harness.Deliver(Leg(51, CoreSide.Sell, 101, 6));
        harness.Deliver(new EngineEvent
        {
            Type = EventType.QuoteAccepted,
            CommandType = CommandType.Quote,
            AccountId = GatewayHarness.AccountA,
            InstrumentId = 1,
            OrderId = 50,
            AskOrderId = 51,
            PriceTicks = 99,
            QuantityLots = 5,
            AskPriceTicks = 101,
            AskQuantityLots = 6,
            TimestampNs = 1234,
            ClientOrderId = ClientOrderId.From("q-7"),
            Origin = origin,
        });
        harness.Deliver(new EngineEvent
        {
            Type = EventType.Rejected,
            CommandType = CommandType.Quote,
            RejectReason = RejectReason.InvalidQuote,
            AccountId = GatewayHarness.AccountA,
            InstrumentId = 1,
            PriceTicks = 102,
            QuantityLots = 5,
            AskPriceTicks = 101,
            AskQuantityLots = 6,
            ClientOrderId = ClientOrderId.From("q-8"),
            Origin = OriginOf(client, 22),
        });

        await GatewayHarness.Until(() => client.Socket.SentOf<QuoteAck>().Count == 2, "both acks were sent");
        var reports = client.Socket.SentOf<ExecutionReport>();
        var acks = client.Socket.SentOf<QuoteAck>();
        Assert.Multiple(() =>
        {
            Assert.That(reports.Select(r => (r.OrderId, r.Flags, r.ClOrdId.ToString())),
                Is.EqualTo(new[] { (50L, ExecutionReport.QuoteFlag, "q-7"), (51L, ExecutionReport.QuoteFlag, "q-7") }));
            Assert.That((acks[0].RequestId, acks[0].BidOrderId, acks[0].AskOrderId, acks[0].RejectCode), Is.EqualTo((21UL, 50L, 51L, (ushort)0)));
            Assert.That((acks[0].BidPriceTicks, acks[0].BidLots, acks[0].AskPriceTicks, acks[0].AskLots), Is.EqualTo((99L, 5L, 101L, 6L)));
            Assert.That((acks[0].QuoteId.ToString(), acks[0].InstrumentId, acks[0].TransactTimeNs), Is.EqualTo(("q-7", 1, 1234L)));
            Assert.That((acks[1].RequestId, acks[1].BidOrderId, acks[1].AskOrderId), Is.EqualTo((22UL, 0L, 0L)));
            Assert.That((acks[1].RejectCode, acks[1].QuoteId.ToString()), Is.EqualTo(((ushort)RejectReason.InvalidQuote, "q-8")));
        });
        await client.CloseAsync();
    }

    [Test]
    public async Task MarketMakerProtection_GoesToTheAccountsSchema2Connections_AndAnswersAReset()
    {
        using var harness = new GatewayHarness();
        var resetter = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);
        var other = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA);
        var old = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA, version: 1);
        var stranger = await harness.LoginAsync(GatewayHarness.KeyB, GatewayHarness.SecretB);

        harness.Deliver(new EngineEvent
        {
            Type = EventType.MarketMakerProtectionUpdated,
            CommandType = CommandType.PlaceOrder,
            AccountId = GatewayHarness.AccountA,
            InstrumentStatus = InstrumentStatus.Halted,
            WindowNs = 1_000_000_000,
            QuantityLots = 500,
            MaxFills = 10,
            Origin = new Origin(9, 9, 9),
        });
        harness.Deliver(new EngineEvent
        {
            Type = EventType.MarketMakerProtectionUpdated,
            CommandType = CommandType.ResetMarketMakerProtection,
            AccountId = GatewayHarness.AccountA,
            InstrumentStatus = InstrumentStatus.Trading,
            WindowNs = 1_000_000_000,
            QuantityLots = 500,
            MaxFills = 10,
            Origin = OriginOf(resetter, 31),
        });
        harness.Deliver(new EngineEvent
        {
            Type = EventType.Rejected,
            CommandType = CommandType.ResetMarketMakerProtection,
            RejectReason = RejectReason.UnknownAccount,
            AccountId = GatewayHarness.AccountA,
            Origin = OriginOf(other, 32),
        });

        await GatewayHarness.Until(() => resetter.Socket.SentOf<MarketMakerProtection>().Count == 2 && other.Socket.SentOf<MarketMakerProtection>().Count == 3,
            "the updates were sent");
        var mine = resetter.Socket.SentOf<MarketMakerProtection>();
        var theirs = other.Socket.SentOf<MarketMakerProtection>();
        Assert.Multiple(() =>
        {
            Assert.That((mine[0].Status, mine[0].RequestId, mine[0].WindowNs, mine[0].QuantityLots, mine[0].MaxFills),
                Is.EqualTo((MarketMakerProtection.Tripped, 0UL, 1_000_000_000L, 500L, 10)));
            Assert.That((mine[1].Status, mine[1].RequestId), Is.EqualTo((MarketMakerProtection.Active, 31UL)));
            Assert.That((theirs[1].Status, theirs[1].RequestId), Is.EqualTo((MarketMakerProtection.Active, 0UL)));
            Assert.That((theirs[2].RequestId, theirs[2].RejectCode, theirs[2].Status), Is.EqualTo((32UL, (ushort)RejectReason.UnknownAccount, (byte)0)));
            Assert.That(old.Socket.SentOf<MarketMakerProtection>(), Is.Empty, "a schema-1 client does not know the message");
            Assert.That(stranger.Socket.SentOf<MarketMakerProtection>(), Is.Empty);
        });
        foreach (var client in new[] { resetter, other, old, stranger })
        {
            await client.CloseAsync();
        }
    }

    [Test]
    public async Task Schema1Client_IsWrittenToInSchema1_AndSchema2ClientInSchema2()
    {
        using var harness = new GatewayHarness();
        var old = await harness.LoginAsync(GatewayHarness.KeyA, GatewayHarness.SecretA, version: 1);
        var current = await harness.LoginAsync(GatewayHarness.KeyB, GatewayHarness.SecretB);
        EngineEvent Accepted(GatewayHarness.Client client, long accountId) => new()
        {
            Type = EventType.OrderAccepted,
            CommandType = CommandType.PlaceOrder,
            AccountId = accountId,
            InstrumentId = 1,
            OrderId = 60 + client.ConnectionId,
            Side = CoreSide.Buy,
            OrderType = OrderType.Limit,
            PriceTicks = 100,
            QuantityLots = 1,
            RemainingLots = 1,
            DisplayLots = 1,
            ClientOrderId = ClientOrderId.From("o"),
            Origin = OriginOf(client, 1),
            OrderOrigin = OriginOf(client, 1),
        };
        harness.Deliver(Accepted(old, GatewayHarness.AccountA));
        harness.Deliver(Accepted(current, GatewayHarness.AccountB));

        await GatewayHarness.Until(() => old.Socket.SentOf<ExecutionReport>().Count == 1 && current.Socket.SentOf<ExecutionReport>().Count == 1, "the reports were sent");
        var oldFrames = old.Socket.Sent();
        var currentFrames = current.Socket.Sent();
        Assert.Multiple(() =>
        {
            Assert.That(old.Socket.SentOf<LoginAccepted>()[0].SchemaVersion, Is.EqualTo(1));
            Assert.That(current.Socket.SentOf<LoginAccepted>()[0].SchemaVersion, Is.EqualTo(Codec.SchemaVersion));
            Assert.That(oldFrames.Select(f => System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(6))), Is.All.EqualTo(1));
            Assert.That(oldFrames.Last(), Has.Length.EqualTo(ExecutionReport.FixedLengthV1));
            Assert.That(old.Socket.SentOf<ExecutionReport>()[0].DisplayLots, Is.Zero, "schema 1 has no display quantity");
            Assert.That(currentFrames.Select(f => System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(f.AsSpan(6))), Is.All.EqualTo(Codec.SchemaVersion));
            Assert.That(currentFrames.Last(), Has.Length.EqualTo(ExecutionReport.FixedLength));
            Assert.That(current.Socket.SentOf<ExecutionReport>()[0].DisplayLots, Is.EqualTo(1));
        });
        await old.CloseAsync();
        await current.CloseAsync();
    }
}
