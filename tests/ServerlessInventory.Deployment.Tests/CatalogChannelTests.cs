using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using ServerlessInventory.Core.Availability;
using ServerlessInventory.Deployment.Tests.Support;

namespace ServerlessInventory.Deployment.Tests;

/// <summary>
/// The channel catalog is a dictionary option (<c>Catalog__Channels__{id}__*</c>), so instead of one setting per
/// property: every channel of the Bicep <c>channels</c> parameter becomes its settings, its secret only as a Key Vault
/// reference; every channel setting names a real <see cref="ChannelOptions"/> property; and the local sample carries the
/// same example catalog, as main.bicepparam says it does.
/// </summary>
public sealed class CatalogChannelTests(BicepDeployment deployment)
{
    private const string Prefix = $"{CatalogOptions.SectionName}__{nameof(CatalogOptions.Channels)}__";

    private IReadOnlyList<JsonObject> BicepChannels
    {
        get
        {
            var channels = deployment.Parameter("channels").AsArray().Select(c => c!.AsObject()).ToList();
            channels.ShouldNotBeEmpty("main.bicepparam's channels parameter is empty");
            return channels;
        }
    }

    private static CatalogOptions Bind(IReadOnlyDictionary<string, string> appSettings) =>
        AzureComposition.Configuration(appSettings).GetSection(CatalogOptions.SectionName).Get<CatalogOptions>() ?? new CatalogOptions();

    [Fact]
    public void BicepChannels_ArmAppSettings_GiveEachASecretReferenceAndItsLocations()
    {
        var appSettings = deployment.AppSettings;
        foreach (var channel in BicepChannels)
        {
            var id = (string)channel["id"]!;
            var secret = $"{Prefix}{id}__{nameof(ChannelOptions.Secret)}";
            appSettings.TryGetValue(secret, out var reference).ShouldBeTrue($"{secret} is not set for Bicep channel '{id}'");
            reference.ShouldStartWith("@Microsoft.KeyVault(", Case.Sensitive, $"{secret} must be a Key Vault reference, never the key itself");
            reference.ShouldContain($"SecretName=channel-{id}-secret", Case.Sensitive, $"{secret} should name the secret the README tells the deployer to set");

            var locations = channel["locations"]!.AsArray().Select(l => (string)l!).ToList();
            for (var i = 0; i < locations.Count; i++)
            {
                var setting = $"{Prefix}{id}__{nameof(ChannelOptions.Locations)}__{i.ToString(CultureInfo.InvariantCulture)}";
                appSettings.TryGetValue(setting, out var location).ShouldBeTrue($"{setting} is not set for Bicep channel '{id}'");
                location.ShouldBe(locations[i], $"{setting}");
            }
            appSettings.Keys.ShouldNotContain($"{Prefix}{id}__{nameof(ChannelOptions.Locations)}__{locations.Count.ToString(CultureInfo.InvariantCulture)}",
                $"channel '{id}' has more location settings than the parameter has locations");
        }
    }

    [Fact]
    public void ChannelSettings_ArmAndLocal_NameOnlyChannelOptionsProperties()
    {
        var properties = typeof(ChannelOptions).GetProperties().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (source, settings) in new[] { ("the ARM app settings", deployment.AppSettings), (RepositoryFiles.LocalSettingsFile, RepositoryFiles.LocalValues) })
        {
            var channelKeys = settings.Keys.Where(k => k.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
            channelKeys.ShouldNotBeEmpty($"{source} sets no {Prefix}* settings");
            foreach (var key in channelKeys)
            {
                var parts = key[Prefix.Length..].Split("__");
                (parts.Length >= 2 && properties.Contains(parts[1])).ShouldBeTrue($"{key} in {source} sets no ChannelOptions property (the binder would ignore it)");
            }
        }
    }

    [Fact]
    public void Catalog_LocalSampleAndArm_BindTheBicepChannelsParameter()
    {
        var expected = BicepChannels.ToDictionary(c => (string)c["id"]!, Describe, StringComparer.Ordinal);
        foreach (var (source, settings) in new[] { ("the ARM app settings", deployment.AppSettings), (RepositoryFiles.LocalSettingsFile, RepositoryFiles.LocalValues) })
        {
            var bound = Bind(settings).Channels;
            bound.Keys.Order(StringComparer.Ordinal).ShouldBe(expected.Keys.Order(StringComparer.Ordinal), $"the channels of {source} and of main.bicepparam");
            foreach (var (id, channel) in bound)
            {
                Describe(channel).ShouldBe(expected[id], $"channel '{id}' in {source} and in main.bicepparam");
                channel.Secret.ShouldNotBeNullOrWhiteSpace($"channel '{id}' has no secret in {source}: its webhooks could not be verified");
            }
        }
        Bind(RepositoryFiles.LocalValues).Channels.Values.ShouldAllBe(c => !c.Secret!.StartsWith('@'), "local secrets are plain local values, not references");
    }

    private static string Describe(JsonObject channel) => Describe(
        channel["locations"]!.AsArray().Select(l => (string)l!), (int?)channel["buffer"] ?? 0,
        (int?)channel["allocationPercent"], (int?)channel["allocationCap"], (string?)channel["pushUrl"], (string?)channel["levelsUrl"], (string?)channel["format"] ?? "CloudEvents");

    private static string Describe(ChannelOptions channel) => Describe(
        channel.Locations, channel.Buffer, channel.AllocationPercent, channel.AllocationCap, channel.PushUrl?.ToString(), channel.LevelsUrl?.ToString(), channel.Format.ToString());

    private static string Describe(IEnumerable<string> locations, int buffer, int? percent, int? cap, string? pushUrl, string? levelsUrl, string format) =>
        $"locations [{string.Join(", ", locations)}], buffer {buffer}, allocationPercent {percent?.ToString(CultureInfo.InvariantCulture) ?? "-"}, " +
        $"allocationCap {cap?.ToString(CultureInfo.InvariantCulture) ?? "-"}, pushUrl {pushUrl ?? "-"}, levelsUrl {levelsUrl ?? "-"}, format {format}";
}
