using System.Globalization;
using Matcher.Core.Events;
using Matcher.Protocol;

namespace Matcher.Cli.WsLoad;

/// <summary>Reject codes by name: the core's reasons below 1000, the gateway's codes from 1000.</summary>
internal static class CodeNames
{
    /// <summary>The code's name, e.g. <c>InsufficientFunds</c> or <c>RateLimited</c> (the number when it has none).</summary>
    public static string NameOf(ushort code) => code >= (ushort)RejectCode.Malformed
        ? ((RejectCode)code).ToString()
        : ((RejectReason)code).ToString();

    /// <summary>The code's name and number, e.g. <c>InsufficientFunds (15)</c>.</summary>
    public static string Of(ushort code) => string.Create(CultureInfo.InvariantCulture, $"{NameOf(code)} ({code})");
}
