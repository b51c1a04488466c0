namespace Matcher.Server.Configuration;

/// <summary>Configuration of the HTTP endpoint (section <c>Matcher:Http</c>).</summary>
public sealed class HttpSettings
{
    /// <summary>Where <c>/health</c>, <c>/ready</c>, <c>/metrics</c>, <c>/ws</c> and the order-book page are served; port 0 picks a free one.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8080";

    /// <summary>
    /// The live order-book page's built files, served at <c>/</c> (built by <c>./run.sh</c>, or
    /// <c>npm run build</c> in <c>web/orderbook</c>). Relative paths are taken from the working
    /// directory, then from the program's; a missing directory only turns the page off.
    /// </summary>
    public string WebRoot { get; set; } = "web/orderbook/dist";
}
