using Xunit;
using ServerlessInventory.Testing.Emulators;

// The Cosmos DB stand-in, started once for the assembly, for the replays to Cosmos DB.
[assembly: AssemblyFixture(typeof(CosmosStandIn))]
