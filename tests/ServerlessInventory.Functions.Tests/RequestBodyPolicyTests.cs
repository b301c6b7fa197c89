using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using ServerlessInventory.Adapters.Sqlite;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Functions.Http;
using ServerlessInventory.Functions.Ops;
using ServerlessInventory.Testing;
using static ServerlessInventory.Testing.EventFactory;

namespace ServerlessInventory.Functions.Tests;

/// <summary>
/// Request bodies are held to the same strict JSON policy as webhook bodies: a value the webhook refuses is refused
/// here too, answered 400 problem+json naming the member, and nothing changes.
/// </summary>
public sealed class RequestBodyPolicyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("si-bodies-").FullName;
    private readonly SqliteDatabase _database;
    private readonly CoreHarness _core;
    private readonly Sku _sku = NewSku();

    public RequestBodyPolicyTests()
    {
        _database = new SqliteDatabase(new SqliteOptions { DatabasePath = Path.Combine(_folder, "bodies.db") });
        _core = new CoreHarness(new SqliteInventoryStore(_database));
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _core.Dispose();
        _database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static HttpRequest Request(string json)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return context.Request;
    }

    private async Task<IActionResult> Reserve(string json) =>
        await new CreateReservation(_core.Reserve).Run(Request(json), Cancellation);

    private static string FieldOf(IActionResult result)
    {
        var problem = result.ShouldBeOfType<ObjectResult>();
        problem.StatusCode.ShouldBe(StatusCodes.Status400BadRequest);
        problem.ContentTypes.ShouldContain("application/problem+json");
        return problem.Value.ShouldBeOfType<ProblemDetails>().Extensions["field"].ShouldBeOfType<string>();
    }

    private async Task<int> Reserved() =>
        (await _core.Inventory.HandleAsync(_sku, Cancellation)).Locations.Sum(l => l.Reserved);

    public static TheoryData<string, string> BadReservationBodies() => new()
    {
        { """{"sku":"{sku}","quantity":"5","channel":"web","location":"store-1"}""", "quantity" },
        { """{"sku":"{sku}","quantity":5,"quantity":1,"channel":"web","location":"store-1"}""", "quantity" },
        { """{"sku":"{sku}","quantity":5,"channel":"web","location":"store-1","ttlSeconds":"60"}""", "ttlSeconds" },
        { """{"sku":"{sku}","quantity":5,"channel":"web","location":"store-1",}""", "body" },
        { """{"sku":"{sku}","quantity":5,"channel":"web","location":"store-1","qty":1}""", "qty" },
        { """{"sku":"{sku}","Quantity":5,"channel":"web","location":"store-1"}""", "Quantity" },
    };

    [Theory]
    [MemberData(nameof(BadReservationBodies))]
    public async Task CreateReservation_BodyBreakingTheJsonPolicy_Is400NamingTheMemberAndReservesNothing(string json, string field)
    {
        await _core.Apply.HandleAsync([Received(_sku, "store-1", 10)], Cancellation);

        var result = await Reserve(json.Replace("{sku}", _sku.Value, StringComparison.Ordinal));

        FieldOf(result).ShouldBe(field);
        (await Reserved()).ShouldBe(0);
    }

    [Fact]
    public async Task CreateReservation_StrictBody_Reserves()
    {
        await _core.Apply.HandleAsync([Received(_sku, "store-1", 10)], Cancellation);

        var result = await Reserve($$"""{"sku":"{{_sku}}","quantity":5,"channel":"web","location":"store-1","ttlSeconds":60}""");

        result.ShouldBeOfType<ObjectResult>().StatusCode.ShouldBe(StatusCodes.Status201Created);
        (await Reserved()).ShouldBe(5);
    }

    [Fact]
    public async Task ConfirmReservation_DuplicateOrderId_Is400NamingOrderId()
    {
        var result = await new ConfirmReservation(_core.Lifecycle).Run(Request("""{"orderId":"o-1","orderId":"o-2"}"""), "r-1", Cancellation);

        FieldOf(result).ShouldBe("orderId");
    }

    [Fact]
    public async Task SaveChannel_BufferAsString_Is400NamingBuffer()
    {
        var registry = new InMemoryChannelRegistry();

        var result = await new SaveChannel(new Core.Operations.ChannelRegistryHandler(registry)).Run(Request("""{"locations":["store-1"],"buffer":"2"}"""), "outlet", Cancellation);

        FieldOf(result).ShouldBe("buffer");
        (await registry.ListAsync(Cancellation)).ShouldBeEmpty();
    }
}
