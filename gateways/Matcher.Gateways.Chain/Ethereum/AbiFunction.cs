namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// A contract function of static parameter types, parsed once from its canonical signature
/// (<c>transfer(address,uint256)</c>): its 4-byte selector and a strict call-data encoder.
/// </summary>
public sealed class AbiFunction
{
    private readonly AbiType[] _types;
    private readonly byte[] _selector;

    private AbiFunction(string signature, string name, AbiType[] types)
    {
        Signature = signature;
        Name = name;
        _types = types;
        _selector = Abi.Selector(signature);
    }

    /// <summary>The canonical signature.</summary>
    public string Signature { get; }

    /// <summary>The function name.</summary>
    public string Name { get; }

    /// <summary>The number of parameters.</summary>
    public int ParameterCount => _types.Length;

    /// <summary>The first four bytes of the Keccak-256 hash of the signature.</summary>
    public ReadOnlySpan<byte> Selector => _selector;

    /// <summary>Parses a canonical signature whose parameters are all static types this codec handles.</summary>
    /// <exception cref="FormatException">Not canonical, or an unsupported type.</exception>
    public static AbiFunction Parse(string signature)
    {
        var (name, types) = AbiSignature.ParseStatic(signature);
        return new AbiFunction(signature, name, types);
    }

    /// <summary>The call data: the selector followed by one 32-byte word per argument.</summary>
    /// <exception cref="ArgumentException">
    /// The wrong number of arguments, an argument of another kind than its parameter, or a
    /// value that does not fit its parameter (a <c>uint64</c> above 2^64-1, say).
    /// </exception>
    public byte[] EncodeCall(params ReadOnlySpan<AbiValue> arguments)
    {
        if (arguments.Length != _types.Length)
        {
            throw new ArgumentException($"{Signature} takes {_types.Length} arguments, got {arguments.Length}", nameof(arguments));
        }

        var data = new byte[4 + (32 * arguments.Length)];
        _selector.CopyTo(data, 0);
        for (var i = 0; i < arguments.Length; i++)
        {
            var word = data.AsSpan(4 + (32 * i), 32);
            arguments[i].Word.CopyTo(word);
            var type = _types[i];
            if (arguments[i].Kind != type.Kind)
            {
                throw new ArgumentException(
                    $"{Signature} argument {i} is {type.Name}, got a {arguments[i].Kind} value", nameof(arguments));
            }

            var problem = type.Validate(word);
            if (problem is not null)
            {
                throw new ArgumentException($"{Signature} argument {i}: {problem}", nameof(arguments));
            }
        }

        return data;
    }

    /// <summary>The canonical signature.</summary>
    public override string ToString() => Signature;
}
