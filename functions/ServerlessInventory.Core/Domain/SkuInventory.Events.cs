using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Core.Domain;

public sealed partial class SkuInventory
{
    /// <summary>
    /// Applies one event at <paramref name="now"/>. <paramref name="history"/> holds the stored ledger entries
    /// whose event time is after the earliest count being applied (empty when no count is); entries applied
    /// earlier in this same decision are taken into account as well. Moments are taken as of
    /// <see cref="EffectiveMoment"/>, so an event dated in the future never distorts a count.
    /// </summary>
    public EventOutcome Apply(InventoryEvent evt, DateTimeOffset now, IReadOnlyList<LedgerEntry> history)
    {
        if (evt.Sku != Sku)
        {
            return EventOutcome.Rejected(evt.Id, $"event is for SKU '{evt.Sku}', not '{Sku}'");
        }
        if (_applied.Contains(evt.Key))
        {
            return EventOutcome.Duplicate(evt.Id);
        }

        var flags = new List<string>();
        var oversold = 0;
        ChannelId? placedBy = null;
        IReadOnlyList<PositionChange> effects;
        switch (evt)
        {
            case StockCounted count:
                effects = CountEffects(count, now, history, flags);
                break;
            case OrderPlaced order:
                (effects, oversold, placedBy) = OrderEffects(order, now, flags);
                break;
            default:
                effects = AbsorbCountedChanges(evt, now, flags);
                break;
        }

        foreach (var effect in effects)
        {
            var after = Position(effect.Location).Plus(effect);
            if (evt is StockCounted counted && !flags.Contains(LedgerFlags.StaleCount))
            {
                after = after with { LastCountedAt = EffectiveMoment(counted.CountedAt, now) };
            }
            FlagNegatives(effect, after, flags);
            SetPosition(after);
        }

        TrackOpenOrder(evt, placedBy);
        if (evt is LevelReported report)
        {
            KeepLevel(report);
        }

        _applied.Add(evt.Key);
        var heldFor = placedBy is { } channel && channel != evt.Source ? placedBy : null;
        _newEntries.Add(new LedgerEntry(evt, Version + 1, now, effects, oversold, flags, heldFor));
        return new EventOutcome(evt.Id, EventDisposition.Applied, null, oversold, flags);
    }

    /// <summary>
    /// The moment an event (or a count's <c>countedAt</c>) is taken to have happened: the moment it claims, but never
    /// later than when it was applied, since nothing can happen after it reached the master. A sender's clock that
    /// runs ahead would otherwise keep a sale dated next year on top of every count until then, or make a count
    /// absorb changes that happen after it. Ingest parks events beyond the clock tolerance; this rule covers those
    /// within it and any that still arrive (ops replay of a parked event, messages already in the topic).
    /// </summary>
    public static DateTimeOffset EffectiveMoment(DateTimeOffset claimed, DateTimeOffset appliedAt) =>
        claimed < appliedAt ? claimed : appliedAt;

    /// <summary>
    /// An onHand change that happened at or before the latest count of its location is already in that count;
    /// applying it again would count it twice. Its other quantities still apply.
    /// </summary>
    private List<PositionChange> AbsorbCountedChanges(InventoryEvent evt, DateTimeOffset now, List<string> flags)
    {
        var effects = new List<PositionChange>(evt.Changes.Count);
        var happened = EffectiveMoment(evt.Time, now);
        foreach (var change in evt.Changes)
        {
            var countedAt = Position(change.Location).LastCountedAt;
            if (change.OnHand != 0 && countedAt is { } at && happened <= at)
            {
                AddOnce(flags, LedgerFlags.AbsorbedByCount);
                effects.Add(change with { OnHand = 0 });
            }
            else
            {
                effects.Add(change);
            }
        }
        return effects;
    }

