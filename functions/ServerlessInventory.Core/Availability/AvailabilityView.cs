using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Availability;

/// <summary>
/// What a channel's availability is computed from at one instant: every position's quantities, and the units each
/// channel holds at each location (its active reservations and its open orders).
/// </summary>
public sealed class AvailabilityView(IReadOnlyDictionary<LocationId, PositionView> positions, IReadOnlyDictionary<(ChannelId, LocationId), int> held)
{
    public static AvailabilityView Empty { get; } = new(new Dictionary<LocationId, PositionView>(), new Dictionary<(ChannelId, LocationId), int>());

    public IReadOnlyDictionary<LocationId, PositionView> Positions => positions;

    public int AvailableToSell(LocationId location) => positions.TryGetValue(location, out var position) ? position.AvailableToSell : 0;

    /// <summary>What the location could sell if nothing were promised: onHand less unsellable and safety stock, never below zero.</summary>
    public int SellableBeforePromises(LocationId location) => positions.TryGetValue(location, out var position) ? position.SellableBeforePromises : 0;

    public int HeldBy(ChannelId channel, LocationId location) => held.GetValueOrDefault((channel, location));
}
