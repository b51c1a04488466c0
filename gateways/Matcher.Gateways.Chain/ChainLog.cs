using Matcher.Core.Events;
using Matcher.Gateways.Chain.Ethereum;
using Microsoft.Extensions.Logging;

namespace Matcher.Gateways.Chain;

/// <summary>The chain gateway's log messages. The operator's key is never logged.</summary>
internal static partial class ChainLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Chain: following chain {ChainId} from block {From} (escrow {Escrow}, {Confirmations} confirmations)")]
    public static partial void Following(ILogger logger, ulong chainId, ulong from, Address escrow, int confirmations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain: {Method} failed ({Failure}): {Message}; retrying in {Delay}")]
    public static partial void RpcFailed(ILogger logger, string method, EthRpcFailure failure, string message, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chain: deposit {Tx}#{LogIndex} of {Units} units of asset {AssetId} for account {AccountId} (block {Block})")]
    public static partial void Crediting(ILogger logger, Hash32 tx, ulong logIndex, long units, int assetId, ulong accountId, ulong block);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain: deposit {Tx}#{LogIndex} held, not credited: {Reason}")]
    public static partial void Held(ILogger logger, Hash32 tx, ulong logIndex, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chain: deposit {Tx}#{LogIndex} refused by the core: {Reason}")]
    public static partial void DepositRefused(ILogger logger, Hash32 tx, ulong logIndex, RejectReason reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Chain: DEPOSITS HALTED: {Reason}. Nothing more is credited until an operator restarts the gateway.")]
    public static partial void Halted(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chain: reorg detected at block {Block}; unconfirmed deposits are read again")]
    public static partial void Reorg(ILogger logger, long block);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chain: withdrawal {WithdrawalId} sent as {Tx} (nonce {Nonce})")]
    public static partial void WithdrawalSent(ILogger logger, long withdrawalId, Hash32 tx, ulong nonce);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chain: withdrawal {WithdrawalId} {Outcome}")]
    public static partial void WithdrawalFinished(ILogger logger, long withdrawalId, string outcome);

    [LoggerMessage(Level = LogLevel.Error, Message = "Chain: the {Loop} loop failed; retrying")]
    public static partial void LoopFailed(ILogger logger, string loop, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Chain: WITHDRAWALS HALTED: {Reason}. The funds stay locked until an operator looks.")]
    public static partial void WithdrawalsHalted(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain: {What} paused")]
    public static partial void Paused(ILogger logger, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chain: {What} resumed")]
    public static partial void Resumed(ILogger logger, string what);
}
