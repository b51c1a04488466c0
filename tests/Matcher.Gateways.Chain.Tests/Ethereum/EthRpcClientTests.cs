using System.Net;
using System.Net.Sockets;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Matcher.Gateways.Chain.Ethereum;

namespace Matcher.Gateways.Chain.Tests.Ethereum;

public sealed class EthRpcClientTests : IDisposable
{
    private const string BlockHash = "0x8c0d3b1e6f8b41a4d0b8d7c1bcfc9c5b0e1f6bd5a7f9b6a25b2d8b0d0d7a6e11";
    private const string ParentHash = "0x1111111111111111111111111111111111111111111111111111111111111111";
    private const string TxHash = "0x2222222222222222222222222222222222222222222222222222222222222222";
    private const string Contract = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";

    private static readonly string _transferTopic = Abi.EventTopic("Transfer(address,address,uint256)").ToString();

    private FakeJsonRpcNode _node = null!;
    private HttpClient _http = null!;
    private EthRpcClient _client = null!;

    private static string BlockJson(string number = "0x7b", string hash = BlockHash, string extra = "") =>
        $$"""{"number":"{{number}}","hash":"{{hash}}","parentHash":"{{ParentHash}}","timestamp":"0x6553f100","baseFeePerGas":"0x3b9aca00","gasUsed":"0x0"{{extra}}}""";

    private static string LogJson(string topics, string data = "0x00000000000000000000000000000000000000000000000000000000000003e8") =>
        $$"""{"address":"{{Contract}}","topics":{{topics}},"data":"{{data}}","blockNumber":"0x7b","blockHash":"{{BlockHash}}","transactionHash":"{{TxHash}}","transactionIndex":"0x2","logIndex":"0x5","removed":false}""";

    [OneTimeSetUp]
    public async Task StartNode()
    {
        _node = await FakeJsonRpcNode.StartAsync();
        _http = new HttpClient();
    }

    [OneTimeTearDown]
    public async Task StopNode()
    {
        await _node.DisposeAsync();
    }

    public void Dispose()
    {
        _http.Dispose();
    }

    [SetUp]
    public void NewClient()
    {
        _node.ClearRequests();
        _client = new EthRpcClient(_http, new EthRpcClientOptions { Endpoint = _node.Endpoint, CallTimeout = TimeSpan.FromSeconds(5) });
    }

    [Test]
    public async Task ChainIdAsync_WellFormed_ParsesAndSendsJsonRpc20()
    {
        _node.Handler = r => FakeReply.Result(r, "\"0x7a69\"");

        var chainId = await _client.ChainIdAsync();

        Assert.That(chainId, Is.EqualTo(31337UL));
        var request = _node.LastRequest;
        Assert.That(request.Method, Is.EqualTo("eth_chainId"));
        Assert.That(request.Params.GetArrayLength(), Is.Zero);
        Assert.That(request.ContentType, Does.StartWith("application/json"));
    }

    [Test]
    public async Task Calls_EachRequest_HasANewNumericId()
    {
        _node.Handler = r => FakeReply.Result(r, "\"0x1\"");

        await _client.BlockNumberAsync();
        await _client.BlockNumberAsync();
        await _client.BlockNumberAsync();

        var ids = _node.Requests.Select(r => r.Id).ToArray();
        Assert.That(ids, Is.Unique);
        Assert.That(ids, Is.Ordered);
    }

    [Test]
    public async Task BlockNumberAsync_WellFormed_Parses()
    {
        _node.Handler = r => FakeReply.Result(r, "\"0x12a05f200\"");

        Assert.That(await _client.BlockNumberAsync(), Is.EqualTo(5_000_000_000UL));
    }

    [Test]
    public async Task GetBlockByNumberAsync_Number_SendsHexAndParsesHeader()
    {
        _node.Handler = r => FakeReply.Result(r, BlockJson());

        var block = await _client.GetBlockByNumberAsync(123);

        Assert.That(block, Is.EqualTo(new EthBlock(123, Hash32.Parse(BlockHash), Hash32.Parse(ParentHash), 0x6553f100, 1_000_000_000)));
        Assert.That(_node.LastRequest.Method, Is.EqualTo("eth_getBlockByNumber"));
        Assert.That(_node.LastRequest.Params.GetRawText(), Is.EqualTo("[\"0x7b\",false]"));
    }

