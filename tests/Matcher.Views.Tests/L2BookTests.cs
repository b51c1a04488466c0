using Matcher.Core.Commands;
using Matcher.Views.MarketData;

namespace Matcher.Views.Tests;

public class L2BookTests
{
    [Test]
    public void Set_NewChangeDelete()
    {
        var book = new L2Book();

        Assert.That(book.Set(Side.Buy, 100, 5, 1), Is.EqualTo(LevelAction.New));
        Assert.That(book.Set(Side.Buy, 100, 7, 2), Is.EqualTo(LevelAction.Change));
        Assert.That(book.Set(Side.Sell, 100, 1, 1), Is.EqualTo(LevelAction.New), "the sides are separate");
        Assert.That(book.Set(Side.Buy, 100, 0, 0), Is.EqualTo(LevelAction.Delete));
        Assert.That(book.BidCount, Is.Zero);
        Assert.That(book.AskCount, Is.EqualTo(1));
        Assert.That(book.Set(Side.Buy, 42, 0, 0), Is.EqualTo(LevelAction.Delete), "an unknown level deleted is still a delete");
    }

    [Test]
    public void Copy_BestFirst_DepthLimited()
    {
        var book = new L2Book();
        foreach (var price in new long[] { 98, 101, 99, 100, 97 })
        {
            book.Set(Side.Buy, price, price, 1);
            book.Set(Side.Sell, price + 10, price, 1);
        }

        Assert.That(book.Copy(Side.Buy, 0).Select(l => l.PriceTicks), Is.EqualTo(new long[] { 101, 100, 99, 98, 97 }));
        Assert.That(book.Copy(Side.Sell, 0).Select(l => l.PriceTicks), Is.EqualTo(new long[] { 107, 108, 109, 110, 111 }));
        Assert.That(book.Copy(Side.Buy, 2).Select(l => l.PriceTicks), Is.EqualTo(new long[] { 101, 100 }));
        Assert.That(book.Copy(Side.Sell, 50), Has.Length.EqualTo(5));
        Assert.That(book.Copy(Side.Sell, -1), Is.Empty);
        Assert.That(book.TryGetBest(Side.Buy, out var bid) && bid == new BookLevel(101, 101, 1), Is.True);
        Assert.That(book.TryGetBest(Side.Sell, out var ask) && ask == new BookLevel(107, 97, 1), Is.True);
    }

    [Test]
    public void Add_Accumulates()
    {
        var book = new L2Book();
        book.Add(Side.Sell, 100, 3, 1);
        book.Add(Side.Sell, 100, 4, 1);
        book.Add(Side.Sell, 90, 1, 1);

        Assert.That(book.Copy(Side.Sell, 0), Is.EqualTo(new[] { new BookLevel(90, 1, 1), new BookLevel(100, 7, 2) }));
        Assert.That(book.TryGetBest(Side.Buy, out var none), Is.False);
        Assert.That(none, Is.EqualTo(default(BookLevel)));
    }

    [Test]
    public void RandomChanges_AgreeWithASortedDictionary()
    {
        var random = new Random(5);
        var book = new L2Book();
        var bids = new SortedDictionary<long, (long, int)>(Comparer<long>.Create(static (a, b) => b.CompareTo(a)));
        var asks = new SortedDictionary<long, (long, int)>();
        for (var i = 0; i < 20_000; i++)
        {
            var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            var levels = side == Side.Buy ? bids : asks;
            var price = random.Next(1, 200);
            var lots = random.Next(3) == 0 ? 0 : random.Next(1, 50);
            var expected = lots == 0 ? LevelAction.Delete : levels.ContainsKey(price) ? LevelAction.Change : LevelAction.New;

            Assert.That(book.Set(side, price, lots, lots == 0 ? 0 : 1 + (lots % 3)), Is.EqualTo(expected));
            if (lots == 0)
            {
                levels.Remove(price);
            }
            else
            {
                levels[price] = (lots, 1 + (lots % 3));
            }
        }

        Assert.That(book.Copy(Side.Buy, 0), Is.EqualTo(bids.Select(l => new BookLevel(l.Key, l.Value.Item1, l.Value.Item2))));
        Assert.That(book.Copy(Side.Sell, 0), Is.EqualTo(asks.Select(l => new BookLevel(l.Key, l.Value.Item1, l.Value.Item2))));
        Assert.That(bids, Has.Count.GreaterThan(50), "the books grew past the initial capacity");
    }
}
