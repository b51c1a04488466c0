using System.Globalization;
using BenchmarkDotNet.Running;
using Matcher.Bench.Ring;
using Matcher.Ring;

namespace Matcher.Bench;

/// <summary>
/// <c>pingpong [--seconds N] [--warmup N] [--pong-wait NAME]</c> runs the latency
/// harness; anything else goes to BenchmarkDotNet (e.g. <c>--filter '*OneToOne*'</c>).
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

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
