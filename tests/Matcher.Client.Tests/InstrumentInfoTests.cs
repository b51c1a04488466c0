using static Matcher.Client.Tests.Frames;

namespace Matcher.Client.Tests;

public sealed class InstrumentInfoTests
{
    // BTC-USD of the demo: tick 0.01, lot 0.0001.
    private static readonly InstrumentInfo _btc = new(Instrument(1, "BTC-USD", 1, 2, 1, 4));

    [Test]
    public void Constructor_Entry_GivesTheTextsAndSizes()
    {
        var info = new InstrumentInfo(Instrument(3, "ETH-USD", 5, 3, 25, 1));

        Assert.Multiple(() =>
        {
            Assert.That(info.InstrumentId, Is.EqualTo(3));
            Assert.That(info.Symbol, Is.EqualTo("ETH-USD"));
            Assert.That(info.BaseAsset, Is.EqualTo("ETH"));
            Assert.That(info.QuoteAsset, Is.EqualTo("USD"));
            Assert.That(info.Status, Is.EqualTo(InstrumentStatus.Trading));
            Assert.That(info.TickSize, Is.EqualTo(0.005m));
            Assert.That(info.LotSize, Is.EqualTo(2.5m));
            Assert.That(info.TickSize.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo("0.005"));
        });
    }

    [Test]
    public void PriceOfAndQuantityOf_Integers_AreExactDecimals()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_btc.PriceOf(3_000_050), Is.EqualTo(30000.50m));
            Assert.That(_btc.PriceOf(1), Is.EqualTo(0.01m));
            Assert.That(_btc.PriceOf(-7), Is.EqualTo(-0.07m));
            Assert.That(_btc.QuantityOf(12_345), Is.EqualTo(1.2345m));
            Assert.That(_btc.PriceOf(long.MaxValue), Is.EqualTo(92233720368547758.07m));
            Assert.That(_btc.AveragePriceOf(3_000_050_12345678), Is.EqualTo(30000.5012345678m));
        });
    }

    [Test]
    public void TicksOfAndLotsOf_WholeNumbers_RoundTrip()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_btc.TicksOf(30000.50m), Is.EqualTo(3_000_050));
            Assert.That(_btc.TicksOf(30000.5000m), Is.EqualTo(3_000_050));
            Assert.That(_btc.LotsOf(0.001m), Is.EqualTo(10));
            Assert.That(_btc.LotsOf(0m), Is.Zero);
            Assert.That(_btc.PriceOf(_btc.TicksOf(123.45m)), Is.EqualTo(123.45m));
        });
    }

    [Test]
    public void TicksOfAndLotsOf_OffTickOrOffLot_AreRefusedNotRounded()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_btc.TryGetTicks(30000.505m, out _), Is.False);
            Assert.That(_btc.TryGetLots(0.00015m, out _), Is.False);
            Assert.That(() => _btc.TicksOf(0.001m), Throws.ArgumentException.With.Message.Contains("ticks of 0.01"));
            Assert.That(() => _btc.LotsOf(0.00001m), Throws.ArgumentException.With.Message.Contains("lots of 0.0001"));
            Assert.That(_btc.TryGetTicks(decimal.MaxValue, out _), Is.False);
        });
    }

    [Test]
    public void TicksOf_TickWithAMantissa_CountsWholeTicks()
    {
        var info = new InstrumentInfo(Instrument(2, "X-Y", 5, 1, 1, 0)); // tick 0.5

        Assert.Multiple(() =>
        {
            Assert.That(info.TicksOf(10m), Is.EqualTo(20));
            Assert.That(info.TicksOf(10.5m), Is.EqualTo(21));
            Assert.That(info.TryGetTicks(10.25m, out _), Is.False);
            Assert.That(info.PriceOf(21), Is.EqualTo(10.5m));
        });
    }
}
