using System.ComponentModel;
using System.Globalization;
using ServerlessInventory.Cli.Composition;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ServerlessInventory.Cli.Load;

internal sealed class LoadSettings : StoreSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("CSV with header sku,location,onHand[[,unsellable,safetyStock,incoming]].")]
    public string File { get; init; } = "";

    [CommandOption("--dry-run")]
    [Description("Validate every row and report; write nothing.")]
    public bool DryRun { get; init; }

    [CommandOption("--as-of <TIME>")]
    [Description("When the counts were taken (ISO 8601, default now). Events that happened later stay on top of them.")]
    public string? AsOf { get; init; }

    [CommandOption("--chunk-rows <N>")]
    [Description("Rows grouped by SKU in memory at once (default 20000): bounds memory whatever the file size.")]
    [DefaultValue(20_000)]
    public int ChunkRows { get; init; } = 20_000;

    [CommandOption("--appliers <N>")]
    [Description("SKUs applied at once (default 4).")]
    [DefaultValue(4)]
    public int Appliers { get; init; } = 4;

    public override ValidationResult Validate()
    {
        if (ChunkRows is < 1 or > 1_000_000)
        {
            return ValidationResult.Error("--chunk-rows: must be between 1 and 1000000");
        }
        if (Appliers is < 1 or > 64)
        {
            return ValidationResult.Error("--appliers: must be between 1 and 64");
        }
        if (AsOf is not null && !DateTimeOffset.TryParse(AsOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            return ValidationResult.Error($"--as-of: '{AsOf}' is not an ISO 8601 time");
        }
        return ValidationResult.Success();
    }

    public DateTimeOffset CountedAt(TimeProvider clock) =>
        AsOf is null ? clock.GetUtcNow() : DateTimeOffset.Parse(AsOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
