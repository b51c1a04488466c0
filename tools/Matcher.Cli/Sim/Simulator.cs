using System.Text.Json;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Cli.Sim;

/// <summary>
/// The offline simulator: a <see cref="MatchingEngine"/> fed from a setup and from JSON
/// command lines, in order, with no I/O between commands; every event is written as a
/// JSON line. The same input gives the same output bytes on every run and machine.
/// </summary>
/// <remarks>
/// Commands get sequences 1, 2, 3… in the order they run (setup first; lines that are
/// input errors get none). Time comes from the input or from <see cref="StartTimeNs"/>
/// and the sequence, never from the clock.
/// </remarks>
internal sealed class Simulator : IDisposable
{
    /// <summary>The default start time: 2024-01-01T00:00:00Z, in nanoseconds since the Unix epoch.</summary>
    public const long DefaultStartTimeNs = 1_704_067_200_000_000_000;

    private static readonly JsonDocumentOptions _lineOptions = new() { MaxDepth = 16 };
    private static readonly JsonDocumentOptions _setupOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly EventListSink _sink = new();
    private readonly LiveOrders _liveOrders = new();
    private readonly JsonLineWriter _lines;
    private readonly EventFormatter _formatter;
    private readonly CommandReader _reader;
    private long _sequence;
    private long _lastTimeNs;

    /// <summary>A simulator with an empty core (the fee account 0 and fee tier 0 exist) writing to <paramref name="output"/>.</summary>
    public Simulator(TextWriter output)
    {
        _lines = new JsonLineWriter(output);
        _formatter = new EventFormatter(Engine, _lines);
        _reader = new CommandReader(Engine, _liveOrders);
        _lastTimeNs = StartTimeNs;
    }

    /// <summary>The core being driven.</summary>
    public MatchingEngine Engine { get; } = new(1024);

    /// <summary>The live orders as followed from the events (for tests).</summary>
    public LiveOrders LiveOrders => _liveOrders;

    /// <summary>The time a command without one gets is this plus its sequence; setup commands get this time.</summary>
    public long StartTimeNs { get; private set; } = DefaultStartTimeNs;

    /// <summary>Whether setup commands' events are written (they always run).</summary>
    public bool WriteSetupEvents { get; init; } = true;

    /// <summary>How many lines were input errors so far.</summary>
    public int InputErrors { get; private set; }

    /// <summary>When set, every command that runs is added to it (the server takes its setup commands this way).</summary>
    public List<Command>? Recorded { get; init; }

    /// <summary>How many commands ran so far (the last sequence).</summary>
    public long Sequence => _sequence;

    /// <summary>
    /// Runs a setup document: assets, instruments, fee tiers, then accounts with their
    /// deposits, each as the core's admin command, at <see cref="StartTimeNs"/>.
    /// </summary>
    /// <returns>Null when every setup command was accepted; otherwise what failed, and the setup stops there.</returns>
    public string? RunSetup(string json)
    {
        if (_sequence != 0)
        {
            throw new InvalidOperationException("the setup runs before any command");
        }

        try
        {
            using var document = JsonDocument.Parse(json, _setupOptions);
            var setup = JsonFields.Of(document.RootElement, "");
            if (setup.Time("start_time") is { } start)
            {
                StartTimeNs = start;
                _lastTimeNs = start;
            }

            // Read every section name first, so a misspelt one fails before anything runs.
            var assets = Section(setup, "assets");
            var instruments = Section(setup, "instruments");
            var feeTiers = Section(setup, "fee_tiers");
            var accounts = Section(setup, "accounts");
            setup.EnsureAllRead("the setup");
            return RunSection(assets, "assets", _reader.ReadAddAsset)
                ?? RunSection(instruments, "instruments", _reader.ReadAddInstrument)
                ?? RunSection(feeTiers, "fee_tiers", CommandReader.ReadSetFeeTier)
                ?? RunAccounts(accounts);
        }
        catch (JsonException e)
        {
            return $"malformed JSON: {JsonError(e)}";
        }
        catch (SimInputException e)
        {
            return e.Message;
        }
    }

    /// <summary>Runs every line of <paramref name="commands"/>; the first line is line 1.</summary>
    public void RunLines(TextReader commands)
    {
        var lineNumber = 0;
        while (commands.ReadLine() is { } line)
        {
            RunLine(line, ++lineNumber);
        }
    }

