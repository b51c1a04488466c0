using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Matcher.Server.Tests.Interop;

/// <summary>How to start a <see cref="QuickFixInitiator"/>: the counterparty and the folders it keeps.</summary>
/// <param name="Port">The acceptor's port on <see cref="Host"/>.</param>
/// <param name="StoreDirectory">QuickFIX's FileStore: sequence numbers and sent messages, kept across
/// reconnects and across restarts of the initiator that are given the same folder.</param>
/// <param name="LogDirectory">QuickFIX's FileLog: messages and events of the session.</param>
public sealed record QuickFixInitiatorOptions(int Port, string StoreDirectory, string LogDirectory)
{
    /// <summary>The acceptor's address.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>SenderCompID (49) of our messages.</summary>
    public string SenderCompId { get; init; } = "CLIENT1";

    /// <summary>TargetCompID (56) of our messages.</summary>
    public string TargetCompId { get; init; } = "MATCHER";

    /// <summary>Username (553) in the Logon, when set.</summary>
    public string? Username { get; init; }

    /// <summary>Password (554) in the Logon, when set.</summary>
    public string? Password { get; init; }

    /// <summary>HeartBtInt (108) asked for in the Logon.</summary>
    public int HeartbeatSeconds { get; init; } = 30;

    /// <summary>Logs on with ResetSeqNumFlag (141=Y), starting both sides at 1.</summary>
    public bool ResetOnLogon { get; init; }

    /// <summary>
    /// The data dictionary: null for the generated FIX 4.4 one beside the binary (repeating
    /// groups, validation as a stock QuickFIX counterparty), "none" for none (no groups:
    /// QuickFIX then rejects any repeated tag), or a path.
    /// </summary>
    public string? Dictionary { get; init; }
}

/// <summary>
/// The scripted QuickFIX C++ initiator (<c>tests/interop/quickfix-initiator</c>, protocol in its
/// README.md): a FIX 4.4 client whose engine we did not write, driven one command line at a
/// time. Stdout lines are collected; waits look only at lines after the one the previous
/// wait returned. Every failure message carries the whole transcript. Disposing kills it.
/// </summary>
public sealed class QuickFixInitiator : IDisposable
{
    /// <summary>How long the helpers wait for a line: generous, as machines under load are slow.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly QuickFixProcess _process;

    /// <summary>Builds the tools if needed, starts the initiator and waits for READY.</summary>
    public QuickFixInitiator(QuickFixInitiatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var arguments = new List<string>
        {
            "--host", options.Host,
            "--port", options.Port.ToString(CultureInfo.InvariantCulture),
            "--sender", options.SenderCompId,
            "--target", options.TargetCompId,
            "--store", options.StoreDirectory,
            "--log", options.LogDirectory,
            "--heartbeat", options.HeartbeatSeconds.ToString(CultureInfo.InvariantCulture),
        };
        if (options.Username is not null)
        {
            arguments.AddRange(["--username", options.Username]);
        }

        if (options.Password is not null)
        {
            arguments.AddRange(["--password", options.Password]);
        }

        if (options.ResetOnLogon)
        {
            arguments.Add("--reset-on-logon");
        }

        if (options.Dictionary is not null)
        {
            arguments.AddRange(["--dictionary", options.Dictionary]);
        }

        _process = QuickFixProcess.Start(QuickFixTools.InitiatorPath, arguments, $"QuickFIX initiator {options.SenderCompId}");
        try
        {
            WaitFor(line => line == "READY");
        }
        catch
        {
            _process.Dispose();
            throw;
        }
    }

    /// <summary>What this initiator was started with.</summary>
    public QuickFixInitiatorOptions Options { get; }

    /// <summary>Commands sent and everything printed so far.</summary>
    public string Transcript => _process.Transcript;

    /// <summary>Every stdout line so far, including those earlier waits went past.</summary>
    public IReadOnlyList<string> Lines => _process.Lines;

    /// <summary>Sends one command line (see the README): <c>logon</c>, <c>send …</c>, <c>drop</c>, …</summary>
    public void Send(string line) => _process.WriteLine(line);

    /// <summary>Waits for the next stdout line satisfying <paramref name="predicate"/> and returns it.</summary>
    public string WaitFor(Func<string, bool> predicate, TimeSpan timeout) => _process.WaitFor(predicate, timeout);

    /// <summary>As <see cref="WaitFor(Func{string, bool}, TimeSpan)"/> with <see cref="DefaultTimeout"/>.</summary>
    public string WaitFor(Func<string, bool> predicate) => _process.WaitFor(predicate, DefaultTimeout);

