namespace Matcher.Cli.Sim;

/// <summary>The options of <c>matcher sim</c>.</summary>
internal sealed record SimOptions
{
    /// <summary>The setup file (JSON), or null for an empty core.</summary>
    public string? SetupPath { get; init; }

    /// <summary>The command file (JSON lines); null or "-" for standard input.</summary>
    public string? CommandsPath { get; init; }

    /// <summary>The event file (JSON lines); null or "-" for standard output.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Whether the setup commands' events are written.</summary>
    public bool SetupEvents { get; init; } = true;

    /// <summary>Whether only the help was asked for.</summary>
    public bool Help { get; init; }

    /// <summary>Parses the arguments after "sim"; false with a message when they are wrong.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out SimOptions options, out string? error)
    {
        options = new SimOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inlineValue = null;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inlineValue = arg[(equals + 1)..];
                arg = arg[..equals];
            }

            switch (arg)
            {
                case "--help" or "-h":
                    options = options with { Help = true };
                    continue;
                case "--no-setup-events" when inlineValue is null:
                    options = options with { SetupEvents = false };
                    continue;
                case "--setup" or "--commands" or "--output":
                    var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
                    if (string.IsNullOrEmpty(value))
                    {
                        error = $"option {arg} needs a file name";
                        return false;
                    }

                    options = arg switch
                    {
                        "--setup" => options with { SetupPath = value },
                        "--commands" => options with { CommandsPath = value },
                        _ => options with { OutputPath = value },
                    };
                    continue;
                default:
                    error = $"unknown option '{args[i]}'";
                    return false;
            }
        }

        return true;
    }
}
