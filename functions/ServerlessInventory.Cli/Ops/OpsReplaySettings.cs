using System.ComponentModel;
using ServerlessInventory.Cli.Composition;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ServerlessInventory.Cli.Ops;

internal sealed class OpsReplaySettings : StoreSettings
{
    [CommandArgument(0, "[IDS]")]
    [Description("Ids to replay (parked event ids, or dead-letter message ids).")]
    public string[] Ids { get; init; } = [];

    [CommandOption("--all")]
    [Description("Replay every one listed, oldest first.")]
    public bool All { get; init; }

    public override ValidationResult Validate() =>
        (Ids.Length > 0) == All ? ValidationResult.Error("IDS: give ids or --all, not both and not neither") : ValidationResult.Success();
}
