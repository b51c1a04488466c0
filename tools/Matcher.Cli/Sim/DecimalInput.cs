using Matcher.Core.Numbers;

namespace Matcher.Cli.Sim;

/// <summary>A decimal string read from the input, kept with its text and field name for error messages.</summary>
/// <param name="Value">The exact value.</param>
/// <param name="Text">The text as written ("30000.010").</param>
/// <param name="Field">The field it came from ("price", "instruments[0].tick_size").</param>
internal readonly record struct DecimalInput(ScaledDecimal Value, string Text, string Field);
