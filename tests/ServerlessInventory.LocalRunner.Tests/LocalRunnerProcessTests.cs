using System.Diagnostics;
using ServerlessInventory.LocalRunner.Tests.Support;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>The fixture itself: a runner that cannot start is reported at once, with what it printed.</summary>
public sealed class LocalRunnerProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAsync_RunnerRejectingItsSettings_FailsFastWithTheRunnersOutput()
    {
        var settings = RunnerSettings.Defaults();
        settings["Webhooks:MaxBodyBytes"] = "1";
        var clock = Stopwatch.StartNew();

        var failure = await Should.ThrowAsync<Exception>(() => LocalRunnerProcess.StartAsync(settings, Ct));

        TestContext.Current.TestOutputHelper?.WriteLine(failure.Message);
        clock.Elapsed.ShouldBeLessThan(LocalRunnerProcess.StartTimeout, "an exited runner is not waited for");
        failure.Message.ShouldContain("exited with code");
        failure.Message.ShouldContain("MaxBodyBytes", customMessage: "the runner's own output explains why");
    }
}