    [TestCase("latest")]
    [TestCase("safe")]
    [TestCase("finalized")]
    public async Task GetBlockByNumberAsync_NamedTag_SendsTheName(string tag)
    {
        _node.Handler = r => FakeReply.Result(r, BlockJson());
        var blockTag = tag switch
        {
            "latest" => BlockTag.Latest,
            "safe" => BlockTag.Safe,
            _ => BlockTag.Finalized,
        };

        await _client.GetBlockByNumberAsync(blockTag);

        Assert.That(_node.LastRequest.Params[0].GetString(), Is.EqualTo(tag));
    }

    [Test]
    public async Task GetBlockByNumberAsync_NullResult_ReturnsNull()
    {
        _node.Handler = r => FakeReply.Result(r, "null");

        Assert.That(await _client.GetBlockByNumberAsync(999_999), Is.Null);
    }

    [Test]
    public async Task GetBlockByHashAsync_WellFormed_SendsHashAndParses()
    {
        _node.Handler = r => FakeReply.Result(r, BlockJson(extra: ",\"baseFeePerGas\":null"));

        var block = await _client.GetBlockByHashAsync(Hash32.Parse(BlockHash));

        Assert.That(_node.LastRequest.Method, Is.EqualTo("eth_getBlockByHash"));
        Assert.That(_node.LastRequest.Params.GetRawText(), Is.EqualTo($"[\"{BlockHash}\",false]"));
        Assert.That(block!.Hash.ToString(), Is.EqualTo(BlockHash));
    }

    [Test]
    public async Task GetLogsAsync_ByBlockHash_SendsFilterAndParsesLogs()
    {
        var topics = $"[\"{_transferTopic}\",\"{ParentHash}\",\"{TxHash}\"]";
        _node.Handler = r => FakeReply.Result(r, $"[{LogJson(topics)}]");
        var filter = LogFilter.ForBlockHash(
            Hash32.Parse(BlockHash),
            [Address.Parse(Contract)],
            [[Hash32.Parse(_transferTopic)], null, [Hash32.Parse(TxHash), Hash32.Parse(ParentHash)]]);

        var logs = await _client.GetLogsAsync(filter);

        var sent = _node.LastRequest.Params[0];
        Assert.That(sent.GetProperty("blockHash").GetString(), Is.EqualTo(BlockHash));
        Assert.That(sent.TryGetProperty("fromBlock", out _), Is.False);
        Assert.That(sent.GetProperty("address").GetRawText(), Is.EqualTo($"[\"{Contract}\"]"));
        Assert.That(sent.GetProperty("topics").GetRawText(), Is.EqualTo($"[[\"{_transferTopic}\"],null,[\"{TxHash}\",\"{ParentHash}\"]]"));
        Assert.That(logs, Has.Count.EqualTo(1));
        var log = logs[0];
        Assert.That(log.Address, Is.EqualTo(Address.Parse(Contract)));
        Assert.That(log.Topics.Select(t => t.ToString()), Is.EqualTo(new[] { _transferTopic, ParentHash, TxHash }));
        Assert.That(Abi.DecodeUInt256(log.Data.Span), Is.EqualTo(new BigInteger(1000)));
        Assert.That(log.BlockNumber, Is.EqualTo(123UL));
        Assert.That(log.BlockHash.ToString(), Is.EqualTo(BlockHash));
        Assert.That(log.TransactionHash.ToString(), Is.EqualTo(TxHash));
        Assert.That(log.TransactionIndex, Is.EqualTo(2UL));
        Assert.That(log.LogIndex, Is.EqualTo(5UL));
        Assert.That(log.Removed, Is.False);
    }

    [Test]
    public async Task GetLogsAsync_ByRange_SendsFromAndToBlock()
    {
        _node.Handler = r => FakeReply.Result(r, "[]");

        var logs = await _client.GetLogsAsync(LogFilter.ForRange(100, BlockTag.Finalized));

        var sent = _node.LastRequest.Params[0];
        Assert.That(logs, Is.Empty);
        Assert.That(sent.GetProperty("fromBlock").GetString(), Is.EqualTo("0x64"));
        Assert.That(sent.GetProperty("toBlock").GetString(), Is.EqualTo("finalized"));
        Assert.That(sent.TryGetProperty("blockHash", out _), Is.False);
        Assert.That(sent.TryGetProperty("address", out _), Is.False);
    }

