using System.Runtime.InteropServices;

namespace Matcher.Gateways.Fix.Session;

/// <summary>
/// fsync of a directory, so a file created or renamed in it survives a power loss (the file's own fsync does
/// not cover its name). Linux only; elsewhere it does nothing. The same routine as the journal's, kept here
/// because gateways do not depend on the journal.
/// </summary>
internal static class DirectorySync
{
    // O_RDONLY: enough to fsync a directory, and the same value on every Linux architecture.
    private const int ReadOnly = 0;

    /// <summary>fsyncs the directory <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The directory cannot be opened or synced.</exception>
    public static void Fsync(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptor = NativeMethods.Open(path, ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"cannot open directory {path} to fsync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (NativeMethods.Fsync(descriptor) != 0)
            {
                throw new IOException($"fsync of directory {path} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = NativeMethods.Close(descriptor);
        }
    }

    /// <summary>
    /// DllImport rather than LibraryImport: LibraryImport's generated marshalling needs unsafe code, which this
    /// project does not enable for three calls made once per store file.
    /// </summary>
    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // see the class comment
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static extern int Fsync(int descriptor);

        [DllImport("libc", EntryPoint = "close")]
        public static extern int Close(int descriptor);
#pragma warning restore SYSLIB1054
    }
}
