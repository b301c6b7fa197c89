using System.Diagnostics.CodeAnalysis;

namespace ServerlessInventory.Adapters.ServiceBus;

/// <summary>
/// The parts of <c>Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…[;EntityPath=…]</c> the SAS signer needs.
/// <see cref="ToString"/> leaves the key out, so that logging this never leaks it.
/// </summary>
public sealed class ServiceBusConnectionString
{
    private ServiceBusConnectionString(Uri endpoint, string keyName, string key)
    {
        Endpoint = endpoint;
        SharedAccessKeyName = keyName;
        SharedAccessKey = key;
    }

    /// <summary>The namespace as https (the REST API's scheme), from the <c>sb://</c> endpoint.</summary>
    public Uri Endpoint { get; }

    public string SharedAccessKeyName { get; }

    public string SharedAccessKey { get; }

    public static ServiceBusConnectionString Parse(string connectionString) =>
        TryParse(connectionString, out var parsed, out var problem) ? parsed : throw new FormatException($"Service Bus connection string: {problem}");

    public static bool TryParse(string connectionString, [NotNullWhen(true)] out ServiceBusConnectionString? parsed, [NotNullWhen(false)] out string? problem)
    {
        parsed = null;
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problem = "each part must be Name=Value.";
                return false;
            }
            parts[part[..equals]] = part[(equals + 1)..];
        }
        if (!parts.TryGetValue("Endpoint", out var endpointText) || !Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint))
        {
            problem = "Endpoint is missing or not an absolute URI.";
            return false;
        }
        if (!parts.TryGetValue("SharedAccessKeyName", out var keyName) || keyName.Length is 0 or > 256)
        {
            problem = "SharedAccessKeyName is missing or longer than 256 characters.";
            return false;
        }
        if (!parts.TryGetValue("SharedAccessKey", out var key) || key.Length is 0 or > 256)
        {
            problem = "SharedAccessKey is missing or longer than 256 characters.";
            return false;
        }
        var https = new UriBuilder(endpoint) { Scheme = Uri.UriSchemeHttps, Port = endpoint.IsDefaultPort || endpoint.Scheme == "sb" ? -1 : endpoint.Port }.Uri;
        parsed = new ServiceBusConnectionString(https, keyName, key);
        problem = null;
        return true;
    }

    public override string ToString() => $"Endpoint={Endpoint};SharedAccessKeyName={SharedAccessKeyName};SharedAccessKey=***";
}
