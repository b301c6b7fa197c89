// One storage account for the Functions host (AzureWebJobsStorage, by identity), the Flex Consumption deployment
// package container, and the app's Tables. Shared keys are disabled: everything reaches it with Entra ID.

@description('Storage account name (3 to 24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Region of the account.')
param location string

@description('Tags applied to the account.')
param tags object

@description('Replication of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
])
param skuName string = 'Standard_LRS'

@description('Blob container the Flex Consumption plan deploys the app package from.')
param deploymentContainerName string

// The Tables the app's Azure adapters use (Tables__TablePrefix is empty, so these are the names used as they are).
var tableNames = [
  'ParkedEvents'
  'DeadLetters'
  'PushStates'
  'Channels'
  'ReconciliationRuns'
]

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Identity only: the host, the deployment and the Tables adapter all use the app's managed identity.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

@description('Storage account name (AzureWebJobsStorage__accountName).')
output name string = account.name

@description('Blob container URL the app package is deployed to.')
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'

@description('Table service URI (Tables__ServiceUri).')
output tableServiceUri string = account.properties.primaryEndpoints.table

@description('Names of the Tables created for the app.')
output tableNames string[] = [for (tableName, i) in tableNames: tables[i].name]
