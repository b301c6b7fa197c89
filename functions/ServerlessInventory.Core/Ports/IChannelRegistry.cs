using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Ports;

/// <summary>
/// A channel as ops register it at run time: its availability policy and how it connects, without its secret
/// (secrets stay in app settings or Key Vault, <c>Catalog:Channels:{id}:Secret</c>, never in a table).
/// <see cref="ConcurrencyToken"/> is opaque: null for a channel not yet registered, else the token of the read it
/// came from, so an edit made on a stale read is refused instead of silently overwriting someone else's.
/// </summary>
public sealed record ChannelRegistration(
    ChannelId Channel,
    IReadOnlyList<LocationId> Locations,
    int Buffer,
    Allocation Allocation,
    WebhookFormat Format,
    Uri? PushUrl,
    IReadOnlyDictionary<string, SkuMapping> SkuMap,
    IReadOnlyDictionary<string, LocationId> LocationMap,
    bool RequireSkuMapping,
    string? ConcurrencyToken = null)
{
    /// <summary>
    /// Where a reconciliation run asks the channel what it shows (<see cref="ChannelConnection.LevelsUrl"/>); null for a
    /// channel that reports its levels by event.
    /// </summary>
    public Uri? LevelsUrl { get; init => field = ChannelConnection.ValidLevelsUrl(value); }
    /// <summary>Inbound only: Shopify variant id to master SKU and unit factor (<see cref="ChannelMapping"/>); empty for most channels.</summary>
    public IReadOnlyDictionary<string, SkuMapping> VariantMap { get; init; } = new Dictionary<string, SkuMapping>(StringComparer.Ordinal);

    /// <summary>A channel with no policy, no push URL and no mappings: a starting point for tests and tools.</summary>
    public static ChannelRegistration Bare(ChannelId channel, params LocationId[] locations) => new(
        channel, locations, 0, Allocation.Whole, WebhookFormat.CloudEvents, null,
        new Dictionary<string, SkuMapping>(StringComparer.Ordinal), new Dictionary<string, LocationId>(StringComparer.Ordinal), false);

    /// <summary>The channel's availability policy, or null when it sells from no location (a channel that only reports).</summary>
    public ChannelPolicy? ToPolicy() => Locations.Count == 0 ? null : new ChannelPolicy(Channel, Locations, Buffer, Allocation);

    /// <summary>How the channel connects, with its <paramref name="secret"/> from configuration.</summary>
    public ChannelConnection ToConnection(string? secret) =>
        new(Channel, Guard.Defined(Format), secret, PushUrl, new ChannelMapping(SkuMap, LocationMap, RequireSkuMapping, VariantMap)) { LevelsUrl = LevelsUrl };

    /// <summary>Same content, whatever the token and the dictionaries' order: what a round trip must keep.</summary>
    public bool SameContentAs(ChannelRegistration other) =>
        Channel == other.Channel && Locations.SequenceEqual(other.Locations) && Buffer == other.Buffer && Allocation == other.Allocation
        && Format == other.Format && PushUrl == other.PushUrl && LevelsUrl == other.LevelsUrl && RequireSkuMapping == other.RequireSkuMapping
        && SkuMap.Count == other.SkuMap.Count && SkuMap.All(p => other.SkuMap.TryGetValue(p.Key, out var m) && m == p.Value)
        && LocationMap.Count == other.LocationMap.Count && LocationMap.All(p => other.LocationMap.TryGetValue(p.Key, out var l) && l == p.Value)
        && VariantMap.Count == other.VariantMap.Count && VariantMap.All(p => other.VariantMap.TryGetValue(p.Key, out var v) && v == p.Value);
}

public enum ChannelSaveOutcome
{
    /// <summary>Registered for the first time (the registration had no token).</summary>
    Created,

    /// <summary>Replaced the registration its token was read from.</summary>
    Updated,

    /// <summary>
    /// Nothing written: someone else changed or removed the channel since the token was read, or the registration
    /// had no token and the channel already exists. Read it again and redo the edit.
    /// </summary>
    Conflict,
}

/// <summary>What an upsert did; <see cref="ConcurrencyToken"/> is the new token when it wrote, else null.</summary>
public sealed record ChannelSaveResult(ChannelSaveOutcome Outcome, string? ConcurrencyToken)
{
    public bool Saved => Outcome is not ChannelSaveOutcome.Conflict;
}

/// <summary>
/// The channel registry: channels ops edit at run time instead of only in configuration. Mappings may hold
/// thousands of SKUs; a read always sees one whole registration, never half of an edit.
/// </summary>
public interface IChannelRegistry
{
    /// <summary>Every registered channel, ordered by id.</summary>
    Task<IReadOnlyList<ChannelRegistration>> ListAsync(CancellationToken cancellationToken);

    Task<ChannelRegistration?> GetAsync(ChannelId channel, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the channel when <see cref="ChannelRegistration.ConcurrencyToken"/> is null, else replaces it if it is
    /// still as that token's read saw it. A stale or missing match is a <see cref="ChannelSaveOutcome.Conflict"/>.
    /// </summary>
    Task<ChannelSaveResult> UpsertAsync(ChannelRegistration registration, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the channel and its mappings. With a <paramref name="concurrencyToken"/> (from a read) only if the channel
    /// is still as read, so a removal made on a stale read never discards a later edit; with none, whatever is there.
    /// </summary>
    Task<ChannelRemoveOutcome> RemoveAsync(ChannelId channel, string? concurrencyToken, CancellationToken cancellationToken);
}

public enum ChannelRemoveOutcome
{
    Removed,

    /// <summary>Nothing was registered under the id.</summary>
    NotRegistered,

    /// <summary>Nothing removed: the channel changed since the token was read.</summary>
    Conflict,
}
