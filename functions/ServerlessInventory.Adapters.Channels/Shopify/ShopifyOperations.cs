namespace ServerlessInventory.Adapters.Channels.Shopify;

/// <summary>
/// The Admin GraphQL operations the product sends (API version <see cref="Core.Channels.ShopifyConnection.ApiVersion"/>),
/// and what each is expected to cost before its first answer says so: Shopify charges a mutation 10 points, an object
/// 1 and a connection 2 plus its page of nodes.
/// </summary>
public static class ShopifyOperations
{
    /// <summary>Shopify's documented maximum size of an input array: quantities per <c>inventorySetQuantities</c>, ids per <c>nodes</c>.</summary>
    public const int MaxInputArray = 250;

    /// <summary>Levels per page of the pull: 100 costs about 302 points, well under the 1,000 a single query may cost.</summary>
    public const int PullPageSize = 100;

    public const string InventoryItemGid = "gid://shopify/InventoryItem/";

    public const string LocationGid = "gid://shopify/Location/";

    /// <summary>
    /// Sets <c>available</c> (reason <c>correction</c>) for up to <see cref="MaxInputArray"/> items by compare-and-set;
    /// the idempotency key is a literal (hex, so nothing to escape), as Shopify's examples write it.
    /// </summary>
    public static string SetQuantities(string idempotencyKey) => $$"""
        mutation SetAvailable($input: InventorySetQuantitiesInput!) {
          inventorySetQuantities(input: $input) @idempotent(key: "{{idempotencyKey}}") {
            inventoryAdjustmentGroup { id }
            userErrors { code field message }
          }
        }
        """;

    public const double SetQuantitiesCost = 10;

    /// <summary>The <c>available</c> quantity of each item at one location (<c>inventoryLevel</c> is null where it is not stocked).</summary>
    public const string ReadLevels = """
        query ReadLevels($ids: [ID!]!, $location: ID!) {
          nodes(ids: $ids) {
            ... on InventoryItem {
              id
              inventoryLevel(locationId: $location) { quantities(names: ["available"]) { name quantity } }
            }
          }
        }
        """;

    public static double ReadLevelsCost(int items) => 1 + (2 * items);

    /// <summary>One page of a location's levels, after a cursor.</summary>
    public const string PullLevels = """
        query PullLevels($location: ID!, $first: Int!, $after: String) {
          location(id: $location) {
            inventoryLevels(first: $first, after: $after) {
              nodes { item { id } quantities(names: ["available"]) { name quantity } }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
        """;

    public static double PullLevelsCost(int first) => 2 + (3 * first);

    /// <summary>The decimal id at the end of a GID (<c>gid://shopify/InventoryItem/808950810</c> → <c>808950810</c>).</summary>
    public static string IdOf(string gid) => gid[(gid.LastIndexOf('/') + 1)..];
}
