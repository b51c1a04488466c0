namespace Matcher.Ring;

/// <summary>
/// An event handler that does timed work while idle. Called when the consumer's wait
/// strategy times out (only <see cref="BlockingWaitStrategy"/> with a timeout does).
/// </summary>
public interface ITimeoutHandler
{
    /// <summary>Called on the consumer thread; <paramref name="sequence"/> is the last entry processed.</summary>
    void OnTimeout(long sequence);
}
