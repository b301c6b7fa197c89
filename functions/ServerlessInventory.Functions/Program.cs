// The Azure entry point; built only with -p:UseRealFunctionsPackages=true (the stand-in build has no worker host).
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using ServerlessInventory.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddServerlessInventoryFunctions(builder.Configuration);
builder.Services.AddAzureAdapters(builder.Configuration);
builder.Build().Run();
