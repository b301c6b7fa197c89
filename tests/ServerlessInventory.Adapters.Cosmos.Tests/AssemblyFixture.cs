using ServerlessInventory.Testing.Emulators;

// One Cosmos DB endpoint for the whole test assembly (the stand-in as a node process, or COSMOS_ENDPOINT): test
// classes take CosmosStandIn in their constructor and keep apart by database, container and partition key names.
[assembly: AssemblyFixture(typeof(CosmosStandIn))]
