namespace Matcher.Ring;

/// <summary>
/// How a producer waits for room, or a consumer for a claimed slot to be published:
/// spin, then yield, and sleep only once the wait has lasted thousands of yields.
/// </summary>
/// <remarks>
/// <see cref="SpinWait.SpinOnce()"/> alone starts sleeping a whole millisecond after
/// about twenty rounds, which turns a ring that is full for a few microseconds into a
/// millisecond stall. Yielding first keeps short waits short while still handing the
/// core to the consumer being waited for (on 2 cores it usually needs it).
/// </remarks>
internal struct BackOff
{
    private const int YieldsBeforeSleeping = 10_000;

    private SpinWait _spinner;
    private int _rounds;

    /// <summary>Waits a little longer than last time.</summary>
    public void Wait()
    {
        if (_rounds < YieldsBeforeSleeping)
        {
            _rounds++;
            _spinner.SpinOnce(sleep1Threshold: -1);
        }
        else
        {
            Thread.Sleep(1);
        }
    }
}
