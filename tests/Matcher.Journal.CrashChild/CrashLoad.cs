using Matcher.Core.Commands;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;
using Matcher.Core.Text;

namespace Matcher.Journal.CrashChild;

/// <summary>
/// The load of the crash tests: command number <c>index</c> (0-based) is the same in
/// every process, so a restarted child continues where the journal ends and the test
/// can replay what it expects offline.
/// </summary>
public static class CrashLoad
{
    /// <summary>The command at <paramref name="index"/>, without sequence or timestamp (the journaler stamps those).</summary>
    public static Command At(long index) => index switch
    {
        0 => new Command { Type = CommandType.AddAsset, AssetId = 1, AssetCode = Symbol.From("BTC"), AssetScale = 8 },
        1 => new Command { Type = CommandType.AddAsset, AssetId = 2, AssetCode = Symbol.From("USDT"), AssetScale = 6 },
        2 => new Command
        {
            Type = CommandType.AddInstrument,
            InstrumentId = 1,
            Instrument = new InstrumentDefinition
            {
                Symbol = Symbol.From("BTC-USDT"),
                BaseAssetId = 1,
                QuoteAssetId = 2,
                TickSize = ScaledDecimal.Parse("0.01"),
                LotSize = ScaledDecimal.Parse("0.0001"),
                MinQuantityLots = 1,
            },
        },
        3 or 4 => new Command { Type = CommandType.CreateAccount, AccountId = index - 2 },
        5 or 6 => new Command { Type = CommandType.Deposit, AccountId = index - 4, AssetId = 1, Amount = 1_000_000_000_000 },
        7 or 8 => new Command { Type = CommandType.Deposit, AccountId = index - 6, AssetId = 2, Amount = 1_000_000_000_000_000 },
        _ => Order(index),
    };

    private static Command Order(long index)
    {
        var mix = (ulong)index * 0x9E3779B97F4A7C15UL;
        return (mix >> 60) < 3
            ? new Command { Type = CommandType.CancelOrder, AccountId = 1 + (index & 1), OrderId = (long)(mix >> 40) % index }
            : new Command
            {
                Type = CommandType.PlaceOrder,
                AccountId = 1 + (index & 1),
                InstrumentId = 1,
                Side = ((mix >> 32) & 1) == 0 ? Side.Buy : Side.Sell,
                OrderType = OrderType.Limit,
                TimeInForce = TimeInForce.GoodTillCancel,
                PriceTicks = 10_000 + (long)((mix >> 20) % 21) - 10,
                QuantityLots = 1 + (long)((mix >> 8) % 5),
            };
    }
}
