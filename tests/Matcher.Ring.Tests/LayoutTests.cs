using System.Reflection;
using System.Runtime.CompilerServices;

namespace Matcher.Ring.Tests;

public sealed class LayoutTests
{
    [Test]
    public void PaddedLong_HasPaddingOnBothSidesOfTheValue()
    {
        var padded = default(PaddedLong);
        ref var start = ref Unsafe.As<PaddedLong, byte>(ref padded);
        var offset = (int)Unsafe.ByteOffset(ref start, ref Unsafe.As<long, byte>(ref padded.Value));

        Assert.Multiple(() =>
        {
            Assert.That(offset, Is.EqualTo(CacheLine.PaddingBytes));
            Assert.That(Unsafe.SizeOf<PaddedLong>() - offset - sizeof(long), Is.EqualTo(CacheLine.PaddingBytes));
            Assert.That(CacheLine.PaddingBytes, Is.GreaterThanOrEqualTo(128), "two 64-byte lines: the adjacent-line prefetcher's unit");
        });
    }

    [Test]
    public void Sequence_HoldsNothingButThePaddedValue()
    {
        var fields = typeof(Sequence).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.That(fields.Select(f => f.FieldType), Is.EqualTo(new[] { typeof(PaddedLong) }));
    }

    [Test]
    public void Sequence_ValueSitsAfterAFullPaddingFromTheObjectStart()
    {
        var sequence = new Sequence();
        ref var firstFieldByte = ref Unsafe.As<RawObject>(sequence).FirstByte;
        var offset = Unsafe.ByteOffset(ref firstFieldByte, ref Unsafe.As<long, byte>(ref sequence.RawValue));
        Assert.That((int)offset, Is.EqualTo(CacheLine.PaddingBytes));
    }

    [Test]
    public void Sequences_AllocatedBackToBack_AreAtLeastTwoPaddingsApart()
    {
        var sequences = new Sequence[16];
        for (var i = 0; i < sequences.Length; i++)
        {
            sequences[i] = new Sequence();
        }

        for (var i = 1; i < sequences.Length; i++)
        {
            var distance = Math.Abs((long)Unsafe.ByteOffset(ref sequences[i - 1].RawValue, ref sequences[i].RawValue));
            Assert.That(distance, Is.GreaterThanOrEqualTo(2 * CacheLine.PaddingBytes));
        }
    }

    [TestCase(typeof(RingBuffer<TestEntry>))]
    [TestCase(typeof(SingleProducerSequencer))]
    [TestCase(typeof(MultiProducerSequencer))]
    public void HotObjects_KeepEveryValueFieldBetweenTwoPaddings(Type type)
    {
        var fields = InstanceFieldsIncludingBases(type);
        var padded = fields.Where(f => f.FieldType.IsValueType).ToList();
        var references = fields.Where(f => !f.FieldType.IsValueType).Select(f => f.Name);

        Assert.Multiple(() =>
        {
            Assert.That(references, Is.SubsetOf(new[] { "_configurationGate" }), "only cold references may sit outside the padding");
            Assert.That(padded, Is.Not.Empty);
            foreach (var field in padded)
            {
                var (before, after) = PaddingAround(field.FieldType);
                Assert.That(before, Is.GreaterThanOrEqualTo(CacheLine.PaddingBytes), $"{type.Name}.{field.Name}: bytes before the first value");
                Assert.That(after, Is.GreaterThanOrEqualTo(CacheLine.PaddingBytes), $"{type.Name}.{field.Name}: bytes after the last value");
            }
        });
    }

    [Test]
    public void RingBuffer_PaddingEntriesKeepLiveEntriesAwayFromTheArrayEnds()
    {
        var ring = RingBuffer.CreateSingleProducer<TestEntry>(8);
        var fields = (RingBufferFields)typeof(RingBuffer<TestEntry>)
            .GetField("_fields", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(ring)!;
        var entries = (TestEntry[])fields.Entries;
        ref var first = ref ring[0];
        ref var last = ref ring[7];
        var before = (long)Unsafe.ByteOffset(ref entries[0], ref first);
        var after = (long)Unsafe.ByteOffset(ref last, ref entries[^1]);
        var wraps = Unsafe.AreSame(ref ring[8], ref first);

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.GreaterThanOrEqualTo(CacheLine.PaddingBytes));
            Assert.That(after, Is.GreaterThanOrEqualTo(CacheLine.PaddingBytes));
            Assert.That(wraps, Is.True, "sequence 8 wraps onto slot 0");
        });
    }

    private static List<FieldInfo> InstanceFieldsIncludingBases(Type type)
    {
        var fields = new List<FieldInfo>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            fields.AddRange(t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly));
        }

        return fields;
    }

    private static (int Before, int After) PaddingAround(Type structType)
    {
        var size = (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(structType).Invoke(null, null)!;
        var members = structType.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        var first = members.Min(f => f.GetCustomAttribute<System.Runtime.InteropServices.FieldOffsetAttribute>()!.Value);
        var end = members.Max(f => f.GetCustomAttribute<System.Runtime.InteropServices.FieldOffsetAttribute>()!.Value + SizeOf(f.FieldType));
        return (first, size - end);
    }

    private static int SizeOf(Type type) =>
        type.IsValueType ? (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)! : IntPtr.Size;

    /// <summary>Lets a test take a reference to the first field byte of any object.</summary>
    private sealed class RawObject
    {
        public byte FirstByte;
    }
}
