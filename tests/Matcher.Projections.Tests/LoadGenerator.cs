using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;
using Matcher.Core.Text;
using Matcher.Journal;

namespace Matcher.Projections.Tests;

/// <summary>A seeded exchange load: set-up (assets, instruments, fee tiers, funded accounts), then random trading.</summary>
internal static class LoadGenerator
{
    public const int Btc = 1;
    public const int Eth = 2;
    public const int Usdt = 3;
    public const long StartNs = 1_750_000_000_000_000_000;
    private const int Accounts = 8;

    /// <summary><paramref name="count"/> random commands after the set-up, numbered from <paramref name="firstSequence"/>.</summary>
    public static List<Command> Generate(int seed, int count, long firstSequence = 1, bool setUp = true)
    {
        var random = new Random(seed);
        var commands = new List<Command>();
        if (setUp)
        {
            commands.Add(new Command { Type = CommandType.AddAsset, AssetId = Btc, AssetCode = Symbol.From("BTC"), AssetScale = 8 });
            commands.Add(new Command { Type = CommandType.AddAsset, AssetId = Eth, AssetCode = Symbol.From("ETH"), AssetScale = 9 });
            commands.Add(new Command { Type = CommandType.AddAsset, AssetId = Usdt, AssetCode = Symbol.From("USDT"), AssetScale = 6 });
            commands.Add(Instrument(1, "BTC-USDT", Btc, "0.01", "0.0001"));
            commands.Add(Instrument(2, "ETH-USDT", Eth, "0.01", "0.001"));
            commands.Add(new Command { Type = CommandType.SetFeeTier, FeeTier = 1, MakerFeeBps = -1, TakerFeeBps = 5 });
            commands.Add(new Command { Type = CommandType.SetFeeTier, FeeTier = 2, MakerFeeBps = 2, TakerFeeBps = 8 });
            for (var account = 1; account <= Accounts; account++)
            {
                commands.Add(new Command { Type = CommandType.CreateAccount, AccountId = account, FeeTier = account % 3 });
                commands.Add(Deposit(account, Btc, 50_00000000));
                commands.Add(Deposit(account, Eth, 500_000000000));
                commands.Add(Deposit(account, Usdt, 5_000_000_000000));
            }
        }

        var clientIds = 0;
        var withdrawals = seed * 100_000;
        for (var i = 0; i < count; i++)
        {
            var account = random.Next(1, Accounts + 1);
            var instrument = random.Next(3) == 0 ? 2 : 1;
            var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            var price = (instrument == 1 ? 6_000_000 : 300_000) + random.Next(-30, 31);
            var lots = 1 + random.Next(20);
            var roll = random.Next(100);
            Command command;
            if (roll < 44)
            {
                var gtd = random.Next(10) == 0;
                command = new Command
                {
                    Type = CommandType.PlaceOrder,
                    AccountId = account,
                    InstrumentId = instrument,
                    Side = side,
                    OrderType = OrderType.Limit,
                    TimeInForce = gtd ? TimeInForce.GoodTillDate : random.Next(8) == 0 ? TimeInForce.ImmediateOrCancel : TimeInForce.GoodTillCancel,
                    ExpireTimeNs = gtd ? StartNs + ((firstSequence + commands.Count) * 1000) + random.Next(1, 50_000) : 0,
                    PriceTicks = price,
                    QuantityLots = lots,
                    ClientOrderId = ClientOrderId.From($"c{++clientIds}"),
                    SelfTradePrevention = (SelfTradePrevention)random.Next(5),
                    DisplayLots = random.Next(8) == 0 ? 1 + random.Next(4) : 0,
                };
                if (random.Next(5) == 0)
                {
                    // One cancels the other, with a recent order (often another account's, or gone: refused).
                    command.Contingency = ContingencyType.OneCancelsOther;
                    command.LinkedClientOrderId = ClientOrderId.From($"c{Math.Max(1, clientIds - random.Next(1, 6))}");
                }
            }
            else if (roll < 50)
            {
                command = Conditional(random, account, instrument, side, price, lots, ClientOrderId.From($"c{++clientIds}"));
                if (random.Next(3) == 0)
                {
                    command.Contingency = ContingencyType.OneCancelsOther;
                    command.LinkedClientOrderId = ClientOrderId.From($"c{Math.Max(1, clientIds - random.Next(1, 6))}");
                }
            }
            else if (roll < 57)
            {
                command = new Command
                {
                    Type = CommandType.PlaceOrder,
                    AccountId = account,
                    InstrumentId = instrument,
                    Side = side,
                    OrderType = OrderType.Market,
                    QuantityLots = lots,
                    SelfTradePrevention = (SelfTradePrevention)random.Next(5),
                };
                if (side == Side.Buy && random.Next(2) == 0)
                {
                    command.QuantityLots = 0;
                    command.QuoteBudget = random.Next(1, 100_000_000);
                }
            }
            else if (roll < 70)
            {
                command = new Command
                {
                    Type = CommandType.CancelOrder,
                    AccountId = account,
                    ClientOrderId = ClientOrderId.From($"c{random.Next(1, clientIds + 2)}"),
                };
            }
            else if (roll < 82)
            {
                command = new Command
                {
                    Type = CommandType.AmendOrder,
                    AccountId = account,
                    ClientOrderId = ClientOrderId.From($"c{random.Next(1, clientIds + 2)}"),
                    PriceTicks = random.Next(2) == 0 ? 0 : price,
                    QuantityLots = random.Next(2) == 0 ? 0 : lots + 5,

                    // A new stop price: refused unless the order is a waiting stop or take-profit.
                    StopPriceTicks = random.Next(4) == 0 ? price + random.Next(-25, 26) : 0,
                };
            }
            else if (roll < 86)
            {
                command = new Command
                {
                    Type = CommandType.CancelReplace,
                    AccountId = account,
                    ClientOrderId = ClientOrderId.From($"c{random.Next(1, clientIds + 2)}"),
                    NewClientOrderId = ClientOrderId.From($"c{++clientIds}"),
                    PriceTicks = price,
                    QuantityLots = lots + 3,
                };
            }
            else if (roll < 88)
            {
                command = new Command { Type = CommandType.MassCancel, AccountId = account, InstrumentId = random.Next(3), Side = (Side)random.Next(3) };
            }
            else if (roll < 90)
            {
                command = new Command { Type = CommandType.ExpireOrders };
            }
            else if (roll < 95)
            {
                command = random.Next(3) switch
                {
                    0 => new Command
                    {
                        Type = CommandType.RequestWithdrawal,
                        WithdrawalId = ++withdrawals,
                        AccountId = account,
                        AssetId = Usdt,
                        Amount = random.Next(1, 10_000_000),
                        Destination = random.Next(2) == 0 ? default : ChainAddress.From(Bytes(20, random.Next(1, 100))),
                    },
                    1 => new Command { Type = CommandType.CompleteWithdrawal, WithdrawalId = withdrawals - random.Next(0, 3) },
                    _ => new Command { Type = CommandType.FailWithdrawal, WithdrawalId = withdrawals - random.Next(0, 3) },
                };
            }
            else if (random.Next(3) == 0)
            {
                command = random.Next(5) switch
                {
                    // Protection for a market maker, or a reset of a tripped one.
                    0 => new Command { Type = CommandType.SetMarketMakerProtection, AccountId = account, WindowNs = 1_000_000, QuantityLots = 30 },
                    1 => new Command { Type = CommandType.ResetMarketMakerProtection, AccountId = account },
                    _ => new Command
                    {
                        Type = CommandType.Quote,
                        AccountId = account,
                        InstrumentId = instrument,
                        PriceTicks = price - random.Next(1, 10),
                        QuantityLots = lots,
                        AskPriceTicks = price + random.Next(1, 10),
                        AskQuantityLots = 1 + random.Next(20),
                        ClientOrderId = ClientOrderId.From($"q{account}"),
                    },
                };
            }
            else
            {
                // Half come from a chain, from a small set of transactions: some repeat and are refused.
                command = Deposit(account, 1 + random.Next(3), random.Next(1, 1_000_000_000));
                if (random.Next(2) == 0)
                {
                    command.TxHash = TxHash.From(Bytes(32, random.Next(1, 40)));
                    command.LogIndex = random.Next(3);
                }
            }

            commands.Add(command);
        }

        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            command.Sequence = firstSequence + i;
            command.TimestampNs = StartNs + (command.Sequence * 1000);
            command.Origin = new Origin(1, (int)(command.AccountId % 3), command.Sequence);
            commands[i] = command;
        }

