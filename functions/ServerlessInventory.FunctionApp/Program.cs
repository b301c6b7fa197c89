// The deployed function app's entry point: the worker with ASP.NET Core integration, the functions, every port on
// its Azure adapter, and the ServerlessInventory meter exported to Azure Monitor.
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using ServerlessInventory.FunctionApp;
using ServerlessInventory.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddServerlessInventoryFunctions(builder.Configuration);
builder.Services.AddAzureAdapters(builder.Configuration);
builder.Services.AddAzureMonitorTelemetry(builder.Configuration);
builder.Build().Run();
