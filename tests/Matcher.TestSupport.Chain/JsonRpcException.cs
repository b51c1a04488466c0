using System.Text.Json;

namespace Matcher.TestSupport.Chain;

/// <summary>
/// A JSON-RPC error answer. For a call or transaction that reverts, anvil puts the revert data
/// (a custom error's selector and arguments) in <c>error.data</c>: see <see cref="RevertData"/>.
/// </summary>
public sealed class JsonRpcException : Exception
{
    /// <summary>An error with no JSON-RPC answer behind it.</summary>
    public JsonRpcException()
    {
        Method = "";
    }

    /// <summary>An error with no JSON-RPC answer behind it.</summary>
    public JsonRpcException(string message)
        : base(message)
    {
        Method = "";
    }

    /// <summary>An error with no JSON-RPC answer behind it.</summary>
    public JsonRpcException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = "";
    }

    /// <summary>The node answered <paramref name="method"/> with an error object.</summary>
    public JsonRpcException(string method, int code, string rpcMessage, JsonElement? data)
        : base($"{method} failed: {rpcMessage} (code {code}){Describe(data)}")
    {
        Method = method;
        Code = code;
        RpcMessage = rpcMessage;
        ErrorData = data;
    }

    /// <summary>The JSON-RPC method that failed.</summary>
    public string Method { get; }

    /// <summary>The error object's <c>code</c> (3 for a revert on anvil).</summary>
    public int Code { get; }

    /// <summary>The error object's <c>message</c>.</summary>
    public string? RpcMessage { get; }

    /// <summary>The error object's <c>data</c>, when it had one.</summary>
    public JsonElement? ErrorData { get; }

    /// <summary>
    /// The revert data as <c>0x</c> hex when <c>error.data</c> is a hex string (a custom error's
    /// 4-byte selector, see <see cref="Abi.Selector"/>, then its arguments); null otherwise.
    /// </summary>
    public string? RevertData =>
        ErrorData is { ValueKind: JsonValueKind.String } d && d.GetString() is { } s && s.StartsWith("0x", StringComparison.Ordinal)
            ? s.ToLowerInvariant()
            : null;

    /// <summary>True when <see cref="RevertData"/> starts with the selector of the error <paramref name="errorSignature"/>, e.g. <c>AlreadyWithdrawn(uint64)</c>.</summary>
    public bool IsRevert(string errorSignature) =>
        RevertData is { } data && data.StartsWith(Abi.Selector(errorSignature), StringComparison.Ordinal);

    private static string Describe(JsonElement? data) => data is { } d ? $"; data: {d.GetRawText()}" : "";
}
