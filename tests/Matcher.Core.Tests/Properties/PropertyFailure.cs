namespace Matcher.Core.Tests.Properties;

/// <summary>A property that did not hold after a command: which kind, and the evidence.</summary>
internal sealed record PropertyFailure(string Category, string Detail);
