namespace ServerlessInventory.LocalRunner.Tests.Support;

/// <summary>Settings every test runner gets on its command line, and the ones a test class adds.</summary>
public static class RunnerSettings
{
    /// <summary>The channels' secrets, and the timer schedules pinned to the runner's defaults so that no test depends on appsettings.json for them.</summary>
    public static Dictionary<string, string> Defaults() => new(Secrets.AsSettings(), StringComparer.OrdinalIgnoreCase)
    {
        ["ExpireReservationsSchedule"] = "0 */1 * * * *",
        ["RetryPushesSchedule"] = "30 */1 * * * *",
        ["ReconcileChannelsSchedule"] = "0 0 * * * *",
        ["SampleHealthSchedule"] = "*/10 * * * * *",
    };

    /// <summary>Points each channel's push URL at <paramref name="receiver"/> (<c>/push/{channel}</c>).</summary>
    public static Dictionary<string, string> WithPushesTo(this Dictionary<string, string> settings, PushReceiver receiver, params string[] channels)
    {
        foreach (var channel in channels)
        {
            settings[$"Catalog:Channels:{channel}:PushUrl"] = receiver.UrlFor(channel).ToString();
        }
        return settings;
    }
}

/// <summary>One runner shared by a test class (each test uses SKUs of its own), killed with the class.</summary>
public abstract class RunnerFixture : IAsyncLifetime
{
    private LocalRunnerProcess? _runner;

    public LocalRunnerProcess Runner => _runner ?? throw new InvalidOperationException("the fixture is not initialized");

    public RunnerApi Api => Runner.Api;

    public PushReceiver? Receiver { get; private set; }

    /// <summary>
    /// Starts the receiver, the dependencies and the runner; when any of them fails, stops what did start before
    /// rethrowing, since a fixture whose initialization failed is not reliably disposed by xunit and its processes
    /// (node, the runner) would outlive the test run.
    /// </summary>
    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        try
        {
            if (NeedsPushReceiver)
            {
                Receiver = await PushReceiver.StartAsync(cancellationToken);
            }
            await StartDependenciesAsync(cancellationToken);
            _runner = await LocalRunnerProcess.StartAsync(Settings(), cancellationToken);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the runner, the receiver and the dependencies, each even when stopping another one failed; safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        var (runner, receiver) = (_runner, Receiver);
        (_runner, Receiver) = (null, null);
        try
        {
            if (runner is not null)
            {
                await runner.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                if (receiver is not null)
                {
                    await receiver.DisposeAsync();
                }
            }
            finally
            {
                await StopDependenciesAsync();
            }
        }
        GC.SuppressFinalize(this);
    }

    protected virtual bool NeedsPushReceiver => false;

    /// <summary>Starts what the runner needs besides itself (the Azure stand-ins), before it starts.</summary>
    protected virtual ValueTask StartDependenciesAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Stops them, after the runner stopped; also called after a failed start (whatever started), and may be called twice.</summary>
    protected virtual ValueTask StopDependenciesAsync() => ValueTask.CompletedTask;

    protected abstract Dictionary<string, string> Settings();
}

/// <summary>The runner as shipped (appsettings.json), with the tests' secrets.</summary>
public sealed class DefaultRunnerFixture : RunnerFixture
{
    protected override Dictionary<string, string> Settings() => RunnerSettings.Defaults();
}

/// <summary>The web channel is offered all of the pool (AllocationPercent 100, Buffer 0), so only stock limits a checkout.</summary>
public sealed class CheckoutRunnerFixture : RunnerFixture
{
    protected override Dictionary<string, string> Settings()
    {
        var settings = RunnerSettings.Defaults();
        settings["Catalog:Channels:web:AllocationPercent"] = "100";
        settings["Catalog:Channels:web:Buffer"] = "0";
        return settings;
    }
}

/// <summary>Webhook bodies are limited to 4 KiB, so a too-large body is cheap to send.</summary>
public sealed class IngestionRunnerFixture : RunnerFixture
{
    public const int MaxBodyBytes = 4096;

