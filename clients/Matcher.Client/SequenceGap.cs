namespace Matcher.Client;

/// <summary>A message that did not follow the one before it: at least one in between was lost (dropped for a slow consumer, say).</summary>
/// <param name="Kind">Which sequence.</param>
/// <param name="Expected">The sequence number that should have come (the last one + 1).</param>
/// <param name="Received">The sequence number that came.</param>
public readonly record struct SequenceGap(SequenceKind Kind, long Expected, long Received);
