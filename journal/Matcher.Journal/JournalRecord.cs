using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Matcher.Core.Commands;
using Matcher.Core.Hashing;

namespace Matcher.Journal;

/// <summary>
/// One journal record, little-endian (docs/JOURNAL.md):
/// <code>
///  0  u32  magic "MJRN"
///  4  u16  format version
///  6  u16  command type
///  8  i32  payload length
/// 12  u32  reserved, 0
/// 16  i64  sequence
/// 24  i64  timestamp, ns since the Unix epoch
/// 32  ...  payload: the <see cref="Command"/> struct's bytes
/// 32+n u32 CRC-32C of bytes 0 .. 32+n
/// </code>
/// </summary>
/// <remarks>
/// The payload is the command struct as it lies in the ring slot, so writing a record is
/// one copy. Any change to <see cref="Command"/>'s layout changes the payload and must
/// bump <see cref="FormatVersion"/>; the golden-bytes test fails first.
/// </remarks>
public static class JournalRecord
{
    /// <summary>"MJRN", little-endian.</summary>
    public const uint Magic = 0x4E524A4D;

    /// <summary>Bump on any change to the header or to <see cref="Command"/>'s layout.</summary>
    public const ushort FormatVersion = 4;

    /// <summary>Header bytes before the payload.</summary>
    public const int HeaderSize = 32;

    /// <summary>Checksum bytes after the payload.</summary>
    public const int TrailerSize = 4;

    /// <summary>Payload bytes of a command record.</summary>
    public static int PayloadSize => Unsafe.SizeOf<Command>();

    /// <summary>Bytes of a whole command record.</summary>
    public static int RecordSize => HeaderSize + PayloadSize + TrailerSize;

    /// <summary>Writes <paramref name="command"/> as a record at the start of <paramref name="destination"/>.</summary>
    /// <returns>The record's length in bytes.</returns>
    public static int Write(ref Command command, Span<byte> destination)
    {
        var payload = MemoryMarshal.AsBytes(MemoryMarshal.CreateReadOnlySpan(ref command, 1));
        var length = HeaderSize + payload.Length + TrailerSize;
        var record = destination[..length];
        BinaryPrimitives.WriteUInt32LittleEndian(record, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(record[4..], FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(record[6..], (ushort)command.Type);
        BinaryPrimitives.WriteInt32LittleEndian(record[8..], payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(record[16..], command.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(record[24..], command.TimestampNs);
        payload.CopyTo(record[HeaderSize..]);
        var checksumAt = HeaderSize + payload.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(record[checksumAt..], Crc32C.Compute(record[..checksumAt]));
        return length;
    }

    /// <summary>
    /// Reads the record at the start of <paramref name="source"/>. On <see cref="RecordStatus.Ok"/>,
    /// <paramref name="command"/> holds it and <paramref name="length"/> is its size.
    /// </summary>
    public static RecordStatus TryRead(ReadOnlySpan<byte> source, out Command command, out int length)
    {
        command = default;
        length = 0;
        if (source.Length < HeaderSize)
        {
            return RecordStatus.Incomplete;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(source) != Magic)
        {
            return RecordStatus.Corrupt;
        }

        if (BinaryPrimitives.ReadUInt16LittleEndian(source[4..]) != FormatVersion)
        {
            return RecordStatus.UnsupportedVersion;
        }

        if (BinaryPrimitives.ReadInt32LittleEndian(source[8..]) != PayloadSize)
        {
            return RecordStatus.Corrupt;
        }

        var checksumAt = HeaderSize + PayloadSize;
        if (source.Length < checksumAt + TrailerSize)
        {
            return RecordStatus.Incomplete;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(source[checksumAt..]) != Crc32C.Compute(source[..checksumAt]))
        {
            return RecordStatus.Corrupt;
        }

        command = MemoryMarshal.Read<Command>(source[HeaderSize..checksumAt]);
        if (command.Sequence != BinaryPrimitives.ReadInt64LittleEndian(source[16..])
            || command.TimestampNs != BinaryPrimitives.ReadInt64LittleEndian(source[24..])
            || (ushort)command.Type != BinaryPrimitives.ReadUInt16LittleEndian(source[6..]))
        {
            return RecordStatus.Corrupt;
        }

        length = checksumAt + TrailerSize;
        return RecordStatus.Ok;
    }
}
