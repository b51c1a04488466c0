namespace Matcher.Ring;

/// <summary>An event handler that wants to know when its consumer thread starts and stops.</summary>
public interface ILifecycleAware
{
    /// <summary>Called on the consumer thread before the first entry.</summary>
    void OnStart();

    /// <summary>Called on the consumer thread after the last entry, however the consumer stopped.</summary>
    void OnShutdown();
}
