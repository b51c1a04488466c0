using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace Matcher.Gateways.Fix.Session;

/// <summary>
/// One session's persistent state: every outbound message by MsgSeqNum (for resends) and the next inbound
/// MsgSeqNum expected, in an append-only file of <see cref="FixStoreRecord"/>s (<c>messages.log</c>).
/// Appends are buffered; <see cref="Commit"/> writes them and fsyncs once (group commit). One thread (the
/// session's outbound writer) uses a store; the file is locked against a second process.
/// </summary>
/// <remarks>
/// Opening recovers: a bad or incomplete record with no good record after it is a torn tail (the process
/// died while writing it; nothing in it was sent, because sending follows the fsync) and is cut off; any
/// other damage throws <see cref="FixStoreCorruptException"/> and changes nothing.
/// </remarks>
internal sealed class FixMessageStore : IDisposable
{
    /// <summary>The store file's name in the session's directory.</summary>
    public const string FileName = "messages.log";

    private const int ReadChunk = 1 << 20;

    private readonly string _directory;
    private readonly bool _fsync;
    private readonly List<long> _offsets = [];
    private SafeFileHandle _file;
    private byte[] _pending = new byte[64 << 10];
    private int _pendingLength;
    private bool _pendingMessages;
    private long _fileLength;
    private long _firstIndexedSeq;

    private FixMessageStore(string directory, bool fsync, SafeFileHandle file)
    {
        _directory = directory;
        _fsync = fsync;
        _file = file;
    }

    /// <summary>The file's path.</summary>
    public string Path => System.IO.Path.Combine(_directory, FileName);

    /// <summary>The MsgSeqNum the next outbound message gets: one after the last stored message, or 1.</summary>
    public long NextSenderSeqNum { get; private set; } = 1;

    /// <summary>The last NextTargetSeqNum stored, or 1.</summary>
    public long NextTargetSeqNum { get; private set; } = 1;

    /// <summary>Bytes cut off a torn tail when the store was opened.</summary>
    public long TruncatedBytes { get; private set; }

    /// <summary>Bytes in the file, committed or not yet (appended but buffered).</summary>
    public long Length => _fileLength + _pendingLength;

    /// <summary>Opens (creating if needed) the store in <paramref name="directory"/>, recovering it.</summary>
    /// <exception cref="FixStoreCorruptException">The file is damaged other than at its tail.</exception>
    /// <exception cref="IOException">The file cannot be opened, or another process holds it.</exception>
    public static FixMessageStore Open(string directory, bool fsync)
    {
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, FileName);
        var created = !File.Exists(path);
        // FileShare.None takes an exclusive lock (flock on Linux): a second process fails here.
        var file = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        var store = new FixMessageStore(directory, fsync, file);
        try
        {
            if (created)
            {
                DirectorySync.Fsync(directory);
            }

            store.Recover();
            return store;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Buffers outbound message <paramref name="msgSeqNum"/>, which must be above every stored one.</summary>
    public void AppendMessage(long msgSeqNum, ReadOnlySpan<byte> message)
    {
        if (msgSeqNum < NextSenderSeqNum)
        {
            throw new InvalidOperationException($"MsgSeqNum {msgSeqNum} is below the next expected {NextSenderSeqNum}");
        }

        Index(msgSeqNum, Length);
        var record = Reserve(FixStoreRecord.HeaderSize + message.Length);
        message.CopyTo(record[FixStoreRecord.HeaderSize..]);
        FixStoreRecord.WriteHeader(record, FixStoreRecordType.Message, msgSeqNum, message.Length);
        NextSenderSeqNum = msgSeqNum + 1;
        _pendingMessages = true;
    }

    /// <summary>Buffers the next inbound MsgSeqNum expected.</summary>
    public void AppendNextTargetSeqNum(long nextTargetSeqNum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nextTargetSeqNum, 1);
        var record = Reserve(FixStoreRecord.HeaderSize);
        FixStoreRecord.WriteHeader(record, FixStoreRecordType.NextTargetSeqNum, nextTargetSeqNum, 0);
        NextTargetSeqNum = nextTargetSeqNum;
    }

    /// <summary>Writes what is buffered (no fsync), so that <see cref="TryRead"/> sees it.</summary>
    public void Flush()
    {
        if (_pendingLength == 0)
        {
            return;
        }

        RandomAccess.Write(_file, _pending.AsSpan(0, _pendingLength), _fileLength);
        _fileLength += _pendingLength;
        _pendingLength = 0;
    }

