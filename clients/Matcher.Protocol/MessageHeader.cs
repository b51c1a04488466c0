using System.Runtime.InteropServices;

namespace Matcher.Protocol;

/// <summary>The 8 bytes every message starts with (docs/WEBSOCKET.md, "Header and versioning").</summary>
[StructLayout(LayoutKind.Explicit, Size = 8, Pack = 1)]
public struct MessageHeader
{
    /// <summary>The whole message in bytes, header included.</summary>
    [FieldOffset(0)] public uint Length;

    /// <summary>Which message.</summary>
    [FieldOffset(4)] public TemplateId TemplateId;

    /// <summary>The schema version it was written in.</summary>
    [FieldOffset(6)] public ushort SchemaVersion;
}

/// <summary>A message with a fixed layout: its template and the length of its fixed block (header included).</summary>
public interface IFixedMessage
{
    /// <summary>The message's template id.</summary>
    static abstract TemplateId Template { get; }

    /// <summary>
    /// The fixed block's length in the newest schema version (<see cref="Codec.SchemaVersion"/>), header
    /// included: the struct's size. <see cref="Codec.FixedLength{T}(ushort)"/> gives it in older versions.
    /// </summary>
    static abstract int FixedLength { get; }
}
