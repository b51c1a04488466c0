using System.Globalization;
using Matcher.Core.Commands;
using Matcher.Journal;
using Matcher.Journal.CrashChild;
using Matcher.Ring;

// Journals CrashLoad commands as fast as it can until killed, printing "ack N" each time
// commands up to N are durable (the journaler has passed them), as a gateway would
// acknowledge them. Usage: CrashChild JOURNAL_DIR TOTAL_COMMANDS
var directory = args[0];
var total = long.Parse(args[1], CultureInfo.InvariantCulture);
var last = JournalRecovery.Recover(directory).LastSequence;
using var writer = new JournalWriter(new JournalOptions { Directory = directory, SegmentBytes = 256 * JournalRecord.RecordSize }, last);
var ring = RingBuffer.CreateMultiProducer<Command>(1024);
var pipeline = new RingPipeline<Command>(ring);
var journaler = pipeline.Add("journaler", new JournalHandler(writer), new BlockingWaitStrategy());
pipeline.Add("acks", new AckPrinter(), new BlockingWaitStrategy(), journaler);
pipeline.Start();
for (var index = last; index < total; index++)
{
    var sequence = ring.Next();
    ring[sequence] = CrashLoad.At(index);
    ring.Publish(sequence);
}

pipeline.Stop(StopMode.Drain, TimeSpan.FromSeconds(60));
Console.Out.WriteLine("done");
Console.Out.Flush();
