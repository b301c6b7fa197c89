using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Adapters.Cosmos;
using ServerlessInventory.Adapters.Tables;
using ServerlessInventory.Deployment.Tests.Support;
using ServerlessInventory.Functions.ChangeFeed;

namespace ServerlessInventory.Deployment.Tests;

/// <summary>
/// The Cosmos DB containers and the Tables the Bicep creates are the ones the code uses, with the partition keys and the
/// indexing policy the code assumes. In Azure the app's identity cannot create or change them (data-plane roles only),
/// so a difference here is found only in production otherwise.
/// </summary>
public sealed class StorageTests(BicepDeployment deployment)
{
    private const string Containers = "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers";

    private JsonObject Container(string databaseSetting, string containerSetting, out string name)
    {
        var (method, trigger) = TriggerBindings.OnlyFunction<CosmosDBTriggerAttribute>();
        var where = $"[CosmosDBTrigger] of {TriggerBindings.FunctionName(method)}";
        var database = TriggerBindings.Resolve(trigger.DatabaseName, deployment.AppSettings, where);
        name = deployment.AppSettings[containerSetting];
        deployment.AppSettings[databaseSetting].ShouldBe(database, $"{databaseSetting} and the change-feed trigger's database should be the same");
        return deployment.Resource(Containers, $"/{database}/{name}")["properties"]!["resource"]!.AsObject();
    }

    private static IReadOnlyList<string> PartitionKeyPaths(JsonObject container) =>
        [.. container["partitionKey"]?["paths"]?.AsArray().Select(p => (string)p!) ?? []];

    [Fact]
    public void StockContainer_Bicep_IsPartitionedBySkuAsTheChangeFeedReads()
    {
        // Every item of the master lives in its SKU's partition; the change-feed function reads that field back.
        var skuField = typeof(ChangedItem).GetProperty(nameof(ChangedItem.Sku))!.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name;
        var stock = Container("Cosmos__DatabaseName", "Cosmos__ContainerName", out var name);
        PartitionKeyPaths(stock).ShouldBe([$"/{skuField}"], $"container {name} should be partitioned by /{skuField}");
        TriggerBindings.Resolve(TriggerBindings.OnlyFunction<CosmosDBTriggerAttribute>().Trigger.ContainerName, deployment.AppSettings, "[CosmosDBTrigger]")
            .ShouldBe(name, "the change-feed trigger should monitor the store's container (Cosmos__ContainerName)");
    }

    [Fact]
    public void LeaseContainer_Bicep_IsPartitionedByIdAsTheTriggerRequires()
    {
        var leases = Container("Cosmos__DatabaseName", "Cosmos__LeaseContainerName", out var name);
        PartitionKeyPaths(leases).ShouldBe(["/id"], $"lease container {name}: the change-feed trigger requires /id");
        var trigger = TriggerBindings.OnlyFunction<CosmosDBTriggerAttribute>().Trigger;
        TriggerBindings.Resolve(trigger.LeaseContainerName ?? "leases", deployment.AppSettings, "[CosmosDBTrigger].LeaseContainerName")
            .ShouldBe(name, "the trigger's lease container should be the Bicep one (Cosmos__LeaseContainerName)");
    }

    [Fact]
    public void IndexingPolicy_BicepFileAndSnapshot_EqualCosmosSetup()
    {
        var expected = Describe(CosmosSetup.MasterIndexingPolicy());
        Describe(RepositoryFiles.LoadJson(RepositoryFiles.IndexingPolicyFile).AsObject())
            .ShouldBe(expected, $"{RepositoryFiles.IndexingPolicyFile} should declare what CosmosSetup.MasterIndexingPolicy() does");
        var stock = Container("Cosmos__DatabaseName", "Cosmos__ContainerName", out var name);
        Describe(stock["indexingPolicy"]?.AsObject() ?? throw new ShouldAssertException($"container {name} has no indexingPolicy"))
            .ShouldBe(expected, $"container {name}'s compiled indexing policy should be CosmosSetup.MasterIndexingPolicy()");
        CosmosSetup.IndexedPaths.ShouldAllBe(p => expected.Contains($"include {p}", StringComparison.Ordinal), "every CosmosSetup.IndexedPaths entry is indexed");
    }

    [Fact]
    public void Tables_Bicep_CreateExactlyTheAdapterTables()
    {
        var prefix = deployment.AppSettings["Tables__TablePrefix"];
        var created = deployment.OfType("Microsoft.Storage/storageAccounts/tableServices/tables").Select(t => ((string)t["name"]!).Split('/')[^1]);
        created.Order(StringComparer.Ordinal).ShouldBe(TablesAdapter.TableNames.Select(n => prefix + n).Order(StringComparer.Ordinal),
            "bicep/modules/storage.bicep should create exactly TablesAdapter.TableNames (after Tables__TablePrefix)");
    }

    /// <summary>A policy as comparable text: mode, automatic, included and excluded paths (as sets), composite indexes in order.</summary>
    private static string Describe(Microsoft.Azure.Cosmos.IndexingPolicy policy) => Describe(
        policy.IndexingMode.ToString(), policy.Automatic,
        policy.IncludedPaths.Select(p => p.Path), policy.ExcludedPaths.Select(p => p.Path),
        policy.CompositeIndexes.Select(c => c.Select(p => $"{p.Path} {p.Order.ToString().ToUpperInvariant()}")));

    private static string Describe(JsonObject policy) => Describe(
        (string?)policy["indexingMode"] ?? "", (bool?)policy["automatic"] ?? true,
        policy["includedPaths"]?.AsArray().Select(p => (string)p!["path"]!) ?? [],
        policy["excludedPaths"]?.AsArray().Select(p => (string)p!["path"]!) ?? [],
        policy["compositeIndexes"]?.AsArray().Select(c => c!.AsArray().Select(p => $"{(string)p!["path"]!} {((string?)p["order"] ?? "ascending").ToUpperInvariant()}")) ?? []);

    private static string Describe(string mode, bool automatic, IEnumerable<string> included, IEnumerable<string> excluded, IEnumerable<IEnumerable<string>> composites) =>
        string.Join(Environment.NewLine, new[] { $"mode {mode.ToUpperInvariant()}", $"automatic {automatic}" }
            .Concat(included.Order(StringComparer.Ordinal).Select(p => $"include {p}"))
            .Concat(excluded.Order(StringComparer.Ordinal).Select(p => $"exclude {p}"))
            .Concat(composites.Select(c => "composite " + string.Join(", ", c))));
}
