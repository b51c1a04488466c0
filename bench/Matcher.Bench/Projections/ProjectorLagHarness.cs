using System.Diagnostics;
using System.Globalization;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Numbers;
using Matcher.Core.Reference;
using Matcher.Core.Text;
using Matcher.Journal;
using Matcher.Projections;
using Matcher.TestSupport.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Matcher.Bench.Projections;

/// <summary>
/// The projector's lag under a sustained live load: a throwaway Postgres cluster, a
/// <see cref="Projector"/> following a fresh journal, and a writer thread appending random
/// commands (the mix of <c>tests/Matcher.Projections.Tests/LoadGenerator</c>) at a fixed rate,
/// committing every millisecond. Samples <see cref="Projector.GetStatus"/> every 100 ms and
/// prints events/s into Postgres, lag seconds p50/p99/max and lag sequences max over the
/// measured window (after the warm-up), and the time to catch up once the writer stops.
/// </summary>
/// <remarks>
/// <c>projectorlag [--events-per-second N] [--seconds N] [--warmup N] [--batch N]
/// [--durability none|fsync] [--dir PATH]</c>. The target rate is turned into
/// commands/s with the events per command of a dry run through a <see cref="MatchingEngine"/>;
/// the events/s reported are measured from <see cref="ProjectorStatus.EventsWritten"/>.
/// Postgres runs as the test cluster starts it: fsync, synchronous_commit and full_page_writes
/// off, given on the server's command line (which ALTER SYSTEM cannot override); the run prints them.
/// </remarks>
public static class ProjectorLagHarness
{
    private static readonly TimeSpan _sampleInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Parses the verb's options and runs it; returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        var eventsPerSecond = 50_000.0;
        var seconds = 30.0;
        var warmUp = 5.0;
        var batch = 4096;
        var durability = Durability.None;
        var directory = Path.Combine(Path.GetTempPath(), "matcher-projectorlag-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        for (var i = 1; i < args.Length; i++)
        {
            if (i + 1 >= args.Length)
            {
                Console.Error.WriteLine($"option {args[i]} needs a value");
                return 2;
            }

            var value = args[++i];
            switch (args[i - 1])
            {
                case "--events-per-second":
                    eventsPerSecond = double.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--seconds":
                    seconds = double.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--warmup":
                    warmUp = double.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--batch":
                    batch = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--durability" when value is "fsync" or "none":
                    durability = value == "fsync" ? Durability.FsyncPerBatch : Durability.None;
                    break;
                case "--dir":
                    directory = value;
                    break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i - 1]} {value}");
                    return 2;
            }
        }

        return RunAsync(eventsPerSecond, seconds, warmUp, batch, durability, directory, Console.Out)
            .GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(
        double eventsPerSecond, double seconds, double warmUp, int batch, Durability durability,
        string directory, TextWriter output)
    {
        var eventsPerCommand = DryRunEventsPerCommand(200_000);
        var commandsPerSecond = eventsPerSecond / eventsPerCommand;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"projectorlag: target {eventsPerSecond:N0} events/s = {commandsPerSecond:N0} commands/s (dry run: {eventsPerCommand:F2} events/command), {seconds} s after {warmUp} s warm-up, batch {batch}, journal durability {durability}, commit every 1 ms"));

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        await using var cluster = await PostgresCluster.StartAsync().ConfigureAwait(false);
        var connectionString = await cluster.CreateDatabaseAsync("projectorlag").ConfigureAwait(false);
        output.WriteLine(await DescribePostgresAsync(connectionString).ConfigureAwait(false));

        var options = new ProjectorOptions
        {
            JournalDirectory = directory,
            ConnectionString = connectionString,
            Name = "lag",
            MaxBatchCommands = batch,
            ExpectedOrders = 1 << 20,
        };
        await using var projector = new Projector(options, NullLogger.Instance);
        using var stopProjector = new CancellationTokenSource();
        var projecting = Task.Run(() => projector.RunAsync(stopProjector.Token));

        // Let the projector migrate and reach the (empty) journal's end before the clock starts.
        await Task.Delay(1000).ConfigureAwait(false);

        var writer = new LoadWriter(directory, durability, commandsPerSecond);
        var writerThread = new Thread(() => writer.Run(TimeSpan.FromSeconds(warmUp + seconds))) { Name = "journal-writer", IsBackground = true };
        var start = Stopwatch.GetTimestamp();
        writerThread.Start();

        var samples = new List<(double Seconds, ProjectorStatus Status)>();
        var next = _sampleInterval;
        while (writerThread.IsAlive)
        {
            var wait = next - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait).ConfigureAwait(false);
            }

            samples.Add((Stopwatch.GetElapsedTime(start).TotalSeconds, projector.GetStatus()));
            next += _sampleInterval;
            if (projecting.IsCompleted)
            {
                await projecting.ConfigureAwait(false); // Surfaces the projector's failure.
                throw new InvalidOperationException("the projector stopped");
            }
        }

        writerThread.Join();
        if (writer.Failure is not null)
        {
            throw new InvalidOperationException("the writer failed", writer.Failure);
        }

        var stopped = Stopwatch.GetTimestamp();
        var last = writer.LastSequence;
        var catchUpTimeout = TimeSpan.FromMinutes(5);
        while (projector.AppliedSequence < last && Stopwatch.GetElapsedTime(stopped) < catchUpTimeout)
        {
            await Task.Delay(5).ConfigureAwait(false);
        }

        var catchUp = Stopwatch.GetElapsedTime(stopped);
        var final = projector.GetStatus();
        await stopProjector.CancelAsync().ConfigureAwait(false);
        await projecting.ConfigureAwait(false);

        var measured = samples.Where(s => s.Seconds >= warmUp).ToList();
        if (measured.Count < 2)
        {
            throw new InvalidOperationException("too short a run to measure");
        }

        var first = measured[0];
        var end = measured[^1];
        var window = end.Seconds - first.Seconds;
        var events = (end.Status.EventsWritten - first.Status.EventsWritten) / window;
        var commands = (end.Status.CommandsWritten - first.Status.CommandsWritten) / window;
        var lags = measured.Select(s => s.Status.LagSeconds).Order().ToArray();
        var lagSequencesMax = measured.Max(s => s.Status.LagSequences);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"writer: {writer.LastSequence:N0} commands journaled, {writer.Measured / (warmUp + seconds):N0} commands/s offered, {writer.Commits:N0} commits, behind schedule at most {writer.MaxBehind:N0} commands"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"window {window:F1} s ({measured.Count} samples): {events:N0} events/s, {commands:N0} commands/s into Postgres, {(end.Status.Batches - first.Status.Batches) / window:N1} batches/s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lag seconds: p50 {Percentile(lags, 50) * 1e3:F1} ms, p99 {Percentile(lags, 99) * 1e3:F1} ms, max {lags[^1] * 1e3:F1} ms; lag sequences max {lagSequencesMax:N0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"catch-up after the writer stopped: {catchUp.TotalMilliseconds:F0} ms (applied {final.AppliedSequence:N0} of {last:N0}); failed writes {final.FailedWrites}, events written {final.EventsWritten:N0}"));
        output.WriteLine(lags[^1] < 1.0 && final.AppliedSequence >= last ? "goal lag < 1 s: MET" : "goal lag < 1 s: NOT MET");
        Directory.Delete(directory, recursive: true);
        return 0;
    }

    private static async Task<string> DescribePostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var show = new NpgsqlCommand(
            "SELECT 'postgres ' || current_setting('server_version') || ': fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', full_page_writes=' || current_setting('full_page_writes')",
            connection);
        return (string)(await show.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    private static double Percentile(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double DryRunEventsPerCommand(int commands)
    {
        var engine = new MatchingEngine(1 << 20);
        var sink = new CountingSink();
        var generator = new RandomLoad(seed: 1);
        const long StartNs = 1_750_000_000_000_000_000;
        var sequence = 0L;
        foreach (var setUp in RandomLoad.SetUp())
        {
            var command = setUp;
            command.Sequence = ++sequence;
            command.TimestampNs = StartNs + (sequence * 1000);
            engine.Process(ref command, sink);
        }

        var before = sink.Events;
        for (var i = 0; i < commands; i++)
        {
            var timestamp = StartNs + ((sequence + 1) * 1000);
            var command = generator.Next(timestamp);
            command.Sequence = ++sequence;
            command.TimestampNs = timestamp;
            engine.Process(ref command, sink);
        }

        return (double)(sink.Events - before) / commands;
    }

    private sealed class CountingSink : IEventSink
    {
        private EngineEvent _slot;

        public long Events { get; private set; }

        public ref EngineEvent Claim() => ref _slot;

        public void Commit() => Events++;

        public void EndOfCommand()
        {
        }
    }

    /// <summary>Appends the set-up, then random commands on a fixed schedule, committing every millisecond.</summary>
    private sealed class LoadWriter(string directory, Durability durability, double commandsPerSecond)
    {
        public long LastSequence { get; private set; }

        public long Measured { get; private set; }

        public long Commits { get; private set; }

        public long MaxBehind { get; private set; }

        public Exception? Failure { get; private set; }

        public void Run(TimeSpan duration)
        {
            try
            {
                using var writer = new JournalWriter(new JournalOptions { Directory = directory, Durability = durability }, 0);
                var generator = new RandomLoad(seed: 1);
                foreach (var setUp in RandomLoad.SetUp())
                {
                    var command = setUp;
                    Stamp(ref command);
                    writer.Append(ref command);
                }

                writer.Commit();
                var start = Stopwatch.GetTimestamp();
                var nextCommit = TimeSpan.FromMilliseconds(1);
                while (true)
                {
                    var elapsed = Stopwatch.GetElapsedTime(start);
                    if (elapsed >= duration)
                    {
                        break;
                    }

                    var due = (long)(elapsed.TotalSeconds * commandsPerSecond);
                    MaxBehind = Math.Max(MaxBehind, due - Measured);
                    while (Measured < due)
                    {
                        var command = generator.Next(NowNs());
                        Stamp(ref command);
                        writer.Append(ref command);
                        Measured++;
                    }

                    writer.Commit();
                    Commits++;
                    var wait = nextCommit - Stopwatch.GetElapsedTime(start);
                    if (wait > TimeSpan.Zero)
                    {
                        Thread.Sleep(wait);
                    }

                    nextCommit += TimeSpan.FromMilliseconds(1);
                    if (nextCommit < Stopwatch.GetElapsedTime(start))
                    {
                        nextCommit = Stopwatch.GetElapsedTime(start) + TimeSpan.FromMilliseconds(1);
                    }
                }
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                Failure = e;
            }
        }

        private void Stamp(ref Command command)
        {
            command.Sequence = ++LastSequence;
            command.TimestampNs = NowNs();
            command.Origin = new Origin(1, (int)(command.AccountId % 3), command.Sequence);
        }

        private static long NowNs() => (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
    }

    /// <summary>
    /// An endless version of the projection tests' <c>LoadGenerator</c>: 8 funded accounts on
    /// BTC-USDT and ETH-USDT; limit, market, cancel, amend, cancel-replace, mass-cancel, expiry,
    /// withdrawal and deposit commands in its proportions. GTD orders expire within 5 ms.
    /// </summary>
    private sealed class RandomLoad(int seed)
    {
        private const int Btc = 1;
        private const int Eth = 2;
        private const int Usdt = 3;
        private const int Accounts = 8;
        private readonly Random _random = new(seed);
        private int _clientIds;
        private long _withdrawals = seed * 100_000L;

        public static IEnumerable<Command> SetUp()
        {
            yield return new Command { Type = CommandType.AddAsset, AssetId = Btc, AssetCode = Symbol.From("BTC"), AssetScale = 8 };
            yield return new Command { Type = CommandType.AddAsset, AssetId = Eth, AssetCode = Symbol.From("ETH"), AssetScale = 9 };
            yield return new Command { Type = CommandType.AddAsset, AssetId = Usdt, AssetCode = Symbol.From("USDT"), AssetScale = 6 };
            yield return Instrument(1, "BTC-USDT", Btc, "0.01", "0.0001");
            yield return Instrument(2, "ETH-USDT", Eth, "0.01", "0.001");
            yield return new Command { Type = CommandType.SetFeeTier, FeeTier = 1, MakerFeeBps = -1, TakerFeeBps = 5 };
            yield return new Command { Type = CommandType.SetFeeTier, FeeTier = 2, MakerFeeBps = 2, TakerFeeBps = 8 };
            for (var account = 1; account <= Accounts; account++)
            {
                yield return new Command { Type = CommandType.CreateAccount, AccountId = account, FeeTier = account % 3 };
                yield return Deposit(account, Btc, 50_00000000);
                yield return Deposit(account, Eth, 500_000000000);
                yield return Deposit(account, Usdt, 5_000_000_000000);
            }
        }

        public Command Next(long nowNs)
        {
            var random = _random;
            var account = random.Next(1, Accounts + 1);
            var instrument = random.Next(3) == 0 ? 2 : 1;
            var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
            var price = (instrument == 1 ? 6_000_000 : 300_000) + random.Next(-30, 31);
            var lots = 1 + random.Next(20);
            var roll = random.Next(100);
            if (roll < 50)
            {
                var gtd = random.Next(10) == 0;
                return new Command
                {
                    Type = CommandType.PlaceOrder,
                    AccountId = account,
                    InstrumentId = instrument,
                    Side = side,
                    OrderType = OrderType.Limit,
                    TimeInForce = gtd ? TimeInForce.GoodTillDate : random.Next(8) == 0 ? TimeInForce.ImmediateOrCancel : TimeInForce.GoodTillCancel,
                    ExpireTimeNs = gtd ? nowNs + (random.Next(1, 50_000) * 100L) : 0,
                    PriceTicks = price,
                    QuantityLots = lots,
                    ClientOrderId = ClientOrderId.From(ClientId(++_clientIds)),
                    SelfTradePrevention = (SelfTradePrevention)random.Next(5),
                };
            }

            if (roll < 57)
            {
                var command = new Command
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

                return command;
            }

            if (roll < 70)
            {
                return new Command { Type = CommandType.CancelOrder, AccountId = account, ClientOrderId = ClientOrderId.From(ClientId(random.Next(1, _clientIds + 2))) };
            }

            if (roll < 82)
            {
                return new Command
                {
                    Type = CommandType.AmendOrder,
                    AccountId = account,
                    ClientOrderId = ClientOrderId.From(ClientId(random.Next(1, _clientIds + 2))),
                    PriceTicks = random.Next(2) == 0 ? 0 : price,
                    QuantityLots = random.Next(2) == 0 ? 0 : lots + 5,
                };
            }

            if (roll < 86)
            {
                var replaced = ClientId(random.Next(1, _clientIds + 2));
                return new Command
                {
                    Type = CommandType.CancelReplace,
                    AccountId = account,
                    ClientOrderId = ClientOrderId.From(replaced),
                    NewClientOrderId = ClientOrderId.From(ClientId(++_clientIds)),
                    PriceTicks = price,
                    QuantityLots = lots + 3,
                };
            }

            if (roll < 88)
            {
                return new Command { Type = CommandType.MassCancel, AccountId = account, InstrumentId = random.Next(3), Side = (Side)random.Next(3) };
            }

            if (roll < 90)
            {
                return new Command { Type = CommandType.ExpireOrders };
            }

            if (roll < 95)
            {
                return random.Next(3) switch
                {
                    0 => new Command { Type = CommandType.RequestWithdrawal, WithdrawalId = ++_withdrawals, AccountId = account, AssetId = Usdt, Amount = random.Next(1, 10_000_000) },
                    1 => new Command { Type = CommandType.CompleteWithdrawal, WithdrawalId = _withdrawals - random.Next(0, 3) },
                    _ => new Command { Type = CommandType.FailWithdrawal, WithdrawalId = _withdrawals - random.Next(0, 3) },
                };
            }

            return Deposit(account, 1 + random.Next(3), random.Next(1, 1_000_000_000));
        }

        private static string ClientId(int id) => "c" + id.ToString(CultureInfo.InvariantCulture);

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
}
