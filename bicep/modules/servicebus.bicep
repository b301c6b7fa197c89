// The topic every accepted event goes to, and the session-enabled subscription the apply function reads. Sessions
// are per SKU (SessionId = SKU), so one SKU is applied in order by one consumer; MessageId = event id, so the broker
// drops a channel's retry within the duplicate detection window before it costs a Cosmos DB request.

@description('Service Bus namespace name (6 to 50 letters, digits and dashes).')
@minLength(6)
@maxLength(50)
param name string

@description('Region of the namespace.')
param location string

@description('Tags applied to the namespace.')
param tags object

@description('Standard (default: pay per operation) or Premium (dedicated capacity, 1 MiB batches, zone redundancy).')
@allowed([
  'Standard'
  'Premium'
])
param sku string

@description('Deliveries of a message before it is dead-lettered; the app setting InventoryEvents__MaxDeliveryCount must be equal.')
@minValue(1)
@maxValue(2000)
param maxDeliveryCount int

@description('Peek-lock (and session lock) duration, ISO 8601; the trigger renews it while a batch is in hand.')
param lockDuration string

@description('Duplicate detection window, ISO 8601 (20 s to 7 days). Channels retry for hours (Shopify for 4 h), so a day by default.')
param duplicateDetectionWindow string

@description('How long an event may wait unapplied before it is dead-lettered, ISO 8601.')
param messageTimeToLive string

@description('Topic name (inventory-events).')
param topicName string

@description('Name of the session-enabled subscription the apply function reads (apply).')
param subscriptionName string

resource namespace 'Microsoft.ServiceBus/namespaces@2026-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
    tier: sku
    capacity: sku == 'Premium' ? 1 : null
  }
  properties: {
    // Entra ID only: no SAS keys exist to leak (the app's ServiceBus__ConnectionString stays unset in Azure).
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2026-01-01' = {
  parent: namespace
  name: topicName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    defaultMessageTimeToLive: messageTimeToLive
    enableBatchedOperations: true
    supportOrdering: true
  }
}

resource subscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2026-01-01' = {
  parent: topic
  name: subscriptionName
  properties: {
    requiresSession: true
    maxDeliveryCount: maxDeliveryCount
    lockDuration: lockDuration
    defaultMessageTimeToLive: messageTimeToLive
    // An event that waited too long is kept for ops (dead letters), never silently dropped.
    deadLetteringOnMessageExpiration: true
    deadLetteringOnFilterEvaluationExceptions: true
    enableBatchedOperations: true
  }
}

@description('Namespace name.')
output name string = namespace.name

@description('Fully qualified namespace, {ns}.servicebus.windows.net in the public cloud (ServiceBusConnection__fullyQualifiedNamespace).')
output fullyQualifiedNamespace string = split(split(namespace.properties.serviceBusEndpoint, '//')[1], ':')[0]

@description('Topic name (InventoryEventsTopic, ServiceBus__TopicName).')
output topicName string = topic.name

@description('Subscription name (InventoryEventsSubscription).')
output subscriptionName string = subscription.name
