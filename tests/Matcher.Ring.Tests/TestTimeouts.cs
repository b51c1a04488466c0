namespace Matcher.Ring.Tests;

/// <summary>
/// Generous limits for waiting on other threads: they bound a hung test, they are never
/// the thing asserted.
/// </summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    public static void WaitUntil(Func<bool> condition, string what)
    {
        if (!SpinWait.SpinUntil(condition, Long))
        {
            Assert.Fail($"Timed out waiting until {what}.");
        }
    }
}