    [Test]
    public void LogFilter_BackwardsRangeOrFiveTopics_Refused()
    {
        Assert.Throws<ArgumentException>(() => LogFilter.ForRange(10, 9));
        Assert.Throws<ArgumentException>(() => LogFilter.ForRange(1, 2, topics: [null, null, null, null, null]));
    }

    [Test]
    public async Task GetTransactionCountAsync_Pending_SendsAddressAndTag()
    {
        _node.Handler = r => FakeReply.Result(r, "\"0x9\"");

        var nonce = await _client.GetTransactionCountAsync(Address.Parse(Contract), BlockTag.Pending);

        Assert.That(nonce, Is.EqualTo(9UL));
        Assert.That(_node.LastRequest.Params.GetRawText(), Is.EqualTo($"[\"{Contract}\",\"pending\"]"));
    }

    [Test]
    public async Task SendRawTransactionAsync_SignedTransaction_SendsHexAndChecksHash()
    {
        var signed = new Eip1559Transaction
        {
            ChainId = 31337,
            Nonce = 0,
            MaxPriorityFeePerGas = 1,
            MaxFeePerGas = 2,
            GasLimit = 21000,
            To = Address.Zero,
        }.Sign(TestKeys.Eip155Signer());
        _node.Handler = r => FakeReply.Result(r, $"\"{signed.Hash}\"");

        var hash = await _client.SendRawTransactionAsync(signed);

        Assert.That(hash, Is.EqualTo(signed.Hash));
        Assert.That(_node.LastRequest.Params[0].GetString(), Is.EqualTo(signed.ToHex()));
    }

    [Test]
    public async Task SendRawTransactionAsync_NodeReportsAnotherHash_Malformed()
    {
        var signed = _ = new Eip1559Transaction
        {
            ChainId = 1,
            Nonce = 0,
            MaxPriorityFeePerGas = 1,
            MaxFeePerGas = 2,
            GasLimit = 21000,
            To = Address.Zero,
        }.Sign(TestKeys.Eip155Signer());
        _node.Handler = r => FakeReply.Result(r, $"\"{TxHash}\"");

        var e = await Assert.ThrowsAsync<EthRpcException>(() => _client.SendRawTransactionAsync(signed));

        Assert.That(e!.Failure, Is.EqualTo(EthRpcFailure.Malformed));
        Assert.That(e.Message, Does.Contain(TxHash));
    }

    [Test]
    public async Task GetTransactionReceiptAsync_Mined_ParsesReceiptAndLogs()
    {
        var topics = $"[\"{_transferTopic}\"]";
        var receipt = $$"""{"transactionHash":"{{TxHash}}","status":"0x1","blockNumber":"0x7b","blockHash":"{{BlockHash}}","transactionIndex":"0x2","gasUsed":"0x5208","effectiveGasPrice":"0x3b9aca07","contractAddress":null,"logs":[{{LogJson(topics)}}]}""";
        _node.Handler = r => FakeReply.Result(r, receipt);

        var result = await _client.GetTransactionReceiptAsync(Hash32.Parse(TxHash));

        Assert.That(_node.LastRequest.Params.GetRawText(), Is.EqualTo($"[\"{TxHash}\"]"));
        Assert.That(result!.Succeeded, Is.True);
        Assert.That(result.Status, Is.EqualTo(1UL));
        Assert.That(result.BlockNumber, Is.EqualTo(123UL));
        Assert.That(result.BlockHash.ToString(), Is.EqualTo(BlockHash));
        Assert.That(result.GasUsed, Is.EqualTo(21000UL));
        Assert.That(result.EffectiveGasPrice, Is.EqualTo(new BigInteger(1_000_000_007)));
        Assert.That(result.ContractAddress, Is.Null);
        Assert.That(result.Logs, Has.Count.EqualTo(1));
        Assert.That(result.Logs[0].LogIndex, Is.EqualTo(5UL));
    }

    [Test]
    public async Task GetTransactionReceiptAsync_Pending_ReturnsNull()
    {
        _node.Handler = r => FakeReply.Result(r, "null");

        Assert.That(await _client.GetTransactionReceiptAsync(Hash32.Parse(TxHash)), Is.Null);
    }

