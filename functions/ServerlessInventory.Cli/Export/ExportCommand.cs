using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Cli.Composition;
using ServerlessInventory.Cli.Display;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ServerlessInventory.Cli.Export;

/// <summary>si-ops export: streams one SKU at a time, so its memory does not grow with the master.</summary>
internal sealed class ExportCommand(IAnsiConsole console) : AsyncCommand<ExportSettings>
{
    private const int LedgerPageSize = 500;

    public override async Task<int> ExecuteAsync(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        var configuration = OpsServices.Configuration(settings.SettingsFile);
        var location = StoreLocation.Parse(settings.StoreSpec, configuration, "--store");
        await using var services = await OpsServices.BuildAsync(location, configuration, cancellationToken).ConfigureAwait(false);
        var range = new SkuRange(settings.FromSku, settings.ToSku);

        if (settings.Output is null)
        {
            // stdout carries the data, so no progress is drawn on it.
            var stdout = System.Console.Out;
            await ExportAsync(services, settings, range, new ExportWriter(stdout, settings.Format), () => { }, cancellationToken).ConfigureAwait(false);
            await stdout.FlushAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }

        await using var file = new StreamWriter(settings.Output, append: false);
        var exported = 0L;
        await OpsProgress.Create(console, "SKUs").StartAsync(async progress =>
        {
            var task = progress.AddTask($"export {settings.What} to {settings.Output}").IsIndeterminate();
            await ExportAsync(services, settings, range, new ExportWriter(file, settings.Format), () =>
            {
                exported++;
                task.Increment(1);
            }, cancellationToken).ConfigureAwait(false);
            task.MaxValue = task.Value;
            task.IsIndeterminate(false);
        }).ConfigureAwait(false);
        console.MarkupLineInterpolated($"{settings.What}: {exported} SKU(s) exported to {settings.Output}");
        return ExitCodes.Success;
    }

    private static async Task ExportAsync(IServiceProvider services, ExportSettings settings, SkuRange range, ExportWriter writer, Action skuDone, CancellationToken cancellationToken)
    {
        var directory = services.GetRequiredService<ISkuDirectory>();
        var inventory = services.GetRequiredService<QueryInventoryHandler>();
        var store = services.GetRequiredService<IInventoryStore>();
        writer.Header(settings.What);
        await foreach (var sku in range.WalkAsync(directory, cancellationToken).ConfigureAwait(false))
        {
            switch (settings.What)
            {
                case ExportKind.Positions:
                    writer.Positions(await inventory.HandleAsync(sku, cancellationToken).ConfigureAwait(false));
                    break;
                case ExportKind.Availability:
                    writer.Availability(await inventory.HandleAsync(sku, cancellationToken).ConfigureAwait(false));
                    break;
                default:
                    foreach (var entry in await LedgerInAppliedOrderAsync(store, sku, cancellationToken).ConfigureAwait(false))
                    {
                        writer.Ledger(entry);
                    }
                    break;
            }
            skuDone();
        }
    }

    /// <summary>A SKU's whole ledger, oldest first (the store pages it newest first).</summary>
    public static async Task<List<LedgerEntry>> LedgerInAppliedOrderAsync(IInventoryStore store, Sku sku, CancellationToken cancellationToken)
    {
        var entries = new List<LedgerEntry>();
        string? continuation = null;
        do
        {
            var page = await store.ReadLedgerAsync(sku, LedgerPageSize, continuation, cancellationToken).ConfigureAwait(false);
            entries.AddRange(page.Entries);
            continuation = page.Continuation;
        }
        while (continuation is not null);
        entries.Reverse();
        return entries;
    }
}
