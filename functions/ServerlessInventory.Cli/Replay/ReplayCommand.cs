using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Cli.Composition;
using ServerlessInventory.Cli.Display;
using ServerlessInventory.Cli.Export;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ServerlessInventory.Cli.Replay;

/// <summary>
/// si-ops replay: rebuilds every SKU of the source in the target from its ledger, then compares every SKU's positions
/// and reservations in both, reporting each difference. Run it again after an interruption: copied entries are skipped.
/// </summary>
internal sealed class ReplayCommand(IAnsiConsole console) : AsyncCommand<ReplaySettings>
{
    private const int DifferencesShown = 100;

    public override async Task<int> ExecuteAsync(CommandContext context, ReplaySettings settings, CancellationToken cancellationToken)
    {
        var configuration = OpsServices.Configuration(settings.SettingsFile);
        var from = StoreLocation.Parse(settings.From, configuration, "--from");
        var to = StoreLocation.Parse(settings.To, configuration, "--to");
        if (from.Kind == StoreKind.Sqlite && !File.Exists(from.SqlitePath))
        {
            throw new OpsUsageException("--from", $"{from.SqlitePath}: no such database");
        }
        await using var sourceServices = await OpsServices.BuildAsync(from, configuration, cancellationToken).ConfigureAwait(false);
        await using var targetServices = await OpsServices.BuildAsync(to, configuration, cancellationToken).ConfigureAwait(false);
        var source = sourceServices.GetRequiredService<IInventoryStore>();
        var target = targetServices.GetRequiredService<IInventoryStore>();
        var skus = sourceServices.GetRequiredService<ISkuDirectory>();

        var total = 0L;
        await foreach (var _ in SkuRange.All.WalkAsync(skus, cancellationToken).ConfigureAwait(false))
        {
            total++;
        }
        var copier = new LedgerCopier(source, target);
        var copied = 0L;
        var differences = new ConcurrentBag<string>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = settings.Appliers, CancellationToken = cancellationToken };
        await OpsProgress.Create(console, "SKUs").StartAsync(async progress =>
        {
            var rebuild = progress.AddTask($"rebuild {to} from {from}", maxValue: total);
            var verify = progress.AddTask($"verify {to} against {from}", autoStart: false, maxValue: total);
            await Parallel.ForEachAsync(SkuRange.All.WalkAsync(skus, cancellationToken), parallel, async (sku, token) =>
            {
                Interlocked.Add(ref copied, await copier.CopyAsync(sku, token).ConfigureAwait(false));
                rebuild.Increment(1);
            }).ConfigureAwait(false);
            verify.StartTask();
            await Parallel.ForEachAsync(SkuRange.All.WalkAsync(skus, cancellationToken), parallel, async (sku, token) =>
            {
                foreach (var difference in await SkuComparison.DifferencesAsync(sku, source, target, token).ConfigureAwait(false))
                {
                    differences.Add(difference);
                }
                verify.Increment(1);
            }).ConfigureAwait(false);
        }).ConfigureAwait(false);

        console.MarkupLineInterpolated($"{total} SKU(s): {copied} ledger entries copied to {to}; {differences.Count} difference(s)");
        foreach (var difference in differences.Order(StringComparer.Ordinal).Take(DifferencesShown))
        {
            console.MarkupLineInterpolated($"[red]differs:[/] {difference}");
        }
        return differences.IsEmpty ? ExitCodes.Success : ExitCodes.InvalidInputOrDifferences;
    }
}
