using System.Numerics;

namespace Matcher.Gateways.Chain;

/// <summary>
/// Token amounts (integers in the token's decimals) to asset units (integers in the asset's
/// scale) and back, exactly: an amount that would need rounding, or does not fit in 64
/// bits, is refused rather than changed.
/// </summary>
public static class TokenAmounts
{
    /// <summary>The asset units of <paramref name="tokenAmount"/>; false when it is not a whole number of units, not positive, or too large.</summary>
    public static bool TryToUnits(BigInteger tokenAmount, int tokenDecimals, int assetScale, out long units)
    {
        units = 0;
        if (tokenAmount.Sign <= 0)
        {
            return false;
        }

        BigInteger value;
        if (tokenDecimals >= assetScale)
        {
            var divisor = BigInteger.Pow(10, tokenDecimals - assetScale);
            value = BigInteger.DivRem(tokenAmount, divisor, out var remainder);
            if (!remainder.IsZero)
            {
                return false;
            }
        }
        else
        {
            value = tokenAmount * BigInteger.Pow(10, assetScale - tokenDecimals);
        }

        if (value > long.MaxValue)
        {
            return false;
        }

        units = (long)value;
        return units > 0;
    }

    /// <summary>The token amount of <paramref name="units"/>; false when the token cannot represent it exactly.</summary>
    public static bool TryToTokens(long units, int tokenDecimals, int assetScale, out BigInteger tokenAmount)
    {
        tokenAmount = BigInteger.Zero;
        if (units <= 0)
        {
            return false;
        }

        if (tokenDecimals >= assetScale)
        {
            tokenAmount = units * BigInteger.Pow(10, tokenDecimals - assetScale);
            return true;
        }

        tokenAmount = BigInteger.DivRem(units, BigInteger.Pow(10, assetScale - tokenDecimals), out var remainder);
        return remainder.IsZero;
    }
}
