// Stand-in for the real public type; public surface as in the real one, body our own.
// Real: Azure/azure-functions-dotnet-worker extensions/Worker.Extensions.CosmosDB/src/CosmosDBTriggerAttribute.cs
// (package Microsoft.Azure.Functions.Worker.Extensions.CosmosDB; namespace Microsoft.Azure.Functions.Worker).
// Constructor validation as real: a null or whitespace containerName, then databaseName, throws ArgumentException.
// As real: [BindingCapabilities(FunctionLevelRetry)], without which the Sdk refuses a [*Retry] attribute on the function.
// Omitted: ChangeFeedMode (and its enum CosmosDBChangeFeedMode), only in extension 4.16.1+; our functions do not use it.

using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Marks the parameter that receives the changed documents of a monitored Cosmos DB container.</summary>
[BindingCapabilities(KnownBindingCapabilities.FunctionLevelRetry)]
public sealed class CosmosDBTriggerAttribute : TriggerBindingAttribute
{
    /// <summary>Triggers on changes of a container.</summary>
    /// <param name="databaseName">The database of the monitored container.</param>
    /// <param name="containerName">The monitored container.</param>
    public CosmosDBTriggerAttribute(string databaseName, string containerName)
    {
        if (string.IsNullOrWhiteSpace(containerName))
        {
            throw new ArgumentException("Missing information for the container to monitor", nameof(containerName));
        }

        if (string.IsNullOrWhiteSpace(databaseName))
        {
            throw new ArgumentException("Missing information for the container to monitor", nameof(databaseName));
        }

        ContainerName = containerName;
        DatabaseName = databaseName;
    }

    /// <summary>The monitored container.</summary>
    public string ContainerName { get; private set; }

    /// <summary>The database of the monitored container.</summary>
    public string DatabaseName { get; private set; }

    /// <summary>The app setting (or prefix) holding the Cosmos DB connection.</summary>
    public string? Connection { get; set; }

    /// <summary>The lease container; the host defaults it to "leases".</summary>
    public string? LeaseContainerName { get; set; }

    /// <summary>The database of the lease container.</summary>
    public string? LeaseDatabaseName { get; set; }

    /// <summary>The app setting holding the lease container's connection.</summary>
    public string? LeaseConnection { get; set; }

    /// <summary>Whether the lease database and container are created when missing.</summary>
    public bool CreateLeaseContainerIfNotExists { get; set; }

    /// <summary>The throughput of a lease container created by the trigger.</summary>
    public int LeasesContainerThroughput { get; set; }

    /// <summary>A prefix for this trigger's leases in a shared lease container.</summary>
    public string? LeaseContainerPrefix { get; set; }

    /// <summary>Milliseconds between polls of a drained partition (host default 5000).</summary>
    public int FeedPollDelay { get; set; }

    /// <summary>Lease renew interval in milliseconds (host default 17000).</summary>
    public int LeaseRenewInterval { get; set; }

    /// <summary>Lease acquire interval in milliseconds (host default 13000).</summary>
    public int LeaseAcquireInterval { get; set; }

    /// <summary>Lease expiration interval in milliseconds (host default 60000).</summary>
    public int LeaseExpirationInterval { get; set; }

    /// <summary>The maximum number of items per invocation.</summary>
    public int MaxItemsPerInvocation { get; set; }

    /// <summary>Whether the change feed starts from the beginning rather than from now.</summary>
    public bool StartFromBeginning { get; set; }

    /// <summary>The time to start the change feed from, ISO 8601 (e.g. "2021-02-16T14:19:29Z").</summary>
    public string? StartFromTime { get; set; }

    /// <summary>Preferred regions, comma separated.</summary>
    public string? PreferredLocations { get; set; }
}
