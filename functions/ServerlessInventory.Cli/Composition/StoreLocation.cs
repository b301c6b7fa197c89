using Microsoft.Extensions.Configuration;

namespace ServerlessInventory.Cli.Composition;

public enum StoreKind
{
    Sqlite,
    Cosmos,
}

/// <summary>A master named on the command line (<c>sqlite:path</c>, <c>cosmos</c>) or, when none is, by the runner's settings.</summary>
internal sealed record StoreLocation(StoreKind Kind, string? SqlitePath)
{
    public const string SqlitePrefix = "sqlite:";

    public static StoreLocation Parse(string? spec, IConfiguration configuration, string field)
    {
        if (spec is null)
        {
            return string.Equals(configuration["LocalRunner:Storage"], "Azure", StringComparison.OrdinalIgnoreCase)
                ? new StoreLocation(StoreKind.Cosmos, null)
                : new StoreLocation(StoreKind.Sqlite, configuration["Sqlite:DatabasePath"] ?? "serverless-inventory.db");
        }
        if (string.Equals(spec, "cosmos", StringComparison.OrdinalIgnoreCase))
        {
            return new StoreLocation(StoreKind.Cosmos, null);
        }
        if (spec.StartsWith(SqlitePrefix, StringComparison.OrdinalIgnoreCase) && spec.Length > SqlitePrefix.Length)
        {
            return new StoreLocation(StoreKind.Sqlite, spec[SqlitePrefix.Length..]);
        }
        throw new OpsUsageException(field, $"'{spec}' is not a store: use sqlite:<path> or cosmos");
    }

    public override string ToString() => Kind == StoreKind.Sqlite ? SqlitePrefix + SqlitePath : "cosmos";
}
