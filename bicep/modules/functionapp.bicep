// The function app on Flex Consumption (.NET 10 isolated, Linux) with a system-assigned identity, and every app
// setting the app reads. Every connection is identity-based: no key or connection string is set in Azure.
import { channel, channelSettings } from 'channels.bicep'

@description('Function app name.')
param name string

@description('Flex Consumption plan name.')
param planName string

@description('Region of the plan and the app.')
param location string

@description('Tags applied to the plan and the app (the app also gets azd-service-name).')
param tags object

@description('Most instances the app scales out to (Flex Consumption: 40 to 1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance in MB (Flex Consumption sizes).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Storage account (host storage by identity, the deployment container, the Tables).')
param storageAccountName string

@description('Blob container URL the Flex Consumption plan deploys the app package from.')
param deploymentContainerUrl string

@description('Table service URI of the storage account.')
param tableServiceUri string

@description('Application Insights component name; its connection string is read from the resource, never passed around.')
param applicationInsightsName string

@description('Key Vault holding the channel secrets, named in the Key Vault references.')
param keyVaultName string

@description('Fully qualified Service Bus namespace.')
param serviceBusNamespace string

@description('Topic the events go to.')
param topicName string

@description('Session-enabled subscription the apply function reads.')
param subscriptionName string

@description('The subscription\'s max delivery count; the app dead-letters with its reason on the last delivery.')
param maxDeliveryCount int

@description('Cosmos DB document endpoint.')
param cosmosEndpoint string

@description('Cosmos DB database name.')
param cosmosDatabaseName string

@description('Cosmos DB master container name.')
param cosmosContainerName string

@description('Cosmos DB lease container name (change-feed trigger).')
param cosmosLeaseContainerName string

@description('The channels; each becomes Catalog__Channels__{id}__* settings.')
param channels channel[]

@description('Safety stock of every position without its own value (Catalog__DefaultSafetyStock).')
param defaultSafetyStock int

@description('App settings that replace the option defaults below (e.g. Reservations__DefaultTtl); never secrets.')
param appSettingsOverrides object

// Option values as in local.settings.sample.json; appSettingsOverrides may change them.
var optionDefaults = {
  ExpireReservationsSchedule: '0 */1 * * * *'
  RetryPushesSchedule: '30 */1 * * * *'
  ReconcileChannelsSchedule: '0 0 * * * *'
  SampleHealthSchedule: '*/10 * * * * *'
  Inventory__MaxConcurrencyAttempts: '8'
  Inventory__ConflictBackoff: '00:00:00.002'
  Reconciliation__SettlingWindow: '00:02:00'
  Reconciliation__DefaultThreshold: '1'
  Reconciliation__PageSize: '500'
  Reconciliation__LeaseDuration: '00:02:00'
  Reconciliation__MaxPullPages: '10000'
  Health__SampleInterval: '00:00:10'
  Health__HistoryWindow: '01:00:00'
  Health__ApplyLagWindow: '00:05:00'
  Health__ApplyLagSamples: '1000'
  Health__MaxOwedRead: '10000'
  Reservations__DefaultTtl: '00:15:00'
  Reservations__MaxTtl: '01:00:00'
  Reservations__SweepBatchSize: '500'
  Reservations__GroupConcurrentRequests: 'true'
  Reservations__MaxGroupSize: '49'
  Webhooks__MaxBodyBytes: '1048576'
  Webhooks__MaxEventsPerRequest: '500'
  Webhooks__ClockTolerance: '00:05:00'
  ChannelPush__MaxRetryAttempts: '3'
  ChannelPush__RetryDelay: '00:00:00.200'
  ChannelPush__AttemptTimeout: '00:00:05'
  ChannelPush__FailureRatio: '0.5'
  ChannelPush__MinimumThroughput: '4'
  ChannelPush__SamplingDuration: '00:00:30'
  ChannelPush__BreakDuration: '00:00:02'
  ChannelPush__RequestsPerSecond: '1000'
  ChannelPush__MaxConcurrentRequests: '16'
  ChannelPush__QueueLimit: '10000'
  ChannelPush__MaxRetryAfter: '00:10:00'
  ChannelRegistry__CacheDuration: '00:00:30'
  ServiceBus__MaxRetryAttempts: '5'
  ServiceBus__RetryDelay: '00:00:00.500'
  ServiceBus__MaxRetryDelay: '00:00:30'
  ServiceBus__AttemptTimeout: '00:00:30'
}

// Settings that must match the resources deployed here: applied after the overrides, so they always win.
var infrastructureSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  InventoryEventsTopic: topicName
  InventoryEventsSubscription: subscriptionName
  ServiceBusConnection__fullyQualifiedNamespace: serviceBusNamespace
  CosmosDatabase: cosmosDatabaseName
  CosmosContainer: cosmosContainerName
  CosmosLeaseContainer: cosmosLeaseContainerName
  CosmosDB__accountEndpoint: cosmosEndpoint
  InventoryEvents__MaxDeliveryCount: string(maxDeliveryCount)
  ServiceBus__FullyQualifiedNamespace: serviceBusNamespace
  ServiceBus__TopicName: topicName
  // servicebus.bicep does not partition the topic, so a batch may span sessions (the SDK sizes batches per tier).
  ServiceBus__PartitionedTopic: 'false'
  Cosmos__AccountEndpoint: cosmosEndpoint
  Cosmos__DatabaseName: cosmosDatabaseName
  Cosmos__ContainerName: cosmosContainerName
  Cosmos__LeaseContainerName: cosmosLeaseContainerName
  Cosmos__ConnectionMode: 'Direct'
  Tables__ServiceUri: tableServiceUri
  Tables__TablePrefix: ''
  Catalog__DefaultSafetyStock: string(defaultSafetyStock)
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // Flex Consumption takes the runtime from here (FUNCTIONS_WORKER_RUNTIME must not be set); it runs
      // dotnet-isolated 8.0, 9.0 and 10.0, and wants the version as '10.0', not '10'.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: site
  name: 'appsettings'
  properties: union(
    optionDefaults,
    appSettingsOverrides,
    infrastructureSettings,
    channelSettings(channels, keyVaultName),
    { APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString }
  )
}

// Publishing goes through Entra ID (azd, az functionapp deploy); basic-auth credentials are switched off.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

@description('Function app name.')
output name string = site.name

@description('Default host name, {app}.azurewebsites.net: the base of /api/webhooks/{channel} and the other routes.')
output defaultHostName string = site.properties.defaultHostName

@description('Principal id of the app\'s system-assigned identity, the one every role assignment grants.')
output principalId string = site.identity.principalId
