namespace Matcher.Gateways.Fix.Tests.Support;

/// <summary>One call the session layer made into the application.</summary>
/// <param name="Kind">"logon", "disconnect" or "message".</param>
/// <param name="SessionId">The session's id.</param>
/// <param name="Graceful">For a disconnect.</param>
/// <param name="Message">For a message: a copy.</param>
internal sealed record ApplicationEvent(string Kind, int SessionId, bool Graceful = false, ReceivedMessage? Message = null);
