namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>Checks and splits <c>name(type,type,…)</c> signatures.</summary>
internal static class AbiSignature
{
    /// <summary>
    /// Checks that <paramref name="signature"/> is in the canonical form whose hash is a
    /// selector or topic: an identifier, parenthesised types, no spaces, no <c>uint</c>/<c>int</c>
    /// aliases. A wrong form would hash to a wrong selector silently, so it is refused.
    /// </summary>
    /// <exception cref="FormatException">Not canonical.</exception>
    public static void ValidateCanonical(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var open = NameEnd(signature);
        var depth = 0;
        for (var i = open; i < signature.Length; i++)
        {
            var c = signature[i];
            if (char.IsWhiteSpace(c))
            {
                throw new FormatException($"ABI signature must not contain spaces: \"{signature}\"");
            }

            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0 && i != signature.Length - 1)
            {
                throw new FormatException($"ABI signature has text after its closing parenthesis: \"{signature}\"");
            }

            if (depth < 0)
            {
                break;
            }
        }

        if (depth != 0)
        {
            throw new FormatException($"ABI signature has unbalanced parentheses: \"{signature}\"");
        }

        foreach (var token in signature[(open + 1)..^1].Split([',', '(', ')', '[', ']']))
        {
            if (token is "uint" or "int")
            {
                throw new FormatException($"ABI signature uses the alias '{token}': write '{token}256' (\"{signature}\")");
            }
        }
    }

    /// <summary>Splits a canonical signature of static types into its name and parameter types.</summary>
    /// <exception cref="FormatException">Not canonical, or a type this codec does not handle.</exception>
    public static (string Name, AbiType[] Types) ParseStatic(string signature)
    {
        ValidateCanonical(signature);
        var open = NameEnd(signature);
        var inner = signature[(open + 1)..^1];
        if (inner.Length == 0)
        {
            return (signature[..open], []);
        }

        var parts = inner.Split(',');
        var types = new AbiType[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            types[i] = AbiType.Parse(parts[i]);
        }

        return (signature[..open], types);
    }

    /// <summary>The index of the opening parenthesis after a valid identifier.</summary>
    private static int NameEnd(string signature)
    {
        var open = signature.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !signature.EndsWith(')'))
        {
            throw new FormatException($"ABI signature must look like name(type,…): \"{signature}\"");
        }

        for (var i = 0; i < open; i++)
        {
            var c = signature[i];
            var ok = char.IsAsciiLetter(c) || c is '_' or '$' || (i > 0 && char.IsAsciiDigit(c));
            if (!ok)
            {
                throw new FormatException($"ABI signature name is not an identifier: \"{signature[..open]}\"");
            }
        }

        return open;
    }
}
