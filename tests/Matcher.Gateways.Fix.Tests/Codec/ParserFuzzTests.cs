using System.Buffers;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Codec;

/// <summary>Random bytes and random mutations of valid messages: the parser never throws and always makes progress.</summary>
public sealed class ParserFuzzTests
{
    [Test]
    public void TryParse_RandomBytes_NeverThrowsAndAlwaysProgresses([Values(1, 2, 3)] int seed)
    {
        var random = new Random(seed);
        var message = new FixMessage();
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (random.Next(4) == 0 && bytes.Length > 12)
            {
                "8=FIX.4.4\u00019="u8.CopyTo(bytes);
            }

            Drain(Split(bytes, random), message, out _);
        }
    }

    [Test]
    public void TryParse_MutatedMessages_NeverThrowAndTheNextGoodMessageParses([Values(1, 2, 3)] int seed)
    {
        var random = new Random(seed);
        var message = new FixMessage();
        var good = TestMessages.NewOrderSingle(9, "good");
        for (var i = 0; i < 3000; i++)
        {
            var mutated = Mutate(TestMessages.NewOrderSingle(i + 1), random);
            var parsed = Drain(Split([.. mutated, .. good], random), message, out var tail);
            // Unless the mutation made a BodyLength that reaches past the data: then the parser rightly waits
            // for more (a session disconnects once that exceeds the maximum message size).
            Assert.That(parsed.Any(raw => raw.SequenceEqual(good)) || WaitsForDeclaredLength(tail), $"the good message after mutation {i}");
        }
    }

    [Test]
    public void TryParse_ReframedMutations_ParseOrGarbleWithoutThrowing([Values(1, 2)] int seed)
    {
        // Mutations inside the body with BodyLength and CheckSum recomputed: well framed, odd fields.
        var random = new Random(seed);
        var message = new FixMessage();
        const string Body = "35=D|49=CLIENT1|56=MATCHER|34=5|52=20240305-13:45:10.123|11=x|55=BTC-USD|54=1|38=5|40=2|44=10.5|";
        var alphabet = "0123456789=|ABCxyz-.\u0001"u8.ToArray();
        for (var i = 0; i < 3000; i++)
        {
            var body = TestMessages.Ascii(Body).ToList();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(3, body.Count);
                switch (random.Next(3))
                {
                    case 0:
                        body[at] = alphabet[random.Next(alphabet.Length)];
                        break;
                    case 1:
                        body.Insert(at, alphabet[random.Next(alphabet.Length)]);
                        break;
                    default:
                        body.RemoveAt(at);
                        break;
                }
            }

            var framed = TestMessages.Frame(System.Text.Encoding.Latin1.GetString([.. body]).Replace('\u0001', '|'));
            var status = FixParser.TryParse(new ReadOnlySequence<byte>(framed), message, out _);
            if (status == FixParseStatus.Complete)
            {
                for (var f = 0; f < message.FieldCount; f++)
                {
                    _ = message.TagAt(f);
                    _ = message.ValueAt(f);
                }
            }
        }
    }

    internal static byte[] Mutate(byte[] bytes, Random random)
    {
        var list = bytes.ToList();
        for (var m = random.Next(1, 4); m > 0 && list.Count > 0; m--)
        {
            var at = random.Next(list.Count);
            switch (random.Next(3))
            {
                case 0:
                    list[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    list.Insert(at, (byte)random.Next(256));
                    break;
                default:
                    list.RemoveAt(at);
                    break;
            }
        }

        return [.. list];
    }

    private static ReadOnlySequence<byte> Split(byte[] bytes, Random random) =>
        bytes.Length > 2 && random.Next(2) == 0 ? Sequences.Split(bytes, random.Next(1, bytes.Length)) : new ReadOnlySequence<byte>(bytes);

    /// <summary>Parses until only an incomplete tail is left; returns the whole messages found.</summary>
    private static List<byte[]> Drain(ReadOnlySequence<byte> buffer, FixMessage message, out byte[] tail)
    {
        var parsed = new List<byte[]>();
        while (!buffer.IsEmpty)
        {
            var length = buffer.Length;
            var status = FixParser.TryParse(buffer, message, out var consumed);
            if (status == FixParseStatus.NeedMoreData)
            {
                Assert.That(buffer.Slice(0, consumed).Length, Is.Zero);
                break;
            }

            if (status == FixParseStatus.Complete)
            {
                parsed.Add(message.Raw.ToArray());
            }

            buffer = buffer.Slice(consumed);
            Assert.That(buffer.Length, Is.LessThan(length), "progress");
        }

        tail = buffer.ToArray();
        return parsed;
    }

    /// <summary>True when <paramref name="tail"/> is <c>8=FIX.4.4|9=n|</c> with n larger than what follows.</summary>
    private static bool WaitsForDeclaredLength(byte[] tail)
    {
        var prefix = "8=FIX.4.4\u00019="u8;
        if (!tail.AsSpan().StartsWith(prefix))
        {
            return false;
        }

        var end = Array.IndexOf(tail, (byte)1, prefix.Length);
        return end > 0 && long.TryParse(tail.AsSpan(prefix.Length, end - prefix.Length), out var bodyLength)
            && end + 1 + bodyLength + 7 > tail.Length;
    }
}
