namespace Matcher.Cli;

/// <summary>Work that blocks for a whole run, on a thread of its own.</summary>
internal static class DedicatedThread
{
    /// <summary>
    /// Runs <paramref name="work"/> on a new background thread named <paramref name="name"/>: a
    /// thread-pool thread blocked for a whole run would starve the receive loops on a small machine.
    /// </summary>
    public static Task<T> Run<T>(string name, Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                completion.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return completion.Task;
    }
}
