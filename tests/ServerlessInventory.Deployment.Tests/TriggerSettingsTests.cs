using Cronos;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Deployment.Tests.Support;

namespace ServerlessInventory.Deployment.Tests;

/// <summary>
/// Every app setting a trigger or binding attribute reads (<c>%Name%</c>, connection prefixes) is set locally and in
/// Azure. The Functions host resolves them when it indexes the functions: a missing one stops the function (or the
/// whole app) from starting, and nothing else would notice before a deployment.
/// </summary>
public sealed class TriggerSettingsTests(BicepDeployment deployment)
{
    [Fact]
    public void TriggerBindings_FunctionsAssembly_NameTheSettingsOfEveryNonHttpTrigger()
    {
        // Guards the reflection itself: if it found nothing, every check below would pass vacuously.
        var nonHttp = TriggerBindings.FunctionMethods.Where(m => TriggerBindings.TriggerOf(m) is not HttpTriggerAttribute).ToList();
        nonHttp.ShouldNotBeEmpty("the Functions assembly should have Service Bus, Cosmos DB and timer functions");
        foreach (var method in nonHttp)
        {
            var function = TriggerBindings.FunctionName(method);
            TriggerBindings.Settings.ShouldContain(s => s.Function == function,
                $"{function}'s trigger names no app setting: its topic, container or schedule should come from a %Setting%, not a literal");
        }
        TriggerBindings.Settings.ShouldContain(s => s.Kind == SettingKind.ConnectionPrefix, "no Connection prefix was found on any trigger");
    }

    [Fact]
    public void TriggerSettings_LocalSettingsSample_AreAllPresent()
    {
        var missing = TriggerBindings.Settings.Where(s => !s.IsSetIn(RepositoryFiles.LocalValues.Keys))
            .Select(s => $"{s.Name}{(s.Kind == SettingKind.ConnectionPrefix ? " (or " + s.Name + "__*)" : "")}, read by {s.Where}");
        missing.ShouldBeEmpty($"missing from {RepositoryFiles.LocalSettingsFile} Values");
    }

    [Fact]
    public void TriggerSettings_ArmAppSettings_AreAllSet()
    {
        var appSettings = deployment.AppSettings;
        var missing = TriggerBindings.Settings.Where(s => !s.IsSetIn(appSettings.Keys))
            .Select(s => $"{s.Name}{(s.Kind == SettingKind.ConnectionPrefix ? " (or " + s.Name + "__*)" : "")}, read by {s.Where}");
        missing.ShouldBeEmpty("not set by the function app's app settings in bicep/modules/functionapp.bicep (compiled snapshot)");
    }

    [Fact]
    public void TriggerConnections_ArmAppSettings_AreIdentityBasedNeverSecrets()
    {
        // In Azure every connection goes through the managed identity: Prefix__fullyQualifiedNamespace or
        // Prefix__accountEndpoint, never a connection string under the bare prefix.
        var appSettings = deployment.AppSettings;
        foreach (var connection in TriggerBindings.Settings.Where(s => s.Kind == SettingKind.ConnectionPrefix))
        {
            appSettings.Keys.ShouldNotContain(connection.Name,
                $"{connection.Name} (read by {connection.Where}) is set as a connection string in the ARM app settings; Azure should use {connection.Name}__* with the identity");
        }
    }

    [Fact]
    public void TimerSchedules_LocalAndArm_ParseAsSixFieldNcrontab()
    {
        var schedules = TriggerBindings.Settings.Where(s => s.Binding is TimerTriggerAttribute).ToList();
        schedules.ShouldNotBeEmpty("no timer trigger reads its schedule from a %Setting%");
        foreach (var (source, settings) in new[] { (RepositoryFiles.LocalSettingsFile, RepositoryFiles.LocalValues), ("the ARM app settings", deployment.AppSettings) })
        {
            foreach (var schedule in schedules)
            {
                settings.TryGetValue(schedule.Name, out var value).ShouldBeTrue($"{schedule.Name} ({schedule.Where}) is not in {source}");
                var parsed = Should.NotThrow(() => CronExpression.Parse(value, CronFormat.IncludeSeconds),
                    $"{schedule.Name} = '{value}' in {source} is not six-field NCRONTAB (seconds first), as the timer trigger needs");
                parsed.GetNextOccurrence(DateTime.UnixEpoch).ShouldNotBeNull($"{schedule.Name} = '{value}' in {source} never fires");
            }
        }
    }
}
