using System.Buffers.Binary;
using Matcher.Core.Text;

namespace Matcher.Core.State;

/// <summary>Folds the state into a 64-bit hash (XXH64 rounds, see <see cref="Mix"/>).</summary>
internal sealed class StateHasher : IStateWriter
{
    private ulong _hash = 0x27D4EB2F165667C5UL;
    private long _length;

    public ulong Hash => Mix.Avalanche(Mix.Combine(_hash, (ulong)_length));

    public void Write(long value)
    {
        _hash = Mix.Combine(_hash, (ulong)value);
        _length++;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        Write(bytes.Length);
        for (; bytes.Length >= 8; bytes = bytes[8..])
        {
            Write(BinaryPrimitives.ReadInt64LittleEndian(bytes));
        }

        long tail = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            tail |= (long)bytes[i] << (8 * i);
        }

        Write(tail);
    }
}
