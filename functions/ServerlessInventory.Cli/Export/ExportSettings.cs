using System.ComponentModel;
using ServerlessInventory.Cli.Composition;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ServerlessInventory.Cli.Export;

public enum ExportKind
{
    Positions,
    Availability,
    Ledger,
}

public enum ExportFormat
{
    Csv,
    Jsonl,
}

internal sealed class ExportSettings : StoreSettings
{
    [CommandArgument(0, "<WHAT>")]
    [Description("positions (every quantity of every position), availability (what each channel is offered) or ledger (every applied event, in applied order).")]
    public ExportKind What { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("csv or jsonl (default csv).")]
    [DefaultValue(ExportFormat.Csv)]
    public ExportFormat Format { get; init; } = ExportFormat.Csv;

    [CommandOption("--output <FILE>")]
    [Description("File to write (default stdout, without a progress bar).")]
    public string? Output { get; init; }

    [CommandOption("--from-sku <SKU>")]
    [Description("First SKU exported (ordinal order, inclusive; default the first).")]
    public string? FromSku { get; init; }

    [CommandOption("--to-sku <SKU>")]
    [Description("Last SKU exported (inclusive; default the last).")]
    public string? ToSku { get; init; }

    public override ValidationResult Validate() =>
        FromSku is not null && ToSku is not null && string.CompareOrdinal(FromSku, ToSku) > 0
            ? ValidationResult.Error("--from-sku: comes after --to-sku")
            : ValidationResult.Success();
}
