using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.OpsConsole.Tests.Support;

/// <summary>
/// The runner as shipped, every selling channel pushing to the test's receiver, reconciliation deciding at once (no
/// settling window), and web selling <see cref="MasterSku"/> as <see cref="CaseSku"/> (a case of <see cref="CaseSize"/>).
/// </summary>
public sealed class ConsoleRunnerFixture : RunnerFixture
{
    public const int CaseSize = 6;

    public string MasterSku { get; } = Unique.Sku("UI-CASED");

    public string CaseSku => "CASE-" + MasterSku;

    protected override bool NeedsPushReceiver => true;

    protected override Dictionary<string, string> Settings()
    {
        var settings = RunnerSettings.Defaults().WithPushesTo(Receiver!, "pos", "web", "wholesale");
        settings["Reconciliation:SettlingWindow"] = "00:00:00";
        settings[$"Catalog:Channels:web:SkuMap:{CaseSku}:Sku"] = MasterSku;
        settings[$"Catalog:Channels:web:SkuMap:{CaseSku}:UnitFactor"] = CaseSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}
