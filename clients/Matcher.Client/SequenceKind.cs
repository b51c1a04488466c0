namespace Matcher.Client;

/// <summary>Which of an instrument's sequences a <see cref="SequenceGap"/> is in.</summary>
public enum SequenceKind
{
    /// <summary>The book sequence (BookUpdate).</summary>
    Book = 1,

    /// <summary>The trade sequence (Trade).</summary>
    Trade = 2,
}