    /// <summary>
    /// onHand becomes the counted units plus every onHand change with a time after countedAt: the count is
    /// as of its own moment, and what happened since stays on top. A count older than the location's latest
    /// changes nothing.
    /// </summary>
    private List<PositionChange> CountEffects(StockCounted count, DateTimeOffset now, IReadOnlyList<LedgerEntry> history, List<string> flags)
    {
        var position = Position(count.Location);
        var countedAt = EffectiveMoment(count.CountedAt, now);
        if (position.LastCountedAt is { } latest && countedAt < latest)
        {
            flags.Add(LedgerFlags.StaleCount);
            return [];
        }
        var since = 0;
        foreach (var entry in history.Concat(_newEntries))
        {
            if (entry.Event is not StockCounted && EffectiveMoment(entry.Event.Time, entry.AppliedAt) > countedAt)
            {
                since += entry.Event.Changes.Where(c => c.Location == count.Location).Sum(c => c.OnHand);
            }
        }
        return [new PositionChange(count.Location, OnHand: count.Counted + since - position.OnHand)];
    }

    /// <summary>
    /// The order's effects, the units it oversells, and the channel it is held for (null when it commits nothing new):
    /// the channel of the reservation it converts, else its source. An order is never refused, but units beyond the
    /// location's availableToSell, or beyond what the channel's allocation still allows it to hold, are an oversell.
    /// </summary>
    private (IReadOnlyList<PositionChange> Effects, int Oversold, ChannelId? PlacedBy) OrderEffects(OrderPlaced order, DateTimeOffset now, List<string> flags)
    {
        // Taken before the reservation is converted, while its units still count as reserved, so that they are not counted twice below.
        var view = AvailabilityAt(now);
        var channel = order.Source;
        var held = 0;
        if (order.ReservationId is { } reservationId)
        {
            if (TryGetReservation(reservationId, out var reservation)
                && reservation.Status == ReservationStatus.Confirmed
                && reservation.OrderId == order.OrderId)
            {
                flags.Add(LedgerFlags.AlreadyCommitted);
                return ([], 0, null);
            }
            if (TryGetReservation(reservationId, out reservation) && reservation.HoldsStockAt(now) && reservation.Location == order.Location)
            {
                held = reservation.Quantity;
                channel = reservation.Channel;
                SetReservation(reservation with { Status = ReservationStatus.Confirmed, OrderId = order.OrderId });
                flags.Add(LedgerFlags.ReservationConverted);
            }
            else
            {
                flags.Add(LedgerFlags.ReservationNotHeld);
            }
        }

        // The units this order's own reservation held are available to it; the rest must come from availableToSell.
        // Floored at zero: a shortfall already there was made by a fact (drift, flagged on that fact) or by an
        // earlier promise (already counted), so only what this order adds to it is a new oversell.
        var oversold = Math.Max(0, order.Quantity - (held + view.AvailableToSell(order.Location)));
        var beyondQuota = BeyondQuota(channel, order, held, view);
        if (beyondQuota > 0)
        {
            flags.Add(LedgerFlags.OverQuota);
            oversold = Math.Max(oversold, beyondQuota);
        }
        if (oversold > 0)
        {
            flags.Add(LedgerFlags.Oversold);
        }
        return (order.Changes, oversold, channel);
    }

    /// <summary>Units of the order its channel's allocation does not leave room for; its own converted hold already counted.</summary>
    private int BeyondQuota(ChannelId channel, OrderPlaced order, int held, AvailabilityView view)
    {
        if (!_catalog.TryGetChannel(channel, out var policy) || !policy.SellsFrom(order.Location))
        {
            return 0;
        }
        var left = policy.QuotaLeft(view);
        return left == int.MaxValue ? 0 : Math.Max(0, order.Quantity - held - Math.Max(0, left));
    }

    private void TrackOpenOrder(InventoryEvent evt, ChannelId? placedBy)
    {
        if (OpenOrderTracking.After(evt, placedBy, _openOrders) is { } changed)
        {
            SetOpenOrder(changed);
        }
    }

    private static void FlagNegatives(PositionChange effect, PositionState after, List<string> flags)
    {
        if (effect.OnHand < 0 && after.OnHand < 0)
        {
            AddOnce(flags, LedgerFlags.NegativeOnHand);
        }
        if (effect.Committed < 0 && after.Committed < 0)
        {
            AddOnce(flags, LedgerFlags.NegativeCommitted);
        }
        if (effect.Incoming < 0 && after.Incoming < 0)
        {
            AddOnce(flags, LedgerFlags.NegativeIncoming);
        }
    }

    private static void AddOnce(List<string> flags, string flag)
    {
        if (!flags.Contains(flag))
        {
            flags.Add(flag);
        }
    }
}
