using System.Globalization;

namespace Matcher.Cli;

/// <summary>
/// A verb's options as parsed from its arguments: <c>--name VALUE</c> or <c>--name=VALUE</c>
/// for the options that take a value, <c>--name</c> for flags, and <c>-h</c>/<c>--help</c>
/// for every verb. Anything else (an unknown option, a stray word, an option given twice)
/// is an error.
/// </summary>
internal sealed class VerbArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private VerbArguments()
    {
    }

    /// <summary>Whether <c>-h</c> or <c>--help</c> was given.</summary>
    public bool Help => _flags.Contains("--help");

    /// <summary>Parses <paramref name="args"/>; false with a message when they are wrong.</summary>
    /// <param name="args">The arguments after the verb's name.</param>
    /// <param name="valueOptions">The options that take a value, e.g. "--journal".</param>
    /// <param name="flagOptions">The options that take none, e.g. "--progress".</param>
    /// <param name="parsed">The options found.</param>
    /// <param name="error">Why the arguments are wrong, or null.</param>
    public static bool TryParse(
        IReadOnlyList<string> args,
        IReadOnlyCollection<string> valueOptions,
        IReadOnlyCollection<string> flagOptions,
        out VerbArguments parsed,
        out string? error)
    {
        parsed = new VerbArguments();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string? inlineValue = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (name.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inlineValue = name[(equals + 1)..];
                name = name[..equals];
            }

            if (name is "-h" or "--help" && inlineValue is null)
            {
                parsed._flags.Add("--help");
                continue;
            }

            if (flagOptions.Contains(name) && inlineValue is null)
            {
                if (!parsed._flags.Add(name))
                {
                    error = $"option {name} is given twice";
                    return false;
                }

                continue;
            }

            if (!valueOptions.Contains(name))
            {
                error = $"unknown option '{args[i]}'";
                return false;
            }

            var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
            if (string.IsNullOrEmpty(value))
            {
                error = $"option {name} needs a value";
                return false;
            }

            if (!parsed._values.TryAdd(name, value))
            {
                error = $"option {name} is given twice";
                return false;
            }
        }

        return true;
    }

    /// <summary>The value of option <paramref name="name"/>, or null when it was not given.</summary>
    public string? Value(string name) => _values.GetValueOrDefault(name);

    /// <summary>Whether flag <paramref name="name"/> was given.</summary>
    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>
    /// Reads option <paramref name="name"/> as a journal sequence (a positive integer);
    /// <paramref name="sequence"/> is null when the option was not given.
    /// </summary>
    public bool TryGetSequence(string name, out long? sequence, out string? error)
    {
        sequence = null;
        error = null;
        if (Value(name) is not { } text)
        {
            return true;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
        {
            error = $"option {name} needs a sequence (a whole number from 1), not '{text}'";
            return false;
        }

        sequence = value;
        return true;
    }

    /// <summary>An optional whole number in [minimum, maximum]; <paramref name="fallback"/> when absent; false (with <paramref name="error"/>) when invalid.</summary>
    public bool TryInt(string name, int minimum, int maximum, int fallback, out int value, ref string? error)
    {
        value = fallback;
        if (Value(name) is not { } text)
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < minimum || value > maximum)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{name} needs a whole number from {minimum} to {maximum}, not '{text}'");
            return false;
        }

        return true;
    }

    /// <summary>An optional whole number in [minimum, maximum], as <see cref="TryInt"/>.</summary>
    public bool TryLong(string name, long minimum, long maximum, long fallback, out long value, ref string? error)
    {
        value = fallback;
        if (Value(name) is not { } text)
        {
            return true;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) || value < minimum || value > maximum)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{name} needs a whole number from {minimum} to {maximum}, not '{text}'");
            return false;
        }

        return true;
    }

    /// <summary>An optional positive decimal number; <paramref name="fallback"/> when absent.</summary>
    public bool TryDecimal(string name, decimal fallback, out decimal value, ref string? error)
    {
        value = fallback;
        if (Value(name) is not { } text)
        {
            return true;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) || value <= 0)
        {
            error = $"{name} needs a positive decimal number, not '{text}'";
            return false;
        }

        return true;
    }

    /// <summary>An optional number of seconds from <paramref name="minimum"/> to a day; <paramref name="fallback"/> when absent.</summary>
    public bool TrySeconds(string name, double fallback, double minimum, out double value, ref string? error)
    {
        value = fallback;
        if (Value(name) is not { } text)
        {
            return true;
        }

        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            || value < minimum || value > 86_400)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{name} needs seconds from {minimum} to 86400, not '{text}'");
            return false;
        }

        return true;
    }
}
