namespace ServerlessInventory.Deployment.Tests.Support;

/// <summary>
/// The only hand-written part of the options checks: bound properties that are deliberately not set in one of the
/// environments, each with its reason. The tests assert the exemption too (a setting exempt from Azure must be absent
/// from the ARM app settings), so an entry here is a rule, not a hole. Every other scalar option property is required in
/// local.settings.sample.json and in the ARM app settings.
/// </summary>
public static class SettingExemptions
{
    /// <summary>Set locally, never in Azure: the managed identity replaces them there and the accounts have local auth off.</summary>
    public static IReadOnlyDictionary<string, string> NotInAzure { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // The Cosmos DB account has disableLocalAuth: the adapter signs in with DefaultAzureCredential when no key is set.
        ["Cosmos__AccountKey"] = "a key: Azure uses the app's identity (Cosmos DB Built-in Data Contributor), local auth is off",
        // Exactly one of Tables__ServiceUri / Tables__ConnectionString per environment (TablesOptions validates it).
        ["Tables__ConnectionString"] = "a connection string (Azurite locally); Azure uses Tables__ServiceUri with the identity",
        // The REST publisher uses ServiceBus__Endpoint with an Entra ID token when no SAS connection string is set.
        ["ServiceBus__ConnectionString"] = "a SAS connection string; the namespace has local auth off, Azure uses ServiceBus__Endpoint",
    };

    /// <summary>Set in Azure, never locally.</summary>
    public static IReadOnlyDictionary<string, string> NotLocal { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Locally Tables__ConnectionString points at Azurite; setting both fails TablesOptions' exactly-one rule.
        ["Tables__ServiceUri"] = "Azure only: locally Tables__ConnectionString (Azurite) is set, and exactly one of the two may be",
    };

    /// <summary>
    /// Dictionary and collection properties: not one setting but a family of them. Each has its own check (or none,
    /// with the reason) instead of <c>Section__Property</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Collections { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Catalog__Channels__{id}__*: checked against the Bicep channels parameter by CatalogChannelTests.
        ["Catalog__Channels"] = "one Catalog__Channels__{id}__* family per channel, from the Bicep channels parameter (CatalogChannelTests)",
        // Catalog__SafetyStock__{sku} / __{sku@location}: optional per-SKU data, empty by default in both environments.
        ["Catalog__SafetyStock"] = "optional per-SKU values; Catalog__DefaultSafetyStock covers every position without one",
        // Reconciliation__Thresholds__{channel}: optional per-channel data, empty by default in both environments.
        ["Reconciliation__Thresholds"] = "optional per-channel thresholds; Reconciliation__DefaultThreshold covers every channel without one",
        // ChannelPush__Channels__{channel}__*: optional per-channel rate limits, empty by default in both environments.
        ["ChannelPush__Channels"] = "optional per-channel rate limits; ChannelPush__RequestsPerSecond and __MaxConcurrentRequests cover every channel without one",
    };
}
