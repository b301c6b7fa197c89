using System.Globalization;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>
/// A channel that was down is sent what it is owed as soon as it answers again, and pushes reach a channel in its own
/// SKUs and units. The retry round never runs here: only the recovery can deliver.
/// </summary>
public sealed class ChannelPushRecoveryTests(RecoveryRunnerFixture fixture) : IClassFixture<RecoveryRunnerFixture>
{
    /// <summary>How long web answers 503: long enough for its circuit to open and for values to change meanwhile.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(12);

    /// <summary>The target: every owed value delivered within this of the channel answering 200 again.</summary>
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Push_ChannelDownThenBack_EveryOwedValueDeliveredWithinFiveSecondsInVersionOrder()
    {
        var receiver = fixture.Receiver!;
        var skus = Enumerable.Range(1, 6).Select(i => Unique.Sku($"BACK-{i}")).ToList();
        receiver.Down("web");
        var outageStarted = receiver.Elapsed;

        // Stock arrives at the DC while web is down, then web keeps selling: its values change all through the outage.
        foreach (var sku in skus)
        {
            await fixture.Runner.SendAndWaitAsync("wholesale", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "wholesale", sku, "dc-1", 60));
        }
        for (var sale = 0; receiver.Elapsed - outageStarted < Outage; sale++)
        {
            var sku = skus[sale % skus.Count];
            await fixture.Runner.SendAndWaitAsync("web", sku, Ct, CloudEvents.Sale(Unique.Id("sale"), "web", sku, "dc-1", 1));
        }
        receiver.Pushes.Count(p => p.Channel == "web" && p.Status == 503).ShouldBeGreaterThan(0, "web was pushed to while it was down");
        var recoveredAt = receiver.Up("web");

        var expected = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sku in skus)
        {
            expected[sku] = await fixture.Api.GetAvailableAsync("web", sku, Ct);
        }
        var delivered = await Eventually.UntilAsync(
            "web's last accepted push of every SKU is what the availability API answers",
            _ => Task.FromResult(skus.Select(sku => receiver.Pushes.LastOrDefault(p => p.Channel == "web" && p.Sku == sku && p.Accepted)).ToList()),
            lasts => lasts.Zip(skus).All(pair => pair.First?.Available == expected[pair.Second]),
            Ct,
            timeout: TimeSpan.FromSeconds(30),
            diagnostics: () => "runner output:\n" + fixture.Runner.Output);

        var slowest = delivered.Max(p => p!.At - recoveredAt);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"web down {Outage.TotalSeconds:0} s: all {skus.Count} owed values delivered {slowest.TotalSeconds:0.000} s after it answered 200 again"));
        slowest.ShouldBeLessThanOrEqualTo(Target, $"the last owed value arrived {slowest.TotalSeconds:0.000} s after web was back");
        foreach (var sku in skus)
        {
            var versions = receiver.Pushes.Where(p => p.Channel == "web" && p.Sku == sku && p.Accepted).Select(p => p.Version).ToList();
            for (var i = 1; i < versions.Count; i++)
            {
                versions[i].ShouldBeGreaterThan(versions[i - 1], $"{sku}: accepted versions in arrival order [{string.Join(", ", versions)}]");
            }
            var tried = receiver.Pushes.Where(p => p.Channel == "web" && p.Sku == sku).Select(p => p.Version).ToList();
            tried.ShouldBe([.. tried.Order()], $"{sku}: no older version after a newer one, retries included [{string.Join(", ", tried)}]");
        }
    }

    [Fact]
    public async Task Push_ChannelSellsTheSkuByTheCase_ReceivesItsOwnSkuInWholeCases()
    {
        var receiver = fixture.Receiver!;
        var sku = fixture.MasterSku;

        await fixture.Runner.SendAndWaitAsync("wholesale", sku, Ct, CloudEvents.Received(Unique.Id("recv"), "wholesale", sku, "dc-1", 100));
        var units = await fixture.Api.GetAvailableAsync("web", sku, Ct);
        units.ShouldBeGreaterThan(RecoveryRunnerFixture.CaseSize, "enough for at least one case");
        units.ShouldNotBe(units / RecoveryRunnerFixture.CaseSize * RecoveryRunnerFixture.CaseSize, "a part case, so that flooring shows");

        var push = await Eventually.UntilAsync(
            "web is pushed its case SKU",
            _ => Task.FromResult(receiver.Pushes.LastOrDefault(p => p.Channel == "web" && p.Sku == fixture.CaseSku && p.Accepted)),
            found => found is not null,
            Ct,
            diagnostics: () => "runner output:\n" + fixture.Runner.Output);

        push!.Available.ShouldBe(units / RecoveryRunnerFixture.CaseSize);
        receiver.Pushes.ShouldNotContain(p => p.Channel == "web" && p.Sku == sku, "web does not sell the master SKU by that name");
        // Wholesale's push is a separate delivery: it may land after web's, so it is awaited, not assumed.
        var wholesaleUnits = await fixture.Api.GetAvailableAsync("wholesale", sku, Ct);
        await Eventually.UntilAsync(
            "wholesale is pushed the master SKU in units",
            _ => Task.FromResult(receiver.Pushes.LastOrDefault(p => p.Channel == "wholesale" && p.Sku == sku && p.Accepted)),
            found => found?.Available == wholesaleUnits,
            Ct,
            diagnostics: () => "runner output:\n" + fixture.Runner.Output);
    }
}
