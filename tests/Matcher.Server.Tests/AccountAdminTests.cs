using System.Net;
using Matcher.Cli.Serve;
using Matcher.Protocol;
using Matcher.Server.Configuration;
using Matcher.Server.Tests.WebSocket;
using Microsoft.Extensions.Logging.Abstractions;

namespace Matcher.Server.Tests;

/// <summary>The account kill switch and limits through the admin endpoint, seen by a WebSocket client of that account.</summary>
public sealed class AccountAdminTests
{
    [Test]
    public async Task Halt_cancels_the_accounts_orders_and_refuses_new_ones_until_released_and_limits_apply()
    {
        using var data = new TempDirectory();
        var options = new ServerOptions
        {
            DataDirectory = data.Path,
            Http = new HttpSettings { Url = "http://127.0.0.1:0" },
            Fix = new FixSettings { Enabled = false },
            WebSocket = new WebSocketSettings { ApiKeys = [new ApiKeyConfig { Key = "key-a", Secret = "secret-of-account-a", AccountId = 1001 }] },
            Journal = new JournalSettings { SnapshotEveryCommands = 0, Durability = Journal.Durability.None },
            ExpireOrdersEveryMs = 0,
        };
        await using var server = new MatcherServer(options, SetupCommands.Load("demo/setup.json"), NullLoggerFactory.Instance);
        await using var http = new HttpEndpoint(server, options.Http.Url, NullLoggerFactory.Instance);
        server.Start();
        await http.StartAsync();
        using var admin = new HttpClient { BaseAddress = http.Address };
        await using var client = await RawClient.ConnectAsync(http.Address);
        await client.LoginAsync("key-a", "secret-of-account-a");

        PlaceOrder Order(ulong id, long lots) => new()
        {
            RequestId = id,
            InstrumentId = 1,
            Side = 1,
            OrderType = 1,
            TimeInForce = 1,
            PriceTicks = 2_000_000,
            QuantityLots = lots,
            ClOrdId = Chars32.From($"o-{id}"),
        };

        await client.SendAsync(Order(1, 100));
        await client.WaitForAsync<ExecutionReport>(r => r.RequestId == 1 && r.ExecType == '0');
        Assert.That((await admin.PostAsync("admin/accounts/1001/halt", null)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var cancelled = await client.WaitForAsync<ExecutionReport>(r => r.ExecType == '4');
        await client.SendAsync(Order(2, 100));
        var refused = await client.WaitForAsync<ExecutionReport>(r => r.RequestId == 2);

        await admin.PostAsync("admin/accounts/1001/release", null);
        await admin.PostAsync("admin/accounts/1001/limits?maxOrderLots=50", null);
        await Task.Delay(200);
        await client.SendAsync(Order(3, 51));
        await client.SendAsync(Order(4, 50));
        var tooBig = await client.WaitForAsync<ExecutionReport>(r => r.RequestId == 3);
        var fits = await client.WaitForAsync<ExecutionReport>(r => r.RequestId == 4);

        // The instrument's band, also by admin command: a trade gives it a reference.
        await client.SendAsync(Order(5, 10) with { Side = 2, PriceTicks = 1_900_000 });
        await client.WaitForAsync<ExecutionReport>(r => r.RequestId == 5 && r.ExecType == 'F');
        Assert.That((await admin.PostAsync("admin/instruments/1/band?bps=100", null)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await Task.Delay(200);
        await client.SendAsync(Order(6, 10) with { PriceTicks = 1_000_000 });
        var outside = await client.WaitForAsync<ExecutionReport>(r => r.RequestId == 6);
        Assert.That(outside.RejectCode, Is.EqualTo(41), "PriceOutsideBand");

        using var fromPage = new HttpRequestMessage(HttpMethod.Post, "admin/accounts/1001/halt");
        fromPage.Headers.Add("Origin", "https://evil.example.org");
        Assert.Multiple(async () =>
        {
            Assert.That(cancelled.CancelReason, Is.EqualTo(9), "AccountHalted");
            Assert.That(((char)refused.ExecType, refused.RejectCode), Is.EqualTo(('8', (ushort)36)), "AccountHalted");
            Assert.That(((char)tooBig.ExecType, tooBig.RejectCode), Is.EqualTo(('8', (ushort)38)), "OrderQuantityLimit");
            Assert.That((char)fits.ExecType, Is.EqualTo('0'));
            Assert.That((await admin.SendAsync(fromPage)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await admin.PostAsync("admin/accounts/1001/explode", null)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }
}
