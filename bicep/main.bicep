// ServerlessInventory on Azure: a resource group and the modules that fill it. This file only wires modules; each
// module's outputs feed the next (the function app's settings come from them, the role grants from its identity).
// Deploy: az deployment sub create --location <region> --template-file bicep/main.bicep --parameters bicep/main.bicepparam
targetScope = 'subscription'

import { channel, channelSecretName } from 'modules/channels.bicep'

@description('Environment name (e.g. inventory-prod): names the resource group and seeds every resource name.')
@minLength(1)
@maxLength(40)
param environmentName string

@description('Region of every resource.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Resource group to create or update (default rg-{environmentName}).')
param resourceGroupName string = 'rg-${environmentName}'

@description('Service Bus tier: Standard (pay per operation) or Premium (dedicated, 1 MiB batches).')
@allowed(['Standard', 'Premium'])
param serviceBusSku string = 'Standard'

@description('Deliveries of an event before it is dead-lettered: the subscription\'s maxDeliveryCount and InventoryEvents__MaxDeliveryCount both.')
@minValue(1)
@maxValue(100)
param maxDeliveryCount int = 10

@description('Subscription (and session) lock duration, ISO 8601, at most PT5M; the trigger renews it while it holds a batch.')
param lockDuration string = 'PT1M'

@description('Duplicate detection window of the topic, ISO 8601, at most P7D. Channels retry for hours (Shopify for 4 h).')
param duplicateDetectionWindow string = 'P1D'

@description('How long an event may wait unapplied before it is dead-lettered, ISO 8601.')
param messageTimeToLive string = 'P14D'

@description('Cosmos DB capacity: Serverless (pay per request) or Autoscale (provisioned RU/s scaling 10x).')
@allowed(['Serverless', 'Autoscale'])
param cosmosCapacityMode string = 'Serverless'

@description('With Autoscale: the highest RU/s of the inventory database, shared by its containers.')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Most function app instances (Flex Consumption, 40 to 1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per function app instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('The sales channels; each becomes Catalog__Channels__{id}__* settings and a Key Vault secret name.')
param channels channel[]

@description('Safety stock of every position without its own value (Catalog__DefaultSafetyStock).')
@minValue(0)
param defaultSafetyStock int = 0

@description('App settings replacing the app\'s option defaults (e.g. {"Reservations__DefaultTtl": "00:10:00"}); never secrets.')
param appSettingsOverrides object = {}

@description('Optional principal id (the deployer) given Key Vault Secrets Officer to set the channel secrets.')
param deployerPrincipalId string = ''

@description('Optional principal (an Entra ID group of operators) given Website Contributor on the function app, to read its admin key for the ops routes and rotate keys; empty for none.')
param opsPrincipalId string = ''

var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName, application: 'serverless-inventory' }

// Names are known before the deployment starts and passed to every module that needs them, so What-If sees each
// resource id; what a module creates at run time (endpoints, the app's identity) flows through module outputs.
var names = {
  logAnalytics: 'log-${token}'
  applicationInsights: 'appi-${token}'
  keyVault: 'kv-${token}'
  storage: 'st${token}'
  serviceBus: 'sb-${token}'
  topic: 'inventory-events'
  subscription: 'apply'
  cosmos: 'cosmos-${token}'
  functionApp: 'func-${token}'
  plan: 'plan-${token}'
}

resource resourceGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: resourceGroupName
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: resourceGroup
  params: {
    name: names.keyVault
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  scope: resourceGroup
  params: {
    name: names.serviceBus
    location: location
    tags: tags
    sku: serviceBusSku
    maxDeliveryCount: maxDeliveryCount
    lockDuration: lockDuration
    duplicateDetectionWindow: duplicateDetectionWindow
    messageTimeToLive: messageTimeToLive
    topicName: names.topic
    subscriptionName: names.subscription
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  scope: resourceGroup
  params: {
    name: names.cosmos
    location: location
    tags: tags
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: resourceGroup
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    tableServiceUri: storage.outputs.tableServiceUri
    applicationInsightsName: names.applicationInsights
    keyVaultName: names.keyVault
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    topicName: serviceBus.outputs.topicName
    subscriptionName: serviceBus.outputs.subscriptionName
    maxDeliveryCount: maxDeliveryCount
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    cosmosContainerName: cosmos.outputs.containerName
    cosmosLeaseContainerName: cosmos.outputs.leaseContainerName
    channels: channels
    defaultSafetyStock: defaultSafetyStock
    appSettingsOverrides: appSettingsOverrides
  }
  // It reads the Application Insights connection string from the resource; the Key Vault references need the vault.
  dependsOn: [monitoring, keyVault]
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: resourceGroup
  params: {
    // Known only once the app exists. It is part of each assignment's guid() name on purpose: a recreated app has a
    // new identity, and a new name avoids RoleAssignmentUpdateNotPermitted on the old one.
    #disable-next-line what-if-short-circuiting
    principalId: functionApp.outputs.principalId
    deployerPrincipalId: deployerPrincipalId
    opsPrincipalId: opsPrincipalId
    functionAppName: names.functionApp
    serviceBusName: names.serviceBus
    topicName: names.topic
    subscriptionName: names.subscription
    storageAccountName: names.storage
    cosmosAccountName: names.cosmos
    keyVaultName: names.keyVault
    applicationInsightsName: names.applicationInsights
  }
  // No dependsOn: it waits for the function app, which waits for every resource granted on here.
}

@description('Region of the deployment.')
output AZURE_LOCATION string = location

@description('Resource group holding everything.')
output AZURE_RESOURCE_GROUP string = resourceGroup.name

@description('Function app name (az functionapp deploy, azd deploy).')
output FUNCTION_APP_NAME string = functionApp.outputs.name

@description('Base URL of the app\'s HTTP API (/api/webhooks/{channel}, /api/reservations, ...).')
output FUNCTION_APP_URL string = 'https://${functionApp.outputs.defaultHostName}'

@description('Principal id of the function app\'s identity.')
output FUNCTION_APP_PRINCIPAL_ID string = functionApp.outputs.principalId

@description('Fully qualified Service Bus namespace.')
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace

@description('Topic the events go to.')
output SERVICE_BUS_TOPIC string = serviceBus.outputs.topicName

@description('Cosmos DB document endpoint.')
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint

@description('Storage account name (host storage and Tables).')
output STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Table service URI.')
output TABLES_SERVICE_URI string = storage.outputs.tableServiceUri

@description('Key Vault name the channel secrets go into.')
output KEY_VAULT_NAME string = keyVault.outputs.name

@description('Key Vault URI.')
output KEY_VAULT_URI string = keyVault.outputs.uri

@description('Names of the Key Vault secrets the deployer must set, one per channel (names only, never values).')
output CHANNEL_SECRET_NAMES string[] = [for c in channels: channelSecretName(c.id)]

@description('Application Insights component name.')
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
