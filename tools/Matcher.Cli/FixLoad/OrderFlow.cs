using System.Buffers.Text;
using System.Text;
using Matcher.Gateways.Fix.Codec;

namespace Matcher.Cli.FixLoad;

/// <summary>
/// The orders one session sends, as a pure function of their number <c>k</c> (0, 1, 2…): even numbers buy,
/// odd numbers sell; a resting buy is 1 to <c>levels</c> ticks below the mid, a resting sell as far above,
/// so the book grows on both sides and nothing trades; a crossing order goes <c>levels</c> ticks through the
/// mid (a buy above every resting sell, a sell below every resting buy), so it trades if the other side has
/// an order. Exactly <c>floor(n * crossPercent / 100)</c> of the first <c>n</c> orders cross, evenly spread.
/// </summary>
/// <remarks>
/// ClOrdID is the run tag followed by <c>k</c> in decimal, so an execution report maps back to its order
/// without a lookup table; mass cancels use the tag, <c>C</c> and the order number they follow, which never
/// parses as an order.
/// </remarks>
internal sealed class OrderFlow
{
    private const int MaxClOrdIdLength = 32;

    private readonly byte[] _runTag;
    private readonly byte[] _symbol;
    private readonly long _midTicks;
    private readonly long _tickUnscaled;
    private readonly int _tickScale;
    private readonly long _quantityUnscaled;
    private readonly int _quantityScale;
    private readonly int _levels;
    private readonly int _crossPercent;

    /// <summary>The flow of <paramref name="settings"/>, which must be valid (<see cref="OrderFlowSettings.Validate"/>).</summary>
    public OrderFlow(OrderFlowSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Validate() is { } error)
        {
            throw new ArgumentException(error, nameof(settings));
        }

        _runTag = Encoding.ASCII.GetBytes(settings.RunTag);
        _symbol = Encoding.ASCII.GetBytes(settings.Symbol);
        (_tickUnscaled, _tickScale) = Unscale(settings.Tick);
        (_quantityUnscaled, _quantityScale) = Unscale(settings.Quantity);
        _midTicks = (long)(settings.Price / settings.Tick);
        _levels = settings.Levels;
        _crossPercent = settings.CrossPercent;
        CancelEvery = settings.CancelEvery;
    }

    /// <summary>A mass cancel follows every this many orders; 0 = never.</summary>
    public int CancelEvery { get; }

    /// <summary>Whether order <paramref name="k"/> buys (even) or sells (odd).</summary>
    public static bool IsBuy(long k) => (k & 1) == 0;

    /// <summary>Whether order <paramref name="k"/> is priced to cross the book.</summary>
    public bool Crosses(long k) => (k + 1) * _crossPercent / 100 > k * _crossPercent / 100;

    /// <summary>The limit price of order <paramref name="k"/>, in ticks.</summary>
    public long PriceTicksOf(long k)
    {
        if (Crosses(k))
        {
            return IsBuy(k) ? _midTicks + _levels : _midTicks - _levels;
        }

        var level = 1 + (k / 2 % _levels);
        return IsBuy(k) ? _midTicks - level : _midTicks + level;
    }

    /// <summary>Whether a mass cancel is due right after order <paramref name="k"/>.</summary>
    public bool CancelDueAfter(long k) => CancelEvery > 0 && (k + 1) % CancelEvery == 0;

    /// <summary>Writes the body of NewOrderSingle <paramref name="k"/> (a GTC limit order).</summary>
    public void WriteOrder(FixBodyWriter body, long k, long transactTimeNs)
    {
        ArgumentNullException.ThrowIfNull(body);
        Span<byte> clOrdId = stackalloc byte[MaxClOrdIdLength];
        body.Clear();
        body.Add(FixTags.ClOrdID, ClOrdId(clOrdId, k, isCancel: false))
            .Add(FixTags.Symbol, _symbol)
            .Add(FixTags.Side, IsBuy(k) ? (byte)'1' : (byte)'2')
            .AddDecimal(FixTags.OrderQty, _quantityUnscaled, _quantityScale)
            .Add(FixTags.OrdType, (byte)'2')
            .AddDecimal(FixTags.Price, PriceTicksOf(k) * _tickUnscaled, _tickScale)
            .Add(FixTags.TimeInForce, (byte)'1')
            .AddTimestamp(FixTags.TransactTime, transactTimeNs);
    }

    /// <summary>Writes the body of an OrderMassCancelRequest (35=q) for all the session's orders (530=7).</summary>
    public void WriteMassCancel(FixBodyWriter body, long afterOrder, long transactTimeNs)
    {
        ArgumentNullException.ThrowIfNull(body);
        Span<byte> clOrdId = stackalloc byte[MaxClOrdIdLength];
        body.Clear();
        body.Add(FixTags.ClOrdID, ClOrdId(clOrdId, afterOrder, isCancel: true))
            .Add(FixTags.MassCancelRequestType, (byte)'7')
            .AddTimestamp(FixTags.TransactTime, transactTimeNs);
    }

    /// <summary>The order number in a ClOrdID this flow wrote; false for anything else (mass cancels included).</summary>
    public bool TryParseOrderNumber(ReadOnlySpan<byte> clOrdId, out long k)
    {
        k = -1;
        if (!clOrdId.StartsWith(_runTag))
        {
            return false;
        }

        var digits = clOrdId[_runTag.Length..];
        if (digits.IsEmpty || (digits.Length > 1 && digits[0] == '0') || !FixMessage.TryParseLong(digits, out k) || k < 0)
        {
            k = -1;
            return false;
        }

        return true;
    }

    private ReadOnlySpan<byte> ClOrdId(Span<byte> destination, long k, bool isCancel)
    {
        _runTag.CopyTo(destination);
        var length = _runTag.Length;
        if (isCancel)
        {
            destination[length++] = (byte)'C';
        }

        Utf8Formatter.TryFormat(k, destination[length..], out var written);
        return destination[..(length + written)];
    }

    /// <summary><c>0.01</c> as (1, 2), <c>100</c> as (100, 0).</summary>
    internal static (long Unscaled, int Scale) Unscale(decimal value)
    {
        var scale = value.Scale;
        return ((long)(value * Pow10(scale)), scale);
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
