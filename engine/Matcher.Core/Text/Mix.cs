using System.Numerics;

namespace Matcher.Core.Text;

/// <summary>
/// 64-bit mixing for hash tables and the state hash: the XXH64 round and avalanche.
/// Deterministic across processes and machines, unlike <see cref="HashCode"/>, which is
/// seeded per process.
/// </summary>
public static class Mix
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong Prime3 = 0x165667B19E3779F9UL;

    /// <summary>Folds <paramref name="value"/> into <paramref name="accumulator"/>.</summary>
    public static ulong Combine(ulong accumulator, ulong value)
    {
        accumulator += value * Prime2;
        accumulator = BitOperations.RotateLeft(accumulator, 31);
        return accumulator * Prime1;
    }

    /// <summary>Scrambles one key so that nearby keys land in distant buckets.</summary>
    public static ulong Avalanche(ulong value)
    {
        value ^= value >> 33;
        value *= Prime2;
        value ^= value >> 29;
        value *= Prime3;
        value ^= value >> 32;
        return value;
    }
}
