using System.ComponentModel.DataAnnotations;

namespace ServerlessInventory.Adapters.Channels;

/// <summary>How fast pushes may go to one channel (<c>ChannelPush</c>, or per channel <c>ChannelPush:Channels:{channel}</c>).</summary>
public sealed class ChannelRateLimitOptions
{
    /// <summary>Requests per second to the channel (default 1,000); pushes over it wait for a slot instead of being sent.</summary>
    [Range(0.1, 100_000)]
    public double? RequestsPerSecond { get; set; }

    /// <summary>Requests in flight to the channel at once (default 16).</summary>
    [Range(1, 1024)]
    public int? MaxConcurrentRequests { get; set; }
}