    /// <summary>
    /// Waits for the next received message (an <c>IN</c> line) of <paramref name="msgType"/>
    /// that has every one of <paramref name="fields"/>, and returns it parsed.
    /// </summary>
    public QuickFixMessage WaitForMessage(string msgType, params (int Tag, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var prefix = "IN " + msgType + " ";
        var line = WaitFor(line => line.StartsWith(prefix, StringComparison.Ordinal)
            && QuickFixMessage.TryParse(line, out var message)
            && fields.All(field => message.Has(field.Tag, field.Value)));
        return QuickFixMessage.Parse(line);
    }

    /// <summary>Waits for the next sent message (an <c>OUT</c> line) of <paramref name="msgType"/> and returns it parsed.</summary>
    public QuickFixMessage WaitForSent(string msgType)
    {
        var prefix = "OUT " + msgType + " ";
        return QuickFixMessage.Parse(WaitFor(line => line.StartsWith(prefix, StringComparison.Ordinal)));
    }

    /// <summary>Connects and logs on; returns when QuickFIX reports the session logged on.</summary>
    public void Logon()
    {
        Send("logon");
        WaitForLogon();
    }

    /// <summary>Logs on again after <see cref="Drop"/> or <see cref="Logout"/>, keeping the FileStore.</summary>
    public void Reconnect()
    {
        Send("reconnect");
        WaitForLogon();
    }

    /// <summary>Closes the TCP connection without a Logout; returns once QuickFIX reports the session down.</summary>
    public void Drop()
    {
        Send("drop");
        WaitFor(line => line == "LOGOUT");
    }

    /// <summary>Logs out (Logout, the counterparty's Logout, disconnect); returns once the session is down.</summary>
    public void Logout()
    {
        Send("logout");
        WaitFor(line => line == "LOGOUT");
    }

    /// <summary>
    /// Sends a message that QuickFIX builds from <paramref name="fields"/> as it would parse
    /// them with its data dictionary: header tags to the header, repeating groups as groups
    /// (the count tag, then each entry's fields, delimiter first), other body fields in tag
    /// order. QuickFIX sets 8, 9, 34, 49, 52, 56 and 10, and drops 43 and 122.
    /// </summary>
    public void SendMessage(string msgType, params (int Tag, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(msgType);
        ArgumentNullException.ThrowIfNull(fields);
        var line = new StringBuilder("send ").Append(msgType).Append(' ');
        for (var i = 0; i < fields.Length; i++)
        {
            var (tag, value) = fields[i];
            if (value.AsSpan().IndexOfAny('|', '\n', '\x01') >= 0)
            {
                throw new ArgumentException($"The value of tag {tag} holds '|', a newline or SOH, which the protocol cannot carry.", nameof(fields));
            }

            if (i > 0)
            {
                line.Append('|');
            }

            line.Append(tag.ToString(CultureInfo.InvariantCulture)).Append('=').Append(value);
        }

        Send(line.ToString());
    }

    /// <summary>The session's next outgoing and next expected incoming MsgSeqNum, as QuickFIX's store has them.</summary>
    public (int NextSender, int NextTarget) SeqNums()
    {
        Send("seqnums");
        var parts = WaitFor(line => line.StartsWith("SEQ ", StringComparison.Ordinal)).Split(' ');
        return (int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>Kills the initiator: like a dropped connection, no Logout.</summary>
    public void Dispose() => _process.Dispose();

    // A refused Logon shows as LOGOUT (QuickFIX then retries every second): fail at once.
    private void WaitForLogon() =>
        _process.WaitFor(line => line == "LOGON", line => line == "LOGOUT", DefaultTimeout);
}

/// <summary>
/// A message from an <c>IN</c> or <c>OUT</c> line of the initiator: its fields in wire order
/// (a tag may repeat, as in repeating groups) and the raw text with SOH shown as '|'.
/// </summary>
public sealed class QuickFixMessage
{
    private QuickFixMessage(string direction, string msgType, string raw, IReadOnlyList<KeyValuePair<int, string>> fields)
    {
        Direction = direction;
        MsgType = msgType;
        Raw = raw;
        Fields = fields;
    }

    /// <summary><c>IN</c> (received) or <c>OUT</c> (sent).</summary>
    public string Direction { get; }

    /// <summary>MsgType (35).</summary>
    public string MsgType { get; }

    /// <summary>The message as on the wire, SOH replaced by '|'.</summary>
    public string Raw { get; }

    /// <summary>Every field in order.</summary>
    public IReadOnlyList<KeyValuePair<int, string>> Fields { get; }

    /// <summary>The value of the first <paramref name="tag"/>; throws <see cref="KeyNotFoundException"/> when absent.</summary>
    public string this[int tag] => Get(tag) ?? throw new KeyNotFoundException($"Tag {tag} is not in {Raw}");

    /// <summary>The value of the first <paramref name="tag"/>, or null.</summary>
    public string? Get(int tag)
    {
        foreach (var field in Fields)
        {
            if (field.Key == tag)
            {
                return field.Value;
            }
        }

        return null;
    }

    /// <summary>Whether some <paramref name="tag"/> has <paramref name="value"/>.</summary>
    public bool Has(int tag, string value) => Fields.Any(field => field.Key == tag && field.Value == value);

    /// <summary>The value of the first <paramref name="tag"/> as an integer.</summary>
    public int GetInt(int tag) => int.Parse(this[tag], CultureInfo.InvariantCulture);

    /// <summary>Parses <c>IN &lt;type&gt; &lt;raw&gt;</c> or <c>OUT &lt;type&gt; &lt;raw&gt;</c>; throws <see cref="FormatException"/> otherwise.</summary>
    public static QuickFixMessage Parse(string line) =>
        TryParse(line, out var message) ? message : throw new FormatException($"Not an IN or OUT line of tag=value fields: {line}");

    /// <summary>Parses <c>IN &lt;type&gt; &lt;raw&gt;</c> or <c>OUT &lt;type&gt; &lt;raw&gt;</c>.</summary>
    public static bool TryParse(string line, [NotNullWhen(true)] out QuickFixMessage? message)
    {
        ArgumentNullException.ThrowIfNull(line);
        message = null;
        var parts = line.Split(' ', 3);
        if (parts.Length != 3 || (parts[0] != "IN" && parts[0] != "OUT"))
        {
            return false;
        }

        var fields = new List<KeyValuePair<int, string>>();
        foreach (var pair in parts[2].Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !int.TryParse(pair.AsSpan(0, equals), NumberStyles.None, CultureInfo.InvariantCulture, out var tag))
            {
                return false;
            }

            fields.Add(new KeyValuePair<int, string>(tag, pair[(equals + 1)..]));
        }

        message = new QuickFixMessage(parts[0], parts[1], parts[2], fields);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Direction} {MsgType} {Raw}";
}
