using System.ComponentModel.DataAnnotations;
using Azure.Messaging.ServiceBus;

namespace ServerlessInventory.Adapters.ServiceBus;

/// <summary>
/// Where and how events are sent to the Service Bus topic. Bound from the <c>ServiceBus</c> section and validated at
/// start. Either <see cref="FullyQualifiedNamespace"/> (Entra ID) or <see cref="ConnectionString"/> names the namespace.
/// </summary>
public sealed class ServiceBusPublisherOptions : IValidatableObject
{
    public const string SectionName = "ServiceBus";

    /// <summary>
    /// The namespace's host, e.g. <c>contoso.servicebus.windows.net</c> (no default; a URL such as
    /// <c>https://contoso.servicebus.windows.net/</c> is taken by its host); signs in with the registered <c>TokenCredential</c>.
    /// </summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>The host the client connects to: <see cref="FullyQualifiedNamespace"/>, without a scheme or path.</summary>
    public string? NamespaceHost => Uri.TryCreate(FullyQualifiedNamespace, UriKind.Absolute, out var uri) ? uri.Host : FullyQualifiedNamespace?.Trim();

    /// <summary>Topic the events go to (default <c>inventory-events</c>).</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9._\-/~]{0,259}$")]
    public string TopicName { get; set; } = "inventory-events";

    /// <summary>
    /// Optional (default none) <c>Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…</c>, for local tools; wins
    /// over <see cref="FullyQualifiedNamespace"/>. A secret: never logged, never echoed by validation.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Whether the topic is partitioned (default false, as the Bicep deploys it). A partitioned topic refuses a batch
    /// spanning sessions, so each batch then holds one SKU's events only.
    /// </summary>
    public bool PartitionedTopic { get; set; }

    /// <summary>The SDK's retries of one send after its first attempt (default 5), exponential from <see cref="RetryDelay"/>.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 5;

    /// <summary>First backoff delay (default 500 ms); the SDK doubles it per retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait between two attempts (default 30 s), also when the broker asks to back off longer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for one attempt (default 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The SDK's retry policy from these options: the one retry layer of a publish.</summary>
    public ServiceBusRetryOptions ToRetryOptions() => new()
    {
        Mode = ServiceBusRetryMode.Exponential,
        MaxRetries = MaxRetryAttempts,
        Delay = RetryDelay,
        MaxDelay = MaxRetryDelay,
        TryTimeout = AttemptTimeout,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ConnectionString is { Length: > 0 } connectionString)
        {
            string? problem = null;
            try
            {
                var properties = ServiceBusConnectionStringProperties.Parse(connectionString);
                if (properties.Endpoint is null)
                {
                    problem = "it has no Endpoint";
                }
                else if (properties.SharedAccessSignature is null && (properties.SharedAccessKeyName is null || properties.SharedAccessKey is null))
                {
                    problem = "it needs SharedAccessKeyName with SharedAccessKey, or SharedAccessSignature";
                }
            }
            catch (FormatException)
            {
                // The parser's own message may quote the text; ours names what is wrong, never the key.
                problem = "it is not a Service Bus connection string (Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…)";
            }
            if (problem is not null)
            {
                yield return new ValidationResult($"ConnectionString is not usable: {problem}.", [nameof(ConnectionString)]);
            }
        }
        else if (string.IsNullOrWhiteSpace(NamespaceHost) || Uri.CheckHostName(NamespaceHost) != UriHostNameType.Dns)
        {
            yield return new ValidationResult("Set FullyQualifiedNamespace (a host name such as contoso.servicebus.windows.net, for Entra ID) or ConnectionString.", [nameof(FullyQualifiedNamespace), nameof(ConnectionString)]);
        }
        if (RetryDelay > MaxRetryDelay)
        {
            yield return new ValidationResult("RetryDelay must not exceed MaxRetryDelay.", [nameof(RetryDelay), nameof(MaxRetryDelay)]);
        }
    }
}
