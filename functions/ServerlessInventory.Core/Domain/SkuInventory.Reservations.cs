using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Core.Domain;

/// <summary>A request to hold stock for a checkout, already validated by its constructor.</summary>
public sealed record ReservationRequest
{
    public ReservationRequest(ReservationId id, Sku sku, ChannelId channel, int quantity, LocationId? location, TimeSpan ttl)
    {
        Id = id;
        Sku = sku;
        Channel = channel;
        Quantity = Guard.Positive(quantity);
        Location = location;
        Ttl = ttl > TimeSpan.Zero ? ttl : throw new DomainValidationException("ttlSeconds", "must be a positive number of seconds");
    }

    public ReservationId Id { get; }

    public Sku Sku { get; }

    public ChannelId Channel { get; }

    public int Quantity { get; }

    /// <summary>Where to hold it (store pickup: decided on that location's own stock); when null, the channel's location with the most availableToSell is picked.</summary>
    public LocationId? Location { get; }

    public TimeSpan Ttl { get; }
}

public sealed partial class SkuInventory
{
    /// <summary>
    /// Holds stock if the channel is offered enough at this instant (<see cref="ChannelPolicy.Reservable"/>: the same
    /// rule the availability it is answered comes from), at the location asked or the one of its locations with most.
    /// The same id with the same request answers the reservation already made.
    /// </summary>
    public ReservationResult Reserve(ReservationRequest request, DateTimeOffset now)
    {
        if (_reservations.TryGetValue(request.Id, out var existing))
        {
            var sameRequest = existing.Sku == request.Sku && existing.Channel == request.Channel && existing.Quantity == request.Quantity
                && (request.Location is null || request.Location == existing.Location);
            if (!sameRequest)
            {
                return ReservationResult.Fail(ReservationFailure.Invalid, "reservationId is already used for a different request", "reservationId");
            }
            // A retried request gets the hold it already made, but never a hold that has ended as if it were live.
            return existing.HoldsStockAt(now)
                ? ReservationResult.Success(existing)
                : ReservationResult.Fail(
                    existing.IsLapsedAt(now) || existing.Status == ReservationStatus.Expired ? ReservationFailure.Expired : ReservationFailure.NotActive,
                    $"reservation '{existing.Id}' is {(existing.IsLapsedAt(now) ? "expired" : existing.Status.ToString().ToLowerInvariant())}");
        }
        if (!_catalog.TryGetChannel(request.Channel, out var channel))
        {
            return ReservationResult.Fail(ReservationFailure.Invalid, $"channel '{request.Channel}' is not configured", "channel");
        }
        if (request.Location is { } asked && !channel.SellsFrom(asked))
        {
            return ReservationResult.Fail(ReservationFailure.Invalid, $"channel '{channel.Channel}' does not sell from location '{asked}'", "location");
        }

        var (location, reservable) = channel.Reservable(AvailabilityAt(now), request.Location);
        if (request.Quantity > reservable)
        {
            return ReservationResult.InsufficientStock(reservable);
        }

        var reservation = new Reservation(request.Id, Sku, location, channel.Channel, request.Quantity, now, now + request.Ttl);
        SetReservation(reservation);
        return ReservationResult.Success(reservation);
    }

    /// <summary>
    /// Turns an active reservation into a committed order. Recorded in the ledger as the order it places,
    /// with an id derived from the reservation so that confirming twice applies once, from the product's own source:
    /// the channel that holds it is the reservation's.
    /// </summary>
    public ReservationResult Confirm(ReservationId id, string orderId, DateTimeOffset now)
    {
        if (!_reservations.TryGetValue(id, out var reservation))
        {
            return ReservationResult.Fail(ReservationFailure.NotFound, $"reservation '{id}' does not exist");
        }
        if (reservation.Status == ReservationStatus.Confirmed)
        {
            return reservation.OrderId == orderId
                ? ReservationResult.Success(reservation)
                : ReservationResult.Fail(ReservationFailure.NotActive, $"reservation '{id}' is already confirmed into order '{reservation.OrderId}'");
        }
        if (reservation.IsLapsedAt(now) || reservation.Status == ReservationStatus.Expired)
        {
            return ReservationResult.Fail(ReservationFailure.Expired, $"reservation '{id}' expired at {reservation.ExpiresAt:O}");
        }
        if (reservation.Status != ReservationStatus.Active)
        {
            return ReservationResult.Fail(ReservationFailure.NotActive, $"reservation '{id}' is {reservation.Status.ToString().ToLowerInvariant()}");
        }

        var order = new OrderPlaced(
            new EventId($"reservation-{id}-confirmed"), EventSources.Product, now, orderId, Sku, reservation.Location, reservation.Quantity, id);
        Apply(order, now, []);
        return ReservationResult.Success(_reservations[id]);
    }

    /// <summary>Gives the units back. Releasing twice, or releasing one that already expired, succeeds and changes nothing more.</summary>
    public ReservationResult Release(ReservationId id, DateTimeOffset now)
    {
        if (!_reservations.TryGetValue(id, out var reservation))
        {
            return ReservationResult.Fail(ReservationFailure.NotFound, $"reservation '{id}' does not exist");
        }
        return reservation.Status switch
        {
            ReservationStatus.Active => ReservationResult.Success(Set(reservation with
            {
                Status = reservation.IsLapsedAt(now) ? ReservationStatus.Expired : ReservationStatus.Released,
            })),
            ReservationStatus.Released or ReservationStatus.Expired => ReservationResult.Success(reservation),
            _ => ReservationResult.Fail(ReservationFailure.NotActive, $"reservation '{id}' is already confirmed into order '{reservation.OrderId}'"),
        };
    }

    /// <summary>Moves the expiry to <paramref name="ttl"/> from now. An expired reservation cannot be brought back.</summary>
    public ReservationResult Extend(ReservationId id, TimeSpan ttl, DateTimeOffset now)
    {
        if (!_reservations.TryGetValue(id, out var reservation))
        {
            return ReservationResult.Fail(ReservationFailure.NotFound, $"reservation '{id}' does not exist");
        }
        if (reservation.IsLapsedAt(now) || reservation.Status == ReservationStatus.Expired)
        {
            return ReservationResult.Fail(ReservationFailure.Expired, $"reservation '{id}' expired at {reservation.ExpiresAt:O}");
        }
        return reservation.Status == ReservationStatus.Active
            ? ReservationResult.Success(Set(reservation with { ExpiresAt = now + ttl }))
            : ReservationResult.Fail(ReservationFailure.NotActive, $"reservation '{id}' is {reservation.Status.ToString().ToLowerInvariant()}");
    }

    /// <summary>
    /// Marks reservations past their expiry as expired, the longest lapsed first, at most <paramref name="limit"/> of them
    /// (one commit's worth). Availability already ignored them; this makes it durable.
    /// </summary>
    public int ExpireLapsed(DateTimeOffset now, int limit = SkuCommit.MaxItems)
    {
        var lapsed = _reservations.Values.Where(r => r.IsLapsedAt(now)).OrderBy(r => r.ExpiresAt).Take(limit).ToList();
        foreach (var reservation in lapsed)
        {
            SetReservation(reservation with { Status = ReservationStatus.Expired });
        }
        return lapsed.Count;
    }

    private Reservation Set(Reservation reservation)
    {
        SetReservation(reservation);
        return reservation;
    }
}
