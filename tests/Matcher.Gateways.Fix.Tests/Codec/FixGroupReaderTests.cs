using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Tests.Support;

namespace Matcher.Gateways.Fix.Tests.Codec;

public sealed class FixGroupReaderTests
{
    private const string Header = "35=V|49=A|56=B|34=2|52=20240305-13:45:10.123|262=req|";

    [Test]
    public void MoveNext_TwoGroupsBackToBack_WalksEachEntryWithItsFields()
    {
        var message = Parse(Header + "267=2|269=0|269=1|146=2|55=BTC-USD|48=1|55=ETH-USD|");

        var types = new FixGroupReader(message, FixTags.NoMDEntryTypes, FixTags.MDEntryType, [FixTags.MDEntryType]);
        var seen = new List<string>();
        while (types.MoveNext())
        {
            Assert.That(types.TryGet(FixTags.MDEntryType, out var type));
            seen.Add(System.Text.Encoding.ASCII.GetString(type));
        }

        Assert.That(seen, Is.EqualTo(new[] { "0", "1" }));
        Assert.That(types.Error, Is.EqualTo(FixGroupError.None));
        Assert.That(message.TagAt(types.EndIndex), Is.EqualTo(FixTags.NoRelatedSym));

        var symbols = new FixGroupReader(message, FixTags.NoRelatedSym, FixTags.Symbol, [FixTags.Symbol, 48], types.EndIndex);
        Assert.That(symbols.MoveNext() && symbols.EntryEnd - symbols.EntryStart == 2 && symbols.TryGetLong(48, out var id) && id == 1);
        Assert.That(symbols.MoveNext() && symbols.IndexOf(48) == -1);
        Assert.That(symbols.MoveNext(), Is.False);
        Assert.That(symbols.Error, Is.EqualTo(FixGroupError.None));
        Assert.That(message.TagAt(symbols.EndIndex), Is.EqualTo(FixTags.CheckSum));
    }

    [Test]
    public void MoveNext_FewerEntriesThanDeclared_ReportsCountMismatch()
    {
        var message = Parse(Header + "267=3|269=0|269=1|");
        var reader = new FixGroupReader(message, FixTags.NoMDEntryTypes, FixTags.MDEntryType);
        var count = 0;
        while (reader.MoveNext())
        {
            count++;
        }

        Assert.That(count, Is.EqualTo(2));
        Assert.That(reader.Error, Is.EqualTo(FixGroupError.CountMismatch));
    }

    [Test]
    public void MoveNext_MoreEntriesThanDeclared_ReportsCountMismatch()
    {
        var message = Parse(Header + "267=1|269=0|269=1|");
        var reader = new FixGroupReader(message, FixTags.NoMDEntryTypes, FixTags.MDEntryType);
        Assert.That(reader.MoveNext(), Is.True);
        Assert.That(reader.MoveNext(), Is.False);
        Assert.That(reader.Error, Is.EqualTo(FixGroupError.CountMismatch));
    }

    [Test]
    public void MoveNext_EntryNotStartingWithDelimiter_ReportsDelimiterMissing()
    {
        var message = Parse(Header + "146=1|48=1|55=BTC-USD|");
        var reader = new FixGroupReader(message, FixTags.NoRelatedSym, FixTags.Symbol, [FixTags.Symbol, 48]);
        Assert.That(reader.MoveNext(), Is.False);
        Assert.That(reader.Error, Is.EqualTo(FixGroupError.DelimiterMissing));
    }

    [TestCase("267=x|269=0|")]
    [TestCase("267=-1|")]
    public void Constructor_BadCount_ReportsBadCount(string group)
    {
        var reader = new FixGroupReader(Parse(Header + group), FixTags.NoMDEntryTypes, FixTags.MDEntryType);
        Assert.That(reader.MoveNext(), Is.False);
        Assert.That(reader.Error, Is.EqualTo(FixGroupError.BadCount));
    }

    [Test]
    public void Constructor_GroupAbsent_IsNotFoundAndEmpty()
    {
        var reader = new FixGroupReader(Parse(Header), FixTags.NoMDEntries, FixTags.MDEntryType);
        Assert.That(reader.Found, Is.False);
        Assert.That(reader.MoveNext(), Is.False);
        Assert.That(reader.Error, Is.EqualTo(FixGroupError.None));
    }

    [Test]
    public void MoveNext_ZeroCount_HasNoEntries()
    {
        var reader = new FixGroupReader(Parse(Header + "268=0|58=x|"), FixTags.NoMDEntries, FixTags.MDEntryType);
        Assert.That(reader.Found && !reader.MoveNext() && reader.Error == FixGroupError.None);
    }

    private static FixMessage Parse(string afterBodyLength)
    {
        var message = new FixMessage();
        Assert.That(FixParser.TryParse(TestMessages.Frame(afterBodyLength), message, out _), Is.EqualTo(FixParseStatus.Complete));
        return message;
    }
}
