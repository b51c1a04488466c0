using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Matcher.Cli.Sim;

/// <summary>
/// Writes JSON objects, one per line ("\n", whatever the platform), to a text writer.
/// Fields appear in the order they are written; nothing depends on culture or clock.
/// </summary>
internal sealed class JsonLineWriter : IDisposable
{
    private readonly TextWriter _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;
    private char[] _chars = new char[1024];

    /// <summary>A writer of JSON lines to <paramref name="output"/>.</summary>
    public JsonLineWriter(TextWriter output)
    {
        _output = output;

        // The relaxed encoder leaves characters such as '+' and '&' in client order ids
        // readable; it still escapes quotes, backslashes and control characters.
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Starts a line: returns the JSON writer positioned inside a new object.</summary>
    public Utf8JsonWriter Begin()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        return _json;
    }

    /// <summary>Closes the object and writes it as one line.</summary>
    public void End()
    {
        _json.WriteEndObject();
        _json.Flush();
        var bytes = _buffer.WrittenSpan;
        var needed = Encoding.UTF8.GetMaxCharCount(bytes.Length);
        if (_chars.Length < needed)
        {
            _chars = new char[Math.Max(needed, _chars.Length * 2)];
        }

        var count = Encoding.UTF8.GetChars(bytes, _chars);
        _output.Write(_chars, 0, count);
        _output.Write('\n');
    }

    /// <inheritdoc />
    public void Dispose() => _json.Dispose();
}
