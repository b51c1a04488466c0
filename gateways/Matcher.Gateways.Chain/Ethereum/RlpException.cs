namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// RLP input that is truncated, has trailing bytes, is not in canonical form, or holds a
/// different shape than the reader expected.
/// </summary>
public sealed class RlpException : FormatException
{
    /// <summary>Reports <paramref name="message"/>.</summary>
    public RlpException(string message)
        : base(message)
    {
    }
}
