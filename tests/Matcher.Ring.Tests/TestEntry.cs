namespace Matcher.Ring.Tests;

/// <summary>A ring entry for tests: who wrote it, what, and a mark a first stage leaves.</summary>
public struct TestEntry
{
    public long ProducerId;
    public long Value;
    public long StageOneMark;
}
