using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ServerlessInventory.LocalRunner.Tests.Support;

/// <summary>
/// A channel that answers what it shows, for real: <c>GET /levels/{channel}</c> on 127.0.0.1 answers the items the test
/// set for that channel in one page, and records whether each request carried the channel's signature over its path
/// and query (<paramref name="secret"/>).
/// </summary>
public sealed class LevelsEndpoint(WebApplication app, string secret, string contentRoot) : IAsyncDisposable
{
    private readonly WebApplication _app = app;
    private readonly Lock _gate = new();
    private readonly List<bool> _requests = [];
    private JsonArray _items = [];

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Whether each request so far was signed with the secret, in arrival order.</summary>
    public IReadOnlyList<bool> SignedRequests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public Uri UrlFor(string channel) => new(BaseAddress, $"levels/{channel}");

    public void Answer(params JsonObject[] items)
    {
        lock (_gate)
        {
            _items = [.. items];
        }
    }

    public static async Task<LevelsEndpoint> StartAsync(string secret, CancellationToken cancellationToken)
    {
        var contentRoot = Directory.CreateTempSubdirectory("si-e2e-levels-").FullName;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var endpoint = new LevelsEndpoint(builder.Build(), secret, contentRoot);
        endpoint.Map();
        await endpoint._app.StartAsync(cancellationToken);
        var address = endpoint._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        endpoint.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return endpoint;
    }

    private void Map() => _app.MapGet("/levels/{channel}", (HttpContext context) =>
    {
        var signed = Webhooks.Verify(secret, Encoding.UTF8.GetBytes(context.Request.Path + context.Request.QueryString), context.Request.Headers[Webhooks.SignatureHeader].FirstOrDefault());
        lock (_gate)
        {
            _requests.Add(signed);
            return Results.Text(new JsonObject { ["items"] = _items.DeepClone() }.ToJsonString(), "application/json");
        }
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(contentRoot, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: an empty folder in the temp directory.
        }
    }
}
