namespace Matcher.TestSupport.Chain;

/// <summary>
/// A transaction was mined but reverted (receipt status 0). anvil mines a reverting
/// eth_sendTransaction instead of refusing it, and a receipt carries no revert data, so
/// <see cref="RevertData"/> comes from replaying the call with eth_call on the state before the
/// transaction's block (exact under automine, where each transaction has its own block).
/// </summary>
public sealed class TransactionRevertedException : Exception
{
    /// <summary>A revert without a receipt.</summary>
    public TransactionRevertedException()
    {
    }

    /// <summary>A revert without a receipt.</summary>
    public TransactionRevertedException(string message)
        : base(message)
    {
    }

    /// <summary>A revert without a receipt.</summary>
    public TransactionRevertedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The failed transaction's receipt and the revert data found by replaying it.</summary>
    public TransactionRevertedException(TransactionReceipt receipt, string? revertData, Exception? replayError)
        : base($"Transaction {receipt?.TransactionHash} reverted in block {receipt?.BlockNumber}; revert data: {revertData ?? "(none)"}", replayError)
    {
        Receipt = receipt;
        RevertData = revertData;
    }

    /// <summary>The failed transaction's receipt.</summary>
    public TransactionReceipt? Receipt { get; }

    /// <summary>The revert data (<c>0x</c> hex: a custom error's selector and arguments); null when the replay gave none.</summary>
    public string? RevertData { get; }

    /// <summary>True when <see cref="RevertData"/> starts with the selector of <paramref name="errorSignature"/>, e.g. <c>AlreadyWithdrawn(uint64)</c>.</summary>
    public bool IsRevert(string errorSignature) =>
        RevertData is { } data && data.StartsWith(Abi.Selector(errorSignature), StringComparison.Ordinal);
}
