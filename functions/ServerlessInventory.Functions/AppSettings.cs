namespace ServerlessInventory.Functions;

/// <summary>
/// Names of the app settings the trigger attributes read as <c>%Name%</c> (or as a connection prefix). Kept as
/// constants so the local runner resolves the same names and the consistency tests can check every one is set.
/// </summary>
public static class AppSettings
{
    public const string InventoryEventsTopic = nameof(InventoryEventsTopic);

    public const string InventoryEventsSubscription = nameof(InventoryEventsSubscription);

    /// <summary>Connection prefix: <c>ServiceBusConnection__fullyQualifiedNamespace</c> with managed identity.</summary>
    public const string ServiceBusConnection = nameof(ServiceBusConnection);

    public const string CosmosDatabase = nameof(CosmosDatabase);

    public const string CosmosContainer = nameof(CosmosContainer);

    public const string CosmosLeaseContainer = nameof(CosmosLeaseContainer);

    /// <summary>Connection prefix: <c>CosmosDB__accountEndpoint</c> with managed identity.</summary>
    public const string CosmosConnection = "CosmosDB";

    /// <summary>NCRONTAB (six fields, seconds first) of the reservation sweeper.</summary>
    public const string ExpireReservationsSchedule = nameof(ExpireReservationsSchedule);

    /// <summary>NCRONTAB of the round that re-pushes what channels are still owed.</summary>
    public const string RetryPushesSchedule = nameof(RetryPushesSchedule);

    /// <summary>NCRONTAB of the reconciliation of every channel (hourly by default).</summary>
    public const string ReconcileChannelsSchedule = nameof(ReconcileChannelsSchedule);

    /// <summary>NCRONTAB of the health sampler (every 10 seconds by default, as <c>Health:SampleInterval</c> says).</summary>
    public const string SampleHealthSchedule = nameof(SampleHealthSchedule);
}
