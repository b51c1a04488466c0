using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Matcher.Protocol;

/// <summary>What <see cref="Codec.TryReadHeader"/> found.</summary>
public enum HeaderStatus
{
    /// <summary>A header whose length matches the frame and whose version is known.</summary>
    Ok,

    /// <summary>Fewer than 8 bytes, or a length field that is not the frame's length.</summary>
    Malformed,

    /// <summary>A schema version this reader does not know (0, or newer than <see cref="Codec.SchemaVersion"/>).</summary>
    UnsupportedVersion,
}

/// <summary>
/// Encodes and decodes the protocol's messages (docs/WEBSOCKET.md). Fixed blocks are
/// blittable structs copied whole; groups are walked by their entry length. Nothing here
/// allocates.
/// </summary>
public static class Codec
{
    /// <summary>The schema version this codec writes by default and the newest it reads.</summary>
    /// <remarks>
    /// Version 2 grew PlaceOrder, AmendOrder, CancelReplace and ExecutionReport at their ends and added
    /// Quote, ResetMarketMakerProtection, QuoteAck and MarketMakerProtection. Bump it (and extend
    /// <see cref="FixedLength{T}(ushort)"/>) whenever a fixed block grows: docs/WEBSOCKET.md, "Versioning".
    /// </remarks>
    public const ushort SchemaVersion = 2;

    /// <summary>The oldest schema version this codec reads and writes.</summary>
    public const ushort MinSchemaVersion = 1;

    /// <summary>The header's length.</summary>
    public const int HeaderLength = 8;

    /// <summary>A group header's length: u16 entryLength, u16 count.</summary>
    public const int GroupHeaderLength = 4;

