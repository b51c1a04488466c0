using Matcher.Views.MarketData;

namespace Matcher.Views.Tests;

/// <summary>Gateways may put these values on the wire: changing one breaks clients.</summary>
public class PersistedEnumTests
{
    [Test]
    public void MarketDataChannels_ValuesArePinned()
    {
        Assert.That((byte)MarketDataChannels.None, Is.Zero);
        Assert.That((byte)MarketDataChannels.Book, Is.EqualTo(1));
        Assert.That((byte)MarketDataChannels.Trades, Is.EqualTo(2));
        Assert.That((byte)MarketDataChannels.Bbo, Is.EqualTo(4));
        Assert.That(Enum.GetValues<MarketDataChannels>(), Has.Length.EqualTo(4));
    }

    [Test]
    public void LevelAction_ValuesArePinned()
    {
        Assert.That((byte)LevelAction.New, Is.Zero);
        Assert.That((byte)LevelAction.Change, Is.EqualTo(1));
        Assert.That((byte)LevelAction.Delete, Is.EqualTo(2));
        Assert.That(Enum.GetValues<LevelAction>(), Has.Length.EqualTo(3));
    }
}
