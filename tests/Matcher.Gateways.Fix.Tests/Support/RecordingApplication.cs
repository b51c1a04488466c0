using System.Collections.Concurrent;
using System.Threading.Channels;
using Matcher.Gateways.Fix.Codec;
using Matcher.Gateways.Fix.Session;

namespace Matcher.Gateways.Fix.Tests.Support;

/// <summary>An <see cref="IFixApplication"/> that records every call, for tests to wait on.</summary>
internal sealed class RecordingApplication : IFixApplication
{
    private readonly Channel<ApplicationEvent> _events = Channel.CreateUnbounded<ApplicationEvent>();
    private readonly ConcurrentQueue<ApplicationEvent> _all = new();

    /// <summary>Called on the session's loop for each application message, after it is recorded.</summary>
    public Action<FixSession, FixMessage>? OnMessageCallback { get; set; }

    public IReadOnlyList<ApplicationEvent> All => [.. _all];

    public IReadOnlyList<ReceivedMessage> Messages(int sessionId) =>
        [.. _all.Where(e => e.Kind == "message" && e.SessionId == sessionId).Select(e => e.Message!)];

    public void OnLogon(FixSession session) => Record(new ApplicationEvent("logon", session.Settings.SessionId));

    public void OnDisconnect(FixSession session, bool graceful) =>
        Record(new ApplicationEvent("disconnect", session.Settings.SessionId, graceful));

    public void OnMessage(FixSession session, FixMessage message)
    {
        Record(new ApplicationEvent("message", session.Settings.SessionId, Message: new ReceivedMessage(message.Raw.ToArray())));
        OnMessageCallback?.Invoke(session, message);
    }

    /// <summary>The next event of <paramref name="kind"/> for <paramref name="sessionId"/>, skipping others.</summary>
    public async Task<ApplicationEvent> WaitForAsync(string kind, int sessionId = 1, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? FixTestClient.DefaultTimeout);
        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(cancel.Token).ConfigureAwait(false);
                if (next.Kind == kind && next.SessionId == sessionId)
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new AssertionException($"no '{kind}' event for session {sessionId} within {timeout ?? FixTestClient.DefaultTimeout}");
        }
    }

    private void Record(ApplicationEvent applicationEvent)
    {
        _all.Enqueue(applicationEvent);
        _events.Writer.TryWrite(applicationEvent);
    }
}
