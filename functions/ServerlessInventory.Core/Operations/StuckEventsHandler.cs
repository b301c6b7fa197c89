using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Operations;

/// <summary>
/// What is stuck, as ops list it: parked events (not accepted, waiting for a fix) and dead letters (accepted, but kept
/// failing), each oldest first, a bounded page at a time (<see cref="OpsPageSize"/>).
/// </summary>
public sealed class StuckEventsHandler(IParkedEventStore parked, IDeadLetterStore deadLetters)
{
    public Task<Page<ParkedEvent>> ListParkedAsync(int? pageSize, string? continuation, CancellationToken cancellationToken) =>
        parked.ListAsync(OpsPageSize.From(pageSize), continuation, cancellationToken);

    public Task<Page<DeadLetter>> ListDeadLettersAsync(int? pageSize, string? continuation, CancellationToken cancellationToken) =>
        deadLetters.ListAsync(OpsPageSize.From(pageSize), continuation, cancellationToken);
}
