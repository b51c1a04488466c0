using System.Globalization;
using Matcher.Core.Commands;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;
using Matcher.Core.Text;

namespace Matcher.Bench.Core;

/// <summary>
/// The reference data and funds every core benchmark starts from: one quote asset
/// (USDT, scale 6), one base asset (scale 8) per instrument, instruments 1..N with tick
/// 0.01 and lot 0.0001 (one tick on one lot costs exactly one quote unit, one lot is
/// 10,000 base units), a fee tier of 1 bps maker and 5 bps taker, and accounts 1..M in
/// that tier, each funded well beyond what its open orders can lock.
/// </summary>
public static class CoreSetup
{
    public const int QuoteAssetId = 1;
    public const int FeeTier = 1;
    public const int MakerFeeBps = 1;
    public const int TakerFeeBps = 5;

    /// <summary>10 million USDT per account.</summary>
    public const long QuoteUnitsPerAccount = 10_000_000_000_000;

    /// <summary>1 million whole base units per account and instrument (10^10 lots).</summary>
    public const long BaseUnitsPerAccount = 100_000_000_000_000;

    public const long StartTimeNs = 1_800_000_000_000_000_000;

    public static int BaseAssetId(int instrumentId) => 1000 + instrumentId;

    /// <summary>Assets, instruments <c>1..instruments</c>, the fee tier and funded accounts <c>1..accounts</c>.</summary>
    public static List<Command> Build(int instruments, int accounts)
    {
        var commands = new List<Command>
        {
            new()
            {
                Type = CommandType.AddAsset,
                AssetId = QuoteAssetId,
                AssetCode = Symbol.From("USDT"),
                AssetScale = 6,
            },
            new()
            {
                Type = CommandType.SetFeeTier,
                FeeTier = FeeTier,
                MakerFeeBps = MakerFeeBps,
                TakerFeeBps = TakerFeeBps,
            },
        };

        for (var i = 1; i <= instruments; i++)
        {
            var code = "B" + i.ToString(CultureInfo.InvariantCulture);
            commands.Add(new Command
            {
                Type = CommandType.AddAsset,
                AssetId = BaseAssetId(i),
                AssetCode = Symbol.From(code),
                AssetScale = 8,
            });
            commands.Add(new Command
            {
                Type = CommandType.AddInstrument,
                InstrumentId = i,
                Instrument = new InstrumentDefinition
                {
                    Symbol = Symbol.From(code + "-USDT"),
                    BaseAssetId = BaseAssetId(i),
                    QuoteAssetId = QuoteAssetId,
                    TickSize = ScaledDecimal.Parse("0.01"),
                    LotSize = ScaledDecimal.Parse("0.0001"),
                    MinQuantityLots = 1,
                },
            });
        }

        for (long account = 1; account <= accounts; account++)
        {
            commands.Add(new Command { Type = CommandType.CreateAccount, AccountId = account, FeeTier = FeeTier });
            commands.Add(Deposit(account, QuoteAssetId, QuoteUnitsPerAccount));
            for (var i = 1; i <= instruments; i++)
            {
                commands.Add(Deposit(account, BaseAssetId(i), BaseUnitsPerAccount));
            }
        }

        return commands;
    }

    /// <summary>Gives each command the next sequence and a timestamp one microsecond after the last.</summary>
    public static void Stamp(Span<Command> commands, ref long sequence)
    {
        foreach (ref var command in commands)
        {
            command.Sequence = ++sequence;
            command.TimestampNs = StartTimeNs + (sequence * 1_000);
        }
    }

    public static Command Limit(long accountId, int instrumentId, Side side, long priceTicks, long quantityLots, TimeInForce timeInForce, ClientOrderId clientOrderId) =>
        new()
        {
            Type = CommandType.PlaceOrder,
            AccountId = accountId,
            InstrumentId = instrumentId,
            Side = side,
            OrderType = OrderType.Limit,
            TimeInForce = timeInForce,
            PriceTicks = priceTicks,
            QuantityLots = quantityLots,
            ClientOrderId = clientOrderId,
        };

    public static Command Cancel(long accountId, long orderId) =>
        new() { Type = CommandType.CancelOrder, AccountId = accountId, OrderId = orderId };

    public static Command Amend(long accountId, long orderId, long priceTicks, long quantityLots) =>
        new() { Type = CommandType.AmendOrder, AccountId = accountId, OrderId = orderId, PriceTicks = priceTicks, QuantityLots = quantityLots };

    /// <summary>A unique client order id per order number: "c" and the number in base 36.</summary>
    public static ClientOrderId ClientId(long number)
    {
        Span<char> text = stackalloc char[16];
        var length = 0;
        text[length++] = 'c';
        Span<char> digits = stackalloc char[14];
        var count = 0;
        do
        {
            var digit = (int)(number % 36);
            digits[count++] = (char)(digit < 10 ? '0' + digit : 'a' + digit - 10);
            number /= 36;
        }
        while (number > 0);

        while (count > 0)
        {
            text[length++] = digits[--count];
        }

        return ClientOrderId.TryCreate(text[..length], out var id) ? id : throw new InvalidOperationException("client order id");
    }

    private static Command Deposit(long accountId, int assetId, long amount) =>
        new() { Type = CommandType.Deposit, AccountId = accountId, AssetId = assetId, Amount = amount };
}
