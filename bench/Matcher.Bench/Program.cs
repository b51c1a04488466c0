using System.Globalization;
using BenchmarkDotNet.Running;
using Matcher.Bench.Core;
using Matcher.Bench.Ring;
using Matcher.Journal;
using Matcher.Ring;

namespace Matcher.Bench;

/// <summary>
/// <c>pingpong [--seconds N] [--warmup N] [--pong-wait NAME]</c> runs the latency
/// harness; <c>corethroughput [--instruments N] [--commands N] [--seconds N] ...</c> the
/// matching core's throughput harness; anything else goes to BenchmarkDotNet (e.g.
/// <c>--filter '*OneToOne*'</c>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "pingpong")
        {
            var seconds = 10.0;
            var warmUp = 2.0;
            var pongWait = WaitStrategyKind.BusySpin;
            for (var i = 1; i < args.Length - 1; i += 2)
            {
                switch (args[i])
                {
                    case "--seconds":
                        seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                        break;
                    case "--warmup":
                        warmUp = double.Parse(args[i + 1], CultureInfo.InvariantCulture);
                        break;
                    case "--pong-wait" when WaitStrategies.TryParse(args[i + 1], out var kind):
                        pongWait = kind;
                        break;
                    default:
                        Console.Error.WriteLine($"unknown option {args[i]} {args[i + 1]}");
                        return 2;
                }
            }

            PingPongHarness.Run(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(warmUp), pongWait, Console.Out);
            return 0;
        }

        if (args.Length > 0 && args[0] == "corethroughput")
        {
            return RunCoreThroughput(args);
        }

        if (args.Length > 0 && args[0] == "projectorlag")
        {
            return Projections.ProjectorLagHarness.Run(args);
        }

        if (args.Length > 0 && args[0] == "journalthroughput")
        {
            return RunJournalThroughput(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    /// <summary><c>journalthroughput [--commands N] [--durability fsync|interval|none] [--dir PATH]</c>.</summary>
    private static int RunJournalThroughput(string[] args)
    {
        var commands = 1_000_000;
        var durability = Durability.FsyncPerBatch;
        var directory = Path.Combine(Path.GetTempPath(), "matcher-journalthroughput");
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--commands":
                    commands = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--durability" when value is "fsync" or "interval" or "none":
                    durability = value switch { "fsync" => Durability.FsyncPerBatch, "interval" => Durability.FsyncInterval, _ => Durability.None };
                    break;
                case "--dir":
                    directory = value;
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]} {value}");
                    return 2;
            }
        }

        Journal.JournalThroughputHarness.Run(commands, durability, directory, Console.Out);
        return 0;
    }

    /// <summary>
    /// <c>corethroughput [--instruments N] [--commands N] [--seconds N] [--warmup PASSES]
    /// [--accounts N] [--orders N] [--seed N] [--client-ids on|off] [--sink ring|array]
    /// [--ring-size N] [--expected-orders N]</c>.
    /// </summary>
    private static int RunCoreThroughput(string[] args)
    {
        var options = new CoreThroughputOptions();
        var load = options.Load;
        if ((args.Length - 1) % 2 != 0)
        {
            Console.Error.WriteLine("options come in pairs: --name value");
            return 2;
        }

        for (var i = 1; i < args.Length - 1; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--instruments":
                    load = load with { Instruments = int.Parse(value, CultureInfo.InvariantCulture) };
                    break;
                case "--commands":
                    load = load with { Commands = int.Parse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) };
                    break;
                case "--accounts":
                    load = load with { Accounts = int.Parse(value, CultureInfo.InvariantCulture) };
                    break;
                case "--orders":
                    load = load with { OrdersPerInstrument = int.Parse(value, CultureInfo.InvariantCulture) };
                    break;
                case "--expected-orders":
                    load = load with { ExpectedOrders = int.Parse(value, CultureInfo.InvariantCulture) };
                    break;
                case "--seed":
                    load = load with { Seed = int.Parse(value, CultureInfo.InvariantCulture) };
                    break;
                case "--client-ids" when value is "on" or "off":
                    load = load with { ClientOrderIds = value == "on" };
                    break;
                case "--seconds":
                    options = options with { Seconds = double.Parse(value, CultureInfo.InvariantCulture) };
                    break;
                case "--warmup":
                    options = options with { WarmUpPasses = int.Parse(value, CultureInfo.InvariantCulture) };
                    break;
                case "--sink" when value is "ring" or "array":
                    options = options with { Sink = value };
                    break;
                case "--ring-size":
                    options = options with { RingSize = int.Parse(value, CultureInfo.InvariantCulture) };
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]} {value}");
                    return 2;
            }
        }

        CoreThroughputHarness.Run(options with { Load = load }, Console.Out);
        return 0;
    }
}
