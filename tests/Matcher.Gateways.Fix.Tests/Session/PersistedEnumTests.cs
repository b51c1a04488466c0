using Matcher.Gateways.Fix.Codec;

namespace Matcher.Gateways.Fix.Tests.Session;

/// <summary>Enums whose numbers go on the wire: a change here changes the protocol.</summary>
public sealed class PersistedEnumTests
{
    [Test]
    public void SessionRejectReason_Values_ArePinned()
    {
        var expected = new Dictionary<FixSessionRejectReason, int>
        {
            [FixSessionRejectReason.InvalidTagNumber] = 0,
            [FixSessionRejectReason.RequiredTagMissing] = 1,
            [FixSessionRejectReason.TagNotDefinedForMessageType] = 2,
            [FixSessionRejectReason.UndefinedTag] = 3,
            [FixSessionRejectReason.TagSpecifiedWithoutValue] = 4,
            [FixSessionRejectReason.ValueIsIncorrect] = 5,
            [FixSessionRejectReason.IncorrectDataFormat] = 6,
            [FixSessionRejectReason.DecryptionProblem] = 7,
            [FixSessionRejectReason.SignatureProblem] = 8,
            [FixSessionRejectReason.CompIdProblem] = 9,
            [FixSessionRejectReason.SendingTimeAccuracyProblem] = 10,
            [FixSessionRejectReason.InvalidMsgType] = 11,
            [FixSessionRejectReason.TagAppearsMoreThanOnce] = 13,
            [FixSessionRejectReason.TagSpecifiedOutOfRequiredOrder] = 14,
            [FixSessionRejectReason.RepeatingGroupFieldsOutOfOrder] = 15,
            [FixSessionRejectReason.IncorrectNumInGroupCount] = 16,
            [FixSessionRejectReason.Other] = 99,
        };
        Assert.That(Enum.GetValues<FixSessionRejectReason>(), Has.Length.EqualTo(expected.Count));
        foreach (var (reason, value) in expected)
        {
            Assert.That((int)reason, Is.EqualTo(value), reason.ToString());
        }
    }

    [Test]
    public void BusinessRejectReason_Values_ArePinned()
    {
        Assert.That(Enum.GetValues<FixBusinessRejectReason>().Select(v => (int)v), Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5, 6, 99 }));
        Assert.That((int)FixBusinessRejectReason.UnsupportedMessageType, Is.EqualTo(3));
        Assert.That((int)FixBusinessRejectReason.ThrottleLimitExceeded, Is.EqualTo(99));
    }

    [Test]
    public void Tags_UsedOnTheWire_ArePinned()
    {
        Assert.That((FixTags.MsgSeqNum, FixTags.PossDupFlag, FixTags.OrigSendingTime, FixTags.GapFillFlag, FixTags.NewSeqNo), Is.EqualTo((34, 43, 122, 123, 36)));
        Assert.That((FixTags.NoSecurities, FixTags.NoRelatedSym), Is.EqualTo((146, 146)));
    }
}