        return commands;
    }

    /// <summary>Appends <paramref name="commands"/> to the journal in <paramref name="directory"/> (created or continued).</summary>
    private static byte[] Bytes(int length, int seed) => Enumerable.Range(0, length).Select(i => (byte)(seed * (i + 1))).ToArray();

    public static void Append(string directory, IEnumerable<Command> commands)
    {
        Directory.CreateDirectory(directory);
        var last = JournalRecovery.Recover(directory).LastSequence;
        using var writer = new JournalWriter(new JournalOptions { Directory = directory, Durability = Durability.None, SegmentBytes = 256 << 10 }, last);
        foreach (var command in commands)
        {
            var copy = command;
            writer.Append(ref copy);
        }

        writer.Commit();
    }

    /// <summary>The engine after <paramref name="commands"/>, and every event they caused.</summary>
    public static (MatchingEngine Engine, List<EngineEvent> Events) Run(IEnumerable<Command> commands)
    {
        var engine = new MatchingEngine(1 << 12);
        var sink = new EventListSink();
        foreach (var command in commands)
        {
            var copy = command;
            engine.Process(ref copy, sink);
        }

        return (engine, sink.Events);
    }

    /// <summary>A stop, take-profit (limit or market) or trailing stop near <paramref name="price"/>: some would trigger at once and are refused.</summary>
    private static Command Conditional(Random random, int account, int instrument, Side side, long price, long lots, ClientOrderId clientOrderId)
    {
        var trigger = (TriggerType)random.Next(1, 4);
        var command = new Command
        {
            Type = CommandType.PlaceOrder,
            AccountId = account,
            InstrumentId = instrument,
            Side = side,
            OrderType = trigger == TriggerType.TrailingStop || random.Next(3) == 0 ? OrderType.Market : OrderType.Limit,
            QuantityLots = lots,
            ClientOrderId = clientOrderId,
            Trigger = trigger,
        };
        command.TimeInForce = command.OrderType == OrderType.Limit ? TimeInForce.GoodTillCancel : TimeInForce.ImmediateOrCancel;
        var away = (side == Side.Buy) == (trigger == TriggerType.Stop) ? 1 : -1;
        if (trigger == TriggerType.TrailingStop)
        {
            command.TrailingOffsetTicks = random.Next(4) == 0 ? 0 : random.Next(5, 30);
            command.TrailingOffsetBps = command.TrailingOffsetTicks == 0 ? 1 : 0;
        }
        else
        {
            command.StopPriceTicks = price + (away * random.Next(1, 20));
        }

        if (command.OrderType == OrderType.Limit)
        {
            command.PriceTicks = command.StopPriceTicks + (side == Side.Buy ? random.Next(0, 5) : -random.Next(0, 5));
        }

        return command;
    }

    private static Command Instrument(int id, string symbol, int baseAsset, string tick, string lot) => new()
    {
        Type = CommandType.AddInstrument,
        InstrumentId = id,
        Instrument = new InstrumentDefinition
        {
            Symbol = Symbol.From(symbol),
            BaseAssetId = baseAsset,
            QuoteAssetId = Usdt,
            TickSize = ScaledDecimal.Parse(tick),
            LotSize = ScaledDecimal.Parse(lot),
            MinQuantityLots = 1,
        },
    };

    private static Command Deposit(long account, int asset, long amount) =>
        new() { Type = CommandType.Deposit, AccountId = account, AssetId = asset, Amount = amount };
}
