using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;

namespace ServerlessInventory.Adapters.ServiceBus;

/// <summary>
/// The <c>Authorization</c> header value for a send: a SAS token or an Entra ID bearer token. Implementations cache
/// the token and renew it before it expires; the value is a secret and is never logged.
/// </summary>
public interface IServiceBusTokenSource
{
    ValueTask<string> GetAuthorizationAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Shared Access Signature tokens, as the Azure SDK builds them:
/// <c>SharedAccessSignature sr={enc(uri)}&amp;sig={enc(base64(HMACSHA256(key, enc(uri) + "\n" + expiry)))}&amp;se={expiry}&amp;skn={keyName}</c>,
/// where enc is <see cref="WebUtility.UrlEncode"/> and expiry is Unix seconds. One token is reused until it is within
/// <see cref="RenewBefore"/> of its expiry (by the injected clock), then a new one is signed.
/// </summary>
public sealed class SasTokenSource : IServiceBusTokenSource
{
    private readonly string _keyName;
    private readonly byte[] _key;
    private readonly string _encodedResource;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private (string Token, DateTimeOffset Expiry)? _current;

    public SasTokenSource(string keyName, string key, Uri resource, TimeSpan lifetime, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(lifetime, TimeSpan.FromMinutes(1));
        _keyName = keyName;
        _key = Encoding.UTF8.GetBytes(key);
        _encodedResource = WebUtility.UrlEncode(resource.AbsoluteUri.TrimEnd('/'));
        _lifetime = lifetime;
        _timeProvider = timeProvider;
    }

    /// <summary>A token is replaced once this close to its expiry: a fifth of its lifetime, at most 5 minutes.</summary>
    public TimeSpan RenewBefore => TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, _lifetime.Ticks / 5));

    public static SasTokenSource FromConnectionString(ServiceBusConnectionString connectionString, Uri resource, TimeSpan lifetime, TimeProvider timeProvider) =>
        new(connectionString.SharedAccessKeyName, connectionString.SharedAccessKey, resource, lifetime, timeProvider);

    public ValueTask<string> GetAuthorizationAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (_current is not { } current || now >= current.Expiry - RenewBefore)
            {
                var expiry = DateTimeOffset.FromUnixTimeSeconds((now + _lifetime).ToUnixTimeSeconds());
                current = (Sign(expiry), expiry);
                _current = current;
            }
            return ValueTask.FromResult(current.Token);
        }
    }

    private string Sign(DateTimeOffset expiry)
    {
        var se = expiry.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(_encodedResource + "\n" + se)));
        return $"SharedAccessSignature sr={_encodedResource}&sig={WebUtility.UrlEncode(signature)}&se={se}&skn={_keyName}";
    }
}

/// <summary>
/// Entra ID bearer tokens for <see cref="Scope"/> from a <see cref="TokenCredential"/> (DefaultAzureCredential in DI).
/// A token is reused until <see cref="RenewBefore"/> of its expiry, or its refresh time if the credential gives one.
/// </summary>
public sealed class EntraIdTokenSource(TokenCredential credential, TimeProvider timeProvider) : IServiceBusTokenSource, IDisposable
{
    public const string Scope = "https://servicebus.azure.net/.default";

    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    // A reference, so that the unlocked read sees a whole token or none.
    private volatile CachedToken? _current;

    public async ValueTask<string> GetAuthorizationAsync(CancellationToken cancellationToken)
    {
        if (_current is { } cached && timeProvider.GetUtcNow() < cached.RenewAt)
        {
            return cached.Header;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } again && timeProvider.GetUtcNow() < again.RenewAt)
            {
                return again.Header;
            }
            var token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken).ConfigureAwait(false);
            var renewAt = token.RefreshOn is { } refreshOn && refreshOn < token.ExpiresOn ? refreshOn : token.ExpiresOn - RenewBefore;
            var header = "Bearer " + token.Token;
            _current = new CachedToken(header, renewAt);
            return header;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private sealed record CachedToken(string Header, DateTimeOffset RenewAt);
}
