namespace Matcher.Client;

/// <summary>The answer to a Ping.</summary>
/// <param name="RoundTrip">From queuing the Ping to receiving the Pong.</param>
/// <param name="ServerTimeNs">The server's clock in the Pong, nanoseconds since the Unix epoch.</param>
public readonly record struct PingResult(TimeSpan RoundTrip, long ServerTimeNs);
