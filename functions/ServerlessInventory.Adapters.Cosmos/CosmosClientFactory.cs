using System.Net.Security;
using Azure.Core;
using Microsoft.Azure.Cosmos;

namespace ServerlessInventory.Adapters.Cosmos;

/// <summary>Builds the one <see cref="CosmosClient"/> an app keeps for its lifetime, from <see cref="CosmosOptions"/>.</summary>
public static class CosmosClientFactory
{
    /// <summary>
    /// Key auth when <see cref="CosmosOptions.AccountKey"/> is set, else Entra ID with <paramref name="credential"/>.
    /// An endpoint on loopback is a local stand-in or emulator: its self-signed certificate is trusted and the client
    /// stays on that endpoint instead of discovering regions. <paramref name="wrapHandler"/> lets a benchmark count the
    /// requests that go over the wire (Gateway mode).
    /// </summary>
    public static CosmosClient Create(CosmosOptions options, TokenCredential credential, Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler = null)
    {
        var endpoint = options.AccountEndpoint ?? throw new InvalidOperationException("Cosmos:AccountEndpoint is not set");
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "ServerlessInventory",
            ConnectionMode = options.ConnectionMode,
            // Writes answer with headers only: the store never reads back what it just wrote.
            EnableContentResponseOnWrite = false,
        };
        if (endpoint.IsLoopback || wrapHandler is not null)
        {
            clientOptions.LimitToEndpoint = endpoint.IsLoopback;
            clientOptions.HttpClientFactory = () => new HttpClient(Handler(endpoint, wrapHandler), disposeHandler: true);
        }
        return options.AccountKey is { Length: > 0 } key
            ? new CosmosClient(endpoint.AbsoluteUri, key, clientOptions)
            : new CosmosClient(endpoint.AbsoluteUri, credential, clientOptions);
    }

    private static HttpMessageHandler Handler(Uri endpoint, Func<HttpMessageHandler, HttpMessageHandler>? wrap)
    {
        var handler = new SocketsHttpHandler();
        if (endpoint.IsLoopback)
        {
            // The peer is this machine's own loopback listener: a self-signed certificate is all a stand-in can present.
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, errors) => errors == SslPolicyErrors.None || endpoint.IsLoopback;
        }
        return wrap is null ? handler : wrap(handler);
    }
}
