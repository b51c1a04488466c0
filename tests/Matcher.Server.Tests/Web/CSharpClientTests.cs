using System.Collections.Concurrent;
using Matcher.Client;
using Matcher.Protocol;
using ClientSide = Matcher.Client.Side;

namespace Matcher.Server.Tests.Web;

/// <summary>The C# client library (clients/Matcher.Client) against <c>matcher serve</c>, as a user of it would run it.</summary>
[NonParallelizable]
public sealed class CSharpClientTests
{
    /// <summary>Records what arrives, and copies the book on the receive loop (the book is not thread-safe).</summary>
    private sealed class Recorder : MatcherClientHandler
    {
        public ConcurrentQueue<ExecutionReport> Reports { get; } = new();

        public ConcurrentQueue<Trade> Trades { get; } = new();

        public volatile string BookSeen = "";

        public override void OnExecutionReport(in ExecutionReport message) => Reports.Enqueue(message);

        public override void OnTrade(in Trade message) => Trades.Enqueue(message);

        public override void OnBookUpdate(in BookUpdate message) => BookSeen += $"{message.BookSequence}:{message.Side}@{message.PriceTicks}={message.Lots};";
    }

    private static async Task<T> Eventually<T>(Func<T?> probe, string what)
        where T : struct
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } value)
            {
                return value;
            }

            await Task.Delay(10);
        }

        Assert.Fail("timed out waiting for " + what);
        return default;
    }

    [Test]
    public async Task Logs_in_reads_instruments_follows_the_book_and_trades()
    {
        using var data = new TempDirectory();
        using var server = ServerProcess.Start(data.Path, "Journal:Durability=None");
        var url = new UriBuilder(server.Http) { Scheme = "ws", Path = "/ws" }.Uri;
        var makerEvents = new Recorder();
        var takerEvents = new Recorder();
        await using var maker = new MatcherClient(makerEvents);
        await using var taker = new MatcherClient(takerEvents);
        await maker.ConnectAsync(url);
        await taker.ConnectAsync(url);

        var session = await maker.LoginAsync("demo-key-1001", "demo-secret-1001");
        await taker.LoginAsync("demo-key-1002", "demo-secret-1002");
        var instruments = await taker.GetInstrumentsAsync();
        var btc = instruments.Single(i => i.Symbol == "BTC-USD");
        var book = await taker.SubscribeAsync(btc.InstrumentId);
        var ping = await maker.PingAsync();

        var sell = maker.PlaceLimitOrder(btc.InstrumentId, ClientSide.Sell, btc.TicksOf(30_000.50m), btc.LotsOf(0.25m), "cs-sell");
        var ack = await Eventually<ExecutionReport>(() => makerEvents.Reports.FirstOrDefault(r => r.RequestId == sell) is { OrderId: > 0 } r ? r : null, "the maker's ack");
        var buy = taker.PlaceLimitOrder(btc.InstrumentId, ClientSide.Buy, btc.TicksOf(30_001m), btc.LotsOf(0.1m), "cs-buy");
        var fill = await Eventually<ExecutionReport>(() => takerEvents.Reports.FirstOrDefault(r => r.RequestId == buy && r.ExecType == 'F') is { OrderId: > 0 } r ? r : null, "the taker's fill");
        var makerFill = await Eventually<ExecutionReport>(() => makerEvents.Reports.FirstOrDefault(r => r.ExecType == 'F') is { OrderId: > 0 } r ? r : null, "the maker's fill");
        var trade = await Eventually<Trade>(() => takerEvents.Trades.FirstOrDefault() is { TradeId: > 0 } t ? t : null, "the trade on the feed");

        Assert.Multiple(() =>
        {
            Assert.That(session.AccountId, Is.EqualTo(1001));
            Assert.That(ping.RoundTrip, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(book.HasSnapshot, Is.True);
            Assert.That((char)ack.OrdStatus, Is.EqualTo('0'));
            Assert.That(btc.PriceOf(fill.LastPriceTicks), Is.EqualTo(30_000.50m), "at the maker's price");
            Assert.That(btc.QuantityOf(fill.LastLots), Is.EqualTo(0.1m));
            Assert.That(btc.AveragePriceOf(fill.AvgPriceTicksE8), Is.EqualTo(30_000.50m));
            Assert.That((makerFill.OrderId, (char)makerFill.OrdStatus, btc.QuantityOf(makerFill.LeavesLots)), Is.EqualTo((ack.OrderId, '1', 0.15m)));
            Assert.That((trade.TradeId, trade.PriceTicks), Is.EqualTo((fill.TradeId, fill.LastPriceTicks)));
            Assert.That(takerEvents.BookSeen, Does.Contain($"@{btc.TicksOf(30_000.50m)}=2500;"), "the level as it rested");
            Assert.That(takerEvents.BookSeen, Does.Contain($"@{btc.TicksOf(30_000.50m)}=1500;"), "the level after the fill");
            Assert.That(book.Gaps, Is.Zero);
        });
    }
}
