using Matcher.Core.Commands;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;
using Matcher.Core.Text;

namespace Matcher.Journal.Tests;

/// <summary>Commands for journal tests: a setup, then a seeded stream of orders and cancels.</summary>
internal static class SampleCommands
{
    /// <summary>A command of every type, with every field it can carry set to something non-zero.</summary>
    public static IEnumerable<TestCaseData> OneOfEachType() =>
        Enum.GetValues<CommandType>().Select((type, i) => new TestCaseData(new Command
        {
            Sequence = 1_000 + i,
            TimestampNs = 1_700_000_000_000_000_000 + i,
            Origin = new Origin(2, 30 + i, 400 + i),
            Type = type,
            Side = Side.Sell,
            OrderType = OrderType.Market,
            TimeInForce = TimeInForce.GoodTillDate,
            SelfTradePrevention = SelfTradePrevention.CancelBoth,
            PostOnly = true,
            InstrumentStatus = InstrumentStatus.CancelOnly,
            AssetScale = 6,
            AccountId = 70 + i,
            InstrumentId = 8,
            AssetId = 9,
            OrderId = 1_234,
            PriceTicks = 3_000_001,
            QuantityLots = 17,
            QuoteBudget = 99,
            ExpireTimeNs = 1_800_000_000_000_000_000,
            Amount = 5_000,
            WithdrawalId = 77,
            ClientOrderId = ClientOrderId.From("client-" + i),
            NewClientOrderId = ClientOrderId.From("next-" + i),
            AssetCode = Symbol.From("USDT"),
            Instrument = new InstrumentDefinition
            {
                Symbol = Symbol.From("BTC-USDT"),
                BaseAssetId = 1,
                QuoteAssetId = 2,
                TickSize = ScaledDecimal.Parse("0.01"),
                LotSize = ScaledDecimal.Parse("0.0001"),
                MinQuantityLots = 3,
                MinNotional = 10,
            },
            FeeTier = 4,
            MakerFeeBps = -2,
            TakerFeeBps = 7,
        }).SetName($"RoundTrip_{type}"));

    public static List<Command> Stream(int count, int seed = 1)
    {
        var commands = new List<Command>
        {
            new() { Type = CommandType.AddAsset, AssetId = 1, AssetCode = Symbol.From("BTC"), AssetScale = 8 },
            new() { Type = CommandType.AddAsset, AssetId = 2, AssetCode = Symbol.From("USDT"), AssetScale = 6 },
            new()
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
        };
        for (var account = 1; account <= 3; account++)
        {
            commands.Add(new Command { Type = CommandType.CreateAccount, AccountId = account });
            commands.Add(new Command { Type = CommandType.Deposit, AccountId = account, AssetId = 1, Amount = 1_000_000_000 });
            commands.Add(new Command { Type = CommandType.Deposit, AccountId = account, AssetId = 2, Amount = 1_000_000_000_000 });
        }

        var random = new Random(seed);
        while (commands.Count < count)
        {
            commands.Add(random.Next(4) == 0
                ? new Command { Type = CommandType.CancelOrder, AccountId = random.Next(1, 4), OrderId = random.Next(1, commands.Count) }
                : new Command
                {
                    Type = CommandType.PlaceOrder,
                    AccountId = random.Next(1, 4),
                    InstrumentId = 1,
                    Side = random.Next(2) == 0 ? Side.Buy : Side.Sell,
                    OrderType = OrderType.Limit,
                    TimeInForce = TimeInForce.GoodTillCancel,
                    PriceTicks = 10_000 + random.Next(-10, 11),
                    QuantityLots = 1 + random.Next(5),
                    ClientOrderId = ClientOrderId.From($"o{commands.Count}"),
                });
        }

        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            command.Sequence = i + 1;
            command.TimestampNs = 1_700_000_000_000_000_000 + (i * 1_000L);
            command.Origin = new Origin(1, i % 5, i);
            commands[i] = command;
        }

        return commands.GetRange(0, count);
    }
}
