namespace Matcher.Journal;

/// <summary>What reading a record at some offset found.</summary>
public enum RecordStatus
{
    /// <summary>A whole record with a good checksum.</summary>
    Ok,

    /// <summary>The bytes end before the record does: a torn write, or simply the end.</summary>
    Incomplete,

    /// <summary>The bytes are not a good record: bad magic, length or checksum.</summary>
    Corrupt,

    /// <summary>
    /// A record header in another format version: a journal written by another version of
    /// Matcher. Never a torn tail: recovery refuses it rather than cut it off.
    /// </summary>
    UnsupportedVersion,
}
