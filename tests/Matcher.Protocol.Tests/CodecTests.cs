using System.Buffers.Binary;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Matcher.Protocol.Tests;

public sealed class CodecTests
{
    public static IEnumerable<TestCaseData> Samples() => SpecSamples.All.Select(s => new TestCaseData(s).SetName($"Spec_{s.Name}_v{s.Version}"));

    [TestCaseSource(nameof(Samples))]
    public void Encoding_matches_the_spec_tables_byte_for_byte(SpecSample sample)
    {
        var encoded = Encode(sample);

        Assert.That(Convert.ToHexString(encoded), Is.EqualTo(Convert.ToHexString(sample.ExpectedBytes())));
    }

    [TestCaseSource(nameof(Samples))]
    public void Decoding_the_spec_bytes_gives_every_field_back(SpecSample sample)
    {
        var bytes = sample.ExpectedBytes();
        Assert.That(Codec.TryReadHeader(bytes, out var header), Is.EqualTo(HeaderStatus.Ok));
        Assert.That(header.TemplateId, Is.EqualTo(sample.Template));

        var decoded = Decode(sample.Struct, bytes);

        foreach (var field in sample.Fields)
        {
            Assert.That(Normalize(FieldOf(sample.Struct, field.Name).GetValue(decoded)!), Is.EqualTo(Normalize(field.Value)), field.Name);
        }

        // A later version's fields read as zero from an older version's message.
        var listed = sample.Fields.Select(f => FieldOf(sample.Struct, f.Name)).ToHashSet();
        foreach (var info in sample.Struct.GetFields().Where(f => !f.IsStatic && !f.IsLiteral && f.Name != "Header" && !listed.Contains(f)))
        {
            Assert.That(Normalize(info.GetValue(decoded)!), Is.EqualTo(Normalize(Activator.CreateInstance(info.FieldType)!)), info.Name + " (not in this version)");
        }
    }

