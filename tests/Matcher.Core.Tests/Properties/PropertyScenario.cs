using Matcher.Core.Commands;

namespace Matcher.Core.Tests.Properties;

/// <summary>
/// The fixed world a random stream runs in: assets, 1–2 instruments over a narrow price
/// band, 2–4 accounts (one of them tightly funded in <see cref="ScenarioKind.Tight"/>)
/// and, with fees, four fee tiers including maker rebates.
/// </summary>
/// <remarks>
/// Instrument 1 is CoreDriver's BTC-USDT (tick 0.01, lot 0.0001: 10,000 satoshi per lot,
/// 1 micro-USDT per tick and lot), so a repro on it pastes into a CoreDriver test.
/// Instrument 2, ETH-USDT (tick 0.1, lot 0.01; 10^6 units per lot, 1,000 per tick and
/// lot), has a minimum quantity of 2 lots and a minimum notional of 2 USDT.
/// </remarks>
internal sealed class PropertyScenario
{
    public const int Btc = CoreDriver.Btc;
    public const int Usdt = CoreDriver.Usdt;
    public const int Eth = 3;
    public const long StartTimeNs = CoreDriver.StartTimeNs;
    public const long StepNs = 1_000;
    public const long MidPriceTicks = 1_000;

    private PropertyScenario(int seed, ScenarioKind kind, int commandCount)
    {
        Seed = seed;
        Kind = kind;
        CommandCount = commandCount;
        var random = new Random(seed);
        InstrumentIds = random.Next(2) == 0 ? [1] : [1, 2];
        var accounts = 2 + random.Next(3);
        for (var i = 1; i <= accounts; i++)
        {
            AccountIds.Add(i);
            AccountTiers.Add(kind == ScenarioKind.Plain ? 0 : random.Next(5));
        }

        TightAccountId = kind == ScenarioKind.Tight ? accounts : 0;
    }

    public int Seed { get; }

    public ScenarioKind Kind { get; }

    public int CommandCount { get; }

    public List<int> InstrumentIds { get; }

    public List<long> AccountIds { get; } = [];

    public List<int> AccountTiers { get; } = [];

    /// <summary>The tightly funded account, or 0.</summary>
    public long TightAccountId { get; }

    public int[] AssetIds => InstrumentIds.Count == 2 ? [Btc, Usdt, Eth] : [Btc, Usdt];

    public int[] FeeTierIds => Kind == ScenarioKind.Plain ? [0] : [0, 1, 2, 3, 4];

    public static PropertyScenario Create(int seed, ScenarioKind kind, int commandCount) => new(seed, kind, commandCount);

    public override string ToString() =>
        $"seed {Seed}, {Kind}, instruments [{string.Join(", ", InstrumentIds)}], accounts [{string.Join(", ", AccountIds)}] in tiers [{string.Join(", ", AccountTiers)}]"
        + (TightAccountId != 0 ? $", account {TightAccountId} tightly funded" : "");

    public static (long LotUnits, long TickValue) Factors(int instrumentId) => instrumentId == 1 ? (10_000, 1) : (1_000_000, 1_000);

    public static long MaxQuantityLots(int instrumentId) => instrumentId == 1 ? 12 : 8;

    /// <summary>The admin commands that build the world.</summary>
    public List<Command> SetupCommands()
    {
        var commands = new List<Command>
        {
            CoreDriver.AddAsset(Btc, "BTC", 8),
            CoreDriver.AddAsset(Usdt, "USDT", 6),
        };
        if (InstrumentIds.Count == 2)
        {
            commands.Add(CoreDriver.AddAsset(Eth, "ETH", 8));
        }

        commands.Add(CoreDriver.AddInstrument(CoreDriver.BtcUsdt, "BTC-USDT", Btc, Usdt, "0.01", "0.0001"));
        if (InstrumentIds.Count == 2)
        {
            commands.Add(CoreDriver.AddInstrument(2, "ETH-USDT", Eth, Usdt, "0.1", "0.01", minLots: 2, minNotional: 2_000_000));
        }

        if (Kind != ScenarioKind.Plain)
        {
            commands.Add(CoreDriver.FeeTier(1, 10, 20));
            commands.Add(CoreDriver.FeeTier(2, -5, 25));
            commands.Add(CoreDriver.FeeTier(3, -30, 7));
            commands.Add(CoreDriver.FeeTier(4, -10_000, 10_000));
        }

        for (var i = 0; i < AccountIds.Count; i++)
        {
            var accountId = AccountIds[i];
            commands.Add(CoreDriver.CreateAccount(accountId, AccountTiers[i]));
            var tight = accountId == TightAccountId;
            commands.Add(CoreDriver.Deposit(accountId, Btc, tight ? 150_000 : 1_000_000_000_000));
            commands.Add(CoreDriver.Deposit(accountId, Usdt, tight ? 30_000 : 10_000_000_000_000));
            if (InstrumentIds.Count == 2)
            {
                commands.Add(CoreDriver.Deposit(accountId, Eth, tight ? 5_000_000 : 1_000_000_000_000));
            }
        }

        return commands;
    }
}
