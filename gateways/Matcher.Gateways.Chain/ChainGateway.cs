using System.Collections.Concurrent;
using System.Globalization;
using Matcher.Core;
using Matcher.Core.Commands;
using Matcher.Core.Events;
using Matcher.Core.Pipeline;
using Matcher.Core.State;
using Matcher.Core.Text;
using Matcher.Gateways.Chain.Ethereum;
using Matcher.Ring;
using Microsoft.Extensions.Logging;

namespace Matcher.Gateways.Chain;

/// <summary>
/// The chain gateway: credits the escrow's deposits once they have enough confirmations, and
/// pays the withdrawals the core has approved (funds locked) by signing the escrow's
/// <c>withdraw</c> transactions. Both go through the inbound ring as commands, like
/// everything else; the core credits each (transaction, log index) once, so the gateway may
/// rescan blocks after a restart, and the escrow pays each withdrawal id once, so it may send
/// a withdrawal again.
/// </summary>
/// <remarks>
/// <para>Two background loops (deposits, withdrawals) talk to the node and retry with capped
/// exponential back-off; the exchange keeps trading whatever the node does. The outbound
/// consumer (<see cref="OnEvent"/>) learns asset scales, the core's answers to deposits (to
/// advance the rescan cursor) and newly approved withdrawals.</para>
/// <para>The cursor (<c>chain/cursor</c>) is the newest block whose every deposit the core has
/// answered; a restart rescans from it, less the confirmation depth.</para>
/// </remarks>
public sealed partial class ChainGateway : IEntryHandler<EngineEvent>, IAsyncDisposable
{
    /// <summary>The gateway id in the origin of every command this gateway publishes.</summary>
    public const ushort GatewayId = 3;

    private const int DepositSession = 1;
    private const int WithdrawalSession = 2;

    private readonly ChainGatewayOptions _options;
    private readonly CommandPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly EthRpcClient _rpc;
    private readonly HttpClient? _ownedHttp;
    private readonly Secp256k1Signer _operator;
    private readonly Dictionary<Address, TokenMapping> _tokensByAddress = [];
    private readonly Dictionary<int, TokenMapping> _tokensByAsset = [];
    private readonly ConcurrentDictionary<int, int> _assetScales = new();
    private readonly Lock _cursorLock = new();
    private readonly SortedDictionary<long, ulong> _outstanding = [];
    private readonly ConcurrentQueue<HeldDeposit> _held = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _cursorPath;
    private Task? _deposits;
    private Task? _withdrawals;
    private long _nextCorrelation;
    private long _confirmedBlock = -1;
    private long _lastSeenBlock = -1;
    private long _pendingDeposits;
    private long _rpcErrors;
    private long _depositsCredited;
    private long _depositsRefused;
    private long _reorgs;
    private long _withdrawalsCompleted;
    private long _withdrawalsFailed;
    private volatile string? _halted;
    private volatile bool _depositsPaused;
    private volatile bool _withdrawalsPaused;

    /// <summary>A gateway for <paramref name="options"/> publishing into <paramref name="publisher"/>; <paramref name="http"/> is for tests (one is made otherwise).</summary>
    public ChainGateway(ChainGatewayOptions options, CommandPublisher publisher, TimeProvider time, ILogger logger, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _publisher = publisher;
        _time = time;
        _logger = logger;
        if (http is null)
        {
            _ownedHttp = new HttpClient();
            http = _ownedHttp;
        }

        _rpc = new EthRpcClient(http, new EthRpcClientOptions { Endpoint = options.RpcUrl });
        _operator = Secp256k1Signer.FromHex(options.OperatorKey);
        foreach (var token in options.Tokens)
        {
            _tokensByAddress[token.Token] = token;
            _tokensByAsset[token.AssetId] = token;
        }

        _depositsPaused = options.DepositsPaused;
        _withdrawalsPaused = options.WithdrawalsPaused;
        _cursorPath = Path.Combine(options.StateDirectory, "cursor");
    }

    /// <summary>The operator's address (the escrow's operator must be it).</summary>
    public Address OperatorAddress => _operator.Address;

    /// <summary>What the gateway is doing, for <c>/metrics</c> and the admin endpoint.</summary>
    public ChainStatus Status => new(
        Interlocked.Read(ref _lastSeenBlock), Interlocked.Read(ref _confirmedBlock), Interlocked.Read(ref _pendingDeposits), PendingWithdrawals,
        Interlocked.Read(ref _rpcErrors), Interlocked.Read(ref _depositsCredited), _held.Count, Interlocked.Read(ref _depositsRefused),
        Interlocked.Read(ref _reorgs), Interlocked.Read(ref _withdrawalsCompleted), Interlocked.Read(ref _withdrawalsFailed), _halted, _depositsPaused, _withdrawalsPaused);

    /// <summary>Deposits seen but not credited (unknown token, an amount that does not fit the asset), for operators.</summary>
    public IReadOnlyCollection<HeldDeposit> HeldDeposits => _held;

