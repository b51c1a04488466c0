namespace Matcher.Core.Book;

/// <summary>Where an order is in its life.</summary>
internal enum OrderState : byte
{
    /// <summary>The incoming order of the command (or a triggered one) while it matches; not yet on the book.</summary>
    Taking = 0,

    /// <summary>On the book, at its price level.</summary>
    Resting = 1,

    /// <summary>A conditional order waiting for its trigger, off the book.</summary>
    Waiting = 2,

    /// <summary>Triggered, queued to enter the book when the orders before it have.</summary>
    Triggered = 3,

    /// <summary>Filled or cancelled: back in the pool.</summary>
    Done = 4,
}
