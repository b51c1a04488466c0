namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// Which block a JSON-RPC read refers to: a number, or one of the named tags
/// (<c>latest</c>, <c>safe</c>, <c>finalized</c>, <c>pending</c>, <c>earliest</c>).
/// A <see cref="ulong"/> converts implicitly; the default value is block 0.
/// </summary>
public readonly struct BlockTag : IEquatable<BlockTag>
{
    private readonly string? _name;
    private readonly ulong _number;

    private BlockTag(string? name, ulong number)
    {
        _name = name;
        _number = number;
    }

    /// <summary>The head of the node's canonical chain (may be reorganised away).</summary>
    public static BlockTag Latest { get; } = new("latest", 0);

    /// <summary>The most recent block the consensus layer considers safe from reorganisation.</summary>
    public static BlockTag Safe { get; } = new("safe", 0);

    /// <summary>The most recent finalized block: it will not be reorganised away.</summary>
    public static BlockTag Finalized { get; } = new("finalized", 0);

    /// <summary>The pending state (the node's mempool applied on top of latest).</summary>
    public static BlockTag Pending { get; } = new("pending", 0);

    /// <summary>The genesis block.</summary>
    public static BlockTag Earliest { get; } = new("earliest", 0);

    /// <summary>Whether this is a block number rather than a named tag.</summary>
    public bool IsNumber => _name is null;

    /// <summary>The block number.</summary>
    /// <exception cref="InvalidOperationException">This is a named tag.</exception>
    public ulong Number => _name is null ? _number : throw new InvalidOperationException($"block tag '{_name}' has no number");

    /// <summary>A tag for block <paramref name="number"/>.</summary>
    public static implicit operator BlockTag(ulong number) => FromNumber(number);

    /// <summary>Equality of tag or number.</summary>
    public static bool operator ==(BlockTag left, BlockTag right) => left.Equals(right);

    /// <summary>Inequality of tag or number.</summary>
    public static bool operator !=(BlockTag left, BlockTag right) => !left.Equals(right);

    /// <summary>A tag for block <paramref name="number"/>.</summary>
    public static BlockTag FromNumber(ulong number) => new(null, number);

    /// <inheritdoc />
    public bool Equals(BlockTag other) => string.Equals(_name, other._name, StringComparison.Ordinal) && _number == other._number;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BlockTag other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_name, _number);

    /// <summary>The JSON-RPC form: the tag name, or the number as a hex quantity.</summary>
    public override string ToString() => _name ?? Hex.EncodeQuantity(_number);
}