    /// <summary>
    /// Runs one command line: a JSON object, a blank line or a comment ("#" first). A line
    /// that cannot become a command is written as an <c>input_error</c> and changes nothing.
    /// </summary>
    public void RunLine(string line, int lineNumber)
    {
        var text = line.AsSpan().Trim();
        if (text.IsEmpty || text[0] == '#')
        {
            return;
        }

        Command command;
        long timeNs;
        try
        {
            using var document = JsonDocument.Parse(line, _lineOptions);
            command = _reader.Read(JsonFields.Of(document.RootElement, ""), out var givenTimeNs);
            timeNs = givenTimeNs ?? Math.Max(StartTimeNs + _sequence + 1, _lastTimeNs);
            if (timeNs < _lastTimeNs)
            {
                throw new SimInputException(
                    $"time {Timestamps.Format(timeNs)} is before the previous command's {Timestamps.Format(_lastTimeNs)}: times must not decrease");
            }
        }
        catch (JsonException e)
        {
            WriteInputError(lineNumber, $"malformed JSON: {JsonError(e)}");
            return;
        }
        catch (SimInputException e)
        {
            WriteInputError(lineNumber, e.Message);
            return;
        }

        Run(ref command, timeNs, lineNumber);
    }

    /// <inheritdoc />
    public void Dispose() => _lines.Dispose();

    /// <summary>The parser's message without its position suffix, which counts from zero within the line.</summary>
    private static string JsonError(JsonException e)
    {
        var message = e.Message;
        foreach (var marker in (ReadOnlySpan<string>)[" Path: ", " LineNumber: "])
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        return e.BytePositionInLine is { } position ? $"{message} (at byte {position + 1})" : message;
    }

    private static List<JsonElement> Section(JsonFields setup, string name)
    {
        var section = setup.Element(name);
        if (section is null)
        {
            return [];
        }

        if (section.Value.ValueKind != JsonValueKind.Array)
        {
            throw new SimInputException($"{name} must be an array");
        }

        return [.. section.Value.EnumerateArray()];
    }

    private string? RunSection(List<JsonElement> entries, string name, Func<JsonFields, Command> read)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var path = $"{name}[{i}]";
            var fields = JsonFields.Of(entries[i], path);
            var command = read(fields);
            fields.EnsureAllRead(path);
            var failure = RunSetupCommand(ref command, path);
            if (failure is not null)
            {
                return failure;
            }
        }

        return null;
    }

    private string? RunAccounts(List<JsonElement> accounts)
    {
        for (var i = 0; i < accounts.Count; i++)
        {
            var path = $"accounts[{i}]";
            var fields = JsonFields.Of(accounts[i], path);
            var create = CommandReader.ReadCreateAccount(fields);
            var deposits = fields.Element("deposits");
            fields.EnsureAllRead(path);
            var failure = RunSetupCommand(ref create, path);
            if (failure is not null)
            {
                return failure;
            }

            if (deposits is null)
            {
                continue;
            }

            var depositFields = JsonFields.Of(deposits.Value, $"{path}.deposits");
            foreach (var deposit in deposits.Value.EnumerateObject())
            {
                var field = depositFields.Describe(deposit.Name);
                var amount = depositFields.RequiredDecimal(deposit.Name);
                var command = _reader.ReadDeposit(create.AccountId, deposit.Name, amount, field);
                failure = RunSetupCommand(ref command, field);
                if (failure is not null)
                {
                    return failure;
                }
            }
        }

        return null;
    }

    private string? RunSetupCommand(ref Command command, string path)
    {
        Run(ref command, StartTimeNs, lineNumber: 0);
        foreach (var e in _sink.Events)
        {
            if (e.Type == EventType.Rejected)
            {
                return $"{path}: the core rejected {EnumNames<CommandType>.Name(command.Type)}: {EnumNames<RejectReason>.Name(e.RejectReason)}";
            }
        }

        return null;
    }

    private void Run(ref Command command, long timeNs, int lineNumber)
    {
        command.Sequence = ++_sequence;
        command.TimestampNs = timeNs;
        _lastTimeNs = timeNs;
        _sink.Events.Clear();
        Recorded?.Add(command);
        Engine.Process(ref command, _sink);
        var write = lineNumber > 0 || WriteSetupEvents;
        foreach (var e in _sink.Events)
        {
            _liveOrders.Apply(e);
            if (write)
            {
                _formatter.Write(e, lineNumber);
            }
        }
    }

    private void WriteInputError(int lineNumber, string error)
    {
        InputErrors++;
        _formatter.WriteInputError(lineNumber, error);
    }
}
