using System.Globalization;
using Npgsql;

namespace Matcher.Projections;

/// <summary>
/// The projection schema: versioned SQL migrations embedded in this assembly
/// (<c>Migrations/NNNN_name.sql</c>), applied in order, each in the same transaction as its
/// row in <c>schema_version</c>.
/// </summary>
public static class ProjectionSchema
{
    private const string ResourcePrefix = "Matcher.Projections.Migrations.";

    // Serialises concurrent migrators (two projectors starting on one database).
    private const long MigrationLockKey = 0x4D54_4348_5052_4A31; // "MTCHPRJ1"

    private static readonly string[] _tables =
    [
        "order_events", "trades", "deposits", "withdrawals", "balances", "orders", "accounts", "fee_tiers",
        "instruments", "assets", "market_maker_protection", "projector_position", "schema_version",
    ];

    private static readonly Lazy<IReadOnlyList<(int Version, string Name, string Sql)>> _migrations = new(LoadMigrations);

    /// <summary>The newest schema version this code knows.</summary>
    public static int LatestVersion => _migrations.Value[^1].Version;

    /// <summary>The embedded migrations, oldest first.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations => _migrations.Value;

    /// <summary>
    /// Brings the database's schema to <see cref="LatestVersion"/> in one transaction and
    /// returns how many migrations it applied (0 when it was up to date).
    /// </summary>
    /// <exception cref="ProjectionSchemaException">The database's schema is newer than this code knows.</exception>
    public static async Task<int> MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, string.Create(CultureInfo.InvariantCulture,
            $"SELECT pg_advisory_xact_lock({MigrationLockKey})"), cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
            cancellationToken).ConfigureAwait(false);
        var current = await CurrentVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (current > LatestVersion)
        {
            throw new ProjectionSchemaException(string.Create(CultureInfo.InvariantCulture,
                $"the projection database is at schema version {current}, newer than this projector knows ({LatestVersion}): upgrade the projector, or rebuild the database"));
        }

        var applied = 0;
        foreach (var (version, name, sql) in Migrations)
        {
            if (version <= current)
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, name) VALUES (@v, @n)", connection, transaction);
            record.Parameters.AddWithValue("v", version);
            record.Parameters.AddWithValue("n", name);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            applied++;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }

    /// <summary>The database's schema version (0: none applied).</summary>
    public static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(
            "SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0 ELSE (SELECT coalesce(max(version), 0) FROM schema_version) END",
            connection, transaction);
        var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(result, CultureInfo.InvariantCulture);
    }

    /// <summary>Drops every projection table and view (and the schema version) in one transaction.</summary>
    public static async Task DropAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, string.Create(CultureInfo.InvariantCulture,
            $"SELECT pg_advisory_xact_lock({MigrationLockKey})"), cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "DROP VIEW IF EXISTS live_orders, orders_decimal, trades_decimal", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "DROP TABLE IF EXISTS " + string.Join(", ", _tables) + " CASCADE", cancellationToken)
            .ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static List<(int, string, string)> LoadMigrations()
    {
        var assembly = typeof(ProjectionSchema).Assembly;
        var migrations = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[ResourcePrefix.Length..^4];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"migration resource {resource} is not named NNNN_name.sql");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add((version, name, reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Item1 != i + 1)
            {
                throw new InvalidOperationException($"migrations must be numbered 1, 2, 3… without gaps; found {migrations[i].Item2}");
            }
        }

        return migrations;
    }
}
