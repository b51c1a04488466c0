using System.Net.Sockets;
using System.Runtime.InteropServices;
using Matcher.Gateways.Fix.Session;
using Matcher.Server;
using Matcher.Server.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Matcher.Cli.Serve;

/// <summary>
/// <c>matcher serve</c>: the server. Reads configuration, recovers from the journal, runs
/// until SIGINT or SIGTERM, then stops gracefully.
/// </summary>
internal sealed class ServeVerb : IVerb
{
    /// <inheritdoc />
    public string Name => "serve";

    /// <inheritdoc />
    public string Summary => "run the exchange: journal, core, FIX acceptor, /health /ready /metrics";

    /// <inheritdoc />
    public void WriteHelp(TextWriter output)
    {
        output.WriteLine("Usage: matcher serve [--config FILE] [--Matcher:Key=value ...]");
        output.WriteLine();
        output.WriteLine("Runs the exchange until SIGINT (Ctrl+C) or SIGTERM, then stops gracefully: new orders");
        output.WriteLine("are refused, everything accepted is journaled and answered, FIX sessions are logged out.");
        output.WriteLine();
        output.WriteLine("Configuration, later sources winning: the --config file, or without one appsettings.json next");
        output.WriteLine("to the program (the embedded demo); environment variables (Matcher__Fix__Port=9000); the");
        output.WriteLine("command line (--Matcher:Fix:Port=9000). See README.md for every key.");
        output.WriteLine();
        output.WriteLine("Exit codes: 0 stopped cleanly; 2 bad configuration or setup, or cannot start (a port in use);");
        output.WriteLine("4 the journal, a snapshot or a FIX message store is damaged (or a ring consumer failed).");
    }

    /// <inheritdoc />
    public int Run(IReadOnlyList<string> args, CliStreams streams)
    {
        var rest = new List<string>();
        string? configFile = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                WriteHelp(streams.Out);
                return ExitCodes.Success;
            }

            if (args[i] == "--config")
            {
                if (i + 1 >= args.Count)
                {
                    streams.Error.WriteLine("matcher serve: --config needs a file name");
                    return ExitCodes.Usage;
                }

                configFile = Path.GetFullPath(args[++i]);
                continue;
            }

            rest.Add(args[i]);
        }

        IConfigurationRoot configuration;
        ServerOptions options;
        try
        {
            // A --config file replaces the embedded demo rather than layering over it: .NET
            // configuration merges arrays by index, so the demo's FIX sessions would otherwise
            // survive in any configuration with fewer sessions.
            var builder = new ConfigurationBuilder()
                .AddJsonFile(configFile ?? Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: configFile is null);

            configuration = builder.AddEnvironmentVariables().AddCommandLine([.. rest]).Build();
            options = configuration.GetSection(ServerOptions.Section).Get<ServerOptions>(o => o.ErrorOnUnknownConfiguration = true) ?? new ServerOptions();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or IOException)
        {
            streams.Error.WriteLine($"matcher serve: configuration: {e.Message}");
            return ExitCodes.Usage;
        }

        var errors = options.Validate();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                streams.Error.WriteLine($"matcher serve: {error}");
            }

            return ExitCodes.Usage;
        }

        List<Core.Commands.Command> setup;
        try
        {
            setup = SetupCommands.Load(options.Setup);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            streams.Error.WriteLine($"matcher serve: setup {options.Setup}: {e.Message}");
            return ExitCodes.Usage;
        }

        using var loggers = LoggerFactory.Create(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
            }));
        return RunServer(options, setup, loggers, streams).GetAwaiter().GetResult();
    }

    private static async Task<int> RunServer(ServerOptions options, List<Core.Commands.Command> setup, ILoggerFactory loggers, CliStreams streams)
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.TrySetResult();
        });

        await using var server = new MatcherServer(options, setup, loggers);
        await using var http = new HttpEndpoint(server, options.Http.Url, loggers);
        try
        {
            server.Start();
            await http.StartAsync();
        }
        catch (Exception e) when (e is Matcher.Journal.JournalCorruptException or FixStoreCorruptException or InvalidDataException)
        {
            streams.Error.WriteLine($"matcher serve: damaged data, not starting: {e.Message}");
            return ExitCodes.Corrupt;
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException or ArgumentException or TimeoutException or UnauthorizedAccessException)
        {
            // A port in use, snapshots without their journal, an unusable directory, a core that failed on the setup.
            streams.Error.WriteLine($"matcher serve: cannot start: {e.Message}");
            return ExitCodes.Usage;
        }

        WriteBanner(streams.Out, options, server, http);
        streams.Out.Flush();

        await stop.Task;
        streams.Out.WriteLine("matcher: stopping (draining the rings, logging FIX sessions out)");
        streams.Out.Flush();
        await server.StopAsync();
        streams.Out.WriteLine("matcher: stopped");
        return server.Fault is null ? ExitCodes.Success : ExitCodes.Corrupt;
    }

    private static void WriteBanner(TextWriter output, ServerOptions options, MatcherServer server, HttpEndpoint http)
    {
        output.WriteLine($"matcher: ready; journal under {Path.GetFullPath(options.DataDirectory)} ({options.Journal.Durability})");
        output.WriteLine($"  health   {http.Address}health   ready {http.Address}ready   metrics {http.Address}metrics");
        if (server.FixEndPoint is { } fix)
        {
            output.WriteLine($"  FIX 4.4  {fix.Address}:{fix.Port}  TargetCompID={options.Fix.CompId}");
            foreach (var session in options.Fix.Sessions)
            {
                output.WriteLine($"           SenderCompID={session.TargetCompId}  account {session.AccountId}"
                    + (session.Username is null ? "" : $"  Username(553)={session.Username}")
                    + (session.CancelOnDisconnect ? "  cancel-on-disconnect" : ""));
            }
        }

        if (server.WebSocketGateway is not null)
        {
            var ws = new UriBuilder(http.Address) { Scheme = "ws", Path = "/ws" }.Uri;
            output.WriteLine($"  WebSocket {ws}  (binary protocol, docs/WEBSOCKET.md)   order book {http.Address}");
            foreach (var key in options.WebSocket.ApiKeys)
            {
                output.WriteLine($"           API key {key.Key}  account {key.AccountId}");
            }
        }

        output.WriteLine("  Ctrl+C or SIGTERM stops gracefully.");
    }
}
