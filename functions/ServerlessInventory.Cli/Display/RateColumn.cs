using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ServerlessInventory.Cli.Display;

/// <summary>Items per second of a progress task (Spectre's own speed column speaks bytes).</summary>
internal sealed class RateColumn(string unit) : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Text(task.Speed is { } speed ? string.Create(CultureInfo.InvariantCulture, $"{speed:N0} {unit}/s") : $"- {unit}/s", new Style(Color.Aqua));
}

internal static class OpsProgress
{
    /// <summary>The progress display every long operation uses: what, bar, percentage, rate, time left.</summary>
    public static Progress Create(IAnsiConsole console, string unit) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(unit), new RemainingTimeColumn(), new SpinnerColumn());
}
