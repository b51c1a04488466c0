using Matcher.Protocol;

namespace Matcher.Client.Tests;

/// <summary>A fake server, a client connected to it, the server's side of the connection and the client's handler.</summary>
internal sealed class ClientSession : IAsyncDisposable
{
    public const string ApiKey = "demo-key-1001";
    public const string Secret = "demo-secret-1001";

    private ClientSession(FakeServer server, MatcherClient client, FakeConnection connection, RecordingHandler handler)
    {
        Server = server;
        Client = client;
        Connection = connection;
        Handler = handler;
    }

    public FakeServer Server { get; }

    public MatcherClient Client { get; }

    public FakeConnection Connection { get; }

    public RecordingHandler Handler { get; }

    public static async Task<ClientSession> StartAsync(MatcherClientOptions? options = null)
    {
        var server = await FakeServer.StartAsync();
        var handler = new RecordingHandler();
        var client = new MatcherClient(handler, options);
        await client.ConnectAsync(server.Uri);
        var connection = await server.NextConnectionAsync();
        return new ClientSession(server, client, connection, handler);
    }

    /// <summary>Logs the client in, the fake server accepting whatever it sends.</summary>
    public async Task<LoginAccepted> LogInAsync()
    {
        var login = Client.LoginAsync(ApiKey, Secret);
        await Connection.ExpectAsync<Login>();
        await Connection.SendAsync(new LoginAccepted { AccountId = 1001, ConnectionId = 3, SchemaVersion = 1, MessagesPerSecond = 100 });
        return await login;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Abort();
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
