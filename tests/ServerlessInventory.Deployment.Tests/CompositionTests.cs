using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServerlessInventory.Deployment.Tests.Support;
using ServerlessInventory.Functions;

namespace ServerlessInventory.Deployment.Tests;

/// <summary>
/// The deployed app's composition starts with each environment's settings: the container validates on build, every
/// bound option passes its start-up validation, and every function class can be activated. Nothing connects while this
/// happens (CosmosClient, TableServiceClient and the publisher connect on first use), so no service is needed.
/// </summary>
public sealed partial class CompositionTests(BicepDeployment deployment)
{
    [Fact]
    public Task AzureComposition_LocalSettingsSample_ValidatesAndActivatesEveryFunction() =>
        StartsWithAsync(RepositoryFiles.LocalValues, RepositoryFiles.LocalSettingsFile);

    [Fact]
    public Task AzureComposition_ArmAppSettings_ValidatesAndActivatesEveryFunction()
    {
        // Values known only at deployment (endpoints read from the resources) are ARM expressions in the snapshot; each
        // is given an https URL of the kind the resource returns. Key Vault references stay as they are: the platform
        // resolves them to the secret before the app reads the setting.
        var appSettings = deployment.AppSettings.ToDictionary(
            p => p.Key,
            p => ArmExpression().IsMatch(p.Value) ? "https://deployed.example.net/" : p.Value,
            StringComparer.Ordinal);
        return StartsWithAsync(appSettings, "the ARM app settings (expressions replaced by https URLs)");
    }

    private static async Task StartsWithAsync(IReadOnlyDictionary<string, string> appSettings, string source)
    {
        var services = AzureComposition.Services(appSettings);
        // The Service Bus client and sender are only asynchronously disposable.
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (Exception invalid) when (invalid is OptionsValidationException or AggregateException)
        {
            throw new ShouldAssertException($"the options do not validate with {source}: {invalid.Message}", invalid);
        }

        foreach (var type in AzureComposition.BoundOptionsTypes(services))
        {
            var options = provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
            Should.NotThrow(() => options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options),
                $"{type.Name} does not bind or validate with {source}");
        }

        FunctionsServiceCollectionExtensions.FunctionClasses.ShouldNotBeEmpty();
        using var scope = provider.CreateScope();
        foreach (var function in FunctionsServiceCollectionExtensions.FunctionClasses)
        {
            Should.NotThrow(() => scope.ServiceProvider.GetRequiredService(function), $"{function.Name} cannot be activated with {source}");
        }
    }

    [GeneratedRegex(@"^\[.*\]$", RegexOptions.Singleline)]
    private static partial Regex ArmExpression();
}
