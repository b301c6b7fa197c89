using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Cli.Composition;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Ports;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ServerlessInventory.Cli.Ops;

/// <summary>si-ops replay-parked: <see cref="ReplayParkedEventHandler"/> for each id, as POST /api/ops/parked/{id}/replay does.</summary>
internal sealed class ReplayParkedCommand(IAnsiConsole console) : AsyncCommand<OpsReplaySettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, OpsReplaySettings settings, CancellationToken cancellationToken) =>
        OpsReplay.RunAsync(console, settings, "parked event",
            (services, token) => OpsReplay.ListAllAsync((size, next, t) => services.GetRequiredService<IParkedEventStore>().ListAsync(size, next, t), p => p.Id, token),
            (services, id, token) => services.GetRequiredService<ReplayParkedEventHandler>().HandleAsync(id, token),
            cancellationToken);
}

/// <summary>si-ops replay-dead-letters: <see cref="ReplayDeadLetterHandler"/> for each id, as POST /api/ops/deadletters/{messageId}/replay does.</summary>
internal sealed class ReplayDeadLettersCommand(IAnsiConsole console) : AsyncCommand<OpsReplaySettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, OpsReplaySettings settings, CancellationToken cancellationToken) =>
        OpsReplay.RunAsync(console, settings, "dead letter",
            (services, token) => OpsReplay.ListAllAsync((size, next, t) => services.GetRequiredService<IDeadLetterStore>().ListAsync(size, next, t), d => d.MessageId, token),
            (services, id, token) => services.GetRequiredService<ReplayDeadLetterHandler>().HandleAsync(id, token),
            cancellationToken);
}

internal static class OpsReplay
{
    private const int PageSize = 100;

    public static async Task<int> RunAsync(
        IAnsiConsole console,
        OpsReplaySettings settings,
        string what,
        Func<IServiceProvider, CancellationToken, Task<List<string>>> listAll,
        Func<IServiceProvider, string, CancellationToken, Task<ReplayResult>> replay,
        CancellationToken cancellationToken)
    {
        var configuration = OpsServices.Configuration(settings.SettingsFile);
        var location = StoreLocation.Parse(settings.StoreSpec, configuration, "--store");
        if (location.Kind != StoreKind.Sqlite)
        {
            throw new OpsUsageException("--store", $"replaying a {what} works on the embedded store only; on Azure use the ops routes with the admin key (see bicep/README.md)");
        }
        await using var services = await OpsServices.BuildAsync(location, configuration, cancellationToken, repositories: true).ConfigureAwait(false);
        var ids = settings.All ? await listAll(services, cancellationToken).ConfigureAwait(false) : [.. settings.Ids];
        var failed = 0;
        foreach (var id in ids)
        {
            var result = await replay(services, id, cancellationToken).ConfigureAwait(false);
            if (result.Status is ReplayStatus.Replayed or ReplayStatus.AlreadyReplayed)
            {
                console.MarkupLineInterpolated($"{what} {id}: {result.Status}");
            }
            else
            {
                failed++;
                console.MarkupLineInterpolated($"[red]{what} {id}: {result.Status}[/]{(result.Reason is null ? "" : $": {result.Field}: {result.Reason}")}");
            }
        }
        console.MarkupLineInterpolated($"{ids.Count - failed} of {ids.Count} {what}(s) replayed");
        return failed == 0 ? ExitCodes.Success : ExitCodes.InvalidInputOrDifferences;
    }

    public static async Task<List<string>> ListAllAsync<T>(Func<int, string?, CancellationToken, Task<Page<T>>> list, Func<T, string> id, CancellationToken cancellationToken)
    {
        // Collected before replaying: a replay changes the listing it would otherwise be paging through.
        var ids = new List<string>();
        string? continuation = null;
        do
        {
            var page = await list(PageSize, continuation, cancellationToken).ConfigureAwait(false);
            ids.AddRange(page.Items.Select(id));
            continuation = page.Continuation;
        }
        while (continuation is not null);
        return ids;
    }
}
