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
    private readonly SortedDictionary<long, ChainDeposit> _outstanding = [];
    private readonly List<(long CommandSequence, ulong Block)> _awaitingDurable = [];
    private readonly Func<long> _durableSequence;
    private readonly Task _chainChecked;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DepositFollower? _follower;
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
    private long _loopErrors;
    private volatile string? _withdrawalsHalted;
    private volatile string? _halted;
    private volatile bool _depositsPaused;
    private volatile bool _withdrawalsPaused;

    /// <summary>
    /// A gateway for <paramref name="options"/> publishing into <paramref name="publisher"/>.
    /// <paramref name="durableSequence"/> is the journal's durable sequence (the cursor never
    /// passes a deposit whose command is not yet durable; null: every processed command is);
    /// <paramref name="http"/> is for tests (one is made otherwise).
    /// </summary>
    public ChainGateway(
        ChainGatewayOptions options, CommandPublisher publisher, TimeProvider time, ILogger logger, Func<long>? durableSequence = null, HttpClient? http = null)
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
        _heldPath = Path.Combine(options.StateDirectory, "held.jsonl");
        _durableSequence = durableSequence ?? (() => long.MaxValue);
        _chainChecked = _started.Task.ContinueWith(_ => CheckChainAsync(_stop.Token), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
    }

    private readonly string _heldPath;

    /// <summary>The operator's address (the escrow's operator must be it).</summary>
    public Address OperatorAddress => _operator.Address;

    /// <summary>What the gateway is doing, for <c>/metrics</c> and the admin endpoint.</summary>
    public ChainStatus Status => new(
        Interlocked.Read(ref _lastSeenBlock), Interlocked.Read(ref _confirmedBlock), Interlocked.Read(ref _pendingDeposits), PendingWithdrawals,
        Interlocked.Read(ref _rpcErrors), Interlocked.Read(ref _depositsCredited), _held.Count, Interlocked.Read(ref _depositsRefused),
        Interlocked.Read(ref _reorgs), Interlocked.Read(ref _withdrawalsCompleted), Interlocked.Read(ref _withdrawalsFailed), Interlocked.Read(ref _loopErrors),
        _halted, _withdrawalsHalted, _depositsPaused, _withdrawalsPaused);

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
        _started.TrySetResult();
        _deposits = Task.Run(() => RunDepositsAsync(_stop.Token));
        _withdrawals = Task.Run(() => RunWithdrawalsAsync(_stop.Token));
    }

    /// <summary>Stops both loops; what is in flight resumes after the next start.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _started.TrySetResult();
        foreach (var task in new[] { _deposits, _withdrawals, _chainChecked })
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

        try
        {
            SaveCursor();
        }
        catch (IOException e)
        {
            ChainLog.LoopFailed(_logger, "cursor", e);
        }
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
                Answered(e.Origin.CorrelationId, e.CommandSequence);
                Interlocked.Increment(ref _depositsCredited);
                break;
            case EventType.Rejected when e.Origin.GatewayId == GatewayId && e.CommandType == CommandType.Deposit:
                var refused = Answered(e.Origin.CorrelationId, e.CommandSequence);
                if (e.RejectReason != RejectReason.DuplicateDeposit && refused is not null)
                {
                    // A deposit for an unknown account, say: the tokens stay in the escrow; an operator must look.
                    Interlocked.Increment(ref _depositsRefused);
                    ChainLog.DepositRefused(_logger, refused.TransactionHash, refused.LogIndex, e.RejectReason);
                    Hold(refused, "refused by the core: " + e.RejectReason);
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
        await _chainChecked.ConfigureAwait(false);
        var cursor = LoadCursor();
        var from = Math.Max(_options.StartBlock, cursor is { } c ? c.Block + 1 - Math.Min(c.Block + 1, (ulong)_options.Confirmations) : 0);
        var backoff = new Backoff(_options.PollInterval, _options.MaxBackoff);
        if (cursor is { Hash: { } expected })
        {
            await CheckCursorAsync(cursor.Value.Block, expected, backoff, cancel).ConfigureAwait(false);
        }

        ChainLog.Following(_logger, _options.ChainId, from, _options.Escrow, _options.Confirmations);
        var follower = new DepositFollower(new RpcChainReader(_rpc, _options.Escrow), from, _options.Confirmations, _options.ReorgWindow);
        _follower = follower;
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
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Anything else (a full disk for the cursor, a node's answer we did not foresee):
                // the loop must not end silently; it is counted, logged and retried.
                await FailedLaterAsync("deposits", e, backoff, cancel).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The cursor's block must still be the one recorded: a reorg deeper than the confirmation
    /// depth while the gateway was stopped would otherwise go unseen, and a deposit moved to
    /// another position in its block could be credited twice.
    /// </summary>
    private async Task CheckCursorAsync(ulong block, Hash32 expected, Backoff backoff, CancellationToken cancel)
    {
        while (true)
        {
            try
            {
                var canonical = await _rpc.GetBlockByNumberAsync(block, cancel).ConfigureAwait(false);
                if (canonical is null || canonical.Hash != expected)
                {
                    _halted = $"block {block} ({expected}), below which every deposit was credited, is no longer canonical: a reorg below the confirmation depth while the gateway was stopped";
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
                    _halted = _withdrawalsHalted = $"the node is on chain {chainId}, not {_options.ChainId}";
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
            Hold(deposit, reason);
            return;
        }

        var correlation = Interlocked.Increment(ref _nextCorrelation);
        lock (_cursorLock)
        {
            _outstanding[correlation] = deposit;
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

    /// <summary>
    /// The core answered a deposit; returns it. It stays below the cursor until its command is
    /// durable in the journal, so a crash can never leave the cursor past a lost credit.
    /// </summary>
    private ChainDeposit? Answered(long correlation, long commandSequence)
    {
        lock (_cursorLock)
        {
            if (!_outstanding.Remove(correlation, out var deposit))
            {
                return null;
            }

            _awaitingDurable.Add((commandSequence, deposit.BlockNumber));
            return deposit;
        }
    }

    /// <summary>
    /// A deposit not credited: kept in memory for the status, and appended to
    /// <c>chain/held.jsonl</c> so it survives restarts. Once the cause is fixed (a token mapped,
    /// an account created), rescanning from before its block credits it — and nothing else twice.
    /// </summary>
    private void Hold(ChainDeposit deposit, string reason)
    {
        _held.Enqueue(new HeldDeposit(deposit, reason));
        ChainLog.Held(_logger, deposit.TransactionHash, deposit.LogIndex, reason);
        try
        {
            Directory.CreateDirectory(_options.StateDirectory);
            var line = System.Text.Json.JsonSerializer.Serialize(new
            {
                block = deposit.BlockNumber,
                transaction = deposit.TransactionHash.ToString(),
                logIndex = deposit.LogIndex,
                user = deposit.User.ToString(),
                token = deposit.Token.ToString(),
                account = deposit.AccountId,
                amount = deposit.Amount.ToString(CultureInfo.InvariantCulture),
                reason,
            });
            File.AppendAllText(_heldPath, line + "\n");
        }
        catch (IOException e)
        {
            ChainLog.LoopFailed(_logger, "held deposits file", e);
        }
    }

    /// <summary>The newest block whose deposits the core has all answered: below the oldest unanswered one, or the confirmed block.</summary>
    private void SaveCursor()
    {
        long cursor;
        lock (_cursorLock)
        {
            var durable = _durableSequence();
            _awaitingDurable.RemoveAll(a => a.CommandSequence <= durable);
            cursor = Volatile.Read(ref _confirmedBlock);
            foreach (var deposit in _outstanding.Values)
            {
                cursor = Math.Min(cursor, (long)deposit.BlockNumber - 1);
            }

            foreach (var (_, block) in _awaitingDurable)
            {
                cursor = Math.Min(cursor, (long)block - 1);
            }
        }

        if (cursor < 0)
        {
            return;
        }

        // The block's hash too, when the follower still holds it: the next start checks it is still canonical.
        var text = cursor.ToString(CultureInfo.InvariantCulture);
        if (_follower is { } follower && follower.TryGetHash((ulong)cursor, out var hash))
        {
            text += " " + hash;
        }

        Directory.CreateDirectory(_options.StateDirectory);
        var temporary = _cursorPath + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, _cursorPath, overwrite: true);
    }

    private (ulong Block, Hash32? Hash)? LoadCursor()
    {
        if (!File.Exists(_cursorPath))
        {
            return null;
        }

        var parts = File.ReadAllText(_cursorPath).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0 || !ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var block))
        {
            return null;
        }

        return (block, parts.Length > 1 && Hash32.TryParse(parts[1], out var hash) ? hash : null);
    }

    private async Task FailedLaterAsync(string loop, Exception e, Backoff backoff, CancellationToken cancel)
    {
        Interlocked.Increment(ref _loopErrors);
        ChainLog.LoopFailed(_logger, loop, e);
        await Task.Delay(backoff.Next(), _time, cancel).ConfigureAwait(false);
    }

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
    int HeldDeposits, long DepositsRefused, long Reorgs, long WithdrawalsCompleted, long WithdrawalsFailed, long LoopErrors, string? Halted,
    string? WithdrawalsHalted, bool DepositsPaused, bool WithdrawalsPaused);
