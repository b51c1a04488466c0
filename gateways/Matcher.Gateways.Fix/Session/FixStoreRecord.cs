using System.Buffers.Binary;
using Matcher.Core.Hashing;

namespace Matcher.Gateways.Fix.Session;

/// <summary>
/// The layout of one message-store record, little-endian (docs/FIX.md has the table):
/// <c>0</c> magic "MFXS", <c>4</c> version u16, <c>6</c> type u16, <c>8</c> payload length u32,
/// <c>12</c> sequence i64, <c>20</c> CRC-32C u32 of the whole record with bytes 20–23 as zero,
/// <c>24</c> the payload. Bump <see cref="Version"/> when any of this changes.
/// </summary>
internal static class FixStoreRecord
{
    /// <summary>Bytes before the payload.</summary>
    public const int HeaderSize = 24;

    /// <summary>The record format version.</summary>
    public const ushort Version = 1;

    /// <summary>"MFXS" read as a little-endian u32.</summary>
    public const uint Magic = 0x5358464D;

    /// <summary>No record is larger: a length beyond it is damage, not data.</summary>
    public const int MaxPayload = 16 << 20;

    private const int CrcOffset = 20;

    /// <summary>Writes the header for <paramref name="payloadLength"/> bytes already at <c>record[24..]</c>, CRC included.</summary>
    public static void WriteHeader(Span<byte> record, FixStoreRecordType type, long sequence, int payloadLength)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(record, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(record[4..], Version);
        BinaryPrimitives.WriteUInt16LittleEndian(record[6..], (ushort)type);
        BinaryPrimitives.WriteInt32LittleEndian(record[8..], payloadLength);
        BinaryPrimitives.WriteInt64LittleEndian(record[12..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(record[CrcOffset..], 0);
        var crc = Crc32C.Compute(record[..(HeaderSize + payloadLength)]);
        BinaryPrimitives.WriteUInt32LittleEndian(record[CrcOffset..], crc);
    }

    /// <summary>
    /// Reads a header: false with a reason when the magic, version, type or length is impossible. The
    /// payload length is returned even then, when readable, for diagnostics.
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> header, out FixStoreRecordType type, out long sequence, out int payloadLength, out string? problem)
    {
        type = (FixStoreRecordType)BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
        payloadLength = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
        sequence = BinaryPrimitives.ReadInt64LittleEndian(header[12..]);
        problem = BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic ? "bad magic"
            : BinaryPrimitives.ReadUInt16LittleEndian(header[4..]) != Version ? "unknown version"
            : type is not (FixStoreRecordType.Message or FixStoreRecordType.NextTargetSeqNum) ? "unknown record type"
            : payloadLength is < 0 or > MaxPayload ? "impossible length"
            : sequence < 1 ? "impossible sequence"
            : null;
        return problem is null;
    }

    /// <summary>True when the CRC of a whole record (header and payload) is right. Zeroes and restores the CRC bytes.</summary>
    public static bool CrcMatches(Span<byte> record)
    {
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(record[CrcOffset..]);
        BinaryPrimitives.WriteUInt32LittleEndian(record[CrcOffset..], 0);
        var actual = Crc32C.Compute(record);
        BinaryPrimitives.WriteUInt32LittleEndian(record[CrcOffset..], stored);
        return stored == actual;
    }
}
