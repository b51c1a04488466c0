namespace Matcher.Ring;

/// <summary>
/// The default exception handler: writes what failed, where, to a log, and halts.
/// </summary>
/// <typeparam name="T">The ring's entry type.</typeparam>
public sealed class LogAndHaltExceptionHandler<T> : IExceptionHandler<T>
    where T : struct
{
    private readonly TextWriter _log;

    /// <summary>Logs to <paramref name="log"/>, or standard error when null.</summary>
    public LogAndHaltExceptionHandler(TextWriter? log = null)
    {
        _log = log ?? Console.Error;
    }

    /// <inheritdoc />
    public ExceptionAction OnEventException(string consumerName, long sequence, ref T entry, Exception exception)
    {
        _log.WriteLine($"ring consumer '{consumerName}' halted: its handler threw on the entry at sequence {sequence}, which stays unprocessed: {exception}");
        return ExceptionAction.Halt;
    }

    /// <inheritdoc />
    public ExceptionAction OnLifecycleException(string consumerName, Exception exception)
    {
        _log.WriteLine($"ring consumer '{consumerName}' halted: its lifecycle handler threw: {exception}");
        return ExceptionAction.Halt;
    }
}
