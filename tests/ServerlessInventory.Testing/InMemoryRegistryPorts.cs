using System.Globalization;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Testing;

/// <summary>The channel registry in a dictionary; the concurrency token is a counter bumped on every write.</summary>
public sealed class InMemoryChannelRegistry : IChannelRegistry
{
    private readonly SortedDictionary<string, ChannelRegistration> _channels = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _revision;

    public Task<IReadOnlyList<ChannelRegistration>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ChannelRegistration>>([.. _channels.Values]);
        }
    }

    public Task<ChannelRegistration?> GetAsync(ChannelId channel, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_channels.GetValueOrDefault(channel.Value));
        }
    }

    public Task<ChannelSaveResult> UpsertAsync(ChannelRegistration registration, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var stored = _channels.GetValueOrDefault(registration.Channel.Value);
            if (stored?.ConcurrencyToken != registration.ConcurrencyToken)
            {
                return Task.FromResult(new ChannelSaveResult(ChannelSaveOutcome.Conflict, null));
            }
            var token = (++_revision).ToString(CultureInfo.InvariantCulture);
            // Copies, so a caller changing its dictionaries afterwards does not change the registry.
            _channels[registration.Channel.Value] = registration with
            {
                Locations = [.. registration.Locations],
                SkuMap = new Dictionary<string, SkuMapping>(registration.SkuMap, StringComparer.Ordinal),
                LocationMap = new Dictionary<string, LocationId>(registration.LocationMap, StringComparer.Ordinal),
                VariantMap = new Dictionary<string, SkuMapping>(registration.VariantMap, StringComparer.Ordinal),
                ConcurrencyToken = token,
            };
            return Task.FromResult(new ChannelSaveResult(stored is null ? ChannelSaveOutcome.Created : ChannelSaveOutcome.Updated, token));
        }
    }

    public Task<ChannelRemoveOutcome> RemoveAsync(ChannelId channel, string? concurrencyToken, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var stored = _channels.GetValueOrDefault(channel.Value);
            var outcome = stored is null ? ChannelRemoveOutcome.NotRegistered
                : concurrencyToken is not null && stored.ConcurrencyToken != concurrencyToken ? ChannelRemoveOutcome.Conflict
                : ChannelRemoveOutcome.Removed;
            if (outcome == ChannelRemoveOutcome.Removed)
            {
                _channels.Remove(channel.Value);
            }
            return Task.FromResult(outcome);
        }
    }
}

/// <summary>Reconciliation reports in a dictionary, listed and paged as the real stores do.</summary>
public sealed class InMemoryReconciliationReportStore : IReconciliationReportStore
{
    private readonly Dictionary<string, (ReconciliationRun Run, Discrepancy[] Discrepancies)> _runs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task SaveAsync(ReconciliationRun run, IReadOnlyList<Discrepancy> discrepancies, CancellationToken cancellationToken)
    {
        ReconciliationReports.EnsureOnePerSku(discrepancies);
        lock (_gate)
        {
            _runs[run.RunId] = (run, [.. discrepancies.OrderBy(d => d.Sku.Value, StringComparer.Ordinal)]);
        }
        return Task.CompletedTask;
    }

    public Task AppendAsync(ReconciliationRun run, IReadOnlyList<Discrepancy> added, CancellationToken cancellationToken)
    {
        ReconciliationReports.EnsureOnePerSku(added);
        lock (_gate)
        {
            var stored = _runs.TryGetValue(run.RunId, out var before) ? before.Discrepancies : [];
            var replaced = added.Select(d => d.Sku).ToHashSet();
            _runs[run.RunId] = (run, [.. stored.Where(d => !replaced.Contains(d.Sku)).Concat(added).OrderBy(d => d.Sku.Value, StringComparer.Ordinal)]);
        }
        return Task.CompletedTask;
    }

    public Task<ReconciliationReport?> GetAsync(string runId, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        lock (_gate)
        {
            return Task.FromResult(_runs.TryGetValue(runId, out var stored)
                ? new ReconciliationReport(stored.Run, InMemoryParkedEventStore.Paged(stored.Discrepancies, pageSize, continuation))
                : null);
        }
    }

    public Task<Page<ReconciliationRun>> ListRunsAsync(ChannelId? channel, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        lock (_gate)
        {
            var runs = _runs.Values.Select(r => r.Run).Where(r => channel is null || r.Channel == channel)
                .OrderByDescending(r => r.StartedAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
            return Task.FromResult(InMemoryParkedEventStore.Paged(runs, pageSize, continuation));
        }
    }

    private readonly Dictionary<ChannelId, (string Holder, DateTimeOffset Until)> _leases = [];

    public Task<bool> TryLeaseAsync(ChannelId channel, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_leases.TryGetValue(channel, out var held) && held.Holder != holder && held.Until > now)
            {
                return Task.FromResult(false);
            }
            _leases[channel] = (holder, until);
            return Task.FromResult(true);
        }
    }

    public Task ReleaseLeaseAsync(ChannelId channel, string holder, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_leases.TryGetValue(channel, out var held) && held.Holder == holder)
            {
                _leases.Remove(channel);
            }
        }
        return Task.CompletedTask;
    }
}

/// <summary>Reported levels in memory: the latest per channel, SKU and location.</summary>
public sealed class InMemoryReportedLevelStore : IReportedLevelStore
{
    private readonly SortedDictionary<(string Channel, string Sku, string Location), ReportedLevel> _levels = new(Comparer<(string, string, string)>.Create((a, b) =>
    {
        var byChannel = string.CompareOrdinal(a.Item1, b.Item1);
        var bySku = byChannel != 0 ? byChannel : string.CompareOrdinal(a.Item2, b.Item2);
        return bySku != 0 ? bySku : string.CompareOrdinal(a.Item3, b.Item3);
    }));
    private readonly Lock _gate = new();

    public Task RecordAsync(IReadOnlyList<ReportedLevel> levels, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var level in levels)
            {
                var key = (level.Channel.Value, level.Sku.Value, level.Location?.Value ?? "");
                if (!_levels.TryGetValue(key, out var kept) || level.AsOf > kept.AsOf)
                {
                    _levels[key] = level;
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task<ReportedLevelPage> ListAsync(ChannelId channel, string? afterSku, int maxSkus, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSkus);
        lock (_gate)
        {
            var later = _levels.Where(p => p.Key.Channel == channel.Value && string.CompareOrdinal(p.Key.Sku, afterSku ?? "") > 0).Select(p => p.Value).ToList();
            var skus = later.Select(l => l.Sku).Distinct().Take(maxSkus + 1).ToList();
            var taken = skus.Take(maxSkus).ToHashSet();
            return Task.FromResult(new ReportedLevelPage([.. later.Where(l => taken.Contains(l.Sku))], skus.Count > maxSkus ? skus[maxSkus - 1].Value : null));
        }
    }
}
