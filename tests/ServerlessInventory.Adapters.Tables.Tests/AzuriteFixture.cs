using Azure.Data.Tables;
using ServerlessInventory.Adapters.Tables;
using ServerlessInventory.Adapters.Tables.Tests;
using ServerlessInventory.Testing.Emulators;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]

namespace ServerlessInventory.Adapters.Tables.Tests;

/// <summary>
/// One Azurite for the whole test assembly (it starts in about a second, but once is enough), with the five tables
/// created under a prefix of this run. Tests share the tables and keep apart by using keys of their own, as the
/// contract suites do. Stopped, process tree and all, when the assembly's tests are done.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Azurite? _azurite;
    private TableServiceClient? _service;

    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..8];

    public Azurite Azurite => _azurite ?? throw new InvalidOperationException("Azurite not started");

    public TableServiceClient Service => _service ?? throw new InvalidOperationException("Azurite not started");

    /// <summary>A client of one of the adapter's tables; each call gives a new client, as another function instance would have.</summary>
    public TableClient Table(string name) => Service.GetTableClient(Prefix + name);

    public async ValueTask InitializeAsync()
    {
        _azurite = await Azurite.StartAsync(TestContext.Current.CancellationToken);
        _service = new TableServiceClient(_azurite.ConnectionString);
        await TablesAdapter.CreateTablesIfNotExistsAsync(_service, Prefix, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
