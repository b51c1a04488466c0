using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;
using static Matcher.Core.Tests.CoreDriver;

namespace Matcher.Core.Tests;

public class AdminTests
{
    [Test]
    public void AddInstrument_DerivesIntegerFactors()
    {
        var d = new CoreDriver();
        var instrument = d.Engine.FindInstrument(BtcUsdt)!;
        Assert.That((instrument.LotUnits, instrument.TickValue, instrument.Status), Is.EqualTo((10_000L, 1L, InstrumentStatus.Trading)));
        Assert.That(instrument.TryToTicks(ScaledDecimal.Parse("30000.01"), out var ticks), Is.True);
        Assert.That(ticks, Is.EqualTo(3_000_001));
        Assert.That(instrument.TryToTicks(ScaledDecimal.Parse("30000.015"), out _), Is.False, "off-tick is refused, not rounded");
        Assert.That(instrument.TryToLots(ScaledDecimal.Parse("0.00015"), out _), Is.False, "off-lot is refused, not rounded");
        Assert.That(instrument.PriceOf(3_000_001).ToString(), Is.EqualTo("30000.01"));
    }

    [Test]
    public void UpdateInstrument_ChangesMinimumsAndKeepsTheRest()
    {
        var d = new CoreDriver();
        d.CreateFundedAccount(1);
        d.Ok(Limit(1, Side.Buy, 3_000_000, 1));
        var events = d.Ok(new Command
        {
            Type = CommandType.UpdateInstrument,
            InstrumentId = BtcUsdt,
            Instrument = new InstrumentDefinition { MinQuantityLots = 3, MinNotional = 5 },
        });
        Assert.That(events.Single().Instrument.Symbol.ToString(), Is.EqualTo("BTC-USDT"));
        d.Rejects(Limit(1, Side.Buy, 3_000_000, 2), RejectReason.QuantityBelowMinimum);
        d.Ok(Limit(1, Side.Buy, 3_000_000, 3));
        d.Ok(new Command { Type = CommandType.UpdateInstrument, InstrumentId = BtcUsdt, Instrument = new InstrumentDefinition { MinNotional = 10_000_000 } });
        Assert.That(d.Engine.FindInstrument(BtcUsdt)!.Definition.MinQuantityLots, Is.EqualTo(3), "zero keeps the minimum quantity");
        d.Rejects(Limit(1, Side.Buy, 3_000_000, 3), RejectReason.NotionalBelowMinimum);
    }

    [Test]
    public void UpdateInstrument_TickSizeWhileEmpty_Applies()
    {
        var d = new CoreDriver();
        d.Ok(new Command
        {
            Type = CommandType.UpdateInstrument,
            InstrumentId = BtcUsdt,
            Instrument = new InstrumentDefinition { TickSize = ScaledDecimal.Parse("0.1"), MinQuantityLots = 1 },
        });
        Assert.That(d.Engine.FindInstrument(BtcUsdt)!.TickValue, Is.EqualTo(10));
    }

    [Test]
    public void SetInstrumentStatus_ReportsTheNewStatus()
    {
        var d = new CoreDriver();
        var e = d.Ok(Status(BtcUsdt, InstrumentStatus.Halted)).Single();
        Assert.That((e.Type, e.InstrumentId, e.InstrumentStatus), Is.EqualTo((EventType.InstrumentStatusChanged, BtcUsdt, InstrumentStatus.Halted)));
    }

    [Test]
    public void SetAccountFeeTier_AppliesToLaterTrades()
    {
        var d = new CoreDriver();
        d.CreateFundedAccount(1);
        d.CreateFundedAccount(2);
        d.Ok(FeeTier(3, 0, 100));
        d.Ok(new Command { Type = CommandType.SetAccountFeeTier, AccountId = 2, FeeTier = 3 });
        d.Ok(Limit(1, Side.Sell, 3_000_000, 10));
        var trade = OfType(d.Ok(Limit(2, Side.Buy, 3_000_000, 10)), EventType.Trade).Single();
        Assert.That(trade.TakerFee, Is.EqualTo(10 * 10_000 / 100));
    }

    [Test]
    public void FeeAccount_ExistsFromTheStart()
    {
        var engine = new MatchingEngine();
        Assert.That(engine.AccountIds, Is.EqualTo(new[] { MatchingEngine.FeeAccountId }));
    }
}
