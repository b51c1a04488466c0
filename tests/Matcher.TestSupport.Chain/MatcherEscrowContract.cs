using System.Numerics;

namespace Matcher.TestSupport.Chain;

/// <summary>A deployed MatcherEscrow: typed calls with hand-encoded ABI, and its event and error signatures.</summary>
public sealed class MatcherEscrowContract
{
    /// <summary>Topics: [event, user, token, accountId]; data: amount.</summary>
    public const string DepositedEvent = "Deposited(address,address,uint64,uint256)";

    /// <summary>Topics: [event, withdrawalId, token, to]; data: amount.</summary>
    public const string WithdrawnEvent = "Withdrawn(uint64,address,address,uint256)";

    /// <summary>Data: the owner who paused.</summary>
    public const string PausedEvent = "Paused(address)";

    /// <summary>Data: the owner who unpaused.</summary>
    public const string UnpausedEvent = "Unpaused(address)";

    /// <summary>Data: the new operator.</summary>
    public const string OperatorChangedEvent = "OperatorChanged(address)";

    /// <summary>A withdrawal id paid before; its argument is the id.</summary>
    public const string AlreadyWithdrawnError = "AlreadyWithdrawn(uint64)";

    /// <summary>Deposits and withdrawals are paused (not "Paused()": an error may not share the event's name).</summary>
    public const string ContractPausedError = "ContractPaused()";

    /// <summary>unpause while not paused.</summary>
    public const string NotPausedError = "NotPaused()";

    /// <summary>withdraw from anyone but the operator.</summary>
    public const string NotOperatorError = "NotOperator()";

    /// <summary>setOperator, pause or unpause from anyone but the owner.</summary>
    public const string NotOwnerError = "NotOwner()";

    /// <summary>A deposit or withdrawal of zero.</summary>
    public const string ZeroAmountError = "ZeroAmount()";

    /// <summary>The zero address as operator or withdrawal recipient.</summary>
    public const string ZeroAddressError = "ZeroAddress()";

    /// <summary>The token is not a contract, reverted, or returned false.</summary>
    public const string TransferFailedError = "TransferFailed()";

    private MatcherEscrowContract(AnvilNode node, string address)
    {
        Node = node;
        Address = address;
    }

    /// <summary>The node the escrow lives on.</summary>
    public AnvilNode Node { get; }

    /// <summary>The escrow's lowercase address.</summary>
    public string Address { get; }

    /// <summary>Deploys an escrow owned by <paramref name="owner"/> (an unlocked account) with <paramref name="operatorAddress"/> as operator.</summary>
    public static async Task<MatcherEscrowContract> DeployAsync(AnvilNode node, string owner, string operatorAddress)
    {
        var address = await Contracts.DeployAsync(
            node, owner, Contracts.Load(Contracts.EscrowName), ["address"], operatorAddress).ConfigureAwait(false);
        return new MatcherEscrowContract(node, address);
    }

    /// <summary>A handle on an escrow already deployed at <paramref name="address"/>.</summary>
    public static MatcherEscrowContract At(AnvilNode node, string address) => new(node, Abi.NormalizeAddress(address));

    /// <summary>Call data of deposit(token, accountId, amount).</summary>
    public static string EncodeDeposit(string token, ulong accountId, BigInteger amount) =>
        Abi.EncodeCall("deposit(address,uint64,uint256)", token, accountId, amount);

    /// <summary>Call data of withdraw(withdrawalId, token, to, amount).</summary>
    public static string EncodeWithdraw(ulong withdrawalId, string token, string to, BigInteger amount) =>
        Abi.EncodeCall("withdraw(uint64,address,address,uint256)", withdrawalId, token, to, amount);

    /// <summary>deposit from <paramref name="user"/>, who must have approved the escrow for <paramref name="amount"/>.</summary>
    public Task<TransactionReceipt> DepositAsync(string user, string token, ulong accountId, BigInteger amount) =>
        Node.TransactAsync(user, Address, EncodeDeposit(token, accountId, amount));

    /// <summary>withdraw, sent by <paramref name="from"/> (only the operator succeeds).</summary>
    public Task<TransactionReceipt> WithdrawAsync(string from, ulong withdrawalId, string token, string to, BigInteger amount) =>
        Node.TransactAsync(from, Address, EncodeWithdraw(withdrawalId, token, to, amount));

    /// <summary>pause, sent by <paramref name="from"/> (only the owner succeeds).</summary>
    public Task<TransactionReceipt> PauseAsync(string from) => Node.TransactAsync(from, Address, Abi.EncodeCall("pause()"));

    /// <summary>unpause, sent by <paramref name="from"/> (only the owner succeeds).</summary>
    public Task<TransactionReceipt> UnpauseAsync(string from) => Node.TransactAsync(from, Address, Abi.EncodeCall("unpause()"));

    /// <summary>setOperator, sent by <paramref name="from"/> (only the owner succeeds).</summary>
    public Task<TransactionReceipt> SetOperatorAsync(string from, string newOperator) =>
        Node.TransactAsync(from, Address, Abi.EncodeCall("setOperator(address)", newOperator));

    /// <summary>withdrawn(withdrawalId): true once that id has been paid.</summary>
    public async Task<bool> WithdrawnAsync(ulong withdrawalId, string block = "latest") =>
        Abi.DecodeBool(await Node.CallAsync(Address, Abi.EncodeCall("withdrawn(uint64)", withdrawalId), block).ConfigureAwait(false));

    /// <summary>paused().</summary>
    public async Task<bool> PausedAsync() =>
        Abi.DecodeBool(await Node.CallAsync(Address, Abi.EncodeCall("paused()")).ConfigureAwait(false));

    /// <summary>operator().</summary>
    public async Task<string> OperatorAsync() =>
        Abi.DecodeAddress(await Node.CallAsync(Address, Abi.EncodeCall("operator()")).ConfigureAwait(false));

    /// <summary>owner().</summary>
    public async Task<string> OwnerAsync() =>
        Abi.DecodeAddress(await Node.CallAsync(Address, Abi.EncodeCall("owner()")).ConfigureAwait(false));
}
