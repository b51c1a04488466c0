using Matcher.Core.Commands;

namespace Matcher.Cli.Journal;

/// <summary>What a <see cref="JournalScanner"/> hands each good record to.</summary>
internal interface IRecordVisitor
{
    /// <summary>One good record, in sequence order.</summary>
    /// <param name="command">The record's command, by reference so that it can go to the core without a copy.</param>
    /// <param name="path">The segment file it is in.</param>
    /// <param name="offset">Where in the file it starts.</param>
    /// <returns>False to stop the scan here.</returns>
    bool OnRecord(ref Command command, string path, long offset);
}
