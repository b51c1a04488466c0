using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Reference;
using Matcher.Core.Text;

namespace Matcher.Projections.Tests;

/// <summary>
/// A hand-written journal on top of <see cref="LoadGenerator"/>'s set-up (instrument 1 is
/// BTC-USDT, tick 0.01, lot 0.0001; accounts 1–8 funded): commands numbered as they are added.
/// </summary>
internal sealed class Scenario
{
    public const int Instrument = 1;

    public List<Command> Commands { get; } = LoadGenerator.Generate(seed: 0, count: 0);

    /// <summary>A GTC limit order (and whatever <paramref name="with"/> adds).</summary>
    public Scenario Limit(long account, Side side, long priceTicks, long lots, string clientOrderId, Func<Command, Command>? with = null) =>
        Add(Order(account, side, OrderType.Limit, priceTicks, lots, clientOrderId), with);

    /// <summary>A conditional order: <paramref name="trigger"/> at <paramref name="stopPriceTicks"/>, a limit when <paramref name="priceTicks"/> > 0, else a market order.</summary>
    public Scenario Conditional(
        long account, Side side, TriggerType trigger, long stopPriceTicks, long priceTicks, long lots, string clientOrderId,
        Func<Command, Command>? with = null)
    {
        var command = Order(account, side, priceTicks > 0 ? OrderType.Limit : OrderType.Market, priceTicks, lots, clientOrderId);
        command.Trigger = trigger;
        command.StopPriceTicks = stopPriceTicks;
        return Add(command, with);
    }

    public Scenario Amend(long account, string clientOrderId, long priceTicks = 0, long lots = 0, long stopPriceTicks = 0) => Add(new Command
    {
        Type = CommandType.AmendOrder,
        AccountId = account,
        ClientOrderId = ClientOrderId.From(clientOrderId),
        PriceTicks = priceTicks,
        QuantityLots = lots,
        StopPriceTicks = stopPriceTicks,
    });

    public Scenario Cancel(long account, string clientOrderId) =>
        Add(new Command { Type = CommandType.CancelOrder, AccountId = account, ClientOrderId = ClientOrderId.From(clientOrderId) });

    public Scenario Quote(long account, long bidTicks, long bidLots, long askTicks, long askLots, string clientOrderId) => Add(new Command
    {
        Type = CommandType.Quote,
        AccountId = account,
        InstrumentId = Instrument,
        PriceTicks = bidTicks,
        QuantityLots = bidLots,
        AskPriceTicks = askTicks,
        AskQuantityLots = askLots,
        ClientOrderId = ClientOrderId.From(clientOrderId),
    });

    /// <summary>Any other command (sequence, time and origin are set here).</summary>
    public Scenario Add(Command command, Func<Command, Command>? with = null)
    {
        command = with?.Invoke(command) ?? command;
        command.Sequence = Commands.Count + 1;
        command.TimestampNs = LoadGenerator.StartNs + (command.Sequence * 1000);
        command.Origin = new Origin(1, (int)(command.AccountId % 3), command.Sequence);
        Commands.Add(command);
        return this;
    }

    public static Command Status(InstrumentStatus status) =>
        new() { Type = CommandType.SetInstrumentStatus, InstrumentId = Instrument, InstrumentStatus = status };

    /// <summary>Runs the commands through a core and fails on any rejection: a scenario says what it means.</summary>
    public void AssertNoRejects()
    {
        var (_, events) = LoadGenerator.Run(Commands);
        var rejects = events.Where(e => e.Type == EventType.Rejected).Select(e => $"{e.CommandSequence}: {e.RejectReason}").ToList();
        Assert.That(rejects, Is.Empty, "the scenario's commands should all be accepted");
    }

    private static Command Order(long account, Side side, OrderType type, long priceTicks, long lots, string clientOrderId) => new()
    {
        Type = CommandType.PlaceOrder,
        AccountId = account,
        InstrumentId = Instrument,
        Side = side,
        OrderType = type,
        TimeInForce = type == OrderType.Limit ? TimeInForce.GoodTillCancel : TimeInForce.ImmediateOrCancel,
        PriceTicks = priceTicks,
        QuantityLots = lots,
        ClientOrderId = ClientOrderId.From(clientOrderId),
    };
}
