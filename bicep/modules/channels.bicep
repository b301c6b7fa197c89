// The channel catalog as a typed parameter, and the app settings it becomes (Catalog__Channels__{id}__*), built here
// with compile-time functions so main.bicep and the function app module share one definition. Imported, not deployed.

@export()
@description('One sales channel: what it sells from, what it is offered, and how it connects.')
type channel = {
  @description('Channel id, as in /api/webhooks/{id}: letters and digits only, since it is part of app setting names (letters, digits, underscores on Linux) and of the Key Vault secret name (letters, digits, dashes).')
  @minLength(1)
  @maxLength(40)
  id: string

  @description('Locations the channel sells from (a store\'s POS lists its store); empty for a channel that only reports, such as a WMS or an ERP.')
  locations: string[]

  @description('Units never offered to this channel (app default 0).')
  @minValue(0)
  buffer: int?

  @description('Share of the pooled availableToSell offered, 0 to 100, floored. Set this or allocationCap, not both.')
  @minValue(0)
  @maxValue(100)
  allocationPercent: int?

  @description('Most units ever offered. Set this or allocationPercent, not both.')
  @minValue(0)
  allocationCap: int?

  @description('Absolute https URL the channel\'s availability is pushed to; without one each push is only logged.')
  pushUrl: string?

  @description('Absolute https URL the channel answers its levels at (a signed, paged GET), for reconciliation; without one it reports by event.')
  levelsUrl: string?

  @description('The payload its webhooks send (default CloudEvents).')
  format: ('CloudEvents' | 'Shopify')?
}

@export()
@description('Name of the Key Vault secret holding a channel\'s HMAC key; the deployer sets it, the app reads it by reference.')
func channelSecretName(channelId string) string => 'channel-${channelId}-secret'

@export()
@description('Every Catalog__Channels__* app setting of the channels. The secret is a Key Vault reference, never the value.')
func channelSettings(channels channel[], keyVaultName string) object =>
  reduce(channels, {}, (settings, one) => union(settings, oneChannelSettings(one, keyVaultName)))

func oneChannelSettings(one channel, keyVaultName string) object =>
  union(
    toObject(
      range(0, length(one.locations)),
      i => 'Catalog__Channels__${one.id}__Locations__${i}',
      i => one.locations[i]
    ),
    {
      'Catalog__Channels__${one.id}__Format': one.?format ?? 'CloudEvents'
      'Catalog__Channels__${one.id}__Secret': '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${channelSecretName(one.id)})'
    },
    // Optional values are written only when given, so the app's own defaults (and its either-or check) apply.
    one.?buffer == null ? {} : { 'Catalog__Channels__${one.id}__Buffer': string(one.?buffer) },
    one.?allocationPercent == null
      ? {}
      : { 'Catalog__Channels__${one.id}__AllocationPercent': string(one.?allocationPercent) },
    one.?allocationCap == null ? {} : { 'Catalog__Channels__${one.id}__AllocationCap': string(one.?allocationCap) },
    one.?pushUrl == null ? {} : { 'Catalog__Channels__${one.id}__PushUrl': one.?pushUrl },
    one.?levelsUrl == null ? {} : { 'Catalog__Channels__${one.id}__LevelsUrl': one.?levelsUrl }
  )
