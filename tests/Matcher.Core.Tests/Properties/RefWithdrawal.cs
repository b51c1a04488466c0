namespace Matcher.Core.Tests.Properties;

/// <summary>A pending withdrawal in the reference model.</summary>
internal sealed record RefWithdrawal(long Id, long AccountId, int AssetId, long Amount);
