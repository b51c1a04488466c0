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

    [Test]
    public void SingleProducerSequencer_ProducerFieldsArePadded()
    {
        var stateField = typeof(SingleProducerSequencer).GetField("_state", BindingFlags.Instance | BindingFlags.NonPublic)!;
        var stateType = stateField.FieldType;
        var size = (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(stateType).Invoke(null, null)!;
        var firstOffset = stateType.GetFields().Min(f => f.GetCustomAttribute<System.Runtime.InteropServices.FieldOffsetAttribute>()!.Value);

        Assert.Multiple(() =>
        {
            Assert.That(firstOffset, Is.EqualTo(CacheLine.PaddingBytes));
            Assert.That(size, Is.EqualTo((2 * CacheLine.PaddingBytes) + (2 * sizeof(long))));
        });
    }

    /// <summary>Lets a test take a reference to the first field byte of any object.</summary>
    private sealed class RawObject
    {
        public byte FirstByte;
    }
}
