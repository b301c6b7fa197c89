using ServerlessInventory.Core.Domain;

namespace ServerlessInventory.Core.Ports;

/// <summary>A delivered message that kept failing until its delivery count ran out, with why.</summary>
public sealed record DeadLetter(
    string MessageId,
    Sku? Sku,
    string Body,
    string Reason,
    string? Description,
    int DeliveryCount,
    DateTimeOffset DeadLetteredAt);

/// <summary>Dead letters as ops see them: listed, inspected, replayed (then removed).</summary>
public interface IDeadLetterStore
{
    Task AddAsync(DeadLetter deadLetter, CancellationToken cancellationToken);

    Task<DeadLetter?> GetAsync(string messageId, CancellationToken cancellationToken);

    /// <summary>Oldest first.</summary>
    Task<Page<DeadLetter>> ListAsync(int pageSize, string? continuation, CancellationToken cancellationToken);

    Task RemoveAsync(string messageId, CancellationToken cancellationToken);

    /// <summary>How many there are: what <see cref="ListAsync"/> would list.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);
}
