using Matcher.Protocol;
using static Matcher.Client.Tests.Frames;

namespace Matcher.Client.Tests;

/// <summary>Schema-2 order entry (stops, take-profits, trailing stops, icebergs, one-cancels-other, quotes) and its answers.</summary>
public sealed class ConditionalOrderTests
{
    private const int BtcUsd = 1;

    [Test]
    public async Task PlaceStopOrder_StopLimit_SendsTheTriggerAndTheLink()
    {
        await using var session = await ClientSession.StartAsync();

        var requestId = session.Client.PlaceStopOrder(BtcUsd, Side.Sell, stopPriceTicks: 950, quantityLots: 4, "sl-1", limitPriceTicks: 940,
            ocoWithClOrdId: "tp-1");
        var (order, frame) = await session.Connection.ExpectAsync<PlaceOrder>();

        Assert.Multiple(() =>
        {
            Assert.That(frame, Has.Length.EqualTo(PlaceOrder.FixedLength));
            Assert.That(BitConverter.ToUInt16(frame, 6), Is.EqualTo(Codec.SchemaVersion));
            Assert.That(order.RequestId, Is.EqualTo(requestId));
            Assert.That((order.TriggerType, order.StopPriceTicks, order.PriceTicks), Is.EqualTo(((byte)TriggerType.Stop, 950L, 940L)));
            Assert.That(order.OrderType, Is.EqualTo((byte)OrderType.Limit));
            Assert.That((order.ContingencyType, order.LinkedClOrdId.ToString()), Is.EqualTo(((byte)ContingencyType.OneCancelsOther, "tp-1")));
            Assert.That((order.Side, order.QuantityLots, order.ClOrdId.ToString()), Is.EqualTo(((byte)Side.Sell, 4L, "sl-1")));
        });
    }

    [Test]
    public async Task PlaceTakeProfitTrailingAndIceberg_SendTheirFields()
    {
        await using var session = await ClientSession.StartAsync();

        session.Client.PlaceTakeProfitOrder(BtcUsd, Side.Buy, stopPriceTicks: 900, quantityLots: 2, "tp");
        session.Client.PlaceTrailingStopOrder(BtcUsd, Side.Sell, quantityLots: 3, "trail", offsetBps: 25);
        session.Client.PlaceIcebergOrder(BtcUsd, Side.Buy, priceTicks: 1000, quantityLots: 50, displayLots: 5, "ice");
        var (takeProfit, _) = await session.Connection.ExpectAsync<PlaceOrder>();
        var (trailing, _) = await session.Connection.ExpectAsync<PlaceOrder>();
        var (iceberg, _) = await session.Connection.ExpectAsync<PlaceOrder>();

        Assert.Multiple(() =>
        {
            Assert.That((takeProfit.TriggerType, takeProfit.StopPriceTicks, takeProfit.OrderType, takeProfit.PriceTicks),
                Is.EqualTo(((byte)TriggerType.TakeProfit, 900L, (byte)OrderType.Market, 0L)));
            Assert.That(takeProfit.ContingencyType, Is.Zero);
            Assert.That((trailing.TriggerType, trailing.TrailingOffsetBps, trailing.TrailingOffsetTicks, trailing.OrderType),
                Is.EqualTo(((byte)TriggerType.TrailingStop, 25L, 0L, (byte)OrderType.Market)));
            Assert.That((iceberg.DisplayLots, iceberg.QuantityLots, iceberg.PriceTicks, iceberg.TriggerType), Is.EqualTo((5L, 50L, 1000L, (byte)0)));
        });
    }

    [Test]
    public async Task PlaceOneCancelsOther_SendsALimitThenAStopTiedToIt()
    {
        await using var session = await ClientSession.StartAsync();

        var (limitRequest, stopRequest) = session.Client.PlaceOneCancelsOther(BtcUsd, Side.Sell, quantityLots: 10, limitPriceTicks: 1100, "tp",
            stopPriceTicks: 900, "sl");
        var (limit, _) = await session.Connection.ExpectAsync<PlaceOrder>();
        var (stop, _) = await session.Connection.ExpectAsync<PlaceOrder>();

        Assert.Multiple(() =>
        {
            Assert.That((limit.RequestId, stop.RequestId), Is.EqualTo((limitRequest, stopRequest)));
            Assert.That((limit.PriceTicks, limit.TriggerType, limit.ContingencyType, limit.ClOrdId.ToString()), Is.EqualTo((1100L, (byte)0, (byte)0, "tp")));
            Assert.That((stop.StopPriceTicks, stop.TriggerType, stop.OrderType), Is.EqualTo((900L, (byte)TriggerType.Stop, (byte)OrderType.Market)));
            Assert.That((stop.ContingencyType, stop.LinkedClOrdId.ToString(), stop.ClOrdId.ToString()), Is.EqualTo(((byte)ContingencyType.OneCancelsOther, "tp", "sl")));
        });
    }

