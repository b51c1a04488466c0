using System.Diagnostics;
using System.Text;
using Matcher.Core.Commands;
using Matcher.Core.Events;

namespace Matcher.Core.Tests.Properties;

/// <summary>Generates and replays command streams, and shrinks a failing one to a short repro.</summary>
internal static class PropertyRunner
{
    /// <summary>Runs a fresh generated stream, stopping at the first failed property.</summary>
    public static PropertyRunResult Generate(PropertyScenario scenario, bool withReference, Action<Command, List<EngineEvent>>? observe = null)
    {
        var harness = new PropertyHarness(scenario, withReference);
        harness.SetUp();
        var generator = new CommandStreamGenerator(scenario);
        var commands = new List<Command>(scenario.CommandCount);
        for (var i = 0; i < scenario.CommandCount; i++)
        {
            var command = generator.Next(harness);
            commands.Add(command);
            var failure = harness.Step(command);
            observe?.Invoke(command, harness.LastEvents);
            if (failure is not null)
            {
                return new PropertyRunResult(failure, i, commands);
            }
        }

        return new PropertyRunResult(null, -1, commands);
    }

    /// <summary>Runs the given commands (sequences and times are reassigned by position).</summary>
    public static PropertyRunResult Replay(PropertyScenario scenario, List<Command> commands, bool withReference)
    {
        var harness = new PropertyHarness(scenario, withReference);
        harness.SetUp();
        for (var i = 0; i < commands.Count; i++)
        {
            if (harness.Step(commands[i]) is { } failure)
            {
                return new PropertyRunResult(failure, i, commands);
            }
        }

        return new PropertyRunResult(null, -1, commands);
    }

    /// <summary>
    /// Delta debugging: drops chunks of commands while the replay still fails the same
    /// property, within a time budget. The result ends at its failing command.
    /// </summary>
    public static PropertyRunResult Shrink(PropertyScenario scenario, PropertyRunResult failed, bool withReference, TimeSpan budget)
    {
        var category = failed.Failure!.Category;
        var best = failed with { Commands = failed.Commands.GetRange(0, failed.FailedIndex + 1) };
        var clock = Stopwatch.StartNew();
        var parts = 2;
        while (best.Commands.Count > 1 && clock.Elapsed < budget)
        {
            var size = (best.Commands.Count + parts - 1) / parts;
            var reduced = false;
            for (var start = 0; start < best.Commands.Count && clock.Elapsed < budget; start += size)
            {
                var candidate = new List<Command>(best.Commands);
                candidate.RemoveRange(start, Math.Min(size, candidate.Count - start));
                if (candidate.Count == 0)
                {
                    continue;
                }

                var result = Replay(scenario, candidate, withReference);
                if (result.Failure?.Category == category)
                {
                    best = result with { Commands = candidate.GetRange(0, result.FailedIndex + 1) };
                    parts = Math.Max(parts - 1, 2);
                    reduced = true;
                    break;
                }
            }

            if (!reduced)
            {
                if (size == 1)
                {
                    break;
                }

                parts = Math.Min(parts * 2, best.Commands.Count);
            }
        }

        return best;
    }

    /// <summary>A failure report: the scenario, the failing command and evidence, the commands before it, and a shrunk repro.</summary>
    public static string Report(PropertyScenario scenario, PropertyRunResult failed, PropertyRunResult? shrunk)
    {
        var text = new StringBuilder();
        text.AppendLine($"Property '{failed.Failure!.Category}' failed. Scenario: {scenario}.");
        text.AppendLine($"Command index {failed.FailedIndex}: {CommandText.Describe(WithTime(scenario, failed.Commands[failed.FailedIndex], failed.FailedIndex))}");
        text.AppendLine(failed.Failure.Detail);
        text.AppendLine("Commands before it:");
        for (var i = Math.Max(0, failed.FailedIndex - 8); i < failed.FailedIndex; i++)
        {
            text.AppendLine($"  [{i}] {CommandText.Describe(WithTime(scenario, failed.Commands[i], i))}");
        }

        if (shrunk is not null)
        {
            text.AppendLine($"Shrunk repro ({shrunk.Commands.Count} commands after the scenario's setup), failing '{shrunk.Failure!.Category}' at the last one:");
            for (var i = 0; i < shrunk.Commands.Count; i++)
            {
                text.AppendLine($"  [{i}] {CommandText.Describe(WithTime(scenario, shrunk.Commands[i], i))}");
            }

            text.AppendLine(shrunk.Failure.Detail);
        }

        return text.ToString();
    }

    /// <summary>The command with the sequence and time the harness gives stream position <paramref name="index"/> (after the setup commands).</summary>
    private static Command WithTime(PropertyScenario scenario, Command command, int index)
    {
        command.Sequence = scenario.SetupCommands().Count + index + 1;
        command.TimestampNs = PropertyScenario.StartTimeNs + command.Sequence * PropertyScenario.StepNs;
        return command;
    }
}
