using Microsoft.Extensions.Configuration;
using ServerlessInventory.LocalRunner.Hosting;

namespace ServerlessInventory.LocalRunner.Tests;

/// <summary>Which addresses count as loopback, and the start-up rule that needs LocalRunner:OpsKey beyond it.</summary>
public sealed class ListenAddressesTests
{
    private const string Key = "a-key-of-sixteen-chars";

    [Theory]
    [InlineData("http://localhost:7071", true)]
    [InlineData("http://LOCALHOST:7071", true)]
    [InlineData("http://127.0.0.1:0", true)]
    [InlineData("http://127.0.0.2:7071", true)]
    [InlineData("https://[::1]:7071", true)]
    [InlineData("http://unix:/tmp/runner.sock", true)]
    [InlineData("http://0.0.0.0:7071", false)]
    [InlineData("http://[::]:7071", false)]
    [InlineData("http://*:7071", false)]
    [InlineData("http://+:7071", false)]
    [InlineData("http://192.168.1.20:7071", false)]
    [InlineData("http://inventory.example.com:7071", false)]
    public void IsLoopback_Address_OnlyThisMachineCanConnect(string address, bool loopback) =>
        ListenAddresses.IsLoopback(address).ShouldBe(loopback);

    [Theory]
    [InlineData("urls", "http://localhost:7071;http://0.0.0.0:7072")]
    [InlineData("Urls", "http://*:7071")]
    [InlineData("Kestrel:Endpoints:Lan:Url", "http://0.0.0.0:7071")]
    [InlineData("http_ports", "8080")]
    public void Validate_NonLoopbackAddressWithoutKey_FailsNamingTheSettingAndTheAddress(string setting, string value)
    {
        var result = Validate(new() { [setting] = value }, key: null);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("LocalRunner:OpsKey");
        result.FailureMessage.ShouldContain(value.Contains("://", StringComparison.Ordinal) ? value.Split(';')[^1] : $"http://*:{value}");
    }

    [Theory]
    [InlineData("urls", "http://localhost:7071;http://127.0.0.1:7072")]
    [InlineData("Kestrel:Endpoints:Local:Url", "http://[::1]:7071")]
    public void Validate_LoopbackOnlyWithoutKey_Succeeds(string setting, string value) =>
        Validate(new() { [setting] = value }, key: null).Succeeded.ShouldBeTrue();

    [Fact]
    public void Validate_NothingConfigured_SucceedsAsKestrelThenBindsLocalhost() =>
        Validate([], key: null).Succeeded.ShouldBeTrue();

    [Fact]
    public void Validate_NonLoopbackAddressWithAKey_Succeeds() =>
        Validate(new() { ["urls"] = "http://0.0.0.0:7071" }, Key).Succeeded.ShouldBeTrue();

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(Dictionary<string, string?> settings, string? key) =>
        new OpsKeyRequiredOffLoopback(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .Validate(null, new LocalRunnerOptions { OpsKey = key });
}
