namespace Matcher.Server.Configuration;

/// <summary>Configuration of the HTTP endpoint (section <c>Matcher:Http</c>).</summary>
public sealed class HttpSettings
{
    /// <summary>Where <c>/health</c>, <c>/ready</c> and <c>/metrics</c> are served; port 0 picks a free one.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8080";
}
