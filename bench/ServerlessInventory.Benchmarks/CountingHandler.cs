namespace ServerlessInventory.Benchmarks;

/// <summary>What one Cosmos DB request on the wire was, told apart by the headers and path the .NET SDK sends in Gateway mode.</summary>
internal enum RequestKind
{
    /// <summary>POST …/docs with <c>x-ms-documentdb-isquery</c> (or <c>Content-Type: application/query+json</c>).</summary>
    Query,

    /// <summary>POST …/docs with <c>x-ms-cosmos-is-query-plan-request</c>: the SDK asking the gateway how to run a query.</summary>
    QueryPlan,

    /// <summary>POST …/docs with <c>x-ms-cosmos-is-batch-request</c>: one transactional batch.</summary>
    Batch,

    /// <summary>GET …/docs/{id}.</summary>
    PointRead,

    /// <summary>GET …/docs with <c>A-IM</c>: a change feed read.</summary>
    ChangeFeed,

    /// <summary>Everything else: account (GET /), database, container and partition key range metadata, writes outside a batch.</summary>
    Other,
}

/// <summary>Requests by kind; thread-safe.</summary>
internal sealed class RequestCounts
{
    private readonly long[] _counts = new long[Enum.GetValues<RequestKind>().Length];

    public long this[RequestKind kind] => Interlocked.Read(ref _counts[(int)kind]);

    /// <summary>Reads of the SKU's partition: queries, query plans and point reads.</summary>
    public long Reads => this[RequestKind.Query] + this[RequestKind.QueryPlan] + this[RequestKind.PointRead];

    public long Total => _counts.Sum();

    public void Add(RequestKind kind) => Interlocked.Increment(ref _counts[(int)kind]);

    public void Add(RequestCounts other)
    {
        foreach (var kind in Enum.GetValues<RequestKind>())
        {
            Interlocked.Add(ref _counts[(int)kind], other[kind]);
        }
    }
}

/// <summary>
/// Counts what a <see cref="Microsoft.Azure.Cosmos.CosmosClient"/> sends, through the handler
/// <c>CosmosClientFactory.Create(..., wrapHandler)</c> puts under the SDK. Only while <see cref="Enabled"/> (the measured
/// phase, after warm-up has cached the metadata); and also into the operation in flight (<see cref="MeasureAsync{T}"/>), which
/// the request inherits through the async flow, so that each operation's own requests are known even with concurrent callers.
/// </summary>
internal sealed class RequestCounter
{
    private static readonly AsyncLocal<RequestCounts?> _operation = new();

    public volatile bool Enabled;

    public RequestCounts Total { get; } = new();

    public HttpMessageHandler Wrap(HttpMessageHandler inner) => new CountingHandler(inner, this);

    /// <summary>Runs <paramref name="operation"/> with its requests counted apart, then records them into <paramref name="stats"/>.</summary>
    public static async Task<T> MeasureAsync<T>(OperationStats? stats, Func<Task<T>> operation)
    {
        if (stats is null)
        {
            return await operation();
        }
        var counts = new RequestCounts();
        _operation.Value = counts;
        var result = await operation();
        stats.Record(counts);
        return result;
    }

    public static RequestKind Classify(HttpRequestMessage request)
    {
        var path = request.RequestUri?.AbsolutePath.TrimEnd('/') ?? "";
        if (Has(request, "x-ms-cosmos-is-query-plan-request"))
        {
            return RequestKind.QueryPlan;
        }
        if (Has(request, "x-ms-cosmos-is-batch-request"))
        {
            return RequestKind.Batch;
        }
        if (request.Headers.Contains("A-IM"))
        {
            return RequestKind.ChangeFeed;
        }
        var isQuery = Has(request, "x-ms-documentdb-isquery") || request.Content?.Headers.ContentType?.MediaType == "application/query+json";
        if (request.Method == HttpMethod.Post && path.EndsWith("/docs", StringComparison.Ordinal) && isQuery)
        {
            return RequestKind.Query;
        }
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return request.Method == HttpMethod.Get && segments.Length >= 2 && segments[^2] == "docs" ? RequestKind.PointRead : RequestKind.Other;
    }

    private static bool Has(HttpRequestMessage request, string header) =>
        request.Headers.TryGetValues(header, out var values) && values.Any(v => v.Equals("true", StringComparison.OrdinalIgnoreCase));

    private sealed class CountingHandler(HttpMessageHandler inner, RequestCounter counter) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (counter.Enabled)
            {
                var kind = Classify(request);
                counter.Total.Add(kind);
                _operation.Value?.Add(kind);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>The requests of one kind of operation: totals, and the most any single operation needed.</summary>
internal sealed class OperationStats(string name)
{
    private readonly Lock _lock = new();

    public string Name { get; } = name;

    public RequestCounts Counts { get; } = new();

    public long Operations { get; private set; }

    public long MostBatches { get; private set; }

    public long MostReads { get; private set; }

    /// <summary>Operations that needed more than one transactional batch or more than one read.</summary>
    public long OverTarget { get; private set; }

    public void Record(RequestCounts one)
    {
        Counts.Add(one);
        lock (_lock)
        {
            Operations++;
            MostBatches = Math.Max(MostBatches, one[RequestKind.Batch]);
            MostReads = Math.Max(MostReads, one.Reads);
            OverTarget += one[RequestKind.Batch] > 1 || one.Reads > 1 ? 1 : 0;
        }
    }
}
