using System.ComponentModel;
using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Cli.Composition;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Reconciliation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ServerlessInventory.Cli.Ops;

internal sealed class ReconcileSettings : StoreSettings
{
    [CommandOption("--channel <CHANNEL>")]
    [Description("Reconcile this channel only (default: every selling channel).")]
    public string? Channel { get; init; }
}

/// <summary>
/// si-ops reconcile: <see cref="ReconcileChannelHandler.RunChannelsAsync"/> to the end, as the ReconcileChannels timer
/// does (an unfinished run resumes), with its corrections pushed to the channels; prints each run's counts.
/// </summary>
internal sealed class ReconcileCommand(IAnsiConsole console) : AsyncCommand<ReconcileSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ReconcileSettings settings, CancellationToken cancellationToken)
    {
        var configuration = OpsServices.Configuration(settings.SettingsFile);
        var location = StoreLocation.Parse(settings.StoreSpec, configuration, "--store");
        if (location.Kind != StoreKind.Sqlite)
        {
            throw new OpsUsageException("--store", "reconciling works on the embedded store only; on Azure use POST /api/ops/reconciliation/runs with the admin key (see bicep/README.md)");
        }
        var channel = settings.Channel is { } named ? new ChannelId(named, "--channel") : (ChannelId?)null;
        await using var services = await OpsServices.BuildAsync(location, configuration, cancellationToken, repositories: true, pushes: true).ConfigureAwait(false);
        var handler = services.GetRequiredService<ReconcileChannelHandler>();
        // Starting first tells an unknown channel apart; the run it starts is the one RunChannelsAsync resumes.
        if (channel is { } one && await handler.StartAsync(one, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new OpsUsageException("--channel", $"'{one}' is not a selling channel in the catalog (Catalog:Channels)");
        }
        var runs = await handler.RunChannelsAsync(channel, cancellationToken).ConfigureAwait(false);

        var table = new Table().AddColumns("run", "status", "compared", "agree", "in flight", "missed push", "stale", "missed event", "unknown", "corrected", "review", "variance");
        foreach (var run in runs)
        {
            table.AddRow(run.RunId, run.Status.ToString(), $"{run.SkusCompared}", $"{run.InAgreement}", $"{run.InFlight}", $"{run.MissedPush}",
                $"{run.StaleChannel}", $"{run.MissedEvent}", $"{run.UnknownCause}", $"{run.AutoCorrected}", $"{run.RaisedForReview}", $"{run.VarianceUnits}");
        }
        console.Write(table);
        console.MarkupLineInterpolated($"{runs.Count} run(s); {runs.Sum(r => r.RaisedForReview)} discrepancy(ies) raised for review (GET /api/ops/reconciliation/review)");
        return runs.All(r => r.Status == RunStatus.Completed) ? ExitCodes.Success : ExitCodes.InvalidInputOrDifferences;
    }
}
