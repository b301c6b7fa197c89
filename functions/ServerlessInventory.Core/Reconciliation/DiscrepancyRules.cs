using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Reconciliation;

/// <summary>What a run concluded about one SKU of one channel.</summary>
public enum Verdict
{
    InAgreement,

    /// <summary>The master changed moments ago, or a push is still being retried: the channel may simply not have it yet.</summary>
    InFlight,

    Discrepancy,
}

/// <summary>What a run knows about one SKU of one channel when it decides.</summary>
/// <param name="MasterValue">What the channel should show: its availability by the push rule.</param>
/// <param name="ChannelValue">
/// What the channel shows: what it reported or, for a SKU it never reported, the value it last acknowledged from our
/// pushes; null when it did neither (never pushed this SKU, or its latest push is still owed), so nothing is known.
/// </param>
/// <param name="ReportedAt">When the channel's value was true at the channel (for an acknowledged value, its delivery).</param>
/// <param name="LastPush">What the channel was last sent or is owed; null when it was never pushed this SKU.</param>
/// <param name="MasterChangedAt">When the SKU's positions last changed (its latest ledger entry with an effect); null when never.</param>
public sealed record Comparison(int MasterValue, int? ChannelValue, DateTimeOffset? ReportedAt, PushState? LastPush, DateTimeOffset? MasterChangedAt);

public sealed record Decision(Verdict Verdict, DiscrepancyCause? Cause = null)
{
    public static Decision Agreement { get; } = new(Verdict.InAgreement);

    public static Decision Settling { get; } = new(Verdict.InFlight);

    /// <summary>
    /// Auto-correct only where the master holds confirmed transactions the channel has not shown; everything else goes
    /// to a person, and nothing is overwritten.
    /// </summary>
    public DiscrepancyAction? Action => Cause switch
    {
        DiscrepancyCause.MissedPush or DiscrepancyCause.StaleChannel => DiscrepancyAction.Repushed,
        null => null,
        _ => DiscrepancyAction.RaisedForReview,
    };
}

/// <summary>
/// The reconciliation rules, in the order they are tried (the first that holds decides):
/// <list type="number">
/// <item><b>in agreement</b>: |channel − master| is at most the channel's threshold; or the channel's value is not known
/// while it was never pushed this SKU and the master has no history: it was never owed anything.</item>
/// <item><b>in flight</b>: the master changed, or a push to the channel was recorded or delivered, within the settling
/// window before the run: the channel may simply not show it yet.</item>
/// <item><b>missed_push</b>: the channel was never pushed this SKU while the master has a history; or its last push
/// is still owed (it failed, and kept failing beyond the settling window); or it acknowledged a value that is no longer
/// the master's (the master changed after the last acknowledged push, and no push followed).</item>
/// <item><b>stale_channel</b>: the channel acknowledged the master's current value, but its report is older than that
/// delivery: it still shows a value from before.</item>
/// <item><b>missed_event</b>: the channel acknowledged the master's current value and its report is newer than that
/// delivery, yet shows another value: the channel changed on its own (a sale, count or edit that never reached the master).</item>
/// <item><b>unknown</b>: otherwise (the channel reported a value, nothing was ever pushed and the master has no history).</item>
/// </list>
/// </summary>
public static class DiscrepancyRules
{
    /// <summary>
    /// The first rule alone, which needs no history: a run reads a SKU's ledger (<see cref="Comparison.MasterChangedAt"/>)
    /// only when this is false.
    /// </summary>
    public static bool Agrees(Comparison comparison, int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        return comparison.ChannelValue is { } shown && Math.Abs(shown - comparison.MasterValue) <= threshold;
    }

    public static Decision Decide(Comparison comparison, int threshold, DateTimeOffset now, TimeSpan settlingWindow)
    {
        if (Agrees(comparison, threshold))
        {
            return Decision.Agreement;
        }
        var settledBefore = now - settlingWindow;
        var push = comparison.LastPush;
        if (comparison.MasterChangedAt > settledBefore || push?.UpdatedAt > settledBefore)
        {
            return Decision.Settling;
        }
        if (push is null)
        {
            return comparison.MasterChangedAt is not null ? new Decision(Verdict.Discrepancy, DiscrepancyCause.MissedPush)
                : comparison.ChannelValue is null ? Decision.Agreement
                : new Decision(Verdict.Discrepancy, DiscrepancyCause.Unknown);
        }
        if (!push.Delivered || push.Available != comparison.MasterValue)
        {
            return new Decision(Verdict.Discrepancy, DiscrepancyCause.MissedPush);
        }
        return new Decision(Verdict.Discrepancy, comparison.ReportedAt < push.UpdatedAt ? DiscrepancyCause.StaleChannel : DiscrepancyCause.MissedEvent);
    }
}
