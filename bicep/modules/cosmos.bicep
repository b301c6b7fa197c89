// The master: one container, partitioned by SKU, holding each SKU's head, positions, reservations and ledger so one
// transactional batch commits them together; and the lease container of the change-feed trigger. Keys are disabled:
// the app uses Entra ID with the built-in Data Contributor role (roles.bicep).

@description('Cosmos DB account name (3 to 44 lowercase letters, digits and dashes).')
@minLength(3)
@maxLength(44)
param name string

@description('Region of the account (serverless accounts have exactly one).')
param location string

@description('Tags applied to the account.')
param tags object

@description('Serverless (default: pay per request unit, no idle cost) or Autoscale (provisioned throughput that scales 10x).')
@allowed([
  'Serverless'
  'Autoscale'
])
param capacityMode string

@description('With Autoscale: the highest RU/s, shared by the database\'s containers (scales between 10 % of it and it).')
@minValue(1000)
param autoscaleMaxThroughput int

var databaseName = 'inventory'
var stockContainerName = 'stock'
var leaseContainerName = 'leases'

resource account 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      // Session: a request sees its own writes (the reservation API reads back what it committed).
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: capacityMode == 'Serverless' ? [{ name: 'EnableServerless' }] : []
    disableLocalAuth: true
    // Keys could otherwise still change databases and containers; with it only ARM (this template) can.
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-10-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
    options: capacityMode == 'Autoscale' ? { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } } : {}
  }
}

resource stock 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-10-15' = {
  parent: database
  name: stockContainerName
  properties: {
    resource: {
      id: stockContainerName
      partitionKey: {
        paths: ['/sku']
        kind: 'Hash'
        version: 2
      }
      // Only what the store's queries filter or sort on (CosmosSetup.IndexedPaths in the Cosmos adapter: the same
      // paths); event bodies and positions are never indexed, which keeps each write's request units down. The
      // composite index serves the sweeper's cross-partition query (type and status equal, expiresAt up to now).
      indexingPolicy: loadJsonContent('stock-indexing-policy.json')
    }
  }
}

resource leases 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-10-15' = {
  parent: database
  name: leaseContainerName
  properties: {
    resource: {
      id: leaseContainerName
      // The Functions change-feed trigger requires its lease container partitioned by /id.
      partitionKey: {
        paths: ['/id']
        kind: 'Hash'
        version: 2
      }
    }
  }
}

@description('Account name.')
output name string = account.name

@description('Document endpoint, https://{account}.documents.azure.com:443/ (CosmosDB__accountEndpoint, Cosmos__AccountEndpoint).')
output endpoint string = account.properties.documentEndpoint

@description('Database name (CosmosDatabase, Cosmos__DatabaseName).')
output databaseName string = database.name

@description('Master container name (CosmosContainer, Cosmos__ContainerName).')
output containerName string = stock.name

@description('Lease container name (CosmosLeaseContainer, Cosmos__LeaseContainerName).')
output leaseContainerName string = leases.name
