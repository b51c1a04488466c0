namespace Matcher.Core.Tests.Properties;

/// <summary>The flavours of random stream the property tests run.</summary>
internal enum ScenarioKind
{
    /// <summary>No fees, well-funded accounts.</summary>
    Plain,

    /// <summary>Fee tiers with taker fees and maker fees and rebates.</summary>
    Fees,

    /// <summary>Fees, plus an account funded for only a few lots.</summary>
    Tight,
}
