using Matcher.Cli.FixLoad;
using Matcher.Gateways.Fix.Codec;

namespace Matcher.Cli.Tests.FixLoad;

public sealed class LoadSessionTests
{
    private static OrderFlow Flow(int cancelEvery = 0) => new(new OrderFlowSettings("LT", "BTC-USD", 100m, 0.01m, 0.001m, 5, 0, cancelEvery));

    [Test]
    public async Task ClosedLoop_FirstReportOfAnOrder_RecordsItsLatencyAndSendsTheNextOrder()
    {
        var acceptor = new FakeAcceptor();
        var client = new FixClient(new FixClientOptions("LOAD1", "MATCHER"));
        var session = new LoadSession(client, Flow(), new PendingOrders(64), closedLoop: true);
        await FixClientTests.LoggedOnAsync(acceptor, client);
        session.Begin(new LoadWindow(MeasureStart: 0, End: long.MaxValue));

        session.SendOrders(2);
        var first = await acceptor.ExpectAsync("D");
        var second = await acceptor.ExpectAsync("D");
        acceptor.Send("8", [(FixTags.ClOrdID, "LT0"), (FixTags.ExecType, "0")]);
        var third = await acceptor.ExpectAsync("D");
        acceptor.Send("8", [(FixTags.ClOrdID, "LT0"), (FixTags.ExecType, "4")]); // a later report: no new order
        acceptor.Send("8", [(FixTags.ClOrdID, "LT1"), (FixTags.ExecType, "8"), (FixTags.Text, "no money")]);
        var fourth = await acceptor.ExpectAsync("D");
        await session.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(FakeAcceptor.Text(first, FixTags.ClOrdID), Is.EqualTo("LT0"));
            Assert.That(FakeAcceptor.Text(second, FixTags.ClOrdID), Is.EqualTo("LT1"));
            Assert.That(FakeAcceptor.Text(third, FixTags.ClOrdID), Is.EqualTo("LT2"));
            Assert.That(FakeAcceptor.Text(fourth, FixTags.ClOrdID), Is.EqualTo("LT3"));
            Assert.That(session.LatencyNs.TotalCount, Is.EqualTo(2));
            Assert.That(session.MeasuredAcks, Is.EqualTo(2));
            Assert.That(session.OrdersSent, Is.EqualTo(4));
            Assert.That(session.Pending.Outstanding, Is.EqualTo(2));
            Assert.That(session.Rejected, Is.EqualTo(1));
            Assert.That(session.FirstRejectText, Is.EqualTo("35=8: no money"));
        });
    }

    [Test]
    public async Task OpenLoop_ScheduledOrders_CountMeasuredOnlyAfterTheWarmUpAndMassCancelEveryN()
    {
        var acceptor = new FakeAcceptor();
        var client = new FixClient(new FixClientOptions("LOAD1", "MATCHER"));
        var session = new LoadSession(client, Flow(cancelEvery: 2), new PendingOrders(64), closedLoop: false);
        await FixClientTests.LoggedOnAsync(acceptor, client);
        session.Begin(new LoadWindow(MeasureStart: 100, End: long.MaxValue));

        session.WriteScheduledOrder(dueTimestamp: 50, unixTimeNs: 0);
        session.WriteScheduledOrder(dueTimestamp: 150, unixTimeNs: 0);
        session.WriteScheduledOrder(dueTimestamp: 250, unixTimeNs: 0);
        client.Flush();
        var types = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            types.Add(System.Text.Encoding.ASCII.GetString((await acceptor.ReadAsync()).MsgType));
        }

        await session.DisposeAsync();
        Assert.Multiple(() =>
        {
            Assert.That(types, Is.EqualTo(new[] { "D", "D", "q", "D" }));
            Assert.That(session.OrdersSent, Is.EqualTo(3));
            Assert.That(session.MeasuredSent, Is.EqualTo(2));
            Assert.That(session.MassCancels, Is.EqualTo(1));
        });
    }
}
