namespace Matcher.Cli.WsLoad;

/// <summary>An API key and its secret, as given to <c>--keys</c>.</summary>
/// <param name="Key">The key, sent in the Login.</param>
/// <param name="Secret">The HMAC secret; never printed.</param>
internal sealed record WsApiKey(string Key, string Secret)
{
    /// <inheritdoc />
    public override string ToString() => Key;
}
