using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Core.Tests;

public class SmokeTests
{
    [Test]
    public void Place_CrossingLimit_TradesAtMakerPrice()
    {
        var d = new CoreDriver();
        d.CreateFundedAccount(1);
        d.CreateFundedAccount(2);
        var maker = CoreDriver.AcceptedId(d.Ok(CoreDriver.Limit(1, Side.Sell, 3_000_000, 10)));
        var events = d.Ok(CoreDriver.Limit(2, Side.Buy, 3_000_100, 4));
        var trade = events.Single(e => e.Type == EventType.Trade);
        Assert.That(trade.MakerOrderId, Is.EqualTo(maker));
        Assert.That(trade.TradePriceTicks, Is.EqualTo(3_000_000));
        Assert.That(trade.TradeLots, Is.EqualTo(4));
        Assert.That(d.Balance(2, CoreDriver.Btc).Available, Is.EqualTo(100_00000000 + 4 * 10_000));
        Assert.That(d.Balance(2, CoreDriver.Usdt), Is.EqualTo((10_000_000_000000L - 12_000_000, 0L)));
        Assert.That(d.Balance(1, CoreDriver.Btc), Is.EqualTo((100_00000000L - 10 * 10_000, 6 * 10_000L)));
    }
}
