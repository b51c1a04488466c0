namespace Matcher.Client;

/// <summary>What <see cref="OrderBook"/> did with a market-data message.</summary>
public enum BookApplyResult
{
    /// <summary>The message was the next in its sequence and the book took it.</summary>
    Applied,

    /// <summary>
    /// The book set it aside: it has no snapshot yet or is stale (waiting for a new one), or the message is
    /// older than the book's state (it came before the snapshot the book was rebuilt from).
    /// </summary>
    Ignored,

    /// <summary>The message skipped at least one sequence number: the book is now stale.</summary>
    Gap,
}
