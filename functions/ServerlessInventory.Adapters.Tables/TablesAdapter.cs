using Azure.Data.Tables;

namespace ServerlessInventory.Adapters.Tables;

/// <summary>
/// The tables this adapter uses. The names are fixed (the Bicep deployment creates exactly these, each after the
/// configured <see cref="TablesOptions.TablePrefix"/>): one table per repository, so each can be inspected, backed up
/// or cleared on its own.
/// </summary>
public static class TablesAdapter
{
    /// <summary><see cref="TablesParkedEventStore"/>.</summary>
    public const string ParkedEvents = "ParkedEvents";

    /// <summary><see cref="TablesDeadLetterStore"/>.</summary>
    public const string DeadLetters = "DeadLetters";

    /// <summary><see cref="TablesPushStateStore"/> (states and their owed index).</summary>
    public const string PushStates = "PushStates";

    /// <summary><see cref="TablesChannelRegistry"/> (channels and their mappings).</summary>
    public const string Channels = "Channels";

    /// <summary><see cref="TablesReconciliationReportStore"/> (runs, discrepancies and the run indexes).</summary>
    public const string ReconciliationRuns = "ReconciliationRuns";

    /// <summary>Every table name, without prefix.</summary>
    public static IReadOnlyList<string> TableNames { get; } = [ParkedEvents, DeadLetters, PushStates, Channels, ReconciliationRuns];

    /// <summary>
    /// Creates the tables that are missing (Azurite, the local runner, tests). In Azure the deployment creates them
    /// and the app's identity needs only data access, so nothing calls this at start: no hosted service does.
    /// </summary>
    public static async Task CreateTablesIfNotExistsAsync(TableServiceClient service, string tablePrefix, CancellationToken cancellationToken)
    {
        foreach (var name in TableNames)
        {
            await service.CreateTableIfNotExistsAsync(tablePrefix + name, cancellationToken).ConfigureAwait(false);
        }
    }
}
