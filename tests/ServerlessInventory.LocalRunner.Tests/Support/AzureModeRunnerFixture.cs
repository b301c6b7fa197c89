using ServerlessInventory.Testing.Emulators;

namespace ServerlessInventory.LocalRunner.Tests.Support;

/// <summary>
/// The runner in its Azure mode (<c>LocalRunner:Storage=Azure</c>) against stand-ins this fixture starts and stops:
/// the master on the Cosmos DB stand-in (or COSMOS_ENDPOINT), the repositories on Azurite, each in a database and table
/// prefix of its own; every selling channel pushes to the test's receiver.
/// </summary>
public sealed class AzureModeRunnerFixture : RunnerFixture
{
    private readonly CosmosStandIn _cosmos = new();
    private Azurite? _azurite;

    protected override bool NeedsPushReceiver => true;

    /// <summary>
    /// Starts both at once. Task.WhenAll waits for both to finish even when one fails, so when either fails the other
    /// has either failed too or is up: both are stopped here before rethrowing, never left running.
    /// </summary>
    protected override async ValueTask StartDependenciesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_cosmos.InitializeAsync().AsTask(), StartAzuriteAsync(cancellationToken));
        }
        catch
        {
            await StopDependenciesAsync();
            throw;
        }
    }

    /// <summary>Stops both, Azurite even when stopping Cosmos failed; safe to call twice (after a failed start, then on dispose).</summary>
    protected override async ValueTask StopDependenciesAsync()
    {
        var azurite = _azurite;
        _azurite = null;
        try
        {
            await _cosmos.DisposeAsync();
        }
        finally
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }
        }
    }

    protected override Dictionary<string, string> Settings()
    {
        var settings = RunnerSettings.Defaults().WithPushesTo(Receiver!, "pos", "web", "wholesale");
        settings["LocalRunner:Storage"] = "Azure";
        settings["Cosmos:AccountEndpoint"] = _cosmos.Endpoint.AbsoluteUri;
        settings["Cosmos:AccountKey"] = _cosmos.AccountKey;
        settings["Cosmos:ConnectionMode"] = "Gateway";
        settings["Cosmos:DatabaseName"] = CosmosStandIn.UniqueName("runner");
        settings["Tables:ConnectionString"] = _azurite!.ConnectionString;
        settings["Tables:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..8];
        // The change feed processor polls; the embedded pump is woken by each commit instead.
        settings["LocalRunner:ChangeFeedPollInterval"] = "00:00:00.100";
        // A reconciliation run decides about a change at once instead of counting it in flight.
        settings["Reconciliation:SettlingWindow"] = "00:00:00";
        return settings;
    }

    private async Task StartAzuriteAsync(CancellationToken cancellationToken) => _azurite = await Azurite.StartAsync(cancellationToken);
}
