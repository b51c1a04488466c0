namespace Matcher.Ring;

/// <summary>Decides what happens when a consumer's handler throws.</summary>
/// <typeparam name="T">The ring's entry type.</typeparam>
public interface IExceptionHandler<T>
    where T : struct
{
    /// <summary>The handler threw on the entry at <paramref name="sequence"/>.</summary>
    ExceptionAction OnEventException(string consumerName, long sequence, ref T entry, Exception exception);

    /// <summary><see cref="ILifecycleAware.OnStart"/>, <see cref="ILifecycleAware.OnShutdown"/> or <see cref="ITimeoutHandler.OnTimeout"/> threw.</summary>
    ExceptionAction OnLifecycleException(string consumerName, Exception exception);
}