    [Test]
    public async Task GetTransactionReceiptAsync_StatusTwo_Malformed()
    {
        var receipt = $$"""{"transactionHash":"{{TxHash}}","status":"0x2","blockNumber":"0x7b","blockHash":"{{BlockHash}}","transactionIndex":"0x2","gasUsed":"0x5208","logs":[]}""";
        _node.Handler = r => FakeReply.Result(r, receipt);

        var e = await Assert.ThrowsAsync<EthRpcException>(() => _client.GetTransactionReceiptAsync(Hash32.Parse(TxHash)));

        Assert.That(e!.Failure, Is.EqualTo(EthRpcFailure.Malformed));
        Assert.That(e.Message, Does.Contain("status"));
    }

    [Test]
    public async Task EstimateGasAsync_Request_SendsCallObject()
    {
        _node.Handler = r => FakeReply.Result(r, "\"0xb411\"");
        var request = new EthCallRequest
        {
            From = Address.Parse(TestKeys.AnvilAddress),
            To = Address.Parse(Contract),
            Value = 1000,
            Data = new byte[] { 0xa9, 0x05, 0x9c, 0xbb },
        };

        var gas = await _client.EstimateGasAsync(request);

        Assert.That(gas, Is.EqualTo(46097UL));
        Assert.That(
            _node.LastRequest.Params.GetRawText(),
            Is.EqualTo($"[{{\"from\":\"{TestKeys.AnvilAddress.ToLowerInvariant()}\",\"to\":\"{Contract}\",\"value\":\"0x3e8\",\"data\":\"0xa9059cbb\"}}]"));
    }

    [Test]
    public async Task MaxPriorityFeePerGasAsync_WellFormed_Parses()
    {
        _node.Handler = r => FakeReply.Result(r, "\"0x59682f00\"");

        Assert.That(await _client.MaxPriorityFeePerGasAsync(), Is.EqualTo(new BigInteger(1_500_000_000)));
    }

    [Test]
    public async Task GetBaseFeeAsync_LatestBlock_ReturnsItsBaseFee()
    {
        _node.Handler = r => FakeReply.Result(r, BlockJson());

        Assert.That(await _client.GetBaseFeeAsync(), Is.EqualTo(new BigInteger(1_000_000_000)));
        Assert.That(_node.LastRequest.Params.GetRawText(), Is.EqualTo("[\"latest\",false]"));
    }

    [Test]
    public async Task GetBaseFeeAsync_BlockWithoutBaseFee_Throws()
    {
        _node.Handler = r => FakeReply.Result(r, BlockJson(extra: ",\"baseFeePerGas\":null"));

        var e = await Assert.ThrowsAsync<EthRpcException>(() => _client.GetBaseFeeAsync());

        Assert.That(e!.Message, Does.Contain("baseFeePerGas"));
    }

    [Test]
    public async Task CallAsync_BalanceOf_ReturnsDataDecodedByAbi()
    {
        _node.Handler = r => FakeReply.Result(r, "\"0x00000000000000000000000000000000000000000000000000000000000f4240\"");
        var data = Abi.EncodeCall("balanceOf(address)", AbiValue.FromAddress(Address.Parse(TestKeys.AnvilAddress)));

        var result = await _client.CallAsync(Address.Parse(Contract), data, BlockTag.Safe);

        Assert.That(Abi.DecodeUInt256(result), Is.EqualTo(new BigInteger(1_000_000)));
        var sent = _node.LastRequest.Params;
        Assert.That(sent[0].GetProperty("to").GetString(), Is.EqualTo(Contract));
        Assert.That(sent[0].GetProperty("data").GetString(), Is.EqualTo(Hex.Encode(data)));
        Assert.That(sent[1].GetString(), Is.EqualTo("safe"));
    }

    [Test]
    public async Task SendAsync_AnyMethod_PassesParamsAndReturnsResult()
    {
        _node.Handler = r => FakeReply.Result(r, "{\"ok\":[1,2]}");

        var result = await _client.SendAsync("anvil_setBalance", [Contract, "0x1", null]);

        Assert.That(_node.LastRequest.Method, Is.EqualTo("anvil_setBalance"));
        Assert.That(_node.LastRequest.Params.GetRawText(), Is.EqualTo($"[\"{Contract}\",\"0x1\",null]"));
        Assert.That(result.GetProperty("ok")[1].GetInt32(), Is.EqualTo(2));
    }

