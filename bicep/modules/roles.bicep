// What the function app's identity may do, each grant scoped to the one resource it is for (never the resource group),
// each named with guid() from scope, principal and role so a redeployment finds the same assignment.

@description('Principal id of the function app\'s system-assigned identity.')
param principalId string

@description('Optional principal (the person or pipeline deploying) given Key Vault Secrets Officer to set the channel secrets; empty for none.')
param deployerPrincipalId string

@description('Optional principal (the ops group) given Website Contributor on the function app alone, to read and rotate its keys through Azure Resource Manager with Entra ID; empty for none.')
param opsPrincipalId string

@description('Function app name (the ops grant\'s scope).')
param functionAppName string

@description('Service Bus namespace name.')
param serviceBusName string

@description('Topic the app sends to and its apply subscription receives from.')
param topicName string

@description('The apply subscription, whose backlog the health report reads.')
param subscriptionName string

@description('Storage account name.')
param storageAccountName string

@description('Cosmos DB account name.')
param cosmosAccountName string

@description('Key Vault name.')
param keyVaultName string

@description('Application Insights component name.')
param applicationInsightsName string

// Built-in role definitions (the same ids in every tenant).
var roles = {
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  // GET /api/ops/health reads the subscription's runtime properties (active and dead-letter counts) with
  // ServiceBusAdministrationClient. That is a management read on the namespace's entity endpoint: with Entra ID it
  // needs the Manage claim, which among the built-in Service Bus roles only Data Owner carries (Sender and Receiver
  // give Send and Listen alone). It is granted on the apply subscription only, which is all the report reads.
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
  // Host storage by identity needs blob ownership (leases, keys); the Flex deployment reads the package container.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  // The smallest built-in role holding Microsoft.Web/sites/host/listkeys/action: the ops routes need the admin key.
  websiteContributor: 'de139f84-1756-47ae-9be6-808fbbe84772'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  // Cosmos DB data-plane role (not Azure RBAC): Built-in Data Contributor, items and change feed only, no metadata.
  cosmosDataContributor: '00000000-0000-0000-0000-000000000002'
}

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' existing = {
  name: serviceBusName
}

// Topic scope covers its subscriptions: the publisher sends to the topic, the trigger receives from apply.
resource topic 'Microsoft.ServiceBus/namespaces/topics@2026-01-01' existing = {
  parent: namespace
  name: topicName
}

resource applySubscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2026-01-01' existing = {
  parent: topic
  name: subscriptionName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2025-10-15' existing = {
  name: cosmosAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource site 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource topicSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, principalId, roles.serviceBusDataSender)
  scope: topic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource topicReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, principalId, roles.serviceBusDataReceiver)
  scope: topic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource subscriptionHealthReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applySubscription.id, principalId, roles.serviceBusDataOwner)
  scope: applySubscription
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource blobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, principalId, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.storageTableDataContributor
    )
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, roles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: deployerPrincipalId
  }
}

// Ops sign in with Entra ID and fetch the admin key (az functionapp keys list); the grant is on the app alone, so it
// opens neither the data stores nor the vault.
resource opsKeyReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(opsPrincipalId)) {
  name: guid(site.id, opsPrincipalId, roles.websiteContributor)
  scope: site
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.websiteContributor)
    principalId: opsPrincipalId
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, principalId, roles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      roles.monitoringMetricsPublisher
    )
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource cosmosContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-10-15' = {
  parent: cosmos
  name: guid(cosmos.id, principalId, roles.cosmosDataContributor)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${roles.cosmosDataContributor}'
    principalId: principalId
    // The account, which holds only the inventory database (database and lease container both need the role).
    scope: cosmos.id
  }
}
