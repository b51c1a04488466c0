using Matcher.Core.Events;
using Matcher.Core.Reference;
using Matcher.Core.Text;
using Matcher.Views.Instruments;
using Matcher.Views.Tests.Support;
using static Matcher.Views.Tests.Support.EngineDriver;

namespace Matcher.Views.Tests;

public class InstrumentCatalogTests
{
    [Test]
    public void LoadFrom_TakesInstrumentsAndAssetCodes()
    {
        var driver = new EngineDriver();
        var catalog = new InstrumentCatalog();

        catalog.LoadFrom(driver.Engine);

        var entry = catalog.Instruments.Single();
        Assert.That(entry.Id, Is.EqualTo(BtcUsdt));
        Assert.That(entry.Symbol, Is.EqualTo("BTC-USDT"));
        Assert.That(entry.BaseAsset, Is.EqualTo("BTC"));
        Assert.That(entry.QuoteAsset, Is.EqualTo("USDT"));
        Assert.That(entry.Status, Is.EqualTo(InstrumentStatus.Trading));
        Assert.That(catalog.TryGet("BTC-USDT"u8, out var bySymbol) && ReferenceEquals(bySymbol, entry), Is.True);
        Assert.That(catalog.TryGet(BtcUsdt, out var byId) && ReferenceEquals(byId, entry), Is.True);
    }

    [Test]
    public void OnEvent_FollowsTheCoresReferenceData_NewVersionsLeaveOldOnesAlone()
    {
        var driver = new EngineDriver(setUp: false);
        var catalog = new InstrumentCatalog();
        catalog.LoadFrom(driver.Engine);
        var empty = catalog.Current;

        Apply(catalog, driver.Ok(AddAsset(Btc, "BTC", 8)));
        Apply(catalog, driver.Ok(AddAsset(Usdt, "USDT", 6)));
        Apply(catalog, driver.Ok(AddInstrument(2, "ETH-USDT", Btc, Usdt, "0.1", "0.001")));
        Apply(catalog, driver.Ok(AddInstrument(1, "BTC-USDT", Btc, Usdt, "0.01", "0.0001")));
        var beforeHalt = catalog.Current;
        Apply(catalog, driver.Ok(Status(2, InstrumentStatus.Halted)));

        Assert.That(catalog.Instruments.Select(i => i.Symbol), Is.EqualTo(new[] { "BTC-USDT", "ETH-USDT" }), "in id order");
        Assert.That(catalog.TryGet(2, out var eth) ? eth.Status : default, Is.EqualTo(InstrumentStatus.Halted));
        Assert.That(eth.QuoteAsset, Is.EqualTo("USDT"));
        Assert.That(beforeHalt.TryGet(2, out var old) ? old.Status : default, Is.EqualTo(InstrumentStatus.Trading));
        Assert.That(empty.Ordered, Is.Empty);
        Assert.That(empty.Assets, Is.Empty);
        Assert.That(catalog.Current.Assets[Btc], Is.EqualTo("BTC"));
    }

    [TestCase("")]
    [TestCase("NOPE")]
    [TestCase("A-SYMBOL-FAR-TOO-LONG-FOR-THE-ENGINE")]
    public void TryGet_UnknownOrMalformedSymbol_False(string symbol)
    {
        var catalog = new InstrumentCatalog();
        catalog.LoadFrom(new EngineDriver().Engine);

        Assert.That(catalog.TryGet(System.Text.Encoding.ASCII.GetBytes(symbol), out _), Is.False);
    }

    [Test]
    public void CatalogEntry_ConvertsOnlyExactPositiveMultiples()
    {
        var catalog = new InstrumentCatalog();
        catalog.LoadFrom(new EngineDriver().Engine);
        var entry = catalog.Instruments[0];

        Assert.That(entry.TryToTicks(Core.Numbers.ScaledDecimal.Parse("30000.01"), out var ticks), Is.True);
        Assert.That(ticks, Is.EqualTo(3_000_001));
        Assert.That(entry.TryToTicks(Core.Numbers.ScaledDecimal.Parse("30000.001"), out _), Is.False);
        Assert.That(entry.TryToLots(Core.Numbers.ScaledDecimal.Parse("0.5"), out var lots), Is.True);
        Assert.That(lots, Is.EqualTo(5_000));
        Assert.That(entry.TryToLots(Core.Numbers.ScaledDecimal.Parse("0"), out _), Is.False);
    }

    [Test]
    public void Symbol_UnknownLongerThanAllowed_IsRejectedBeforeLookup()
    {
        Assert.That(Symbol.MaxLength, Is.LessThan("A-SYMBOL-FAR-TOO-LONG-FOR-THE-ENGINE".Length), "the case above tests the length check");
    }

    private static void Apply(InstrumentCatalog catalog, List<EngineEvent> events)
    {
        foreach (var e in events)
        {
            catalog.OnEvent(in e);
        }
    }
}
