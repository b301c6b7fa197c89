using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ServerlessInventory.Adapters.ServiceBus.Tests.Support;

namespace ServerlessInventory.Adapters.ServiceBus.Tests;

/// <summary>SAS tokens (format, signature, renewal) and Entra ID tokens (scope, caching), on a fake clock.</summary>
public sealed class TokenSourceTests
{
    private static readonly Uri _topic = new("https://contoso.servicebus.windows.net/inventory-events");

    [Fact]
    public async Task SasToken_Issued_SignatureRecomputesFromTheConnectionStringKeyAndExpiresInTheFuture()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        var connection = ServiceBusConnectionString.Parse($"Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName={PublisherHarness.KeyName};SharedAccessKey={PublisherHarness.Key}");
        var source = SasTokenSource.FromConnectionString(connection, _topic, TimeSpan.FromMinutes(30), time);

        var token = await source.GetAuthorizationAsync(TestContext.Current.CancellationToken);

        token.ShouldStartWith("SharedAccessSignature ");
        var fields = Fields(token);
        fields.Keys.ShouldBe(["sr", "sig", "se", "skn"], ignoreOrder: true);
        WebUtility.UrlDecode(fields["sr"]).ShouldBe(_topic.AbsoluteUri);
        fields["skn"].ShouldBe(PublisherHarness.KeyName);
        var expiry = long.Parse(fields["se"], CultureInfo.InvariantCulture);
        expiry.ShouldBe(time.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds());
        expiry.ShouldBeGreaterThan(time.GetUtcNow().ToUnixTimeSeconds());
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(PublisherHarness.Key), Encoding.UTF8.GetBytes(fields["sr"] + "\n" + fields["se"])));
        WebUtility.UrlDecode(fields["sig"]).ShouldBe(expected);
        token.ShouldNotContain(PublisherHarness.Key);
    }

    [Fact]
    public async Task SasToken_BeforeAndAfterExpiry_ReusedThenRenewed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        var source = new SasTokenSource("send", "key", _topic, TimeSpan.FromMinutes(30), time);

        var first = await source.GetAuthorizationAsync(TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(20));
        var reused = await source.GetAuthorizationAsync(TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(11));
        var renewed = await source.GetAuthorizationAsync(TestContext.Current.CancellationToken);

        reused.ShouldBe(first);
        renewed.ShouldNotBe(first);
        long.Parse(Fields(renewed)["se"], CultureInfo.InvariantCulture).ShouldBe(time.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task SasToken_WithinRenewalMarginOfExpiry_Renewed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        var source = new SasTokenSource("send", "key", _topic, TimeSpan.FromMinutes(30), time);

        var first = await source.GetAuthorizationAsync(TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(30) - source.RenewBefore);

        (await source.GetAuthorizationAsync(TestContext.Current.CancellationToken)).ShouldNotBe(first);
    }

    [Fact]
    public async Task EntraIdToken_Requested_CallsTheCredentialWithTheServiceBusScopeAndCaches()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        var credential = new FakeCredential(time, TimeSpan.FromHours(1));
        using var source = new EntraIdTokenSource(credential, time);

        var first = await source.GetAuthorizationAsync(TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(50));
        var cached = await source.GetAuthorizationAsync(TestContext.Current.CancellationToken);

        first.ShouldBe("Bearer token-1");
        cached.ShouldBe(first);
        credential.Calls.ShouldBe(1);
        credential.Scopes.ShouldBe(["https://servicebus.azure.net/.default"]);
    }

    [Fact]
    public async Task EntraIdToken_NearExpiry_Renewed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        var credential = new FakeCredential(time, TimeSpan.FromHours(1));
        using var source = new EntraIdTokenSource(credential, time);

        await source.GetAuthorizationAsync(TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(56));
        var renewed = await source.GetAuthorizationAsync(TestContext.Current.CancellationToken);

        renewed.ShouldBe("Bearer token-2");
        credential.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task Publish_NoConnectionString_SendsTheRegisteredCredentialsBearerToken()
    {
        await using var receiver = await ServiceBusReceiver.StartAsync(TestContext.Current.CancellationToken);
        var credential = new FakeCredential(TimeProvider.System, TimeSpan.FromHours(1));
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddLogging()
            .AddSingleton<TokenCredential>(credential);
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ServiceBus:Endpoint"] = receiver.BaseAddress.AbsoluteUri })
            .Build();
        using var provider = services.AddServiceBusPublisher(configuration).BuildServiceProvider();
        var publisher = provider.GetRequiredService<Core.Ports.IEventPublisher>();

        await publisher.PublishAsync([Testing.EventFactory.Received(Testing.EventFactory.NewSku(), "dc-1", 1)], TestContext.Current.CancellationToken);
        await publisher.PublishAsync([Testing.EventFactory.Received(Testing.EventFactory.NewSku(), "dc-1", 1)], TestContext.Current.CancellationToken);

        receiver.Received.Select(b => b.Authorization).ShouldBe(["Bearer token-1", "Bearer token-1"]);
        credential.Calls.ShouldBe(1);
    }

    private static Dictionary<string, string> Fields(string token) => token["SharedAccessSignature ".Length..]
        .Split('&')
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    /// <summary>Azure.Core's TokenCredential is abstract: this one counts calls and hands out numbered tokens.</summary>
    private sealed class FakeCredential(TimeProvider time, TimeSpan validity) : TokenCredential
    {
        public int Calls { get; private set; }

        public IReadOnlyList<string> Scopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Calls++;
            Scopes = requestContext.Scopes;
            return new AccessToken($"token-{Calls}", time.GetUtcNow() + validity);
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
