using System.Diagnostics.CodeAnalysis;

namespace Matcher.Ring;

/// <summary>Throws from out-of-line methods so the callers' hot paths stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ArgumentOutOfRange(string paramName, string message) =>
        throw new ArgumentOutOfRangeException(paramName, message);

    [DoesNotReturn]
    public static void InvalidOperation(string message) => throw new InvalidOperationException(message);
}
