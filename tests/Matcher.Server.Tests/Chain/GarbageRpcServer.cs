using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Matcher.Server.Tests.Chain;

/// <summary>An HTTP "node" that answers every JSON-RPC call with something malformed, in turn.</summary>
internal sealed class GarbageRpcServer : IDisposable
{
    private static readonly string[] _answers =
    [
        "not json at all",
        "{\"jsonrpc\":\"2.0\",\"id\":1}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0xZZ\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":999999,\"result\":\"0x1\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"boom\"}}",
        "[]",
    ];

    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private int _requests;

    public GarbageRpcServer()
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }

    public int Requests => Volatile.Read(ref _requests);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var n = Interlocked.Increment(ref _requests);
            var body = Encoding.UTF8.GetBytes(_answers[n % _answers.Length]);
            context.Response.ContentType = "application/json";
            context.Response.StatusCode = n % 7 == 0 ? 502 : 200;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