    [Test]
    public void Version_1_messages_of_grown_templates_are_their_version_1_prefix()
    {
        foreach (var old in SpecSamples.All.Where(s => s.Version == 1))
        {
            var method = typeof(Codec).GetMethod(nameof(Codec.FixedLength))!.MakeGenericMethod(old.Struct);
            Assert.That((int)method.Invoke(null, [(ushort)1])!, Is.EqualTo(old.Length), old.Name);
            Assert.That((int)method.Invoke(null, [Codec.SchemaVersion])!, Is.GreaterThan(old.Length), old.Name);
        }

        // Written in version 1, a version-2 PlaceOrder loses its version-2 fields and keeps the rest.
        var order = new PlaceOrder { RequestId = 9, QuantityLots = 5, StopPriceTicks = 77, TriggerType = 1, LinkedClOrdId = Chars32.From("x") };
        var buffer = new byte[PlaceOrder.FixedLength];
        Assert.That(Codec.Write(ref order, buffer, 1), Is.EqualTo(PlaceOrder.FixedLengthV1));
        Assert.That(buffer.AsSpan(PlaceOrder.FixedLengthV1).ContainsAnyExcept((byte)0), Is.False);
        Assert.That(Codec.TryReadHeader(buffer.AsSpan(0, PlaceOrder.FixedLengthV1), out var header), Is.EqualTo(HeaderStatus.Ok));
        Assert.That(header.SchemaVersion, Is.EqualTo(1));
        Assert.That(Codec.TryRead<PlaceOrder>(buffer.AsSpan(0, PlaceOrder.FixedLengthV1), out var read), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(read.RequestId, Is.EqualTo(9));
            Assert.That(read.QuantityLots, Is.EqualTo(5));
            Assert.That(read.StopPriceTicks, Is.Zero);
            Assert.That(read.TriggerType, Is.Zero);
        });
    }

    [Test]
    public void A_version_2_message_as_short_as_version_1_is_refused()
    {
        var order = new PlaceOrder { RequestId = 9 };
        var buffer = new byte[PlaceOrder.FixedLength];
        Codec.Write(ref order, buffer);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, PlaceOrder.FixedLengthV1);

        Assert.That(Codec.TryRead<PlaceOrder>(buffer.AsSpan(0, PlaceOrder.FixedLengthV1), out _), Is.False);
    }

    [Test]
    public void A_version_1_message_with_trailing_bytes_does_not_read_them_as_version_2_fields()
    {
        var sample = SpecSamples.All.First(s => s.Name == "ExecutionReport" && s.Version == 1);
        var bytes = sample.ExpectedBytes().Concat(Enumerable.Repeat((byte)0x55, 48)).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)bytes.Length);

        Assert.That(Codec.TryRead<ExecutionReport>(bytes, out var report), Is.True);
        Assert.That(report.StopPriceTicks, Is.Zero);
        Assert.That(report.ClOrdId.ToString(), Is.EqualTo("ord-0001"));
    }

    [TestCaseSource(nameof(Samples))]
    public void A_longer_message_of_a_newer_version_is_read_and_its_tail_ignored(SpecSample sample)
    {
        var bytes = sample.ExpectedBytes().Concat(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }).ToArray();
        var decoded = Decode(sample.Struct, bytes);

        Assert.That(Encode(sample.Struct, decoded, sample.Version), Is.EqualTo(sample.ExpectedBytes()));
    }

    [TestCaseSource(nameof(Samples))]
    public void A_message_shorter_than_its_template_is_refused(SpecSample sample)
    {
        var method = typeof(CodecTests).GetMethod(nameof(TryReadShort), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(sample.Struct);

        Assert.That((bool)method.Invoke(null, [sample.ExpectedBytes()[..^1]])!, Is.False);
    }

    [Test]
    public void Struct_sizes_are_the_fixed_lengths()
    {
        foreach (var sample in SpecSamples.All.Where(s => s.Version == Codec.SchemaVersion))
        {
            var size = (int)typeof(System.Runtime.CompilerServices.Unsafe).GetMethod("SizeOf")!.MakeGenericMethod(sample.Struct).Invoke(null, null)!;
            Assert.That(size, Is.EqualTo(sample.Length), sample.Name);
        }

        var templates = SpecSamples.All.Select(s => s.Template).Distinct().Count();
        Assert.That(templates, Is.EqualTo(Enum.GetValues<TemplateId>().Length - 3), "every fixed template has a sample (not None, BookSnapshot, InstrumentList)");

        Assert.Multiple(() =>
        {
            Assert.That(System.Runtime.CompilerServices.Unsafe.SizeOf<LevelEntry>(), Is.EqualTo(20));
            Assert.That(System.Runtime.CompilerServices.Unsafe.SizeOf<InstrumentEntry>(), Is.EqualTo(88));
            Assert.That(System.Runtime.CompilerServices.Unsafe.SizeOf<BookSnapshot>(), Is.EqualTo(40));
        });
    }

    [Test]
    public void Book_snapshot_matches_the_spec_layout_and_reads_back()
    {
        var expected = GroupSamples.BookSnapshotBytes();
        var buffer = new byte[Codec.BookSnapshotLength(2, 1)];
        var snapshot = GroupSamples.Snapshot;

        var length = Codec.WriteBookSnapshot(ref snapshot, GroupSamples.Bids, GroupSamples.Asks, buffer);

        Assert.That(length, Is.EqualTo(expected.Length));
        Assert.That(Convert.ToHexString(buffer), Is.EqualTo(Convert.ToHexString(expected)));
        Assert.That(Codec.TryReadHeader(buffer, out var header), Is.EqualTo(HeaderStatus.Ok));
        Assert.That(header.TemplateId, Is.EqualTo(TemplateId.BookSnapshot));
        Assert.That(Codec.TryReadBookSnapshot(buffer, out var read, out var bids, out var asks), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(read.BookSequence, Is.EqualTo(17));
            Assert.That(read.TradeSequence, Is.EqualTo(5));
            Assert.That(bids.Count, Is.EqualTo(2));
            Assert.That(asks.Count, Is.EqualTo(1));
            Assert.That(bids.Read(buffer, 1).PriceTicks, Is.EqualTo(2_998_000));
            Assert.That(asks.Read(buffer, 0).OrderCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void Instrument_list_matches_the_spec_layout_and_reads_back()
    {
        var expected = GroupSamples.InstrumentListBytes();
        var buffer = new byte[Codec.InstrumentListLength(2)];

        var length = Codec.WriteInstrumentList(50, GroupSamples.Instruments, buffer);

        Assert.That(length, Is.EqualTo(expected.Length));
        Assert.That(Convert.ToHexString(buffer), Is.EqualTo(Convert.ToHexString(expected)));
        Assert.That(Codec.TryReadInstrumentList(buffer, out var list, out var entries), Is.True);
        Assert.That(list.RequestId, Is.EqualTo(50));
        var second = entries.Read(buffer, 1);
        Assert.That(second.Symbol.ToString(), Is.EqualTo("ETH-USD"));
        Assert.That(second.TickScale, Is.EqualTo(2));
    }

    [Test]
    public void Group_entries_longer_than_version_1_are_stepped_over_by_their_entry_length()
    {
        // A newer writer's level entries of 28 bytes: version-1 readers read the first 20 of each.
        var buffer = new byte[BookSnapshot.FixedLength + 4 + (2 * 28) + 4];
        var snapshot = GroupSamples.Snapshot;
        Codec.WriteBookSnapshot(ref snapshot, [], [], buffer);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)buffer.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(40), 28);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(42), 2);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(44 + 28), 123);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(44 + 56), 20);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(44 + 58), 0);

        Assert.That(Codec.TryReadBookSnapshot(buffer, out _, out var bids, out var asks), Is.True);
        Assert.That(bids.Read(buffer, 1).PriceTicks, Is.EqualTo(123));
        Assert.That(asks.Count, Is.Zero);
    }

    [TestCase(19, 1)] // entry length below version 1
    [TestCase(20, 3)] // more entries than the frame holds
    [TestCase(20, 65535)]
    public void A_group_outside_the_frame_is_refused(int entryLength, int count)
    {
        var buffer = new byte[Codec.BookSnapshotLength(2, 1)];
        var snapshot = GroupSamples.Snapshot;
        Codec.WriteBookSnapshot(ref snapshot, GroupSamples.Bids, GroupSamples.Asks, buffer);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(40), (ushort)entryLength);
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(42), (ushort)count);

        Assert.That(Codec.TryReadBookSnapshot(buffer, out _, out _, out _), Is.False);
    }

    [Test]
    public void Headers_with_a_wrong_length_or_an_unknown_version_are_refused()
    {
        var ping = SpecSamples.All.Single(s => s.Name == "Ping").ExpectedBytes();
        Assert.That(Codec.TryReadHeader(ping.AsSpan(0, 7), out _), Is.EqualTo(HeaderStatus.Malformed));
        Assert.That(Codec.TryReadHeader(ping.Concat(new byte[1]).ToArray(), out _), Is.EqualTo(HeaderStatus.Malformed));

        var newer = ping.ToArray();
        newer[6] = Codec.SchemaVersion + 1;
        Assert.That(Codec.TryReadHeader(newer, out _), Is.EqualTo(HeaderStatus.UnsupportedVersion));
        newer[6] = 0;
        Assert.That(Codec.TryReadHeader(newer, out _), Is.EqualTo(HeaderStatus.UnsupportedVersion));
        newer[6] = 1;
        Assert.That(Codec.TryReadHeader(newer, out _), Is.EqualTo(HeaderStatus.Ok));
    }

    [TestCase(new byte[] { (byte)'a', (byte)'b', 0, 0 }, true)]
    [TestCase(new byte[] { 0, 0, 0, 0 }, true)]
    [TestCase(new byte[] { (byte)'a', (byte)'b', (byte)'c', (byte)'d' }, true)]
    [TestCase(new byte[] { (byte)'a', 0, (byte)'b', 0 }, false)]
    [TestCase(new byte[] { (byte)'a', 0x7F, 0, 0 }, false)]
    [TestCase(new byte[] { (byte)'a', 0x0A, 0, 0 }, false)]
    [TestCase(new byte[] { 0xC3, 0xA9, 0, 0 }, false)]
    public void Text_fields_must_be_printable_ascii_padded_with_zeros(byte[] field, bool valid) =>
        Assert.That(AsciiField.IsValid(field), Is.EqualTo(valid));

    [Test]
    public void Text_that_does_not_fit_is_refused_when_writing()
    {
        Assert.Throws<ArgumentException>(() => Chars32.From(new string('x', 33)));
        Assert.Throws<ArgumentException>(() => Chars32.From("tab\there"));
        Assert.That(Chars32.From(new string('x', 32)).ToString(), Has.Length.EqualTo(32));
        Assert.That(Chars64.FromLossy("naïve\n" + new string('y', 100)).ToString(), Does.StartWith("na?ve?yyy").And.Length.EqualTo(64));
    }

    [Test]
    public void Random_and_mutated_frames_never_throw_from_the_readers()
    {
        var random = new Random(20261124);
        var seeds = SpecSamples.All.Select(s => s.ExpectedBytes()).Append(GroupSamples.BookSnapshotBytes()).Append(GroupSamples.InstrumentListBytes()).ToArray();
        for (var i = 0; i < 20_000; i++)
        {
            byte[] frame;
            if (i % 2 == 0)
            {
                frame = new byte[random.Next(0, 300)];
                random.NextBytes(frame);
            }
            else
            {
                frame = seeds[random.Next(seeds.Length)].ToArray();
                for (var flips = random.Next(1, 6); flips > 0 && frame.Length > 0; flips--)
                {
                    frame[random.Next(frame.Length)] = (byte)random.Next(256);
                }

                if (random.Next(4) == 0)
                {
                    frame = frame[..random.Next(frame.Length + 1)];
                }
            }

            Assert.DoesNotThrow(() => ReadAnything(frame));
        }
    }

    [Test]
    public void The_golden_file_holds_exactly_these_encodings()
    {
        var json = GoldenFile.Build();
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "golden", "messages.json");
        if (Environment.GetEnvironmentVariable("MATCHER_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(GoldenFile.SourcePath(), json);
            path = GoldenFile.SourcePath();
        }

        Assert.That(File.ReadAllText(path).ReplaceLineEndings("\n"), Is.EqualTo(json),
            "clients/golden/messages.json differs from the C# codec; rerun with MATCHER_UPDATE_GOLDEN=1 only if the spec changed on purpose");
    }

    private static void ReadAnything(byte[] frame)
    {
        if (Codec.TryReadHeader(frame, out var header) != HeaderStatus.Ok)
        {
            return;
        }

        switch (header.TemplateId)
        {
            case TemplateId.BookSnapshot:
                if (Codec.TryReadBookSnapshot(frame, out _, out var bids, out var asks))
                {
                    for (var i = 0; i < bids.Count; i++)
                    {
                        bids.Read(frame, i);
                    }

                    for (var i = 0; i < asks.Count; i++)
                    {
                        asks.Read(frame, i);
                    }
                }

                break;
            case TemplateId.InstrumentList:
                if (Codec.TryReadInstrumentList(frame, out _, out var instruments))
                {
                    for (var i = 0; i < instruments.Count; i++)
                    {
                        instruments.Read(frame, i).Symbol.ToString();
                    }
                }

                break;
            default:
                Codec.TryRead<PlaceOrder>(frame, out var order);
                AsciiField.IsValid(order.ClOrdId.AsSpan());
                Codec.TryRead<ExecutionReport>(frame, out _);
                Codec.TryRead<Quote>(frame, out var quote);
                AsciiField.IsValid(quote.QuoteId.AsSpan());
                Codec.TryRead<QuoteAck>(frame, out _);
                break;
        }
    }

    private static bool TryReadShort<T>(byte[] frame)
        where T : unmanaged, IFixedMessage => Codec.TryRead<T>(frame, out _);

    internal static byte[] Encode(SpecSample sample)
    {
        object boxed = Activator.CreateInstance(sample.Struct)!;
        foreach (var field in sample.Fields)
        {
            var info = FieldOf(sample.Struct, field.Name);
            info.SetValue(boxed, ToFieldValue(info.FieldType, field.Value));
        }

        return Encode(sample.Struct, boxed, sample.Version);
    }

    private static byte[] Encode(Type type, object boxed, ushort version) =>
        (byte[])typeof(CodecTests).GetMethod(nameof(EncodeTyped), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type).Invoke(null, [boxed, version])!;

    private static object Decode(Type type, byte[] bytes) =>
        typeof(CodecTests).GetMethod(nameof(DecodeTyped), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type).Invoke(null, [bytes])!;

    private static byte[] EncodeTyped<T>(T message, ushort version)
        where T : unmanaged, IFixedMessage
    {
        var buffer = new byte[T.FixedLength];
        var length = Codec.Write(ref message, buffer, version);
        return buffer[..length];
    }

    private static object DecodeTyped<T>(byte[] bytes)
        where T : unmanaged, IFixedMessage
    {
        Assert.That(Codec.TryRead<T>(bytes, out var message), Is.True);
        return message;
    }

    internal static FieldInfo FieldOf(Type type, string name) =>
        type.GetField(char.ToUpperInvariant(name[0]) + name[1..]) ?? throw new InvalidOperationException($"{type.Name} has no field {name}");

    private static object ToFieldValue(Type fieldType, object value)
    {
        if (fieldType == typeof(Chars16))
        {
            return Chars16.From((string)value);
        }

        if (fieldType == typeof(Chars32))
        {
            return Chars32.From((string)value);
        }

        if (fieldType == typeof(Chars64))
        {
            return Chars64.FromLossy((string)value);
        }

        if (fieldType == typeof(Bytes32))
        {
            var bytes = default(Bytes32);
            ((byte[])value).CopyTo(bytes.AsSpan());
            return bytes;
        }

        return fieldType.IsEnum ? Enum.ToObject(fieldType, value) : Convert.ChangeType(value, fieldType, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Normalize(object value) => value switch
    {
        Chars16 c => c.ToString(),
        Chars32 c => c.ToString(),
        Chars64 c => c.ToString(),
        Bytes32 b => Convert.ToHexString(b.AsSpan()),
        byte[] b => Convert.ToHexString(b),
        Enum e => Convert.ToUInt64(e, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
    };
}
