using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Matcher.Gateways.Chain.Ethereum;

namespace Matcher.Gateways.Chain.Tests.Ethereum;

/// <summary>
/// Against a real node: runs when the MATCHER_ANVIL environment variable names an anvil binary (test.sh sets it),
/// which is started on a free port for the fixture; skipped otherwise.
/// </summary>
[NonParallelizable]
public sealed partial class AnvilTests : IDisposable
{
    private const ulong AnvilChainId = 31337;

    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(30);

    private Process? _anvil;
    private HttpClient? _http;
    private EthRpcClient _client = null!;
    private Secp256k1Signer _signer = null!;

    [OneTimeSetUp]
    public async Task StartAnvil()
    {
        var path = Environment.GetEnvironmentVariable("MATCHER_ANVIL");
        if (string.IsNullOrEmpty(path))
        {
            Assert.Ignore("set MATCHER_ANVIL to an anvil binary to run the real-node tests (test.sh does)");
        }

        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _anvil = new Process
        {
            StartInfo = new ProcessStartInfo(path, ["--port", "0", "--host", "127.0.0.1"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        // Keep draining both pipes for the whole run so that anvil never blocks on a full one.
        _anvil.OutputDataReceived += (_, e) =>
        {
            var match = e.Data is null ? null : ListeningLine().Match(e.Data);
            if (match is { Success: true })
            {
                listening.TrySetResult(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
            }
        };
        _anvil.ErrorDataReceived += (_, _) => { };
        _anvil.Start();
        _anvil.BeginOutputReadLine();
        _anvil.BeginErrorReadLine();

        var port = await listening.Task.WaitAsync(_startTimeout);
        _http = new HttpClient();
        _client = new EthRpcClient(_http, new EthRpcClientOptions { Endpoint = new Uri($"http://127.0.0.1:{port}") });
        _signer = Secp256k1Signer.FromHex(TestKeys.AnvilPrivateKey);
    }

    [OneTimeTearDown]
    public void StopAnvil()
    {
        if (_anvil is { HasExited: false })
        {
            _anvil.Kill(entireProcessTree: true);
            _anvil.WaitForExit(5000);
        }
    }

    public void Dispose()
    {
        _anvil?.Dispose();
        _http?.Dispose();
    }

    [Test]
    public async Task ChainIdAndBlockNumber_FreshNode_AnvilDefaultsAndMining()
    {
        Assert.That(await _client.ChainIdAsync(), Is.EqualTo(AnvilChainId));
        var before = await _client.BlockNumberAsync();

        await _client.SendAsync("anvil_mine", []);

        Assert.That(await _client.BlockNumberAsync(), Is.EqualTo(before + 1));
        var latest = await _client.GetBlockByNumberAsync(BlockTag.Latest);
        Assert.That(latest!.Number, Is.EqualTo(before + 1));
        var parent = await _client.GetBlockByHashAsync(latest.ParentHash);
        Assert.That(parent!.Number, Is.EqualTo(before));
        Assert.That(await _client.GetBlockByNumberAsync(before + 1000), Is.Null);
    }

    [Test]
    public async Task Eip1559ValueTransfer_FromFirstDevAccount_IsMinedAndCredited()
    {
        var recipient = Secp256k1Signer.FromHex("0x" + new string('1', 64)).Address;
        var value = BigInteger.Pow(10, 18);
        var balanceBefore = await _client.GetBalanceAsync(recipient, BlockTag.Latest);
        var nonce = await _client.GetTransactionCountAsync(_signer.Address, BlockTag.Pending);
        var baseFee = await _client.GetBaseFeeAsync();
        var tip = await _client.MaxPriorityFeePerGasAsync();
        var gas = await _client.EstimateGasAsync(new EthCallRequest { From = _signer.Address, To = recipient, Value = value });
        var transaction = new Eip1559Transaction
        {
            ChainId = await _client.ChainIdAsync(),
            Nonce = nonce,
            MaxPriorityFeePerGas = tip,
            MaxFeePerGas = (baseFee * 2) + tip,
            GasLimit = gas,
            To = recipient,
            Value = value,
        };

        var signed = transaction.Sign(_signer);
        var hash = await _client.SendRawTransactionAsync(signed);
        var receipt = await WaitForReceiptAsync(hash);

        Assert.That(gas, Is.EqualTo(21000UL));
        Assert.That(receipt.Succeeded, Is.True);
        Assert.That(receipt.GasUsed, Is.EqualTo(21000UL));
        Assert.That(receipt.TransactionHash, Is.EqualTo(signed.Hash));
        Assert.That(await _client.GetBalanceAsync(recipient, BlockTag.Latest), Is.EqualTo(balanceBefore + value));
        Assert.That(await _client.GetTransactionCountAsync(_signer.Address, BlockTag.Latest), Is.EqualTo(nonce + 1));
        var block = await _client.GetBlockByHashAsync(receipt.BlockHash);
        Assert.That(block!.Number, Is.EqualTo(receipt.BlockNumber));
    }

    [Test]
    public async Task ContractLog_DeployedThenCalled_SameLogFromReceiptAndGetLogs()
    {
        var ping = AbiEvent.Parse("Ping(uint256)");
        var nonce = await _client.GetTransactionCountAsync(_signer.Address, BlockTag.Pending);
        var deploy = await SendAsync(nonce, null, PingContractInitCode(ping.Topic0), 0);
        var expectedAddress = new Address(
            Keccak256.Hash(Rlp.Encode(RlpItem.List(RlpItem.FromAddress(_signer.Address), RlpItem.FromUInt64(nonce)))).ToArray().AsSpan(12));
        Assert.That(deploy.ContractAddress, Is.EqualTo(expectedAddress));

        var call = await SendAsync(nonce + 1, expectedAddress, [], 12345);
        var logs = await _client.GetLogsAsync(LogFilter.ForBlockHash(call.BlockHash, [expectedAddress], [[ping.Topic0]]));
        var ranged = await _client.GetLogsAsync(LogFilter.ForRange(call.BlockNumber, call.BlockNumber, [expectedAddress]));

        Assert.That(call.Logs, Has.Count.EqualTo(1));
        Assert.That(logs, Has.Count.EqualTo(1));
        Assert.That(ranged, Has.Count.EqualTo(1));
        var log = logs[0];
        Assert.That(log.TransactionHash, Is.EqualTo(call.TransactionHash));
        Assert.That(log.LogIndex, Is.EqualTo(call.Logs[0].LogIndex));
        Assert.That(log.Topics, Is.EqualTo(call.Logs[0].Topics));
        Assert.That(ping.Decode(log)[0].AsBigInteger(), Is.EqualTo(new BigInteger(12345)));
    }

    [Test]
    public async Task SendRawTransactionAsync_Garbage_RpcErrorFromRealNode()
    {
        var e = await Assert.ThrowsAsync<EthRpcException>(() => _client.SendRawTransactionAsync(new byte[] { 0x02, 0xc0 }));

        Assert.That(e!.Failure, Is.EqualTo(EthRpcFailure.RpcError));
        Assert.That(e.ErrorCode, Is.Not.Null);
    }

    /// <summary>
    /// Init code that deploys a contract whose every call logs Ping(msg.value):
    /// CALLVALUE, PUSH1 0, MSTORE, PUSH32 topic0, PUSH1 32, PUSH1 0, LOG1, STOP.
    /// </summary>
    private static byte[] PingContractInitCode(Hash32 topic0)
    {
        byte[] runtime = [0x34, 0x60, 0x00, 0x52, 0x7f, .. topic0.ToArray(), 0x60, 0x20, 0x60, 0x00, 0xa1, 0x00];
        byte length = (byte)runtime.Length;
        // CODECOPY(0, 12, length); RETURN(0, length): 12 bytes, then the runtime.
        byte[] init = [0x60, length, 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, length, 0x60, 0x00, 0xf3];
        return [.. init, .. runtime];
    }

    private async Task<EthReceipt> SendAsync(ulong nonce, Address? to, byte[] data, BigInteger value)
    {
        var baseFee = await _client.GetBaseFeeAsync();
        var gas = await _client.EstimateGasAsync(new EthCallRequest { From = _signer.Address, To = to, Data = data, Value = value });
        var signed = new Eip1559Transaction
        {
            ChainId = AnvilChainId,
            Nonce = nonce,
            MaxPriorityFeePerGas = 1,
            MaxFeePerGas = (baseFee * 2) + 1,
            GasLimit = gas + 10_000,
            To = to,
            Value = value,
            Data = data,
        }.Sign(_signer);
        var receipt = await WaitForReceiptAsync(await _client.SendRawTransactionAsync(signed));
        Assert.That(receipt.Succeeded, Is.True);
        return receipt;
    }

    private async Task<EthReceipt> WaitForReceiptAsync(Hash32 hash)
    {
        // anvil mines each transaction at once; the loop only covers scheduling delays.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await _client.GetTransactionReceiptAsync(hash) is { } receipt)
            {
                return receipt;
            }

            await Task.Delay(100);
        }

        throw new AssertionException($"no receipt for {hash} after 10 s");
    }

    [GeneratedRegex(@"Listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
