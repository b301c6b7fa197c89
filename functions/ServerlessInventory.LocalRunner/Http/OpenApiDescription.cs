using Microsoft.AspNetCore.OpenApi;

namespace ServerlessInventory.LocalRunner.Http;

/// <summary>
/// The rules every route shares, stated once in the OpenAPI document: the routes are generated from the function
/// classes, which carry no per-operation prose, and a client needs these before it sends anything.
/// </summary>
public static class OpenApiDescription
{
    public const string InputPolicy =
        "Every request body (webhooks and API alike) is read under one strict JSON policy: numbers are JSON numbers, never "
        + "strings (\"quantity\":\"5\" is refused); a member appears once; no trailing commas or comments; API bodies match "
        + "camelCase member names exactly and refuse members they do not define. A breach is 400 application/problem+json "
        + "whose `field` names the member (or `body`). A CloudEvent must carry \"specversion\":\"1.0\" (alone: 400; in a batch: "
        + "parked with its reason). An event whose `time`, or a count's `data.countedAt`, is more than Webhooks:ClockTolerance "
        + "(default 5 minutes) ahead of the receiving clock is parked with its reason, never accepted; an event that still "
        + "reaches the master dated ahead (an ops replay) is taken as of when it was applied.";

    public static OpenApiOptions DescribeInputPolicy(this OpenApiOptions options) => options.AddDocumentTransformer((document, _, _) =>
    {
        document.Info.Description = InputPolicy;
        return Task.CompletedTask;
    });
}
