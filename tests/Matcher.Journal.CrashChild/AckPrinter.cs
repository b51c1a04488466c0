using System.Globalization;
using Matcher.Core.Commands;
using Matcher.Ring;

namespace Matcher.Journal.CrashChild;

/// <summary>Runs after the journaler: at the end of each batch, every command so far is durable; it says so.</summary>
internal sealed class AckPrinter : IEntryHandler<Command>
{
    public void OnEvent(ref Command entry, long sequence, bool endOfBatch)
    {
        if (endOfBatch)
        {
            Console.Out.WriteLine("ack " + entry.Sequence.ToString(CultureInfo.InvariantCulture));
            Console.Out.Flush();
        }
    }
}
