namespace Matcher.Core.State;

/// <summary>Writes the state as little-endian fields (what <c>BinaryWriter</c> does on every platform).</summary>
internal sealed class SnapshotStreamWriter(BinaryWriter writer) : IStateWriter
{
    public void Write(long value) => writer.Write(value);

    public void Write(ReadOnlySpan<byte> bytes) => writer.Write(bytes);
}
