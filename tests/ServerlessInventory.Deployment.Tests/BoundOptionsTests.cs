using ServerlessInventory.Deployment.Tests.Support;

namespace ServerlessInventory.Deployment.Tests;

/// <summary>
/// Every option the deployed app binds (found from the composition, not listed) has its <c>Section__Property</c>
/// setting in local.settings.sample.json and in the ARM app settings, but for the commented exemptions. A setting left
/// out silently falls back to the code's default in that environment, which is how Azure and local drift apart.
/// </summary>
public sealed class BoundOptionsTests(BicepDeployment deployment)
{
    /// <summary>Read by the Functions host and its telemetry, not by the app's code.</summary>
    private static readonly HashSet<string> PlatformSettings = new(StringComparer.Ordinal)
    {
        "AzureWebJobsStorage__accountName",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
    };

    private static readonly IReadOnlyList<Type> Bound = AzureComposition.BoundOptionsTypes(AzureComposition.Services(RepositoryFiles.LocalValues));

    private static IEnumerable<BoundProperty> AllProperties => Bound.SelectMany(AzureComposition.Properties);

    private static IEnumerable<BoundProperty> ScalarProperties => AllProperties.Where(p => AzureComposition.IsScalar(p.Property.PropertyType));

    [Fact]
    public void BoundOptions_AzureComposition_EachDeclareADistinctSectionName()
    {
        Bound.Count.ShouldBeGreaterThan(5, "the composition should bind the Core, Functions and adapter options; the reflection found too few");
        var sections = Bound.Select(AzureComposition.SectionName).ToList();
        sections.ShouldBeUnique("two options types are bound from the same section");
        ScalarProperties.ShouldNotBeEmpty();
    }

    [Fact]
    public void BoundOptions_LocalSettingsSample_SetEveryScalarProperty()
    {
        var missing = ScalarProperties
            .Where(p => !SettingExemptions.NotLocal.ContainsKey(p.Setting) && !RepositoryFiles.LocalValues.ContainsKey(p.Setting))
            .Select(p => $"{p.Setting} (binds {p.Where})");
        missing.ShouldBeEmpty($"missing from {RepositoryFiles.LocalSettingsFile} Values");
    }

    [Fact]
    public void BoundOptions_ArmAppSettings_SetEveryScalarProperty()
    {
        var appSettings = deployment.AppSettings;
        var missing = ScalarProperties
            .Where(p => !SettingExemptions.NotInAzure.ContainsKey(p.Setting) && !appSettings.ContainsKey(p.Setting))
            .Select(p => $"{p.Setting} (binds {p.Where})");
        missing.ShouldBeEmpty("not set by the app settings of bicep/modules/functionapp.bicep (compiled snapshot)");
    }

    [Fact]
    public void Exemptions_ArmAndLocalSettings_LeaveOutWhatTheyExempt()
    {
        var appSettings = deployment.AppSettings;
        foreach (var (setting, reason) in SettingExemptions.NotInAzure)
        {
            appSettings.Keys.ShouldNotContain(setting, $"{setting} must not be set in Azure: {reason}");
        }
        foreach (var (setting, reason) in SettingExemptions.NotLocal)
        {
            RepositoryFiles.LocalValues.Keys.ShouldNotContain(setting, $"{setting} must not be in {RepositoryFiles.LocalSettingsFile}: {reason}");
        }
    }

    [Fact]
    public void Exemptions_EveryEntry_NamesABoundProperty()
    {
        var scalar = ScalarProperties.Select(p => p.Setting).ToHashSet(StringComparer.Ordinal);
        foreach (var setting in SettingExemptions.NotInAzure.Keys.Concat(SettingExemptions.NotLocal.Keys))
        {
            scalar.ShouldContain(setting, $"SettingExemptions lists {setting}, which no bound options property reads any more: remove the entry");
        }
    }

    [Fact]
    public void BoundOptions_CollectionProperties_AreExactlyTheDocumentedExemptions()
    {
        var collections = AllProperties.Where(p => !AzureComposition.IsScalar(p.Property.PropertyType)).Select(p => p.Setting).Order(StringComparer.Ordinal);
        collections.ShouldBe(SettingExemptions.Collections.Keys.Order(StringComparer.Ordinal),
            "every dictionary or collection option needs a decision in SettingExemptions.Collections (what checks it instead)");
    }

    [Fact]
    public void ArmAppSettings_EverySetting_IsReadByTheAppOrThePlatform()
    {
        // The other direction: a setting nothing reads is a leftover of a rename, and hides that the new name is missing.
        var read = ScalarProperties.Select(p => p.Setting).ToHashSet(StringComparer.Ordinal);
        var collectionPrefixes = SettingExemptions.Collections.Keys.Select(k => k + "__").ToList();
        var unread = deployment.AppSettings.Keys
            .Where(key => !read.Contains(key)
                && !TriggerBindings.Settings.Any(s => s.IsSetIn([key]))
                && !collectionPrefixes.Any(prefix => key.StartsWith(prefix, StringComparison.Ordinal))
                && !PlatformSettings.Contains(key));
        unread.ShouldBeEmpty("set by bicep/modules/functionapp.bicep but read by no trigger, bound option or the Functions platform");
    }
}
