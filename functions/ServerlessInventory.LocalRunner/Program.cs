using ServerlessInventory.LocalRunner.Hosting;
using ServerlessInventory.LocalRunner.Http;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddLocalPipeline(builder.Configuration);

var app = builder.Build();
app.MapOpenApi();
app.MapFunctionEndpoints();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests that start the runner in-process.</summary>
public partial class Program;
