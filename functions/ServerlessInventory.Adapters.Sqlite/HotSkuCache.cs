using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Sqlite;

/// <summary>
/// The positions, active reservations and open orders of the SKUs that hold many reservations, as of one head version.
/// A flash sale's SKU carries hundreds of active holds, and reading and validating every one of them for every
/// checkout cost more than everything else a checkout does. A load still reads the head's version in its own read
/// transaction and uses an entry only at exactly that version, so a commit by another process (which always moves the
/// head) is never missed; this process's commits move an entry forward by what they changed, once they are durable.
/// </summary>
internal sealed class HotSkuCache
{
    /// <summary>Fewer active reservations than this are cheaper to read than to keep.</summary>
    public const int MinReservations = 16;

    /// <summary>Bounds the memory: a flash sale is a few SKUs at a time, not the catalogue.</summary>
    public const int Capacity = 1_024;

    private readonly Lock _lock = new();
    private readonly Dictionary<Sku, HotSku> _entries = [];

    public bool TryGet(Sku sku, long version, out HotSku state)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(sku, out state!) && state.Version == version;
        }
    }

    /// <summary>Keeps what a load read at <paramref name="state"/>'s version, if the SKU is hot and nothing newer is kept.</summary>
    public void Remember(Sku sku, HotSku state)
    {
        if (state.ActiveReservations.Count < MinReservations)
        {
            return;
        }
        lock (_lock)
        {
            if (_entries.TryGetValue(sku, out var kept) && kept.Version >= state.Version)
            {
                return;
            }
            if (!_entries.ContainsKey(sku) && _entries.Count >= Capacity)
            {
                _entries.Remove(_entries.Keys.First());
            }
            _entries[sku] = state;
        }
    }

    /// <summary>
    /// Moves the SKU's entry to the commit's new version by what it changed, when the entry is at the version the commit
    /// was decided on; drops it otherwise. Called only after the commit is durable.
    /// </summary>
    public void Advance(SkuCommit commit)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(commit.Sku, out var kept))
            {
                return;
            }
            if (kept.Version != commit.ExpectedVersion)
            {
                if (kept.Version < commit.NewVersion)
                {
                    _entries.Remove(commit.Sku);
                }
                return;
            }
            _entries[commit.Sku] = kept.After(commit);
        }
    }
}

/// <summary>One SKU's kept state; its lists are never changed once built, so loads may share them.</summary>
internal sealed record HotSku(long Version, IReadOnlyList<PositionState> Positions, IReadOnlyList<Reservation> ActiveReservations, IReadOnlyList<OpenOrder> OpenOrders)
{
    public HotSku After(SkuCommit commit)
    {
        var positions = Positions.ToDictionary(p => p.Location);
        foreach (var changed in commit.Positions)
        {
            positions[changed.Location] = changed;
        }
        var reservations = ActiveReservations.ToDictionary(r => r.Id);
        foreach (var changed in commit.Reservations)
        {
            if (changed.Status == ReservationStatus.Active)
            {
                reservations[changed.Id] = changed;
            }
            else
            {
                reservations.Remove(changed.Id);
            }
        }
        var orders = OpenOrders.ToDictionary(o => (o.OrderId, o.Location));
        foreach (var changed in commit.OpenOrders)
        {
            if (changed.IsClosed)
            {
                orders.Remove((changed.OrderId, changed.Location));
            }
            else
            {
                orders[(changed.OrderId, changed.Location)] = changed;
            }
        }
        return new HotSku(commit.NewVersion, [.. positions.Values], [.. reservations.Values], [.. orders.Values]);
    }
}
