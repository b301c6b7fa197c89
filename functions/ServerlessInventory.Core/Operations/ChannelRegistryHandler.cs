using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Operations;

/// <summary>How a read or an edit of one registered channel ended; each maps to one HTTP answer.</summary>
public enum ChannelEditOutcome
{
    Found,
    Created,
    Updated,
    Removed,
    NotRegistered,

    /// <summary>A create (no precondition) of a channel that exists.</summary>
    AlreadyExists,

    /// <summary>The precondition no longer holds: someone else changed or removed the channel since it was read.</summary>
    PreconditionFailed,
}

/// <summary>The outcome, the channel as it now is (read or written) with its new token, and why when refused.</summary>
public sealed record ChannelEdit(ChannelEditOutcome Outcome, ChannelBody? Channel = null, string? ConcurrencyToken = null, string? Detail = null);

/// <summary>
/// The channel registry as ops use it: list, read, create or replace, remove. Edits take optimistic concurrency
/// instead of last-writer-wins, so two ops editing the same channel never silently undo each other: no precondition
/// creates (refused if it exists), <c>*</c> replaces whatever is there, a tag replaces only what that read saw.
/// </summary>
public sealed class ChannelRegistryHandler(IChannelRegistry registry)
{
    /// <summary>The precondition's name as clients send it, so a refusal names what to fix.</summary>
    public const string IfMatchHeader = "If-Match";

    /// <summary>Registered channels by id; channels only in configuration are not listed (this is what ops edited).</summary>
    public async Task<IReadOnlyList<ChannelBody>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await registry.ListAsync(cancellationToken).ConfigureAwait(false)).Select(ChannelBody.From)];

    public async Task<ChannelEdit> GetAsync(ChannelId channel, CancellationToken cancellationToken) =>
        await registry.GetAsync(channel, cancellationToken).ConfigureAwait(false) is { } registration
            ? new ChannelEdit(ChannelEditOutcome.Found, ChannelBody.From(registration), registration.ConcurrencyToken)
            : NotRegistered(channel);

    /// <summary>Validates <paramref name="body"/> as strictly as configuration (<see cref="ChannelRequest.ToRegistration"/>) and saves it under <paramref name="ifMatch"/>.</summary>
    public async Task<ChannelEdit> SaveAsync(ChannelId channel, IfMatch ifMatch, ChannelRequest body, CancellationToken cancellationToken)
    {
        RefuseMalformed(ifMatch);
        var token = ifMatch.Kind == IfMatchKind.Any
            ? (await registry.GetAsync(channel, cancellationToken).ConfigureAwait(false))?.ConcurrencyToken
            : ifMatch.Token;
        if (ifMatch.Kind == IfMatchKind.Any && token is null)
        {
            return new ChannelEdit(ChannelEditOutcome.PreconditionFailed, Detail: $"channel '{channel}' is not registered; send no If-Match to create it");
        }
        var registration = body.ToRegistration(channel, token);
        var saved = await registry.UpsertAsync(registration, cancellationToken).ConfigureAwait(false);
        return saved.Outcome switch
        {
            ChannelSaveOutcome.Created => new ChannelEdit(ChannelEditOutcome.Created, ChannelBody.From(registration), saved.ConcurrencyToken),
            ChannelSaveOutcome.Updated => new ChannelEdit(ChannelEditOutcome.Updated, ChannelBody.From(registration), saved.ConcurrencyToken),
            _ when ifMatch.Kind == IfMatchKind.Absent => new ChannelEdit(ChannelEditOutcome.AlreadyExists,
                Detail: $"channel '{channel}' already exists; send If-Match with the ETag from GET to replace it"),
            _ => new ChannelEdit(ChannelEditOutcome.PreconditionFailed,
                Detail: $"channel '{channel}' was changed or removed since that ETag was read; GET it again and redo the edit"),
        };
    }

    /// <summary>
    /// Removes the registration and its mappings; with a tag only if nobody edited it since. A channel that is also
    /// configured falls back to its configuration once the catalog cache expires.
    /// </summary>
    public async Task<ChannelEdit> RemoveAsync(ChannelId channel, IfMatch ifMatch, CancellationToken cancellationToken)
    {
        RefuseMalformed(ifMatch);
        var outcome = await registry.RemoveAsync(channel, ifMatch.Kind == IfMatchKind.Tag ? ifMatch.Token : null, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            ChannelRemoveOutcome.Removed => new ChannelEdit(ChannelEditOutcome.Removed),
            ChannelRemoveOutcome.NotRegistered when ifMatch.Kind == IfMatchKind.Absent => NotRegistered(channel),
            _ => new ChannelEdit(ChannelEditOutcome.PreconditionFailed, Detail: $"channel '{channel}' was changed or removed since that ETag was read; GET it again"),
        };
    }

    private static ChannelEdit NotRegistered(ChannelId channel) => new(ChannelEditOutcome.NotRegistered, Detail: $"channel '{channel}' is not registered");

    private static void RefuseMalformed(IfMatch ifMatch)
    {
        if (ifMatch.Kind == IfMatchKind.Malformed)
        {
            throw new DomainValidationException(IfMatchHeader, "must be * or the one ETag a GET of this channel answered");
        }
    }
}
