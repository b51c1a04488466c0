namespace Matcher.Core.Reference;

/// <summary>Whether an instrument accepts orders. Persisted: values pinned by a test.</summary>
public enum InstrumentStatus : byte
{
    /// <summary>Not given; rejected.</summary>
    None = 0,

    /// <summary>Orders are placed, amended, cancelled and matched.</summary>
    Trading = 1,

    /// <summary>
    /// Frozen: no place, amend or cancel by users, and mass cancels skip it. Resting
    /// orders stay; GTD expiry still runs.
    /// </summary>
    Halted = 2,

    /// <summary>No new orders or amends; cancels and mass cancels work, so makers can pull quotes.</summary>
    CancelOnly = 3,
}
