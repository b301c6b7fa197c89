using System.ComponentModel.DataAnnotations;
using Microsoft.Azure.Cosmos;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Adapters.Cosmos;

/// <summary>
/// Where the master lives in Cosmos DB and how to reach it. Bound from the <c>Cosmos</c> section and validated at start.
/// In Azure only <see cref="AccountEndpoint"/> is account-specific: the app's managed identity signs in (local auth is
/// disabled on the account), so <see cref="AccountKey"/> stays unset there.
/// </summary>
public sealed class CosmosOptions : IValidatableObject
{
    public const string SectionName = "Cosmos";

    /// <summary>The account's document endpoint, e.g. <c>https://contoso.documents.azure.com:443/</c> (no default).</summary>
    [Required]
    public Uri? AccountEndpoint { get; set; }

    /// <summary>
    /// Optional account key (default none): for the local stand-in or the emulator. Without one, Entra ID is used (the
    /// registered <c>TokenCredential</c>, by default <c>DefaultAzureCredential</c>; the identity needs the Cosmos DB
    /// Built-in Data Contributor role). Never logged.
    /// </summary>
    public string? AccountKey { get; set; }

    /// <summary>Database of the master (default <c>inventory</c>).</summary>
    [Required]
    public string DatabaseName { get; set; } = "inventory";

    /// <summary>Container of positions, reservations and ledger, partitioned by <c>/sku</c> (default <c>stock</c>).</summary>
    [Required]
    public string ContainerName { get; set; } = "stock";

    /// <summary>Leases of the change feed processor, partitioned by <c>/id</c> (default <c>leases</c>).</summary>
    [Required]
    public string LeaseContainerName { get; set; } = "leases";

    /// <summary>
    /// Direct (TCP to the replicas; the default, fastest in Azure) or Gateway (HTTPS through the gateway: what the
    /// local stand-in and restrictive firewalls need).
    /// </summary>
    public ConnectionMode ConnectionMode { get; set; } = ConnectionMode.Direct;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // With Entra ID every request carries a bearer token: only a loopback stand-in may be reached over plain http.
        if (AccountEndpoint is { } endpoint && !Guard.IsHttpsOrLoopback(endpoint))
        {
            yield return new ValidationResult("AccountEndpoint must be an absolute https URL (http only to a loopback stand-in)", [nameof(AccountEndpoint)]);
        }
        if (!Enum.IsDefined(ConnectionMode))
        {
            yield return new ValidationResult("must be Direct or Gateway", [nameof(ConnectionMode)]);
        }
    }
}
