using System.Runtime.InteropServices;

namespace Matcher.Journal;

/// <summary>
/// Makes a directory's entries durable: after a file is created or renamed, fsync of the
/// file alone does not make its name survive a power loss; fsync of the directory does.
/// Linux only (the platform Matcher runs on); elsewhere it does nothing.
/// </summary>
internal static partial class DirectorySync
{
    // O_RDONLY: enough to fsync a directory, and the same value on every Linux
    // architecture (O_DIRECTORY is not: 0x10000 on x86-64 is O_DIRECT on arm64).
    private const int ReadOnly = 0;

    /// <summary>fsyncs <paramref name="path"/>, a directory.</summary>
    /// <exception cref="IOException">The directory cannot be opened or synced.</exception>
    public static void Fsync(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptor = Open(path, ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"cannot open directory {path} to fsync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Sync(descriptor) != 0)
            {
                throw new IOException($"fsync of directory {path} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Sync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int descriptor);
}