    static Codec()
    {
        // The structs are copied as they lie in memory: only a little-endian machine matches the wire.
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("the protocol codec needs a little-endian machine");
        }
    }

    /// <summary>
    /// The fixed block's length of <typeparamref name="T"/> in <paramref name="schemaVersion"/>, header
    /// included: what a message of that version holds at least, and what a writer of that version writes.
    /// Versions before 1 count as 1, versions after <see cref="SchemaVersion"/> as it.
    /// </summary>
    public static int FixedLength<T>(ushort schemaVersion)
        where T : unmanaged, IFixedMessage
    {
        // T.Template is a constant for each struct T: the JIT folds the switch away.
        if (schemaVersion >= 2)
        {
            return T.FixedLength;
        }

        return T.Template switch
        {
            TemplateId.PlaceOrder => PlaceOrder.FixedLengthV1,
            TemplateId.AmendOrder => AmendOrder.FixedLengthV1,
            TemplateId.CancelReplace => CancelReplace.FixedLengthV1,
            TemplateId.ExecutionReport => ExecutionReport.FixedLengthV1,
            _ => T.FixedLength,
        };
    }

    /// <summary>Writes <paramref name="message"/> (its header set here) in the newest schema version to the front of <paramref name="destination"/>; returns its length.</summary>
    public static int Write<T>(ref T message, Span<byte> destination)
        where T : unmanaged, IFixedMessage => Write(ref message, destination, SchemaVersion);

    /// <summary>
    /// Writes <paramref name="message"/> (its header set here) in <paramref name="schemaVersion"/> to the
    /// front of <paramref name="destination"/>: the fields of later versions are left out. Returns its length.
    /// </summary>
    public static int Write<T>(ref T message, Span<byte> destination, ushort schemaVersion)
        where T : unmanaged, IFixedMessage
    {
        var length = FixedLength<T>(schemaVersion);
        Unsafe.As<T, MessageHeader>(ref message) = new MessageHeader
        {
            Length = (uint)length,
            TemplateId = T.Template,
            SchemaVersion = Math.Clamp(schemaVersion, MinSchemaVersion, SchemaVersion),
        };
        if (length == T.FixedLength)
        {
            MemoryMarshal.Write(destination, in message);
        }
        else
        {
            MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref message, 1))[..length].CopyTo(destination);
        }

        return length;
    }

    /// <summary>Reads and checks the header of one whole message (a WebSocket message).</summary>
    public static HeaderStatus TryReadHeader(ReadOnlySpan<byte> frame, out MessageHeader header)
    {
        header = default;
        if (frame.Length < HeaderLength)
        {
            return HeaderStatus.Malformed;
        }

        header = MemoryMarshal.Read<MessageHeader>(frame);
        if (header.Length != (uint)frame.Length)
        {
            return HeaderStatus.Malformed;
        }

        return header.SchemaVersion is 0 or > SchemaVersion ? HeaderStatus.UnsupportedVersion : HeaderStatus.Ok;
    }

    /// <summary>
    /// Reads a fixed message; false when the frame is shorter than the template in the schema version its
    /// header names. The fields of later versions than the header's read as zero, and trailing bytes past
    /// what this codec knows (a newer writer's fields) are ignored.
    /// </summary>
    public static bool TryRead<T>(ReadOnlySpan<byte> frame, out T message)
        where T : unmanaged, IFixedMessage
    {
        var version = frame.Length >= HeaderLength ? BinaryPrimitives.ReadUInt16LittleEndian(frame[6..]) : SchemaVersion;
        var length = FixedLength<T>(version);
        if (frame.Length < length)
        {
            message = default;
            return false;
        }

        if (length == T.FixedLength)
        {
            message = MemoryMarshal.Read<T>(frame);
        }
        else
        {
            // An older version's message: its own bytes only, whatever follows them.
            message = default;
            frame[..length].CopyTo(MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref message, 1)));
        }

        return true;
    }

    /// <summary>The length of a BookSnapshot with these level counts.</summary>
    public static int BookSnapshotLength(int bids, int asks) =>
        BookSnapshot.FixedLength + (2 * GroupHeaderLength) + ((bids + asks) * LevelEntry.Length);

    /// <summary>Writes a BookSnapshot (its header set here, in <paramref name="schemaVersion"/>: the layout is the same in every version); returns its length.</summary>
    public static int WriteBookSnapshot(ref BookSnapshot snapshot, ReadOnlySpan<LevelEntry> bids, ReadOnlySpan<LevelEntry> asks, Span<byte> destination,
        ushort schemaVersion = SchemaVersion)
    {
        var length = BookSnapshotLength(bids.Length, asks.Length);
        snapshot.Header = new MessageHeader { Length = (uint)length, TemplateId = TemplateId.BookSnapshot, SchemaVersion = Math.Clamp(schemaVersion, MinSchemaVersion, SchemaVersion) };
        MemoryMarshal.Write(destination, in snapshot);
        var at = WriteGroup(destination, BookSnapshot.FixedLength, bids);
        WriteGroup(destination, at, asks);
        return length;
    }

    /// <summary>The length of an InstrumentList with this many entries.</summary>
    public static int InstrumentListLength(int count) =>
        InstrumentList.FixedLength + GroupHeaderLength + (count * InstrumentEntry.Length);

    /// <summary>Writes an InstrumentList (its header set here, in <paramref name="schemaVersion"/>: the layout is the same in every version); returns its length.</summary>
    public static int WriteInstrumentList(ulong requestId, ReadOnlySpan<InstrumentEntry> instruments, Span<byte> destination, ushort schemaVersion = SchemaVersion)
    {
        var length = InstrumentListLength(instruments.Length);
        var list = new InstrumentList
        {
            Header = new MessageHeader
            {
                Length = (uint)length,
                TemplateId = TemplateId.InstrumentList,
                SchemaVersion = Math.Clamp(schemaVersion, MinSchemaVersion, SchemaVersion),
            },
            RequestId = requestId,
        };
        MemoryMarshal.Write(destination, in list);
        WriteGroup(destination, InstrumentList.FixedLength, instruments);
        return length;
    }

    /// <summary>Reads a BookSnapshot's fixed block and finds its two groups; false when any part lies outside the frame.</summary>
    public static bool TryReadBookSnapshot(ReadOnlySpan<byte> frame, out BookSnapshot snapshot, out Group<LevelEntry> bids, out Group<LevelEntry> asks)
    {
        snapshot = default;
        bids = asks = default;
        if (frame.Length < BookSnapshot.FixedLength || !TryReadGroup(frame, BookSnapshot.FixedLength, LevelEntry.Length, out bids, out var next)
            || !TryReadGroup(frame, next, LevelEntry.Length, out asks, out _))
        {
            return false;
        }

        snapshot = MemoryMarshal.Read<BookSnapshot>(frame);
        return true;
    }

    /// <summary>Reads an InstrumentList's fixed block and finds its group.</summary>
    public static bool TryReadInstrumentList(ReadOnlySpan<byte> frame, out InstrumentList list, out Group<InstrumentEntry> instruments)
    {
        list = default;
        instruments = default;
        if (frame.Length < InstrumentList.FixedLength || !TryReadGroup(frame, InstrumentList.FixedLength, InstrumentEntry.Length, out instruments, out _))
        {
            return false;
        }

        list = MemoryMarshal.Read<InstrumentList>(frame);
        return true;
    }

    private static int WriteGroup<T>(Span<byte> destination, int at, ReadOnlySpan<T> entries)
        where T : unmanaged
    {
        var entryLength = Unsafe.SizeOf<T>();
        BinaryPrimitives.WriteUInt16LittleEndian(destination[at..], (ushort)entryLength);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[(at + 2)..], checked((ushort)entries.Length));
        at += GroupHeaderLength;
        MemoryMarshal.AsBytes(entries).CopyTo(destination[at..]);
        return at + (entries.Length * entryLength);
    }

    private static bool TryReadGroup<T>(ReadOnlySpan<byte> frame, int at, int minimumEntryLength, out Group<T> group, out int next)
        where T : unmanaged
    {
        group = default;
        next = 0;
        if (frame.Length - at < GroupHeaderLength)
        {
            return false;
        }

        int entryLength = BinaryPrimitives.ReadUInt16LittleEndian(frame[at..]);
        int count = BinaryPrimitives.ReadUInt16LittleEndian(frame[(at + 2)..]);
        var start = at + GroupHeaderLength;
        if (entryLength < minimumEntryLength || (long)entryLength * count > frame.Length - start)
        {
            return false;
        }

        group = new Group<T>(start, entryLength, count);
        next = start + (entryLength * count);
        return true;
    }
}

/// <summary>Where a repeating group's entries lie in a frame.</summary>
/// <param name="Offset">The first entry's offset in the frame.</param>
/// <param name="EntryLength">The stride (at least the entry's version-1 length).</param>
/// <param name="Count">The number of entries.</param>
public readonly record struct Group<T>(int Offset, int EntryLength, int Count)
    where T : unmanaged
{
    /// <summary>Entry <paramref name="index"/> of the group in <paramref name="frame"/>.</summary>
    public T Read(ReadOnlySpan<byte> frame, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return MemoryMarshal.Read<T>(frame[(Offset + (index * EntryLength))..]);
    }
}
