using System.Globalization;
using Matcher.Client;

namespace Matcher.Cli.WsLoad;

/// <summary>
/// The orders one connection sends, as a pure function of their number <c>k</c> (0, 1, 2…): GTC limit orders,
/// even numbers buying 1 to <c>levels</c> ticks below the mid and odd numbers selling as far above it, so
/// nothing trades; after order <c>k</c> the connection cancels order <c>k − resting</c>, so at most
/// <c>resting</c> of its orders rest and the book (and the locked balances) stay bounded.
/// </summary>
/// <remarks>ClOrdId is the run tag, the connection number, <c>-</c> and <c>k</c>: unique per account even when connections share a key.</remarks>
internal sealed class WsOrderFlow
{
    /// <summary>The longest ClOrdId the protocol carries.</summary>
    public const int MaxClOrdIdLength = 32;

    private readonly string _runTag;
    private readonly long _midTicks;
    private readonly int _levels;

    /// <summary>The flow of <paramref name="settings"/> on <paramref name="instrument"/>.</summary>
    /// <exception cref="WsLoadException">The price or quantity is not a whole number of the instrument's ticks or lots, or the lowest buy would not be positive.</exception>
    public WsOrderFlow(WsOrderFlowSettings settings, InstrumentInfo instrument)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(instrument);
        if (!instrument.TryGetTicks(settings.Price, out _midTicks))
        {
            throw new WsLoadException(string.Create(CultureInfo.InvariantCulture,
                $"--price {settings.Price} is not a whole number of {instrument.Symbol}'s tick {instrument.TickSize}"));
        }

        if (!instrument.TryGetLots(settings.Quantity, out var lots))
        {
            throw new WsLoadException(string.Create(CultureInfo.InvariantCulture,
                $"--qty {settings.Quantity} is not a whole number of {instrument.Symbol}'s lot {instrument.LotSize}"));
        }

        if (_midTicks <= settings.Levels)
        {
            throw new WsLoadException("--price must be more than --levels ticks above zero, or the lowest buy would not be positive");
        }

        _runTag = settings.RunTag;
        _levels = settings.Levels;
        InstrumentId = instrument.InstrumentId;
        QuantityLots = lots;
        Resting = settings.Resting;
    }

    /// <summary>The instrument's id.</summary>
    public int InstrumentId { get; }

    /// <summary>The quantity of every order, in lots.</summary>
    public long QuantityLots { get; }

    /// <summary>Orders a connection keeps resting; 0 = never cancel.</summary>
    public int Resting { get; }

    /// <summary>Whether order <paramref name="k"/> buys (even) or sells (odd).</summary>
    public static bool IsBuy(long k) => (k & 1) == 0;

    /// <summary>The limit price of order <paramref name="k"/>, in ticks.</summary>
    public long PriceTicksOf(long k)
    {
        var level = 1 + (k / 2 % _levels);
        return IsBuy(k) ? _midTicks - level : _midTicks + level;
    }

    /// <summary>Whether order <paramref name="k"/> is followed by the cancel of an older order, and which.</summary>
    public bool CancelDueAfter(long k, out long cancelled)
    {
        cancelled = k - Resting;
        return Resting > 0 && cancelled >= 0;
    }

    /// <summary>Writes the ClOrdId of order <paramref name="k"/> of connection <paramref name="connection"/>; returns its length.</summary>
    public int FormatClOrdId(Span<char> destination, int connection, long k)
    {
        _runTag.CopyTo(destination);
        var length = _runTag.Length;
        connection.TryFormat(destination[length..], out var written, provider: CultureInfo.InvariantCulture);
        length += written;
        destination[length++] = '-';
        k.TryFormat(destination[length..], out written, provider: CultureInfo.InvariantCulture);
        return length + written;
    }
}
