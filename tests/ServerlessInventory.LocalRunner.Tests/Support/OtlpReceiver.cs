using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ServerlessInventory.LocalRunner.Tests.Support;

/// <summary>
/// An OTLP/HTTP collector reduced to what the tests check: it keeps the body of every protobuf export posted to
/// <c>/v1/metrics</c> on 127.0.0.1 (free port) and answers 200, as a collector accepting it does.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _contentRoot;
    private readonly Lock _gate = new();
    private readonly List<byte[]> _exports = [];

    private OtlpReceiver(WebApplication app, string contentRoot)
    {
        _app = app;
        _contentRoot = contentRoot;
    }

    public Uri MetricsEndpoint { get; private set; } = null!;

    public IReadOnlyList<byte[]> Exports
    {
        get
        {
            lock (_gate)
            {
                return [.. _exports];
            }
        }
    }

    public static async Task<OtlpReceiver> StartAsync(CancellationToken cancellationToken)
    {
        // An empty content root of its own: the runner's appsettings.json sits next to the tests and must not configure this app.
        var contentRoot = Directory.CreateTempSubdirectory("si-otlp-").FullName;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, contentRoot);
        app.MapPost("/v1/metrics", receiver.ReceiveAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.MetricsEndpoint = new Uri(address.TrimEnd('/') + "/v1/metrics");
        return receiver;
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        if (context.Request.ContentType != "application/x-protobuf")
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        lock (_gate)
        {
            _exports.Add(body.ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        Directory.Delete(_contentRoot, recursive: true);
    }
}
