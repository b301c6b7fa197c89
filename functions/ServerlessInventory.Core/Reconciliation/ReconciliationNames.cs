using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Reconciliation;

/// <summary>The wire names of causes, actions and resolutions (snake_case, as the HTTP contract and metrics use them).</summary>
public static class ReconciliationNames
{
    public static string Cause(DiscrepancyCause cause) => cause switch
    {
        DiscrepancyCause.MissedPush => "missed_push",
        DiscrepancyCause.MissedEvent => "missed_event",
        DiscrepancyCause.StaleChannel => "stale_channel",
        _ => "unknown",
    };

    public static string Action(DiscrepancyAction action) => action == DiscrepancyAction.Repushed ? "repushed" : "raised_for_review";

    public static string Resolution(ReviewResolution resolution) => resolution == ReviewResolution.AcceptMaster ? "accept_master" : "accept_channel";

    public static ReviewResolution? ParseResolution(string? value) => value switch
    {
        "accept_master" => ReviewResolution.AcceptMaster,
        "accept_channel" => ReviewResolution.AcceptChannel,
        _ => null,
    };
}
