using System.Text.Json.Nodes;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>The change feed to the channels: every channel ends up showing what the master says, never stepping back.</summary>
public sealed class AvailabilityPushTests(PushRunnerFixture fixture) : IClassFixture<PushRunnerFixture>
{
    private static readonly string[] _channels = ["pos", "web", "wholesale"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pushes_AfterABurstOverSeveralSkus_ConvergeToTheApiInOrderAndSigned()
    {
        var receiver = fixture.Receiver!;
        var skus = Enumerable.Range(1, 4).Select(i => Unique.Sku($"PUSH-{i}")).ToList();

        // Each channel sends what it would: the WMS-like wholesale channel receives and ships at the DC, the store's POS
        // receives, sells and damages, the web storefront sells from the DC. One webhook per event, all at once.
        var sends = new List<(string Channel, string Sku, JsonObject Event)>();
        foreach (var (sku, n) in skus.Select((s, i) => (s, i + 1)))
        {
            var transferId = Unique.Id("tr");
            sends.Add(("wholesale", sku, CloudEvents.Received(Unique.Id("dc-recv"), "wholesale", sku, "dc-1", 40 + n)));
            sends.Add(("pos", sku, CloudEvents.Received(Unique.Id("st-recv"), "pos", sku, "store-1", 10 + n)));
            sends.Add(("pos", sku, CloudEvents.Sale(Unique.Id("st-sale"), "pos", sku, "store-1", 1)));
            sends.Add(("pos", sku, CloudEvents.Sale(Unique.Id("st-sale"), "pos", sku, "store-1", n)));
            sends.Add(("pos", sku, CloudEvents.Damaged(Unique.Id("st-dmg"), "pos", sku, "store-1", 1)));
            sends.Add(("web", sku, CloudEvents.Sale(Unique.Id("web-sale"), "web", sku, "dc-1", 2)));
            sends.Add(("wholesale", sku, CloudEvents.Adjusted(Unique.Id("dc-adj"), "wholesale", sku, "dc-1", -n)));
            sends.Add(("wholesale", sku, CloudEvents.TransferShipped(Unique.Id("ship"), "wholesale", transferId, sku, "dc-1", "store-1", 5)));
            sends.Add(("pos", sku, CloudEvents.TransferReceived(Unique.Id("got"), "pos", transferId, sku, "store-1", 5)));
            sends.Add(("web", sku, CloudEvents.Sale(Unique.Id("web-sale"), "web", sku, "dc-1", 3)));
        }
        var answers = await Task.WhenAll(sends.Select(s => fixture.Api.SendEventAsync(s.Channel, s.Event, Ct)));
        answers.SelectMany(a => a.Accepted).Count().ShouldBe(sends.Count);
        foreach (var sku in skus)
        {
            await fixture.Runner.WaitForAppliedAsync(sku, [.. sends.Where(s => s.Sku == sku).Select(s => s.Event["id"]!.GetValue<string>())], Ct);
        }

        // Eventually the last push each channel got for each SKU is what the availability API answers.
        await Eventually.UntilAsync(
            "for every (channel, sku) the last push equals GET /api/availability",
            async ct =>
            {
                var pushes = receiver.Pushes;
                var mismatches = new List<string>();
                foreach (var channel in _channels)
                {
                    foreach (var sku in skus)
                    {
                        var expected = await fixture.Api.GetAvailableAsync(channel, sku, ct);
                        var last = pushes.LastOrDefault(p => p.Channel == channel && p.Sku == sku);
                        if (last?.Available != expected)
                        {
                            mismatches.Add($"{channel}/{sku}: api {expected}, last push {last?.Available.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
                        }
                    }
                }
                return mismatches;
            },
            mismatches => mismatches.Count == 0,
            Ct,
            diagnostics: () => "runner output:\n" + fixture.Runner.Output);

        var ours = receiver.Pushes.Where(p => skus.Contains(p.Sku)).ToList();
        ours.ShouldAllBe(p => p.SignatureValid);
        ours.ShouldAllBe(p => p.PathChannel == p.Channel);
        receiver.BadSignatures.ShouldBe(0);
        receiver.Malformed.ShouldBe(0);
        foreach (var pair in ours.GroupBy(p => (p.Channel, p.Sku)))
        {
            var versions = pair.OrderBy(p => p.Sequence).Select(p => p.Version).ToList();
            for (var i = 1; i < versions.Count; i++)
            {
                versions[i].ShouldBeGreaterThan(versions[i - 1], $"{pair.Key}: versions in arrival order [{string.Join(", ", versions)}]");
            }
        }
        ours.Select(p => (p.Channel, p.Sku)).Distinct().Count().ShouldBe(_channels.Length * skus.Count);
    }
}