    private static IEnumerable<TestCaseData> MalformedAnswers()
    {
        TestCaseData Case(string name, Func<FakeRequest, string> body, string expected) =>
            new TestCaseData(body, expected).SetName("ChainIdAsync_" + name + "_Malformed");

        yield return Case("NotJson", _ => "hello", "not JSON");
        yield return Case("EmptyBody", _ => "", "not JSON");
        yield return Case("TruncatedJson", r => $"{{\"jsonrpc\":\"2.0\",\"id\":{r.IdJson},\"result\":\"0x1", "not JSON");
        yield return Case("JsonArray", _ => "[1]", "not a JSON-RPC response object");
        yield return Case("JsonString", _ => "\"0x1\"", "not a JSON-RPC response object");
        yield return Case("MissingResult", r => $"{{\"jsonrpc\":\"2.0\",\"id\":{r.IdJson}}}", "neither a result nor an error");
        yield return Case("MissingVersion", r => $"{{\"id\":{r.IdJson},\"result\":\"0x1\"}}", "jsonrpc");
        yield return Case("WrongVersion", r => $"{{\"jsonrpc\":\"1.0\",\"id\":{r.IdJson},\"result\":\"0x1\"}}", "jsonrpc");
        yield return Case("WrongId", r => $"{{\"jsonrpc\":\"2.0\",\"id\":{r.Id + 1},\"result\":\"0x1\"}}", "id");
        yield return Case("StringId", r => $"{{\"jsonrpc\":\"2.0\",\"id\":\"{r.IdJson}\",\"result\":\"0x1\"}}", "id");
        yield return Case("NullIdWithResult", _ => "{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":\"0x1\"}", "id");
        yield return Case("MissingId", _ => "{\"jsonrpc\":\"2.0\",\"result\":\"0x1\"}", "no id");
        yield return Case("ResultNumber", r => $"{{\"jsonrpc\":\"2.0\",\"id\":{r.IdJson},\"result\":12}}", "not a string");
        yield return Case("ResultNull", r => $"{{\"jsonrpc\":\"2.0\",\"id\":{r.IdJson},\"result\":null}}", "not a string");
        yield return Case("ResultBadDigit", r => $"{{\"jsonrpc\":\"2.0\",\"id\":{r.IdJson},\"result\":\"0xzz\"}}", "not a hex digit");
        yield return Case("ResultNoDigits", r => $"{{\"jsonrpc\":\"2.0\",\"id\":{r.IdJson},\"result\":\"0x\"}}", "no digits");
        yield return Case("ResultNoPrefix", r => $"{{\"jsonrpc\":\"2.0\",\"id\":{r.IdJson},\"result\":\"7a69\"}}", "0x");
        yield return Case("ResultTooLarge", r => $"{{\"jsonrpc\":\"2.0\",\"id\":{r.IdJson},\"result\":\"0x10000000000000000\"}}", "64 bits");
        yield return Case("ErrorWithoutCode", r => $"{{\"jsonrpc\":\"2.0\",\"id\":{r.IdJson},\"error\":{{\"message\":\"x\"}}}}", "no integer code");
        yield return Case("ErrorNotObject", r => $"{{\"jsonrpc\":\"2.0\",\"id\":{r.IdJson},\"error\":\"boom\"}}", "no integer code");
    }

    [TestCaseSource(nameof(MalformedAnswers))]
    public async Task ChainIdAsync_MalformedAnswer_EthRpcException(Func<FakeRequest, string> body, string expected)
    {
        _node.Handler = r => new FakeReply(body(r));

        var e = await Assert.ThrowsAsync<EthRpcException>(() => _client.ChainIdAsync());

        Assert.That(e!.Failure, Is.EqualTo(EthRpcFailure.Malformed));
        Assert.That(e.Method, Is.EqualTo("eth_chainId"));
        Assert.That(e.Message, Does.StartWith("eth_chainId: malformed answer"));
        Assert.That(e.Message, Does.Contain(expected));
    }

    [Test]
    public async Task Call_ErrorObject_RpcErrorWithCode()
    {
        _node.Handler = r => FakeReply.Error(r, "{\"code\":-32000,\"message\":\"nonce too low\"}");

        var e = await Assert.ThrowsAsync<EthRpcException>(() => _client.SendRawTransactionAsync(new byte[] { 1 }));

        Assert.That(e!.Failure, Is.EqualTo(EthRpcFailure.RpcError));
        Assert.That(e.ErrorCode, Is.EqualTo(-32000));
        Assert.That(e.ErrorData, Is.Null);
        Assert.That(e.Message, Does.Contain("eth_sendRawTransaction").And.Contain("-32000").And.Contain("nonce too low"));
    }

