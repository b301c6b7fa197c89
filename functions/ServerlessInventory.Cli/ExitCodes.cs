using Microsoft.Extensions.Options;
using ServerlessInventory.Core.Domain;
using Spectre.Console;

namespace ServerlessInventory.Cli;

/// <summary>What si-ops returns, for scripts. Documented in the project's README.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked was done (or, with --dry-run, would be).</summary>
    public const int Success = 0;

    /// <summary>The input had bad rows (nothing written) or a replay found differences.</summary>
    public const int InvalidInputOrDifferences = 1;

    /// <summary>Bad arguments or settings: nothing was done.</summary>
    public const int Usage = 2;

    /// <summary>The store failed (unreachable, refused a write); rerun to resume.</summary>
    public const int StoreFailure = 3;

    /// <summary>Interrupted (Ctrl+C): what was committed stays, rerun to resume.</summary>
    public const int Cancelled = 130;

    public static int Report(Exception exception, IAnsiConsole console)
    {
        switch (exception)
        {
            case OperationCanceledException:
                console.MarkupLine("[yellow]interrupted:[/] what was committed stays; run the same command again to resume");
                return Cancelled;
            case OptionsValidationException options:
                console.MarkupLineInterpolated($"[red]settings:[/] {options.Message}");
                return Usage;
            case DomainValidationException domain:
                console.MarkupLineInterpolated($"[red]invalid[/] {domain.Message}");
                return Usage;
            case Spectre.Console.Cli.CommandAppException usage:
                console.MarkupLineInterpolated($"[red]usage:[/] {usage.Message}");
                return Usage;
            case OpsUsageException usage:
                console.MarkupLineInterpolated($"[red]{usage.Field}:[/] {usage.Message}");
                return Usage;
            default:
                console.MarkupLineInterpolated($"[red]store failure:[/] {exception.GetType().Name}: {exception.Message}");
                return StoreFailure;
        }
    }
}

/// <summary>An argument or setting that cannot be used, naming it.</summary>
internal sealed class OpsUsageException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
