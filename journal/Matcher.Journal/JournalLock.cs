namespace Matcher.Journal;

/// <summary>
/// One process at a time may recover or write a journal: the writer holds an exclusive
/// lock on <c>journal.lock</c> in the directory for its lifetime (on Linux an flock), and
/// recovery takes it while it works. A second instance started against a live journal
/// fails at once instead of truncating the live writer's record in progress or
/// interleaving its own.
/// </summary>
internal static class JournalLock
{
    public const string FileName = "journal.lock";

    /// <exception cref="InvalidOperationException">Another process holds the journal.</exception>
    public static FileStream Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"the journal in {directory} is in use by another writer ({path} is locked)", e);
        }
    }
}