    [Test]
    public async Task PlaceOneCancelsOther_BadSecondId_QueuesNothing()
    {
        await using var session = await ClientSession.StartAsync();

        Assert.Throws<ArgumentException>(() => session.Client.PlaceOneCancelsOther(BtcUsd, Side.Sell, 10, 1100, "tp", 900, "bad\tid"));
        session.Client.PlaceLimitOrder(BtcUsd, Side.Buy, 1, 1, "next");

        var (next, _) = await session.Connection.ExpectAsync<PlaceOrder>();
        Assert.That(next.ClOrdId.ToString(), Is.EqualTo("next"));
    }

    [Test]
    public async Task AmendStopOrder_SendsTheNewStopPrice()
    {
        await using var session = await ClientSession.StartAsync();

        session.Client.AmendStopOrder(orderId: 12, newStopPriceTicks: 955);
        var (amend, frame) = await session.Connection.ExpectAsync<AmendOrder>();

        Assert.That((amend.OrderId, amend.NewStopPriceTicks, amend.NewPriceTicks, frame.Length), Is.EqualTo((12L, 955L, 0L, AmendOrder.FixedLength)));
    }

    [Test]
    public async Task SendQuote_QuoteAckAndProtection_ReachTheHandler()
    {
        await using var session = await ClientSession.StartAsync();
        await session.LogInAsync();
        await session.Handler.NextAsync<LoginAccepted>();

        var requestId = session.Client.SendQuote(BtcUsd, bidPriceTicks: 99, bidLots: 5, askPriceTicks: 101, askLots: 6, "q-1");
        var (quote, _) = await session.Connection.ExpectAsync<Quote>();
        await session.Connection.SendAsync(new QuoteAck
        {
            RequestId = quote.RequestId,
            BidOrderId = 50,
            AskOrderId = 51,
            InstrumentId = BtcUsd,
            QuoteId = quote.QuoteId,
        });
        var resetId = session.Client.ResetMarketMakerProtection();
        var (reset, _) = await session.Connection.ExpectAsync<ResetMarketMakerProtection>();
        await session.Connection.SendAsync(new MarketMakerProtection { RequestId = reset.RequestId, AccountId = 1001, Status = MarketMakerProtection.Active });

        var ack = await session.Handler.NextAsync<QuoteAck>();
        var protection = await session.Handler.NextAsync<MarketMakerProtection>();
        Assert.Multiple(() =>
        {
            Assert.That((quote.RequestId, quote.InstrumentId, quote.QuoteId.ToString()), Is.EqualTo((requestId, BtcUsd, "q-1")));
            Assert.That((quote.BidPriceTicks, quote.BidLots, quote.AskPriceTicks, quote.AskLots), Is.EqualTo((99L, 5L, 101L, 6L)));
            Assert.That((ack.RequestId, ack.BidOrderId, ack.AskOrderId, ack.QuoteId.ToString()), Is.EqualTo((requestId, 50L, 51L, "q-1")));
            Assert.That((reset.RequestId, protection.RequestId, protection.Status), Is.EqualTo((resetId, resetId, MarketMakerProtection.Active)));
        });
    }

    [Test]
    public async Task Schema1ExecutionReport_IsReadWithTheSchema2FieldsZero()
    {
        await using var session = await ClientSession.StartAsync();
        var report = new ExecutionReport { RequestId = 3, OrderId = 9, ExecType = (byte)'0', StopPriceTicks = 5, ClOrdId = Chars32.From("old") };
        var buffer = new byte[ExecutionReport.FixedLength];
        var length = Codec.Write(ref report, buffer, 1);

        await session.Connection.SendAsync(buffer[..length]);

        var received = await session.Handler.NextAsync<ExecutionReport>();
        Assert.That((received.OrderId, received.ClOrdId.ToString(), received.StopPriceTicks), Is.EqualTo((9L, "old", 0L)));
    }

    [Test]
    public async Task PlaceStopOrderAndSendQuote_Connected_DoNotAllocateOnTheCallingThread()
    {
        await using var session = await ClientSession.StartAsync();
        var client = session.Client;
        var drain = Task.Run(async () =>
        {
            for (var i = 0; i < 2_100; i++)
            {
                await session.Connection.ExpectAsync<PlaceOrder>();
                await session.Connection.ExpectAsync<Quote>();
            }
        });
        for (var i = 0; i < 100; i++)
        {
            client.PlaceStopOrder(BtcUsd, Side.Sell, 950, 1, "warm-up", ocoWithClOrdId: "tp");
            client.SendQuote(BtcUsd, 99, 1, 101, 1, "warm-up");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 2_000; i++)
        {
            client.PlaceStopOrder(BtcUsd, Side.Sell, 950, 1, "measured", ocoWithClOrdId: "tp");
            client.SendQuote(BtcUsd, 99, 1, 101, 1, "measured");
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        await drain.WaitAsync(FakeServer.Timeout);
        Assert.That(allocated, Is.Zero);
    }
}
