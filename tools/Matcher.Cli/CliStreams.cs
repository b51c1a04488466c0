namespace Matcher.Cli;

/// <summary>
/// The standard streams a verb reads and writes: the real console in the executable,
/// string readers and writers in tests.
/// </summary>
/// <param name="In">Standard input.</param>
/// <param name="Out">Standard output: a verb's results.</param>
/// <param name="Error">Standard error: diagnostics and usage messages.</param>
internal sealed record CliStreams(TextReader In, TextWriter Out, TextWriter Error);
