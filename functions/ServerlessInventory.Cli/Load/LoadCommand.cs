using Microsoft.Extensions.DependencyInjection;
using ServerlessInventory.Cli.Composition;
using ServerlessInventory.Core.Application;
using Spectre.Console;
using ServerlessInventory.Cli.Display;
using Spectre.Console.Cli;

namespace ServerlessInventory.Cli.Load;

/// <summary>
/// si-ops load: validates the whole file first (a file with any bad row writes nothing, so fixing it and loading
/// again never meets half of an earlier attempt), then applies it.
/// </summary>
internal sealed class LoadCommand(IAnsiConsole console, TimeProvider clock) : AsyncCommand<LoadSettings>
{
    private const int ErrorsShown = 100;

    public override async Task<int> ExecuteAsync(CommandContext context, LoadSettings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.File))
        {
            throw new OpsUsageException("FILE", $"{settings.File}: no such file");
        }
        var file = new PositionsFile(settings.File);
        var (hash, rows, errors) = await ValidateAsync(file, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            foreach (var error in errors.Take(ErrorsShown))
            {
                console.MarkupLineInterpolated($"[red]{file.Path}:{error.Line}[/]: {error.Field}: {error.Reason}");
            }
            console.MarkupLineInterpolated($"{errors.Count} bad row(s) in {file.Path}{(errors.Count > ErrorsShown ? $" ({ErrorsShown} shown)" : "")}: nothing was loaded");
            return ExitCodes.InvalidInputOrDifferences;
        }
        if (settings.DryRun)
        {
            console.MarkupLineInterpolated($"{file.Path}: {rows} row(s) valid (dry run: nothing written)");
            return ExitCodes.Success;
        }

        var configuration = OpsServices.Configuration(settings.SettingsFile);
        var location = StoreLocation.Parse(settings.StoreSpec, configuration, "--store");
        await using var services = await OpsServices.BuildAsync(location, configuration, cancellationToken).ConfigureAwait(false);
        var loader = new PositionsLoader(services.GetRequiredService<ApplyEventsHandler>(), settings.ChunkRows, settings.Appliers);
        var events = new LoadEvents(hash, settings.CountedAt(clock));

        var tally = await OpsProgress.Create(console, "rows").StartAsync(async progress =>
        {
            var task = progress.AddTask($"load {Path.GetFileName(file.Path)} into {location}", maxValue: rows);
            return await loader.LoadAsync(file, events, done => task.Increment(done), cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);

        console.MarkupLineInterpolated($"{file.Path}: {rows} row(s): {tally.Applied} event(s) applied, {tally.Duplicates} already applied (duplicates), {tally.Rejected.Count} rejected");
        foreach (var rejected in tally.Rejected.OrderBy(r => r.Line).Take(ErrorsShown))
        {
            console.MarkupLineInterpolated($"[red]{file.Path}:{rejected.Line}[/]: {rejected.Field}: {rejected.Reason}");
        }
        return tally.Rejected.IsEmpty ? ExitCodes.Success : ExitCodes.InvalidInputOrDifferences;
    }

    private async Task<(string Hash, long Rows, List<RowError> Errors)> ValidateAsync(PositionsFile file, CancellationToken cancellationToken) =>
        await OpsProgress.Create(console, "bytes").StartAsync(async progress =>
        {
            var length = Math.Max(1, file.Length);
            var task = progress.AddTask($"validate {Path.GetFileName(file.Path)}", maxValue: length);
            var hash = await file.HashAsync(cancellationToken).ConfigureAwait(false);
            long rows = 0;
            var errors = new List<RowError>();
            await foreach (var (row, error) in file.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (error is not null)
                {
                    errors.Add(error);
                }
                else if (row is not null)
                {
                    rows++;
                }
                task.Value = file.BytesRead;
            }
            task.Value = length;
            return (hash, rows, errors);
        }).ConfigureAwait(false);
}
