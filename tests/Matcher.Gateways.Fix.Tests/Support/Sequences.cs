using System.Buffers;

namespace Matcher.Gateways.Fix.Tests.Support;

/// <summary>Builds multi-segment <see cref="ReadOnlySequence{T}"/>s for parser tests.</summary>
internal static class Sequences
{
    /// <summary><paramref name="bytes"/> split at each of <paramref name="splits"/> (ascending offsets) into segments.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] splits)
    {
        var offsets = splits.Where(s => s > 0 && s < bytes.Length).Distinct().Order().ToArray();
        if (offsets.Length == 0)
        {
            return new ReadOnlySequence<byte>(bytes);
        }

        var start = 0;
        Segment? first = null;
        Segment? last = null;
        foreach (var end in offsets.Append(bytes.Length))
        {
            var segment = new Segment(bytes.AsMemory(start, end - start));
            if (first is null)
            {
                first = last = segment;
            }
            else
            {
                last = last!.Append(segment);
            }

            start = end;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(Segment next)
        {
            next.RunningIndex = RunningIndex + Memory.Length;
            Next = next;
            return next;
        }
    }
}
