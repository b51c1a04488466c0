using Matcher.Core.Commands;

namespace Matcher.Core.Tests.Properties;

/// <summary>How a stream went: the commands run, and the first failure (with its command's index) if any.</summary>
internal sealed record PropertyRunResult(PropertyFailure? Failure, int FailedIndex, List<Command> Commands);
