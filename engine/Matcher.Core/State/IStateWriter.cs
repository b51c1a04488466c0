namespace Matcher.Core.State;

/// <summary>Receives the core's state field by field: the state hash and the snapshot writer.</summary>
internal interface IStateWriter
{
    void Write(long value);

    void Write(ReadOnlySpan<byte> bytes);
}
