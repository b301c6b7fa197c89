using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ServerlessInventory.Cli.Replay;

internal sealed class ReplaySettings : CommandSettings
{
    [CommandOption("--from <STORE>")]
    [Description("The store whose ledger is the truth: sqlite:<path> or cosmos.")]
    public string? From { get; init; }

    [CommandOption("--to <STORE>")]
    [Description("The store rebuilt: sqlite:<path> (created if missing) or cosmos (database and containers created if missing).")]
    public string? To { get; init; }

    [CommandOption("--settings <FILE>")]
    [Description("JSON settings with the runner's names: Cosmos:* for whichever side is cosmos. Environment variables override it.")]
    public string? SettingsFile { get; init; }

    [CommandOption("--appliers <N>")]
    [Description("SKUs rebuilt at once (default 4).")]
    [DefaultValue(4)]
    public int Appliers { get; init; } = 4;

    public override ValidationResult Validate()
    {
        if (From is null || To is null)
        {
            return ValidationResult.Error(From is null ? "--from: is required" : "--to: is required");
        }
        if (string.Equals(From, To, StringComparison.OrdinalIgnoreCase))
        {
            return ValidationResult.Error("--to: must be another store than --from");
        }
        return Appliers is < 1 or > 64 ? ValidationResult.Error("--appliers: must be between 1 and 64") : ValidationResult.Success();
    }
}