    [Test]
    public async Task Call_RevertWithData_RpcErrorCarriesData()
    {
        _node.Handler = r => FakeReply.Error(r, "{\"code\":3,\"message\":\"execution reverted\",\"data\":\"0x08c379a0\"}");

        var e = await Assert.ThrowsAsync<EthRpcException>(() => _client.CallAsync(Address.Zero, Array.Empty<byte>(), BlockTag.Latest));

        Assert.That(e!.ErrorCode, Is.EqualTo(3));
        Assert.That(e.ErrorData, Is.EqualTo("\"0x08c379a0\""));
    }

    [Test]
    public async Task Call_ParseErrorWithNullId_RpcError()
    {
        _node.Handler = _ => new FakeReply("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"parse error\"}}");

        var e = await Assert.ThrowsAsync<EthRpcException>(() => _client.ChainIdAsync());

        Assert.That(e!.Failure, Is.EqualTo(EthRpcFailure.RpcError));
        Assert.That(e.ErrorCode, Is.EqualTo(-32700));
    }

    [TestCase(500)]
    [TestCase(429)]
    [TestCase(404)]
    public async Task Call_HttpErrorStatus_HttpStatusFailure(int status)
    {
        _node.Handler = _ => new FakeReply("upstream says no", status);

        var e = await Assert.ThrowsAsync<EthRpcException>(() => _client.ChainIdAsync());

        Assert.That(e!.Failure, Is.EqualTo(EthRpcFailure.HttpStatus));
        Assert.That(e.StatusCode, Is.EqualTo((HttpStatusCode)status));
        Assert.That(e.Message, Does.Contain($"HTTP {status}").And.Contain("upstream says no"));
    }

    [Test]
    public async Task Call_SlowNode_TimeoutFailure()
    {
        _node.Handler = r => FakeReply.Result(r, "\"0x1\"") with { Delay = TimeSpan.FromSeconds(10) };
        var client = new EthRpcClient(_http, new EthRpcClientOptions { Endpoint = _node.Endpoint, CallTimeout = TimeSpan.FromMilliseconds(200) });

        var e = await Assert.ThrowsAsync<EthRpcException>(() => client.ChainIdAsync());

        Assert.That(e!.Failure, Is.EqualTo(EthRpcFailure.Timeout));
        Assert.That(e.Message, Does.Contain("no answer"));
    }

    [Test]
    public async Task Call_CallerCancels_OperationCanceledNotEthRpcException()
    {
        _node.Handler = r => FakeReply.Result(r, "\"0x1\"") with { Delay = TimeSpan.FromSeconds(10) };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.CatchAsync<OperationCanceledException>(() => _client.ChainIdAsync(cancel.Token));
    }

    [Test]
    public async Task Call_NodeDown_TransportFailure()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var client = new EthRpcClient(_http, new EthRpcClientOptions { Endpoint = new Uri($"http://127.0.0.1:{port}/v3/SECRETKEY") });

        var e = await Assert.ThrowsAsync<EthRpcException>(() => client.ChainIdAsync());

        Assert.That(e!.Failure, Is.EqualTo(EthRpcFailure.Transport));
        Assert.That(e.Message, Does.Contain($"127.0.0.1:{port}"));
        Assert.That(e.Message, Does.Not.Contain("SECRETKEY"), "the endpoint path may hold an API key");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Call_AnswerOverTheLimit_Malformed(bool withContentLength)
    {
        var padding = new string(' ', 4000);
        _node.Handler = r => new FakeReply(FakeReply.Result(r, "\"0x1\"").Body + padding, WithContentLength: withContentLength);
        var client = new EthRpcClient(_http, new EthRpcClientOptions { Endpoint = _node.Endpoint, MaxResponseBytes = 1024 });

        var e = await Assert.ThrowsAsync<EthRpcException>(() => client.ChainIdAsync());

        Assert.That(e!.Failure, Is.EqualTo(EthRpcFailure.Malformed));
        Assert.That(e.Message, Does.Contain("limit"));
    }

