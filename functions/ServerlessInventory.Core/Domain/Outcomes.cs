namespace ServerlessInventory.Core.Domain;

public enum EventDisposition
{
    Applied,

    /// <summary>Already in the ledger: acknowledged, not applied again, not an error.</summary>
    Duplicate,

    /// <summary>Not applied, with <see cref="EventOutcome.Reason"/>: the caller parks it, nothing changed.</summary>
    Rejected,
}

/// <summary>What happened to one event of a batch.</summary>
public sealed record EventOutcome(EventId EventId, EventDisposition Disposition, string? Reason = null, int Oversold = 0, IReadOnlyList<string>? Flags = null)
{
    public static EventOutcome Duplicate(EventId id) => new(id, EventDisposition.Duplicate);

    public static EventOutcome Rejected(EventId id, string reason) => new(id, EventDisposition.Rejected, reason);
}

/// <summary>Why a reservation operation did not go through. Each maps to one HTTP answer.</summary>
public enum ReservationFailure
{
    /// <summary>Not enough availableToSell for the channel at that moment.</summary>
    InsufficientStock,

    NotFound,

    /// <summary>Past its expiry: it can no longer be extended or confirmed.</summary>
    Expired,

    /// <summary>Released, or confirmed into another order: the operation does not apply to it.</summary>
    NotActive,

    /// <summary>The request names something that cannot be: an unknown channel, a location the channel does not sell from, an id reused for another request.</summary>
    Invalid,
}

/// <summary>Outcome of a reservation command: the reservation, or why not.</summary>
public sealed record ReservationResult
{
    private ReservationResult(Reservation? reservation, ReservationFailure? failure, string? field, string? reason, int available)
    {
        Reservation = reservation;
        Failure = failure;
        Field = field;
        Reason = reason;
        Available = available;
    }

    public Reservation? Reservation { get; }

    public ReservationFailure? Failure { get; }

    /// <summary>The request field at fault, for <see cref="ReservationFailure.Invalid"/>.</summary>
    public string? Field { get; }

    public string? Reason { get; }

    /// <summary>For <see cref="ReservationFailure.InsufficientStock"/>: the most that could be reserved now.</summary>
    public int Available { get; }

    public bool Succeeded => Reservation is not null && Failure is null;

    public static ReservationResult Success(Reservation reservation) => new(reservation, null, null, null, 0);

    public static ReservationResult InsufficientStock(int available) => new(null, ReservationFailure.InsufficientStock, null, "insufficient_stock", available);

    public static ReservationResult Fail(ReservationFailure failure, string reason, string? field = null) => new(null, failure, field, reason, 0);
}
