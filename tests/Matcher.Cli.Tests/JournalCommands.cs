using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;
using Matcher.Core.Text;

namespace Matcher.Cli.Tests;

/// <summary>Commands to journal: a setup, then a seeded mix of every trading, account and timer command.</summary>
internal static class JournalCommands
{
    /// <summary>The first command's time: 2024-01-01T00:00:00Z plus 7 ns; each later command is 1 µs later.</summary>
    public const long StartTimeNs = 1_704_067_200_000_000_007;

    /// <summary><paramref name="count"/> commands with sequences 1, 2, 3… (or from <paramref name="firstSequence"/>).</summary>
    public static List<Command> Stream(int count, int seed = 1, long firstSequence = 1)
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
            new() { Type = CommandType.SetFeeTier, FeeTier = 1, MakerFeeBps = -1, TakerFeeBps = 5 },
        };
        for (var account = 1; account <= 3; account++)
        {
            commands.Add(new Command { Type = CommandType.CreateAccount, AccountId = account });
            commands.Add(new Command { Type = CommandType.Deposit, AccountId = account, AssetId = 1, Amount = 1_000_000_000 });
            commands.Add(new Command { Type = CommandType.Deposit, AccountId = account, AssetId = 2, Amount = 1_000_000_000_000 });
        }

        commands.Add(new Command { Type = CommandType.SetAccountFeeTier, AccountId = 2, FeeTier = 1 });
        var random = new Random(seed);
        long withdrawalId = 0;
        while (commands.Count < count)
        {
            var account = random.Next(1, 4);
            var orderId = random.Next(1, commands.Count);
            commands.Add(random.Next(20) switch
            {
                < 10 => Limit(random, account, TimeInForce.GoodTillCancel, commands.Count),
                10 => Limit(random, account, TimeInForce.ImmediateOrCancel, commands.Count),
                11 => new Command
                {
                    Type = CommandType.PlaceOrder,
                    AccountId = account,
                    InstrumentId = 1,
                    Side = Side.Buy,
                    OrderType = OrderType.Market,
                    TimeInForce = TimeInForce.ImmediateOrCancel,
                    QuoteBudget = 5_000_000,
                },
                12 or 13 or 14 => new Command { Type = CommandType.CancelOrder, AccountId = account, OrderId = orderId },
                15 => new Command { Type = CommandType.AmendOrder, AccountId = account, OrderId = orderId, QuantityLots = 1 + random.Next(5) },
                16 => new Command
                {
                    Type = CommandType.CancelReplace,
                    AccountId = account,
                    OrderId = orderId,
                    PriceTicks = 10_000 + random.Next(-10, 11),
                    NewClientOrderId = ClientOrderId.From($"r{commands.Count}"),
                },
                17 => new Command { Type = CommandType.MassCancel, AccountId = account, InstrumentId = 1 },
                18 => new Command { Type = CommandType.RequestWithdrawal, AccountId = account, AssetId = 2, Amount = 1_000, WithdrawalId = ++withdrawalId },
                _ => withdrawalId > 0 && random.Next(2) == 0
                    ? new Command { Type = random.Next(2) == 0 ? CommandType.CompleteWithdrawal : CommandType.FailWithdrawal, WithdrawalId = withdrawalId }
                    : new Command { Type = random.Next(2) == 0 ? CommandType.QueryStateHash : CommandType.ExpireOrders },
            });
        }

        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            command.Sequence = firstSequence + i;
            command.TimestampNs = StartTimeNs + (i * 1_000L);
            if (command.Type is CommandType.PlaceOrder or CommandType.CancelOrder)
            {
                command.Origin = new Origin(1, 2 + (i % 5), 1_000 + i);
            }

            commands[i] = command;
        }

        return commands.GetRange(0, count);
    }

    /// <summary>The state hash after processing <paramref name="commands"/> in a new core, with no journal in between.</summary>
    public static ulong DirectHash(IEnumerable<Command> commands) => Process(new MatchingEngine(), commands).ComputeStateHash();

    /// <summary>Processes <paramref name="commands"/> in <paramref name="engine"/>; returns it.</summary>
    public static MatchingEngine Process(MatchingEngine engine, IEnumerable<Command> commands)
    {
        var sink = new EventListSink();
        foreach (var command in commands)
        {
            var copy = command;
            engine.Process(ref copy, sink);
            sink.Events.Clear();
        }

        return engine;
    }

    private static Command Limit(Random random, long account, TimeInForce timeInForce, int index) => new()
    {
        Type = CommandType.PlaceOrder,
        AccountId = account,
        InstrumentId = 1,
        Side = random.Next(2) == 0 ? Side.Buy : Side.Sell,
        OrderType = OrderType.Limit,
        TimeInForce = timeInForce,
        PriceTicks = 10_000 + random.Next(-10, 11),
        QuantityLots = 1 + random.Next(5),
        ClientOrderId = ClientOrderId.From($"o{index}"),
    };
}