    protected override Dictionary<string, string> Settings()
    {
        var settings = RunnerSettings.Defaults();
        settings["Webhooks:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}

/// <summary>The runner with <c>LocalRunner:OpsKey</c> set: reservations, queries and ops need the key; <see cref="LocalRunnerProcess.Http"/> sends it.</summary>
public sealed class OpsKeyRunnerFixture : RunnerFixture
{
    public const string OpsKey = "e2e-ops-key-0123456789abcdef";

    protected override Dictionary<string, string> Settings()
    {
        var settings = RunnerSettings.Defaults();
        settings["LocalRunner:OpsKey"] = OpsKey;
        return settings;
    }
}

/// <summary>Every selling channel (pos, web, wholesale) pushes to the test's receiver.</summary>
public sealed class PushRunnerFixture : RunnerFixture
{
    protected override bool NeedsPushReceiver => true;

    protected override Dictionary<string, string> Settings() => RunnerSettings.Defaults().WithPushesTo(Receiver!, "pos", "web", "wholesale");
}

/// <summary>
/// Every selling channel pushes to the test's receiver; the retry round never runs during a test (so only a channel's
/// recovery can deliver what it is owed); web sells <see cref="MasterSku"/> as <see cref="CaseSku"/>, a case of 12.
/// </summary>
public sealed class RecoveryRunnerFixture : RunnerFixture
{
    public const int CaseSize = 12;

    public string MasterSku { get; } = Unique.Sku("CASED");

    public string CaseSku => "CASE-" + MasterSku;

    protected override bool NeedsPushReceiver => true;

    protected override Dictionary<string, string> Settings()
    {
        var settings = RunnerSettings.Defaults().WithPushesTo(Receiver!, "pos", "web", "wholesale");
        settings["RetryPushesSchedule"] = "0 0 0 1 1 *";
        settings[$"Catalog:Channels:web:SkuMap:{CaseSku}:Sku"] = MasterSku;
        settings[$"Catalog:Channels:web:SkuMap:{CaseSku}:UnitFactor"] = CaseSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}

/// <summary>The reservation sweeper runs every second, and pos pushes to the test's receiver.</summary>
public sealed class SweeperRunnerFixture : RunnerFixture
{
    protected override bool NeedsPushReceiver => true;

    protected override Dictionary<string, string> Settings()
    {
        var settings = RunnerSettings.Defaults().WithPushesTo(Receiver!, "pos");
        settings["ExpireReservationsSchedule"] = "* * * * * *";
        return settings;
    }
}

/// <summary>
/// Every selling channel pushes to the test's receiver, and reconciliation has no settling window, so a run decides
/// about a change at once instead of counting it in flight.
/// </summary>
public sealed class ReconciliationRunnerFixture : RunnerFixture
{
    protected override bool NeedsPushReceiver => true;

    protected override Dictionary<string, string> Settings()
    {
        var settings = RunnerSettings.Defaults().WithPushesTo(Receiver!, "pos", "web", "wholesale");
        settings["Reconciliation:SettlingWindow"] = "00:00:00";
        return settings;
    }
}

/// <summary>Reconciliation with its default settling window (2 minutes): every change a test makes is still settling.</summary>
public sealed class SettlingRunnerFixture : RunnerFixture
{
    protected override bool NeedsPushReceiver => true;

    protected override Dictionary<string, string> Settings() => RunnerSettings.Defaults().WithPushesTo(Receiver!, "pos", "web", "wholesale");
}

/// <summary>
/// Reconciliation checkpoints after every SKU (page size 1) and a dead run's lease lapses after a second, so a test can
/// kill the runner in the middle of a run and see the next one resume it.
/// </summary>
public sealed class ResumableReconciliationRunnerFixture : RunnerFixture
{
    protected override Dictionary<string, string> Settings()
    {
        var settings = RunnerSettings.Defaults();
        settings["Reconciliation:SettlingWindow"] = "00:00:00";
        settings["Reconciliation:PageSize"] = "1";
        settings["Reconciliation:LeaseDuration"] = "00:00:01";
        return settings;
    }
}

/// <summary>
/// Every selling channel pushes to the test's receiver, the retry round never runs during a test (a channel that is
/// back is sent what it is owed by its recovery alone), and health is sampled every second.
/// </summary>
public sealed class HealthRunnerFixture : RunnerFixture
{
    protected override bool NeedsPushReceiver => true;

    protected override Dictionary<string, string> Settings()
    {
        var settings = RunnerSettings.Defaults().WithPushesTo(Receiver!, "pos", "web", "wholesale");
        settings["RetryPushesSchedule"] = "0 0 0 1 1 *";
        settings["SampleHealthSchedule"] = "* * * * * *";
        settings["Health:SampleInterval"] = "00:00:01";
        return settings;
    }
}