    /// <summary>Learns asset scales and the withdrawals still to pay from a recovered engine; before the rings start.</summary>
    public void LoadFrom(MatchingEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        foreach (var asset in engine.Assets)
        {
            _assetScales[asset.Id] = asset.Scale;
        }

        foreach (var withdrawal in engine.EnumerateWithdrawals())
        {
            EnqueueWithdrawal(withdrawal);
        }
    }

    /// <summary>Starts following deposits and paying withdrawals.</summary>
    public void Start()
    {
        _deposits = Task.Run(() => RunDepositsAsync(_stop.Token));
        _withdrawals = Task.Run(() => RunWithdrawalsAsync(_stop.Token));
    }

    /// <summary>Stops both loops; what is in flight resumes after the next start.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var task in new[] { _deposits, _withdrawals })
        {
            if (task is null)
            {
                continue;
            }

            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Asked to stop.
            }
        }

        SaveCursor();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
        _ownedHttp?.Dispose();
    }

    /// <summary>The kill switch for deposits (an admin command); following resumes where it stopped.</summary>
    public void PauseDeposits(bool paused)
    {
        _depositsPaused = paused;
        Log(paused, "deposits");
    }

    /// <summary>The kill switch for withdrawals (an admin command).</summary>
    public void PauseWithdrawals(bool paused)
    {
        _withdrawalsPaused = paused;
        Log(paused, "withdrawals");
    }

    /// <inheritdoc />
    public void OnEvent(ref EngineEvent e, long sequence, bool endOfBatch)
    {
        switch (e.Type)
        {
            case EventType.AssetAdded:
                _assetScales[e.AssetId] = e.AssetScale;
                break;
            case EventType.DepositApplied when e.Origin.GatewayId == GatewayId:
                Answered(e.Origin.CorrelationId);
                Interlocked.Increment(ref _depositsCredited);
                break;
            case EventType.Rejected when e.Origin.GatewayId == GatewayId && e.CommandType == CommandType.Deposit:
                Answered(e.Origin.CorrelationId);
                if (e.RejectReason != RejectReason.DuplicateDeposit)
                {
                    // A deposit for an unknown account, say: the tokens stay in the escrow; an operator must look.
                    Interlocked.Increment(ref _depositsRefused);
                    ChainLog.DepositRefused(_logger, e.TxHash, e.LogIndex, e.RejectReason);
                }

                break;
            case EventType.WithdrawalUpdated when e.WithdrawalState == WithdrawalState.Pending:
                EnqueueWithdrawal(new WithdrawalView(e.WithdrawalId, e.AccountId, e.AssetId, e.Amount, e.Destination));
                break;
        }
    }

    private void Log(bool paused, string what)
    {
        if (paused)
        {
            ChainLog.Paused(_logger, what);
        }
        else
        {
            ChainLog.Resumed(_logger, what);
        }
    }

    private async Task RunDepositsAsync(CancellationToken cancel)
    {
        var from = Math.Max(_options.StartBlock, LoadCursor() is { } cursor ? cursor + 1 - Math.Min(cursor + 1, (ulong)_options.Confirmations) : 0);
        await CheckChainAsync(cancel).ConfigureAwait(false);
        ChainLog.Following(_logger, _options.ChainId, from, _options.Escrow, _options.Confirmations);
        var follower = new DepositFollower(new RpcChainReader(_rpc, _options.Escrow), from, _options.Confirmations, _options.ReorgWindow);
        var backoff = new Backoff(_options.PollInterval, _options.MaxBackoff);
        while (!cancel.IsCancellationRequested)
        {
            if (_depositsPaused || _halted is not null)
            {
                await Task.Delay(_options.PollInterval, _time, cancel).ConfigureAwait(false);
                continue;
            }

            try
            {
                var reorgs = follower.Reorgs;
                var ready = await follower.PollAsync(cancel).ConfigureAwait(false);
                if (follower.Reorgs != reorgs)
                {
                    Interlocked.Exchange(ref _reorgs, follower.Reorgs);
                    ChainLog.Reorg(_logger, follower.LastSeen);
                }

                foreach (var deposit in ready)
                {
                    Credit(deposit);
                }

                Interlocked.Exchange(ref _lastSeenBlock, follower.LastSeen);
                Interlocked.Exchange(ref _pendingDeposits, follower.PendingDeposits);
                Volatile.Write(ref _confirmedBlock, follower.Confirmed);
                if (follower.Halted is { } reason)
                {
                    _halted = reason;
                    ChainLog.Halted(_logger, reason);
                }

                SaveCursor();
                backoff.Reset();
                await Task.Delay(_options.PollInterval, _time, cancel).ConfigureAwait(false);
            }
            catch (EthRpcException e)
            {
                await RetryLaterAsync(e, backoff, cancel).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Refuses to run against another chain than the one withdrawals are signed for.</summary>
    private async Task CheckChainAsync(CancellationToken cancel)
    {
        var backoff = new Backoff(_options.PollInterval, _options.MaxBackoff);
        while (true)
        {
            try
            {
                var chainId = await _rpc.ChainIdAsync(cancel).ConfigureAwait(false);
                if (chainId != _options.ChainId)
                {
                    _halted = $"the node is on chain {chainId}, not {_options.ChainId}";
                    ChainLog.Halted(_logger, _halted);
                }

                return;
            }
            catch (EthRpcException e)
            {
                await RetryLaterAsync(e, backoff, cancel).ConfigureAwait(false);
            }
        }
    }

    private void Credit(ChainDeposit deposit)
    {
        string? reason = null;
        long units = 0;
        if (!_tokensByAddress.TryGetValue(deposit.Token, out var token))
        {
            reason = $"token {deposit.Token} is not mapped to an asset";
        }
        else if (!_assetScales.TryGetValue(token.AssetId, out var scale))
        {
            reason = $"asset {token.AssetId} is not defined";
        }
        else if (!TokenAmounts.TryToUnits(deposit.Amount, token.Decimals, scale, out units))
        {
            reason = $"{deposit.Amount} (at {token.Decimals} decimals) is not a whole number of units of asset {token.AssetId} (scale {scale}), or too large";
        }
        else if (deposit.AccountId > long.MaxValue)
        {
            reason = $"account {deposit.AccountId} is not an account id";
        }

        if (reason is not null)
        {
            _held.Enqueue(new HeldDeposit(deposit, reason));
            ChainLog.Held(_logger, deposit.TransactionHash, deposit.LogIndex, reason);
            return;
        }

        var correlation = Interlocked.Increment(ref _nextCorrelation);
        lock (_cursorLock)
        {
            _outstanding[correlation] = deposit.BlockNumber;
        }

        ChainLog.Crediting(_logger, deposit.TransactionHash, deposit.LogIndex, units, token!.AssetId, deposit.AccountId, deposit.BlockNumber);
        var command = new Command
        {
            Type = CommandType.Deposit,
            AccountId = (long)deposit.AccountId,
            AssetId = token.AssetId,
            Amount = units,
            TxHash = TxHash.From(deposit.TransactionHash.ToArray()),
            LogIndex = checked((int)deposit.LogIndex),
            Origin = new Origin(GatewayId, DepositSession, correlation),
        };
        if (!_publisher.PublishWaiting(command))
        {
            // The server is stopping: the cursor stays below this block, so the next start rescans it.
            throw new OperationCanceledException("the server is stopping");
        }
    }

    private void Answered(long correlation)
    {
        lock (_cursorLock)
        {
            _outstanding.Remove(correlation);
        }
    }

    /// <summary>The newest block whose deposits the core has all answered: below the oldest unanswered one, or the confirmed block.</summary>
    private void SaveCursor()
    {
        long cursor;
        lock (_cursorLock)
        {
            cursor = _outstanding.Count > 0 ? (long)_outstanding.Values.Min() - 1 : Volatile.Read(ref _confirmedBlock);
        }

        if (cursor < 0)
        {
            return;
        }

        Directory.CreateDirectory(_options.StateDirectory);
        var temporary = _cursorPath + ".tmp";
        File.WriteAllText(temporary, cursor.ToString(CultureInfo.InvariantCulture));
        File.Move(temporary, _cursorPath, overwrite: true);
    }

    private ulong? LoadCursor() =>
        File.Exists(_cursorPath) && ulong.TryParse(File.ReadAllText(_cursorPath).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var block) ? block : null;

    private async Task RetryLaterAsync(EthRpcException e, Backoff backoff, CancellationToken cancel)
    {
        Interlocked.Increment(ref _rpcErrors);
        var delay = backoff.Next();
        ChainLog.RpcFailed(_logger, e.Method, e.Failure, e.Message, delay);
        await Task.Delay(delay, _time, cancel).ConfigureAwait(false);
    }

    /// <summary>Capped exponential back-off from the poll interval.</summary>
    private sealed class Backoff
    {
        private readonly TimeSpan _first;
        private readonly TimeSpan _max;
        private TimeSpan _next;

        public Backoff(TimeSpan first, TimeSpan max) => (_first, _max, _next) = (first, max, first);

        public TimeSpan Next()
        {
            var delay = _next;
            _next = TimeSpan.FromTicks(Math.Min(_max.Ticks, _next.Ticks * 2));
            return delay;
        }

        public void Reset() => _next = _first;
    }
}

/// <summary>A deposit the gateway saw but did not credit, and why.</summary>
public sealed record HeldDeposit(ChainDeposit Deposit, string Reason);

/// <summary>The chain gateway's state for metrics.</summary>
public sealed record ChainStatus(
    long LastSeenBlock, long ConfirmedBlock, long PendingDeposits, int PendingWithdrawals, long RpcErrors, long DepositsCredited,
    int HeldDeposits, long DepositsRefused, long Reorgs, long WithdrawalsCompleted, long WithdrawalsFailed, string? Halted, bool DepositsPaused,
    bool WithdrawalsPaused);
