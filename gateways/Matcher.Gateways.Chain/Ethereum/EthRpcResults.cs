using System.Text.Json;
using static Matcher.Gateways.Chain.Ethereum.RpcJson;

namespace Matcher.Gateways.Chain.Ethereum;

/// <summary>Turns JSON-RPC results into the toolkit's types, strictly (see <see cref="RpcJson"/>).</summary>
internal static class EthRpcResults
{
    public static EthBlock? Block(JsonElement result)
    {
        if (result.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var block = Object(result, "block");
        return new EthBlock(
            UInt64Field(block, "number"),
            HashField(block, "hash"),
            HashField(block, "parentHash"),
            UInt64Field(block, "timestamp"),
            TryOptional(block, "baseFeePerGas", out var baseFee) ? Quantity(baseFee, "field 'baseFeePerGas'") : null);
    }

    public static IReadOnlyList<EthLog> Logs(JsonElement result, string what)
    {
        var array = Array(result, what);
        var logs = new EthLog[array.GetArrayLength()];
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            try
            {
                logs[i] = Log(element);
            }
            catch (FormatException e)
            {
                throw new FormatException($"{what}[{i}]: {e.Message}", e);
            }

            i++;
        }

        return logs;
    }

    public static EthReceipt? Receipt(JsonElement result)
    {
        if (result.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var receipt = Object(result, "receipt");
        var status = UInt64Field(receipt, "status");
        if (status > 1)
        {
            throw new FormatException($"field 'status' must be 0x0 or 0x1, got {status}");
        }

        return new EthReceipt
        {
            TransactionHash = HashField(receipt, "transactionHash"),
            Status = status,
            BlockNumber = UInt64Field(receipt, "blockNumber"),
            BlockHash = HashField(receipt, "blockHash"),
            TransactionIndex = UInt64Field(receipt, "transactionIndex"),
            GasUsed = UInt64Field(receipt, "gasUsed"),
            EffectiveGasPrice = TryOptional(receipt, "effectiveGasPrice", out var price) ? Quantity(price, "field 'effectiveGasPrice'") : null,
            ContractAddress = TryOptional(receipt, "contractAddress", out var created) ? Address(created, "field 'contractAddress'") : null,
            Logs = Logs(Required(receipt, "logs"), "field 'logs'"),
        };
    }

    private static EthLog Log(JsonElement element)
    {
        var log = Object(element, "log");
        var topicsArray = Array(Required(log, "topics"), "field 'topics'");
        var count = topicsArray.GetArrayLength();
        if (count > 4)
        {
            throw new FormatException($"field 'topics' has {count} entries, a log has at most 4");
        }

        var topics = new Hash32[count];
        var t = 0;
        foreach (var topic in topicsArray.EnumerateArray())
        {
            topics[t] = Hash(topic, $"topics[{t}]");
            t++;
        }

        return new EthLog
        {
            Address = AddressField(log, "address"),
            Topics = topics,
            Data = DataField(log, "data"),
            BlockNumber = UInt64Field(log, "blockNumber"),
            BlockHash = HashField(log, "blockHash"),
            TransactionHash = HashField(log, "transactionHash"),
            TransactionIndex = UInt64Field(log, "transactionIndex"),
            LogIndex = UInt64Field(log, "logIndex"),
            Removed = BoolField(log, "removed", defaultValue: false),
        };
    }
}
