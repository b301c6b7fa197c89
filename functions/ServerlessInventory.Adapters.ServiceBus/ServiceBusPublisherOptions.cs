using System.ComponentModel.DataAnnotations;

namespace ServerlessInventory.Adapters.ServiceBus;

/// <summary>
/// Where and how events are sent to the Service Bus topic. Bound from the <c>ServiceBus</c> section and validated at
/// start. Either <see cref="Endpoint"/> or <see cref="ConnectionString"/> must name the namespace.
/// </summary>
public sealed class ServiceBusPublisherOptions : IValidatableObject
{
    public const string SectionName = "ServiceBus";

    /// <summary>
    /// Absolute URI of the namespace, e.g. <c>https://contoso.servicebus.windows.net/</c> (no default). Wins over the
    /// connection string's endpoint when both are set; tests point it at a loopback <c>http://</c> listener. When
    /// absent, the connection string's <c>Endpoint=sb://…</c> is used with the scheme changed to https.
    /// </summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Topic the events go to (default <c>inventory-events</c>).</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9._\-/~]{0,259}$")]
    public string TopicName { get; set; } = "inventory-events";

    /// <summary>
    /// Optional (default none) <c>Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…</c>: requests are signed with
    /// SAS tokens. When absent, Entra ID is used (the registered <c>TokenCredential</c>, by default
    /// <c>DefaultAzureCredential</c>; the identity needs the Azure Service Bus Data Sender role).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Largest serialized batch request body, in bytes (default 256 KiB, the Standard tier's batch limit; Premium
    /// accepts up to 1 MiB over HTTP). Batches are split to fit; a single event that does not fit fails the publish.
    /// </summary>
    [Range(1024, 1024 * 1024)]
    public int MaxBatchBytes { get; set; } = 256 * 1024;

    /// <summary>Retries of one batch after its first attempt (default 5) on 429, 5xx, timeouts and network errors.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>First backoff delay (default 500 ms), doubled per retry with jitter, unless the broker sends Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest Retry-After that is honoured as given (default 30 s); a longer one is cut to this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for one attempt (default 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a SAS token is valid (default 30 min, as the Azure SDK); it is renewed before it expires.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SasTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The namespace URI in use: <see cref="Endpoint"/>, else the connection string's endpoint as https.</summary>
    public Uri ResolveEndpoint()
    {
        if (Endpoint is { } endpoint)
        {
            return endpoint;
        }
        if (ConnectionString is { Length: > 0 } connectionString)
        {
            return ServiceBusConnectionString.Parse(connectionString).Endpoint;
        }
        throw new InvalidOperationException("ServiceBus: set Endpoint or ConnectionString.");
    }

    /// <summary>The topic's URI (no trailing slash): the SAS resource and the base of the send address.</summary>
    public Uri ResolveTopicUri()
    {
        var endpoint = ResolveEndpoint().GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri($"{endpoint}/{TopicName.Trim('/')}");
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult("Endpoint must be an absolute https (or, for tests, http) URI.", [nameof(Endpoint)]);
        }
        if (ConnectionString is { Length: > 0 } connectionString)
        {
            // The message names what is missing, never the key.
            if (!ServiceBusConnectionString.TryParse(connectionString, out _, out var problem))
            {
                yield return new ValidationResult($"ConnectionString is not usable: {problem}", [nameof(ConnectionString)]);
            }
        }
        else if (Endpoint is null)
        {
            yield return new ValidationResult("Set Endpoint (Entra ID) or ConnectionString (SAS).", [nameof(Endpoint), nameof(ConnectionString)]);
        }
    }
}
