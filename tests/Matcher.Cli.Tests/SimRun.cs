using System.Text.Json;
using Matcher.Cli.Sim;

namespace Matcher.Cli.Tests;

/// <summary>One in-process run of the simulator on text, with its output split into parsed lines.</summary>
internal sealed class SimRun
{
    private SimRun(int exitCode, string output, string error)
    {
        ExitCode = exitCode;
        Output = output;
        Error = error;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            Lines.Add(document.RootElement.Clone());
        }
    }

    public int ExitCode { get; }

    /// <summary>Everything written to the output, exactly.</summary>
    public string Output { get; }

    /// <summary>Everything written to standard error.</summary>
    public string Error { get; }

    public List<JsonElement> Lines { get; } = [];

    /// <summary>Runs <paramref name="commands"/> (one command per line) after <paramref name="setup"/>.</summary>
    public static SimRun Of(string? setup, string commands, bool setupEvents = false)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exitCode = SimVerb.Run(setup, new StringReader(commands), output, error, setupEvents);
        return new SimRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs command lines given one per argument after the standard <see cref="Setups.BtcUsdt"/> setup.</summary>
    public static SimRun OfLines(params string[] lines)
    {
        var run = Of(Setups.BtcUsdt, string.Join("\n", lines));
        Assert.That(run.Error, Is.Empty, "the setup ran");
        return run;
    }

    public List<JsonElement> OfType(string type) => Lines.FindAll(l => l.GetProperty("type").GetString() == type);

    public JsonElement Single(string type)
    {
        var found = OfType(type);
        Assert.That(found, Has.Count.EqualTo(1), $"lines of type {type} in:\n{Output}\n{Error}");
        return found[0];
    }

    /// <summary>The hash of the last state_hash line.</summary>
    public string LastHash() => OfType("state_hash")[^1].GetProperty("hash").GetString()!;

    public static string Text(JsonElement line, string field) => line.GetProperty(field).GetString()!;
}
