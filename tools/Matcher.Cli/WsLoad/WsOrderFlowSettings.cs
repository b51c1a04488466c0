namespace Matcher.Cli.WsLoad;

/// <summary>What the orders of a <c>matcher ws-load</c> run look like (see <see cref="WsOrderFlow"/>).</summary>
/// <param name="RunTag">The ClOrdId prefix: letters and digits, unique to the run so that ids never repeat across runs.</param>
/// <param name="Symbol">The instrument's symbol; its id, tick and lot come from the server's InstrumentList.</param>
/// <param name="Price">The mid price: resting buys below it, resting sells above it.</param>
/// <param name="Quantity">The quantity of every order.</param>
/// <param name="Levels">Price levels per side that the orders spread over.</param>
/// <param name="Resting">Orders a connection keeps resting: after order k it cancels order k − Resting; 0 = never cancel.</param>
internal sealed record WsOrderFlowSettings(string RunTag, string Symbol, decimal Price, decimal Quantity, int Levels, int Resting)
{
    /// <summary>The longest run tag: a ClOrdId (at most 32 characters) also holds the connection number and the order number.</summary>
    public const int MaxRunTagLength = 12;

    /// <summary>Why these settings cannot make orders, or null when they can.</summary>
    public string? Validate()
    {
        if (string.IsNullOrEmpty(RunTag) || RunTag.Length > MaxRunTagLength || !RunTag.All(char.IsAsciiLetterOrDigit))
        {
            return $"the run tag must be 1 to {MaxRunTagLength} ASCII letters or digits, not '{RunTag}'";
        }

        if (string.IsNullOrEmpty(Symbol) || Symbol.Length > 16 || !Symbol.All(c => c is >= ' ' and <= '~'))
        {
            return $"the symbol must be 1 to 16 printable ASCII characters, not '{Symbol}'";
        }

        if (Price <= 0 || Quantity <= 0)
        {
            return "--price and --qty must be positive";
        }

        if (Levels < 1)
        {
            return "--levels must be at least 1";
        }

        return Resting < 0 ? "--resting must not be negative" : null;
    }
}