    [TestCase("\"hash\":\"0x1234\"", "field 'hash'")]
    [TestCase("\"parentHash\":null", "field 'parentHash' is missing")]
    [TestCase("\"timestamp\":1700000000", "field 'timestamp'")]
    [TestCase("\"baseFeePerGas\":\"0xg\"", "field 'baseFeePerGas'")]
    public async Task GetBlockByNumberAsync_BadField_MalformedNamingTheField(string replacement, string expected)
    {
        var field = replacement[1..replacement.IndexOf('"', 1)];
        var json = JsonNode.Parse(BlockJson())!.AsObject();
        json[field] = JsonNode.Parse("{" + replacement + "}")![field]?.DeepClone();
        _node.Handler = r => FakeReply.Result(r, json.ToJsonString());

        var e = await Assert.ThrowsAsync<EthRpcException>(() => _client.GetBlockByNumberAsync(BlockTag.Latest));

        Assert.That(e!.Failure, Is.EqualTo(EthRpcFailure.Malformed));
        Assert.That(e.Message, Does.Contain(expected));
    }

    [Test]
    public async Task GetBlockByNumberAsync_ResultNotObject_Malformed()
    {
        _node.Handler = r => FakeReply.Result(r, "\"0x1\"");

        var e = await Assert.ThrowsAsync<EthRpcException>(() => _client.GetBlockByNumberAsync(1));

        Assert.That(e!.Message, Does.Contain("not an object"));
    }

    [TestCase("\"topics\":\"0x\"", "not an array")]
    [TestCase("\"topics\":[\"0x01\"]", "topics[0]")]
    [TestCase("\"data\":\"0x123\"", "field 'data'")]
    [TestCase("\"logIndex\":null", "field 'logIndex' is missing")]
    [TestCase("\"removed\":\"no\"", "field 'removed'")]
    [TestCase("\"address\":\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD\"", "EIP-55")]
    public async Task GetLogsAsync_BadLog_MalformedNamingTheEntry(string replacement, string expected)
    {
        var field = replacement[1..replacement.IndexOf('"', 1)];
        var json = JsonNode.Parse(LogJson($"[\"{_transferTopic}\"]"))!.AsObject();
        json[field] = JsonNode.Parse("{" + replacement + "}")![field]?.DeepClone();
        _node.Handler = r => FakeReply.Result(r, $"[{LogJson("[]")},{json.ToJsonString()}]");

        var e = await Assert.ThrowsAsync<EthRpcException>(() => _client.GetLogsAsync(LogFilter.ForRange(1, 2)));

        Assert.That(e!.Failure, Is.EqualTo(EthRpcFailure.Malformed));
        Assert.That(e.Message, Does.Contain("result[1]").And.Contain(expected));
    }

    [Test]
    public async Task GetLogsAsync_FiveTopics_Malformed()
    {
        var topics = "[" + string.Join(",", Enumerable.Repeat($"\"{TxHash}\"", 5)) + "]";
        _node.Handler = r => FakeReply.Result(r, $"[{LogJson(topics)}]");

        var e = await Assert.ThrowsAsync<EthRpcException>(() => _client.GetLogsAsync(LogFilter.ForRange(1, 2)));

        Assert.That(e!.Message, Does.Contain("at most 4"));
    }

    [Test]
    public async Task GetTransactionReceiptAsync_LogsNotArray_Malformed()
    {
        var receipt = $$"""{"transactionHash":"{{TxHash}}","status":"0x1","blockNumber":"0x7b","blockHash":"{{BlockHash}}","transactionIndex":"0x2","gasUsed":"0x5208","logs":{ } }""";
        _node.Handler = r => FakeReply.Result(r, receipt);

        var e = await Assert.ThrowsAsync<EthRpcException>(() => _client.GetTransactionReceiptAsync(Hash32.Parse(TxHash)));

        Assert.That(e!.Failure, Is.EqualTo(EthRpcFailure.Malformed));
        Assert.That(e.Message, Does.Contain("field 'logs'"));
    }

    [Test]
    public void SendAsync_ResultIsDetachedFromTheDocument()
    {
        _node.Handler = r => FakeReply.Result(r, "[\"a\"]");

        var result = _client.SendAsync("x_y", []).GetAwaiter().GetResult();

        // Reading after the call returned must not touch a disposed JsonDocument.
        Assert.That(result.ValueKind, Is.EqualTo(JsonValueKind.Array));
        Assert.That(result[0].GetString(), Is.EqualTo("a"));
    }
}
