using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using Matcher.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Matcher.Cli.Tests.WsLoad;

/// <summary>
/// A WebSocket gateway on Kestrel (127.0.0.1, a free port) that answers like an exchange with an empty book:
/// every Login is accepted (unless the secret is "wrong"), the InstrumentList holds BTC-USD (tick 0.01, lot
/// 0.0001), each PlaceOrder gets an ExecutionReport 'new' (or, every <see cref="RejectEvery"/>th, a Reject
/// or a rejected report, alternately), each cancel a report 'cancelled'. It records what it received.
/// </summary>
internal sealed class FakeGateway : IAsyncDisposable
{
    public const int BtcUsd = 1;

    private readonly WebApplication _app;
    private int _connections;

    private FakeGateway(WebApplication app)
    {
        _app = app;
    }

    public Uri Uri { get; private set; } = null!;

    /// <summary>Every Nth order of a connection is refused (0: none).</summary>
    public int RejectEvery { get; init; }

    /// <summary>Orders received, by connection (from 1).</summary>
    public ConcurrentDictionary<int, ConcurrentQueue<PlaceOrder>> Orders { get; } = new();

    /// <summary>Cancels received, by connection (from 1).</summary>
    public ConcurrentDictionary<int, ConcurrentQueue<CancelOrder>> Cancels { get; } = new();

    public static async Task<FakeGateway> StartAsync(int rejectEvery = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var gateway = new FakeGateway(app) { RejectEvery = rejectEvery };
        app.UseWebSockets();
        app.Map("/ws", gateway.ServeAsync);
        await app.StartAsync();
        gateway.Uri = new Uri(app.Urls.Single().Replace("http://", "ws://", StringComparison.Ordinal) + "/ws");
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = Interlocked.Increment(ref _connections);
        var orders = Orders.GetOrAdd(connection, _ => new ConcurrentQueue<PlaceOrder>());
        var cancels = Cancels.GetOrAdd(connection, _ => new ConcurrentQueue<CancelOrder>());
        var buffer = new byte[4096];
        var reply = new byte[4096];
        long orderCount = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                return;
            }

            var frame = buffer.AsSpan(0, result.Count);
            Assert.That(Codec.TryReadHeader(frame, out var header), Is.EqualTo(HeaderStatus.Ok));
            var length = 0;
            switch (header.TemplateId)
            {
                case TemplateId.Login:
                    {
                        Codec.TryRead(frame, out Login login);
                        if (!LoginSignerAccepts(login))
                        {
                            var reject = new Reject { RefTemplateId = TemplateId.Login, Code = (ushort)RejectCode.AuthenticationFailed, Text = Chars64.FromLossy("unknown API key or wrong signature") };
                            length = Codec.Write(ref reject, reply);
                            await socket.SendAsync(reply.AsMemory(0, length), WebSocketMessageType.Binary, true, CancellationToken.None);
                            await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "login failed", CancellationToken.None);
                            return;
                        }

                        var accepted = new LoginAccepted { AccountId = 1000 + connection, ConnectionId = connection, SchemaVersion = 1, MessagesPerSecond = 1_000_000, Burst = 1_000_000 };
                        length = Codec.Write(ref accepted, reply);
                        break;
                    }

                case TemplateId.InstrumentListRequest:
                    {
                        Codec.TryRead(frame, out InstrumentListRequest request);
                        InstrumentEntry[] entries =
                        [
                            new()
                        {
                            InstrumentId = BtcUsd, Status = 1, TickMantissa = 1, TickScale = 2, LotMantissa = 1, LotScale = 4, MinQuantityLots = 1,
                            Symbol = Chars16.From("BTC-USD"), BaseAsset = Chars16.From("BTC"), QuoteAsset = Chars16.From("USD"),
                        },
                    ];
                        length = Codec.WriteInstrumentList(request.RequestId, entries, reply);
                        break;
                    }

                case TemplateId.PlaceOrder:
                    {
                        Codec.TryRead(frame, out PlaceOrder order);
                        orders.Enqueue(order);
                        orderCount++;
                        if (RejectEvery > 0 && orderCount % RejectEvery == 0)
                        {
                            if (orderCount / RejectEvery % 2 == 1)
                            {
                                var reject = new Reject { RequestId = order.RequestId, RefTemplateId = TemplateId.PlaceOrder, Code = (ushort)RejectCode.RateLimited, Text = Chars64.FromLossy("over the limit") };
                                length = Codec.Write(ref reject, reply);
                            }
                            else
                            {
                                var rejected = new ExecutionReport { RequestId = order.RequestId, ExecType = (byte)'8', OrdStatus = (byte)'8', RejectCode = 15, ClOrdId = order.ClOrdId };
                                length = Codec.Write(ref rejected, reply);
                            }

                            break;
                        }

                        var report = new ExecutionReport
                        {
                            RequestId = order.RequestId,
                            OrderId = orderCount,
                            ExecType = (byte)'0',
                            OrdStatus = (byte)'0',
                            PriceTicks = order.PriceTicks,
                            QuantityLots = order.QuantityLots,
                            LeavesLots = order.QuantityLots,
                            InstrumentId = order.InstrumentId,
                            Side = order.Side,
                            ClOrdId = order.ClOrdId,
                        };
                        length = Codec.Write(ref report, reply);
                        break;
                    }

                case TemplateId.CancelOrder:
                    {
                        Codec.TryRead(frame, out CancelOrder cancel);
                        cancels.Enqueue(cancel);
                        var report = new ExecutionReport { RequestId = cancel.RequestId, ExecType = (byte)'4', OrdStatus = (byte)'4', CancelReason = 1, ClOrdId = cancel.OrigClOrdId };
                        length = Codec.Write(ref report, reply);
                        break;
                    }
            }

            if (length > 0)
            {
                await socket.SendAsync(reply.AsMemory(0, length), WebSocketMessageType.Binary, true, CancellationToken.None);
            }
        }
    }

    private static bool LoginSignerAccepts(Login login)
    {
        var key = login.ApiKey.ToString();
        var secret = key.Replace("key", "secret", StringComparison.Ordinal);
        return Matcher.Client.LoginSigner.Verify(login, System.Text.Encoding.UTF8.GetBytes(secret));
    }
}
