namespace Matcher.Client;

/// <summary>An instrument's trading status (InstrumentList entry offset 4).</summary>
public enum InstrumentStatus : byte
{
    /// <summary>Not given.</summary>
    Unknown = 0,

    /// <summary>Orders are matched.</summary>
    Trading = 1,

    /// <summary>No orders are accepted.</summary>
    Halted = 2,

    /// <summary>Only cancels are accepted.</summary>
    CancelOnly = 3,
}
