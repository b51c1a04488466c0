namespace Matcher.Gateways.Fix.Session;

/// <summary>
/// Inbound messages that arrived ahead of a sequence gap, kept (copied) until the gap is filled, up to a
/// byte limit. One over the limit is not kept: the ResendRequest (EndSeqNo 0) brings it again anyway.
/// </summary>
internal sealed class OutOfOrderQueue
{
    private readonly SortedList<long, byte[]> _messages = [];
    private readonly int _maxBytes;
    private int _bytes;

    public OutOfOrderQueue(int maxBytes) => _maxBytes = maxBytes;

    /// <summary>Messages kept.</summary>
    public int Count => _messages.Count;

    /// <summary>Keeps a copy of <paramref name="message"/> under <paramref name="msgSeqNum"/>; false when full or already kept.</summary>
    public bool TryAdd(long msgSeqNum, ReadOnlySpan<byte> message)
    {
        if (_bytes + message.Length > _maxBytes || _messages.ContainsKey(msgSeqNum))
        {
            return false;
        }

        _messages.Add(msgSeqNum, message.ToArray());
        _bytes += message.Length;
        return true;
    }

    /// <summary>Takes message <paramref name="msgSeqNum"/> out, dropping any below it (a gap fill skipped them).</summary>
    public bool TryTake(long msgSeqNum, out byte[] message)
    {
        while (_messages.Count > 0 && _messages.Keys[0] < msgSeqNum)
        {
            RemoveFirst();
        }

        if (_messages.Count > 0 && _messages.Keys[0] == msgSeqNum)
        {
            message = _messages.Values[0];
            RemoveFirst();
            return true;
        }

        message = [];
        return false;
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        _messages.Clear();
        _bytes = 0;
    }

    private void RemoveFirst()
    {
        _bytes -= _messages.Values[0].Length;
        _messages.RemoveAt(0);
    }
}
