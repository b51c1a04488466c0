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
        await using var rig = await AdminRig.StartAsync();
        var (admin, client) = (rig.Admin, rig.Client);

        await client.SendAsync(AdminRig.Order(1, 100));
        await client.WaitForAsync<ExecutionReport>(r => r.RequestId == 1 && r.ExecType == '0');
        Assert.That((await admin.PostAsync("admin/accounts/1001/halt", null)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var cancelled = await client.WaitForAsync<ExecutionReport>(r => r.ExecType == '4');
        await client.SendAsync(AdminRig.Order(2, 100));
        var refused = await client.WaitForAsync<ExecutionReport>(r => r.RequestId == 2);

        await admin.PostAsync("admin/accounts/1001/release", null);
        await admin.PostAsync("admin/accounts/1001/limits?maxOrderLots=50", null);
        await Task.Delay(200);
        await client.SendAsync(AdminRig.Order(3, 51));
        await client.SendAsync(AdminRig.Order(4, 50));
        var tooBig = await client.WaitForAsync<ExecutionReport>(r => r.RequestId == 3);
        var fits = await client.WaitForAsync<ExecutionReport>(r => r.RequestId == 4);

        // The instrument's band, also by admin command: a trade gives it a reference.
        await client.SendAsync(AdminRig.Order(5, 10) with { Side = 2, PriceTicks = 1_900_000 });
        await client.WaitForAsync<ExecutionReport>(r => r.RequestId == 5 && r.ExecType == 'F');
        Assert.That((await admin.PostAsync("admin/instruments/1/band?bps=100", null)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await Task.Delay(200);
        await client.SendAsync(AdminRig.Order(6, 10) with { PriceTicks = 1_000_000 });
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

    [Test]
    public async Task Circuit_breaker_stops_the_trade_beyond_its_limit_and_resume_reopens()
    {
        await using var rig = await AdminRig.StartAsync();
        var (admin, client) = (rig.Admin, rig.Client);
        Assert.That((await admin.PostAsync("admin/instruments/1/breaker?bps=100&windowMs=60000", null)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        // A first trade at 200.0000 sets the reference; a trade at 210.0000 would move it 5%.
        await client.SendAsync(AdminRig.Order(1, 10));
        await client.SendAsync(AdminRig.Order(2, 10) with { Side = 2 });
        await client.WaitForAsync<ExecutionReport>(r => r.RequestId == 2 && r.ExecType == 'F');
        await client.SendAsync(AdminRig.Order(3, 10) with { PriceTicks = 2_100_000 });
        await client.WaitForAsync<ExecutionReport>(r => r.RequestId == 3 && r.ExecType == '0');
        await client.SendAsync(AdminRig.Order(4, 10) with { Side = 2, PriceTicks = 2_100_000 });
        var stopped = await client.WaitForAsync<ExecutionReport>(r => r.RequestId == 4 && r.ExecType == '4');
        await client.SendAsync(AdminRig.Order(5, 10));
        var refused = await client.WaitForAsync<ExecutionReport>(r => r.RequestId == 5);

        Assert.That((await admin.PostAsync("admin/instruments/1/resume", null)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await client.SendAsync(AdminRig.Order(6, 10));
        var reopened = await client.WaitForAsync<ExecutionReport>(r => r.RequestId == 6);
        Assert.Multiple(async () =>
        {
            Assert.That((stopped.CancelReason, stopped.CumLots), Is.EqualTo(((byte)12, 0L)), "CircuitBreaker, nothing traded");
            Assert.That(((char)refused.ExecType, refused.RejectCode), Is.EqualTo(('8', (ushort)7)), "InstrumentCancelOnly");
            Assert.That((char)reopened.ExecType, Is.EqualTo('0'));
            Assert.That((await admin.PostAsync("admin/instruments/1/breaker?bps=-1&windowMs=1", null)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "the core rejects it");
            Assert.That((await admin.PostAsync("admin/instruments/1/explode", null)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task Market_maker_protection_set_by_admin_pulls_the_quotes_refuses_new_ones_and_resets()
    {
        await using var rig = await AdminRig.StartAsync();
        var (admin, client) = (rig.Admin, rig.Client);
        Assert.That((await admin.PostAsync("admin/accounts/1001/mmp?windowMs=60000&maxLots=5", null)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var set = await client.WaitForAsync<MarketMakerProtection>(m => m.Status == MarketMakerProtection.Active);

        static Quote Quote(ulong requestId) => new()
        {
            RequestId = requestId,
            InstrumentId = 1,
            BidPriceTicks = 2_000_000,
            BidLots = 10,
            AskPriceTicks = 2_100_000,
            AskLots = 10,
            QuoteId = Chars32.From($"q{requestId}"),
        };

        await client.SendAsync(Quote(1));
        var quoted = await client.WaitForAsync<QuoteAck>(q => q.RequestId == 1);

        // 10 lots off the bid is more than the 5 allowed: both legs go.
        await client.SendAsync(AdminRig.Order(2, 10) with { Side = 2 });
        var tripped = await client.WaitForAsync<MarketMakerProtection>(m => m.Status == MarketMakerProtection.Tripped);
        var pulled = await client.WaitForAsync<ExecutionReport>(r => r.OrderId == quoted.AskOrderId && r.ExecType == '4');
        await client.SendAsync(Quote(3));
        var refused = await client.WaitForAsync<QuoteAck>(q => q.RequestId == 3);

        Assert.That((await admin.PostAsync("admin/accounts/1001/mmp-reset", null)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await client.SendAsync(Quote(4));
        var again = await client.WaitForAsync<QuoteAck>(q => q.RequestId == 4);
        var statuses = client.All<MarketMakerProtection>().Select(m => m.Status);
        Assert.Multiple(() =>
        {
            Assert.That((set.WindowNs, set.QuantityLots), Is.EqualTo((60_000_000_000L, 5L)));
            Assert.That(quoted.RejectCode, Is.Zero);
            Assert.That(pulled.CancelReason, Is.EqualTo(14), "MarketMakerProtection");
            Assert.That(tripped.AccountId, Is.EqualTo(1001));
            Assert.That(refused.RejectCode, Is.EqualTo(45), "MarketMakerProtection");
            Assert.That((again.RejectCode, again.BidOrderId > 0, again.AskOrderId > 0), Is.EqualTo(((ushort)0, true, true)));
            Assert.That(statuses, Is.EqualTo(new[] { MarketMakerProtection.Active, MarketMakerProtection.Tripped, MarketMakerProtection.Active }), "set, tripped, reset");
        });
    }

    /// <summary>A server with the demo setup and its HTTP endpoint, an admin HTTP client and a logged-in WebSocket client of account 1001.</summary>
    private sealed class AdminRig : IAsyncDisposable
    {
        private readonly TempDirectory _data;
        private readonly MatcherServer _server;
        private readonly HttpEndpoint _http;

        private AdminRig(TempDirectory data, MatcherServer server, HttpEndpoint http, HttpClient admin, RawClient client)
        {
            (_data, _server, _http, Admin, Client) = (data, server, http, admin, client);
        }

        public HttpClient Admin { get; }

        public RawClient Client { get; }

        public static async Task<AdminRig> StartAsync()
        {
            var data = new TempDirectory();
            var options = new ServerOptions
            {
                DataDirectory = data.Path,
                Http = new HttpSettings { Url = "http://127.0.0.1:0" },
                Fix = new FixSettings { Enabled = false },
                WebSocket = new WebSocketSettings { ApiKeys = [new ApiKeyConfig { Key = "key-a", Secret = "secret-of-account-a", AccountId = 1001 }] },
                Journal = new JournalSettings { SnapshotEveryCommands = 0, Durability = Journal.Durability.None },
                ExpireOrdersEveryMs = 0,
            };
            var server = new MatcherServer(options, SetupCommands.Load("demo/setup.json"), NullLoggerFactory.Instance);
            var http = new HttpEndpoint(server, options.Http.Url, NullLoggerFactory.Instance);
            server.Start();
            await http.StartAsync();
            var client = await RawClient.ConnectAsync(http.Address);
            await client.LoginAsync("key-a", "secret-of-account-a");
            return new AdminRig(data, server, http, new HttpClient { BaseAddress = http.Address }, client);
        }

        /// <summary>A GTC limit buy of <paramref name="lots"/> on instrument 1 at 200.0000.</summary>
        public static PlaceOrder Order(ulong id, long lots) => new()
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

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            Admin.Dispose();
            await _http.DisposeAsync();
            await _server.DisposeAsync();
            _data.Dispose();
        }
    }
}
