using System.Globalization;
using Matcher.Protocol;

namespace Matcher.Client;

/// <summary>The server refused a request with a Reject (a failed Login, an invalid subscription, a rate limit...).</summary>
public sealed class MatcherRejectException : MatcherClientException
{
    /// <summary>An exception with no message.</summary>
    public MatcherRejectException()
    {
    }

    /// <summary>An exception saying what happened.</summary>
    public MatcherRejectException(string message)
        : base(message)
    {
    }

    /// <summary>An exception saying what happened, and why.</summary>
    public MatcherRejectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The exception for <paramref name="reject"/>.</summary>
    public MatcherRejectException(in Reject reject)
        : base(Describe(reject))
    {
        var copy = reject;
        RequestId = reject.RequestId;
        RefTemplateId = reject.RefTemplateId;
        Code = reject.Code;
        Text = copy.Text.ToString();
    }

    /// <summary>The refused request's id (0 for a Login, which has none).</summary>
    public ulong RequestId { get; }

    /// <summary>The refused message's template.</summary>
    public TemplateId RefTemplateId { get; }

    /// <summary>The reject code: a core reject reason (1–999) or a gateway code (<see cref="Protocol.RejectCode"/>, from 1000).</summary>
    public ushort Code { get; }

    /// <summary>The code as the gateway's enumeration (core reasons have no name there but keep their number).</summary>
    public RejectCode RejectCode => (RejectCode)Code;

    /// <summary>The server's readable reason.</summary>
    public string Text { get; } = string.Empty;

    private static string Describe(in Reject reject)
    {
        var copy = reject;
        var code = (RejectCode)reject.Code;
        var name = Enum.IsDefined(code) ? code.ToString() : "core reason";
        return string.Create(CultureInfo.InvariantCulture,
            $"{reject.RefTemplateId} refused: {name} ({reject.Code}): {copy.Text}");
    }
}