    /// <summary>
    /// Writes what is buffered and, when the store fsyncs and messages are among it, makes it durable: one
    /// fsync per batch. A batch of NextTargetSeqNum records alone is written but not fsynced: it becomes
    /// durable with the next message (losing it costs a resend of PossDup messages, never a lost one).
    /// </summary>
    public void Commit()
    {
        var sync = _pendingMessages && _fsync;
        Flush();
        _pendingMessages = false;
        if (sync)
        {
            RandomAccess.FlushToDisk(_file);
        }
    }

    /// <summary>
    /// Starts both sequences again at 1 (ResetSeqNumFlag): what is buffered is committed, then a new empty
    /// file replaces the old one (written beside it, fsynced, renamed over it, directory fsynced).
    /// </summary>
    public void Reset()
    {
        Commit();
        var temporary = Path + ".new";
        using (File.OpenHandle(temporary, FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        {
            // Empty: nothing to fsync but the name, which the directory fsync below covers.
        }

        _file.Dispose();
        File.Move(temporary, Path, overwrite: true);
        DirectorySync.Fsync(_directory);
        _file = File.OpenHandle(Path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        _fileLength = 0;
        _offsets.Clear();
        _firstIndexedSeq = 0;
        NextSenderSeqNum = 1;
        NextTargetSeqNum = 1;
    }

    /// <summary>
    /// Reads stored message <paramref name="msgSeqNum"/> into <paramref name="buffer"/> (grown if needed). False
    /// when it was never stored (or was lost to damage since). Only sees what <see cref="Flush"/> has written.
    /// </summary>
    public bool TryRead(long msgSeqNum, ref byte[] buffer, out int length)
    {
        length = 0;
        var index = msgSeqNum - _firstIndexedSeq;
        if (_firstIndexedSeq == 0 || index < 0 || index >= _offsets.Count || _offsets[(int)index] < 0
            || _offsets[(int)index] >= _fileLength)
        {
            return false;
        }

        var offset = _offsets[(int)index];
        Span<byte> header = stackalloc byte[FixStoreRecord.HeaderSize];
        if (RandomAccess.Read(_file, header, offset) != header.Length
            || !FixStoreRecord.TryReadHeader(header, out _, out _, out var payloadLength, out _))
        {
            return false;
        }

        var recordLength = FixStoreRecord.HeaderSize + payloadLength;
        if (buffer.Length < recordLength)
        {
            buffer = new byte[Math.Max(recordLength, buffer.Length * 2)];
        }

        var record = buffer.AsSpan(0, recordLength);
        if (RandomAccess.Read(_file, record, offset) != recordLength || !FixStoreRecord.CrcMatches(record))
        {
            return false;
        }

        // Move the message to the front, where the caller reads it.
        record[FixStoreRecord.HeaderSize..].CopyTo(buffer);
        length = payloadLength;
        return true;
    }

    /// <summary>Writes and fsyncs what is buffered and closes the file.</summary>
    public void Dispose()
    {
        if (_file.IsClosed)
        {
            return;
        }

        try
        {
            // Everything, NextTargetSeqNum records included, is durable after a clean close.
            _pendingMessages = true;
            Commit();
        }
        finally
        {
            _file.Dispose();
        }
    }

    private Span<byte> Reserve(int length)
    {
        if (_pendingLength + length > _pending.Length)
        {
            Array.Resize(ref _pending, Math.Max(_pendingLength + length, _pending.Length * 2));
        }

        var span = _pending.AsSpan(_pendingLength, length);
        _pendingLength += length;
        return span;
    }

    private void Index(long msgSeqNum, long offset)
    {
        if (_firstIndexedSeq == 0)
        {
            _firstIndexedSeq = msgSeqNum;
        }

        // A gap in the sequence (never made here, tolerated on load) is indexed as missing: a resend gap-fills it.
        while (_firstIndexedSeq + _offsets.Count < msgSeqNum)
        {
            _offsets.Add(-1);
        }

        _offsets.Add(offset);
    }

    private void Recover()
    {
        var fileLength = RandomAccess.GetLength(_file);
        var buffer = new byte[ReadChunk];
        long bufferStart = 0;
        var bufferLength = 0;
        long offset = 0;
        while (offset < fileLength)
        {
            // Keep the record (header, then whole record) in the buffer, refilling from its start if needed.
            if (!Ensure(offset, FixStoreRecord.HeaderSize) || !FixStoreRecord.TryReadHeader(
                    buffer.AsSpan((int)(offset - bufferStart), FixStoreRecord.HeaderSize), out var type, out var sequence, out var payloadLength, out var problem))
            {
                DamageAt(offset, fileLength, offset + FixStoreRecord.HeaderSize > fileLength ? "incomplete header" : "bad header");
                return;
            }

            var recordLength = FixStoreRecord.HeaderSize + payloadLength;
            if (!Ensure(offset, recordLength))
            {
                DamageAt(offset, fileLength, "incomplete record");
                return;
            }

            var record = buffer.AsSpan((int)(offset - bufferStart), recordLength);
            if (!FixStoreRecord.CrcMatches(record))
            {
                DamageAt(offset, fileLength, "CRC mismatch");
                return;
            }

            if (type == FixStoreRecordType.Message)
            {
                if (sequence < NextSenderSeqNum)
                {
                    throw new FixStoreCorruptException(Path, offset, $"MsgSeqNum {sequence} after {NextSenderSeqNum - 1}");
                }

                Index(sequence, offset);
                NextSenderSeqNum = sequence + 1;
            }
            else
            {
                NextTargetSeqNum = sequence;
            }

            offset += recordLength;
        }

        _fileLength = fileLength;
        return;

        bool Ensure(long position, int length)
        {
            if (position + length > fileLength)
            {
                return false;
            }

            if (position >= bufferStart && position + length <= bufferStart + bufferLength)
            {
                return true;
            }

            if (length > buffer.Length)
            {
                buffer = new byte[length];
            }

            bufferStart = position;
            bufferLength = RandomAccess.Read(_file, buffer, position);
            return position + length <= bufferStart + bufferLength;
        }
    }

    /// <summary>A bad record at <paramref name="offset"/>: a torn tail when no good record follows it, else corruption.</summary>
    private void DamageAt(long offset, long fileLength, string problem)
    {
        var good = FindGoodRecordAfter(offset, fileLength);
        if (good >= 0)
        {
            throw new FixStoreCorruptException(Path, offset, $"{problem}, with a good record at offset {good} after it");
        }

        RandomAccess.SetLength(_file, offset);
        if (_fsync)
        {
            RandomAccess.FlushToDisk(_file);
        }

        TruncatedBytes = fileLength - offset;
        _fileLength = offset;
    }

    /// <summary>The offset of the first whole, CRC-valid record after <paramref name="offset"/>, or -1.</summary>
    private long FindGoodRecordAfter(long offset, long fileLength)
    {
        var chunk = new byte[ReadChunk];
        var magic = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(magic, FixStoreRecord.Magic);
        for (var start = offset + 1; start < fileLength; start += chunk.Length - 3)
        {
            var read = RandomAccess.Read(_file, chunk, start);
            var span = chunk.AsSpan(0, read);
            for (var at = span.IndexOf(magic); at >= 0; at = NextIndex(span, magic, at))
            {
                if (IsGoodRecord(start + at, fileLength))
                {
                    return start + at;
                }
            }

            if (read < chunk.Length)
            {
                break;
            }
        }

        return -1;

        static int NextIndex(ReadOnlySpan<byte> span, ReadOnlySpan<byte> magic, int at)
        {
            var next = span[(at + 1)..].IndexOf(magic);
            return next < 0 ? -1 : at + 1 + next;
        }
    }

    private bool IsGoodRecord(long offset, long fileLength)
    {
        Span<byte> header = stackalloc byte[FixStoreRecord.HeaderSize];
        if (offset + header.Length > fileLength || RandomAccess.Read(_file, header, offset) != header.Length
            || !FixStoreRecord.TryReadHeader(header, out _, out _, out var payloadLength, out _)
            || offset + FixStoreRecord.HeaderSize + payloadLength > fileLength)
        {
            return false;
        }

        var record = new byte[FixStoreRecord.HeaderSize + payloadLength];
        return RandomAccess.Read(_file, record, offset) == record.Length && FixStoreRecord.CrcMatches(record);
    }
}
