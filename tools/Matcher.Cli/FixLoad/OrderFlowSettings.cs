using System.Globalization;

namespace Matcher.Cli.FixLoad;

/// <summary>What the orders of a load run look like (see <see cref="OrderFlow"/>).</summary>
/// <param name="RunTag">The ClOrdID prefix: letters and digits, unique to the run so that ids never repeat across runs.</param>
/// <param name="Symbol">Symbol (55).</param>
/// <param name="Price">The mid price: resting buys below it, resting sells above it.</param>
/// <param name="Tick">The instrument's tick size: prices are the mid plus or minus whole ticks.</param>
/// <param name="Quantity">OrderQty (38) of every order.</param>
/// <param name="Levels">Price levels per side that resting orders spread over.</param>
/// <param name="CrossPercent">Percent of the orders priced to cross the book (0 to 100).</param>
/// <param name="CancelEvery">A mass cancel (35=q, 530=7) after every this many orders per session; 0 = never.</param>
internal sealed record OrderFlowSettings(
    string RunTag, string Symbol, decimal Price, decimal Tick, decimal Quantity, int Levels, int CrossPercent, int CancelEvery)
{
    /// <summary>The longest run tag: ClOrdID is at most 32 characters and the order number needs up to 19.</summary>
    public const int MaxRunTagLength = 12;

    /// <summary>Why these settings cannot make orders, or null when they can.</summary>
    public string? Validate()
    {
        if (string.IsNullOrEmpty(RunTag) || RunTag.Length > MaxRunTagLength || !RunTag.All(char.IsAsciiLetterOrDigit))
        {
            return $"the run tag must be 1 to {MaxRunTagLength} ASCII letters or digits, not '{RunTag}'";
        }

        if (string.IsNullOrEmpty(Symbol) || !Symbol.All(c => char.IsAscii(c) && !char.IsControl(c)))
        {
            return $"the symbol must be printable ASCII, not '{Symbol}'";
        }

        if (Tick <= 0 || Price <= 0 || Quantity <= 0)
        {
            return "--price, --tick and --qty must be positive";
        }

        if (Price % Tick != 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"--price {Price} is not a multiple of --tick {Tick}");
        }

        if (Levels < 1)
        {
            return "--levels must be at least 1";
        }

        if (Price / Tick <= Levels)
        {
            return "--price must be more than --levels ticks above zero, or the lowest buy would not be positive";
        }

        if (CrossPercent is < 0 or > 100)
        {
            return "--cross-percent must be between 0 and 100";
        }

        return CancelEvery < 0 ? "--cancel-every must not be negative" : null;
    }
}
