using Org.BouncyCastle.Crypto.Digests;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>
/// Keccak-256 as Ethereum uses it: the original Keccak padding (0x01), not NIST SHA3-256
/// (0x06), so <see cref="System.Security.Cryptography.SHA3_256"/> gives different hashes.
/// </summary>
/// <remarks>
/// BouncyCastle 1.9 takes arrays only, so each thread keeps one digest and one staging
/// buffer, and spans are fed through the buffer in chunks: hashing allocates nothing after a
/// thread's first call. The digest resets itself in <c>DoFinal</c>.
/// </remarks>
public static class Keccak256
{
    /// <summary>The digest size in bytes.</summary>
    public const int Size = 32;

    /// <summary>The staging buffer size: a multiple of the 136-byte Keccak-256 rate.</summary>
    private const int ChunkSize = 136 * 8;

    [ThreadStatic]
    private static KeccakDigest? _digest;

    [ThreadStatic]
    private static byte[]? _chunk;

    /// <summary>The Keccak-256 hash of <paramref name="data"/>.</summary>
    public static Hash32 Hash(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[Size];
        Hash(data, hash);
        return new Hash32(hash);
    }

    /// <summary>Writes the Keccak-256 hash of <paramref name="data"/> to the first 32 bytes of <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 32 bytes.</exception>
    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"the destination needs {Size} bytes, it has {destination.Length}", nameof(destination));
        }

        var digest = _digest ??= new KeccakDigest(256);
        var chunk = _chunk ??= new byte[ChunkSize];
        while (!data.IsEmpty)
        {
            var length = Math.Min(data.Length, ChunkSize);
            data[..length].CopyTo(chunk);
            digest.BlockUpdate(chunk, 0, length);
            data = data[length..];
        }

        digest.DoFinal(chunk, 0);
        chunk.AsSpan(0, Size).CopyTo(destination);
    }
}
