// The Azure entry point; built only with -p:UseRealFunctionsPackages=true (the stand-in build has no worker host).
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using ServerlessInventory.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddServerlessInventoryFunctions(builder.Configuration);
// The Azure adapters (Cosmos DB master, Table storage, Service Bus publisher) are registered here by the Azure adapters issue.
builder.Build().Run();
