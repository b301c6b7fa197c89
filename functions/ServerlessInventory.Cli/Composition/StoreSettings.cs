using System.ComponentModel;
using Spectre.Console.Cli;

namespace ServerlessInventory.Cli.Composition;

/// <summary>Where a command finds the master: the runner's settings, optionally overridden here.</summary>
internal class StoreSettings : CommandSettings
{
    [CommandOption("--settings <FILE>")]
    [Description("JSON settings file with the runner's names (Sqlite:*, Cosmos:*, LocalRunner:Storage, Catalog:*). Environment variables (Cosmos__AccountEndpoint, ...) override it.")]
    public string? SettingsFile { get; init; }

    [CommandOption("--store <STORE>")]
    [Description("sqlite:<path> or cosmos (Cosmos:* from the settings). Default: LocalRunner:Storage (Embedded = Sqlite:DatabasePath, Azure = cosmos).")]
    public string? Store { get; init; }

    [CommandOption("--database <PATH>")]
    [Description("Shorthand for --store sqlite:<PATH>.")]
    public string? Database { get; init; }

    public string? StoreSpec => Store ?? (Database is { } path ? StoreLocation.SqlitePrefix + path : null);
}
