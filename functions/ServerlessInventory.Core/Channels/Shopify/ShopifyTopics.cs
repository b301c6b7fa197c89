namespace ServerlessInventory.Core.Channels.Shopify;

/// <summary>The Shopify webhook topics that change or report stock; any other topic is acknowledged and ignored.</summary>
public static class ShopifyTopics
{
    public const string InventoryLevelsUpdate = "inventory_levels/update";
    public const string OrdersCreate = "orders/create";
    public const string OrdersCancelled = "orders/cancelled";
    public const string FulfillmentsCreate = "fulfillments/create";
    public const string RefundsCreate = "refunds/create";

    public static IReadOnlyList<string> Handled { get; } = [InventoryLevelsUpdate, OrdersCreate, OrdersCancelled, FulfillmentsCreate, RefundsCreate];

    public static bool IsHandled(string? topic) => topic is not null && Handled.Contains(topic, StringComparer.Ordinal);
}
