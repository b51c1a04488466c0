using System.Threading.Channels;
using Matcher.Protocol;

namespace Matcher.Client.Tests;

/// <summary>A handler that records every call, in order, for the test to await.</summary>
internal sealed class RecordingHandler : MatcherClientHandler
{
    private readonly Channel<object> _events = Channel.CreateUnbounded<object>();

    /// <summary>Called on the receive loop for each ExecutionReport, after it is recorded.</summary>
    public Action<ExecutionReport>? OnReport { get; set; }

    /// <summary>The next call, which must have recorded a <typeparamref name="T"/>.</summary>
    public async Task<T> NextAsync<T>()
    {
        var next = await _events.Reader.ReadAsync().AsTask().WaitAsync(FakeServer.Timeout);
        Assert.That(next, Is.InstanceOf<T>());
        return (T)next;
    }

    /// <summary>The next <typeparamref name="T"/>, skipping other calls.</summary>
    public async Task<T> NextOfAsync<T>()
    {
        while (true)
        {
            var next = await _events.Reader.ReadAsync().AsTask().WaitAsync(FakeServer.Timeout);
            if (next is T found)
            {
                return found;
            }
        }
    }

    public override void OnLoginAccepted(in LoginAccepted message) => Record(message);

    public override void OnReject(in Reject message) => Record(message);

    public override void OnExecutionReport(in ExecutionReport message)
    {
        Record(message);
        OnReport?.Invoke(message);
    }

    public override void OnCancelReject(in CancelReject message) => Record(message);

    public override void OnQuoteAck(in QuoteAck message) => Record(message);

    public override void OnMarketMakerProtection(in MarketMakerProtection message) => Record(message);

    public override void OnMassCancelReport(in MassCancelReport message) => Record(message);

    public override void OnPong(in Pong message) => Record(message);

    public override void OnBalanceUpdate(in BalanceUpdate message) => Record(message);

    public override void OnBookSnapshot(in BookSnapshot message, GroupView<LevelEntry> bids, GroupView<LevelEntry> asks) =>
        Record(new SnapshotCall(message, bids.Count, asks.Count));

    public override void OnBookUpdate(in BookUpdate message) => Record(message);

    public override void OnTrade(in Trade message) => Record(message);

    public override void OnBbo(in Bbo message) => Record(message);

    public override void OnInstrumentList(in InstrumentList message, GroupView<InstrumentEntry> instruments) =>
        Record(new InstrumentListCall(message, instruments.Count));

    public override void OnGoodbye(in Goodbye message) => Record(message);

    public override void OnBookStale(OrderBook book, in SequenceGap gap) => Record(new StaleCall(book, gap, book.IsStale));

    public override void OnClosed(ConnectionClosed closed) => Record(closed);

    private void Record(object call) => _events.Writer.TryWrite(call);

    public sealed record SnapshotCall(BookSnapshot Message, int Bids, int Asks);

    public sealed record InstrumentListCall(InstrumentList Message, int Count);

    public sealed record StaleCall(OrderBook Book, SequenceGap Gap, bool WasStale);
}
