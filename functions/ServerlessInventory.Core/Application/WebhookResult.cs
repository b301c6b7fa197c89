namespace ServerlessInventory.Core.Application;

/// <summary>A webhook as received: the channel from the route, the raw body, and a way to read its headers.</summary>
public sealed record WebhookRequest(string Channel, ReadOnlyMemory<byte> Body, Func<string, string?> Header);

/// <summary>How a webhook request ended; each maps to one HTTP answer of DESIGN §3.</summary>
public abstract record WebhookResult
{
    private WebhookResult() { }

    /// <summary>404: no such channel is configured.</summary>
    public sealed record UnknownChannel(string Channel) : WebhookResult;

    /// <summary>401: the signature is missing or wrong, or the channel has no secret. Says nothing more on purpose.</summary>
    public sealed record Unauthorized : WebhookResult;

    /// <summary>413: the body or the batch is larger than allowed.</summary>
    public sealed record TooLarge(string Reason) : WebhookResult;

    /// <summary>400: the request as a whole cannot be read; <see cref="Field"/> names where.</summary>
    public sealed record Malformed(string Field, string Reason) : WebhookResult;

    /// <summary>503: the topic did not take the accepted events; the channel sends the request again (nothing was accepted).</summary>
    public sealed record Unavailable : WebhookResult;

    /// <summary>200: a Shopify topic that moves no stock; nothing applied, acknowledged so Shopify keeps the subscription.</summary>
    public sealed record Ignored(string? Topic) : WebhookResult;

    /// <summary>202: what was accepted (now durable in the topic), already seen, or parked with its reason.</summary>
    public sealed record Accepted(IReadOnlyList<string> AcceptedIds, IReadOnlyList<string> Duplicates, IReadOnlyList<ParkedSummary> Parked) : WebhookResult;
}

/// <summary>A parked event as the channel is told of it: its id (or the parking id) and why.</summary>
public sealed record ParkedSummary(string Id, string Reason);
