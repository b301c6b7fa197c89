using ServerlessInventory.LocalRunner.Hosting;
using ServerlessInventory.LocalRunner.Http;

// Settings live beside the runner, so it reads the same appsettings.json from whatever folder it is started in.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddLocalPipeline(builder.Configuration);

var app = builder.Build();
app.MapOpenApi();
app.MapFunctionEndpoints();
app.MapOpsConsole();
app.Run();

/// <summary>The entry point, visible to the end-to-end tests that start the runner in-process.</summary>
public partial class Program;
