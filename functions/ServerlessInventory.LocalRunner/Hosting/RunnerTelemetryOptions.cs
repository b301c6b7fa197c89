using OpenTelemetry.Exporter;

namespace ServerlessInventory.LocalRunner.Hosting;

/// <summary>Where the runner exports the <c>ServerlessInventory</c> meter. Bound from <c>Telemetry</c>, validated at start.</summary>
public sealed class RunnerTelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Prints the meter to the console (default false).</summary>
    public bool ConsoleMetrics { get; set; }

    /// <summary>
    /// An OTLP collector to export the meter to (default none: no OTLP export). Absolute http(s) URL, taken as the
    /// exporter takes a configured endpoint: for HTTP/protobuf the full path (<c>http://localhost:4318/v1/metrics</c>),
    /// for gRPC the collector itself (<c>http://localhost:4317</c>).
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>How to talk to <see cref="OtlpEndpoint"/>: <c>HttpProtobuf</c> (default) or <c>Grpc</c>.</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.HttpProtobuf;

    /// <summary>Null when valid, else why, naming the setting.</summary>
    public string? Problem() =>
        OtlpEndpoint is null || (OtlpEndpoint.IsAbsoluteUri && OtlpEndpoint.Scheme is "http" or "https")
            ? null
            : $"{SectionName}:{nameof(OtlpEndpoint)} must be an absolute http(s) URL, was '{OtlpEndpoint}'";
}
