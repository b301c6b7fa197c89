using Microsoft.Extensions.Options;

namespace ServerlessInventory.LocalRunner.Hosting;

/// <summary>
/// Refuses to start a runner that would listen beyond loopback without <c>LocalRunner:OpsKey</c>: reservations,
/// queries and ops would be open to the network. Runs with the options' start-up validation, before Kestrel binds.
/// </summary>
public sealed class OpsKeyRequiredOffLoopback(IConfiguration configuration) : IValidateOptions<LocalRunnerOptions>
{
    public const string Setting = $"{LocalRunnerOptions.SectionName}:{nameof(LocalRunnerOptions.OpsKey)}";

    public ValidateOptionsResult Validate(string? name, LocalRunnerOptions options)
    {
        if (!string.IsNullOrEmpty(options.OpsKey))
        {
            return ValidateOptionsResult.Success;
        }
        var exposed = ListenAddresses.Configured(configuration).Where(a => !ListenAddresses.IsLoopback(a)).ToList();
        return exposed.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"The runner would listen on {string.Join(", ", exposed)}, which other machines can reach, without a key: set {Setting} "
                + $"(at least {LocalRunnerOptions.MinimumOpsKeyLength} characters; clients send it in the x-functions-key header) or listen on localhost / 127.0.0.1 only.");
    }
}
