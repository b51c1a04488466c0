using Matcher.Gateways.Fix.Session;

namespace Matcher.Cli.Serve;

/// <summary><c>matcher hash-password</c>: the PasswordHash of a FIX session's configuration, from a password on standard input.</summary>
internal sealed class HashPasswordVerb : IVerb
{
    /// <inheritdoc />
    public string Name => "hash-password";

    /// <inheritdoc />
    public string Summary => "hash a FIX session password (read from standard input) for the configuration";

    /// <inheritdoc />
    public void WriteHelp(TextWriter output)
    {
        output.WriteLine("Usage: matcher hash-password < password-file");
        output.WriteLine();
        output.WriteLine("Reads one line (the password) from standard input and prints its PBKDF2-SHA256 hash,");
        output.WriteLine("for Matcher:Fix:Sessions:N:PasswordHash. The password is never written anywhere.");
    }

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, CliStreams streams)
    {
        if (args.Count > 0)
        {
            if (args[0] is "--help" or "-h")
            {
                WriteHelp(streams.Out);
                return ExitCodes.Success;
            }

            streams.Error.WriteLine("matcher hash-password: takes no arguments; the password comes on standard input");
            return ExitCodes.Usage;
        }

        var password = streams.In.ReadLine();
        if (string.IsNullOrEmpty(password))
        {
            streams.Error.WriteLine("matcher hash-password: no password on standard input");
            return ExitCodes.Usage;
        }

        streams.Out.WriteLine(FixPasswordHash.Create(password));
        return ExitCodes.Success;
    }
}
