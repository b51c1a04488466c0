using System.Text;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// A non-anonymous contract event of static parameter types, parsed from a declaration such
/// as <c>Transfer(address indexed,address indexed,uint256)</c>: its topic0 and a strict decoder
/// of logs. Indexed parameters come from topics 1…n, the others from the data words, and
/// <see cref="Decode(IReadOnlyList{Hash32}, ReadOnlySpan{byte})"/> returns them in declaration order.
/// </summary>
public sealed class AbiEvent
{
    private const string IndexedSuffix = " indexed";

    private readonly AbiType[] _types;
    private readonly bool[] _indexed;

    private AbiEvent(string name, AbiType[] types, bool[] indexed, string signature)
    {
        Name = name;
        _types = types;
        _indexed = indexed;
        Signature = signature;
        Topic0 = Abi.EventTopic(signature);
        foreach (var i in indexed)
        {
            IndexedCount += i ? 1 : 0;
        }
    }

    /// <summary>The event name.</summary>
    public string Name { get; }

    /// <summary>The canonical signature (without the <c>indexed</c> markers) that topic0 hashes.</summary>
    public string Signature { get; }

    /// <summary>The Keccak-256 hash of <see cref="Signature"/>: the first topic of every such log.</summary>
    public Hash32 Topic0 { get; }

    /// <summary>The number of parameters.</summary>
    public int ParameterCount => _types.Length;

    /// <summary>How many parameters are indexed (carried in topics).</summary>
    public int IndexedCount { get; }

    /// <summary>
    /// Parses <c>Name(type[ indexed],…)</c>: canonical static types, each optionally followed
    /// by one space and <c>indexed</c>; at most three indexed.
    /// </summary>
    /// <exception cref="FormatException">Malformed, an unsupported type, or more than three indexed.</exception>
    public static AbiEvent Parse(string declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var open = declaration.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !declaration.EndsWith(')'))
        {
            throw new FormatException($"event declaration must look like Name(type indexed,type): \"{declaration}\"");
        }

        var inner = declaration[(open + 1)..^1];
        var parts = inner.Length == 0 ? [] : inner.Split(',');
        var types = new AbiType[parts.Length];
        var indexed = new bool[parts.Length];
        var canonical = new StringBuilder(declaration.Length).Append(declaration, 0, open + 1);
        var indexedCount = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.EndsWith(IndexedSuffix, StringComparison.Ordinal))
            {
                indexed[i] = true;
                indexedCount++;
                part = part[..^IndexedSuffix.Length];
            }

            types[i] = AbiType.Parse(part);
            canonical.Append(i == 0 ? "" : ",").Append(part);
        }

        if (indexedCount > 3)
        {
            throw new FormatException($"an event has at most 3 indexed parameters, \"{declaration}\" has {indexedCount}");
        }

        var signature = canonical.Append(')').ToString();
        AbiSignature.ValidateCanonical(signature);
        return new AbiEvent(declaration[..open], types, indexed, signature);
    }

    /// <summary>Whether a log's topics start with this event's <see cref="Topic0"/>.</summary>
    public bool Matches(IReadOnlyList<Hash32> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        return topics.Count > 0 && topics[0] == Topic0;
    }

    /// <summary>Decodes a log of this event into its parameters, in declaration order.</summary>
    /// <exception cref="FormatException">
    /// Topic0 is another event's, the topic count or data length is wrong, or a word is not a
    /// valid encoding of its type (an address with non-zero upper bytes, a bool of 2, …).
    /// </exception>
    public AbiValue[] Decode(IReadOnlyList<Hash32> topics, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (!Matches(topics))
        {
            throw new FormatException($"log is not a {Signature} event: topic0 is {(topics.Count == 0 ? "missing" : topics[0].ToString())}");
        }

        if (topics.Count != 1 + IndexedCount)
        {
            throw new FormatException($"{Signature} log must have {1 + IndexedCount} topics, it has {topics.Count}");
        }

        var dataWords = _types.Length - IndexedCount;
        if (data.Length != 32 * dataWords)
        {
            throw new FormatException($"{Signature} log data must be {32 * dataWords} bytes ({dataWords} words), it is {data.Length}");
        }

        var values = new AbiValue[_types.Length];
        Span<byte> word = stackalloc byte[32];
        var topic = 1;
        var dataWord = 0;
        for (var i = 0; i < _types.Length; i++)
        {
            if (_indexed[i])
            {
                topics[topic++].CopyTo(word);
            }
            else
            {
                data.Slice(32 * dataWord++, 32).CopyTo(word);
            }

            var problem = _types[i].Validate(word);
            if (problem is not null)
            {
                throw new FormatException($"{Signature} parameter {i} ({_types[i].Name}): {problem}");
            }

            values[i] = AbiValue.FromWord(_types[i].Kind, new Hash32(word));
        }

        return values;
    }

    /// <summary>Decodes a log fetched over JSON-RPC; see <see cref="Decode(IReadOnlyList{Hash32}, ReadOnlySpan{byte})"/>.</summary>
    public AbiValue[] Decode(EthLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return Decode(log.Topics, log.Data.Span);
    }

    /// <summary>The canonical signature.</summary>
    public override string ToString() => Signature;
}
