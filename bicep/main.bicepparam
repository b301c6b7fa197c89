// Parameters of main.bicep. Values come from the environment where azd (or a pipeline) sets them, with defaults for a
// first deployment; bicep/build.sh compiles this file against main.bicep in CI (to bicep/out/main.parameters.json).
using 'main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', 'inventory-dev')
param location = readEnvironmentVariable('AZURE_LOCATION', 'westeurope')
param deployerPrincipalId = readEnvironmentVariable('AZURE_PRINCIPAL_ID', '')
param opsPrincipalId = readEnvironmentVariable('OPS_PRINCIPAL_ID', '')

param serviceBusSku = 'Standard'
param maxDeliveryCount = 10
param lockDuration = 'PT1M'
param duplicateDetectionWindow = 'P1D'
param cosmosCapacityMode = 'Serverless'

// The example catalog of local.settings.sample.json: POS sells from its store; web from the DC and both stores with a
// one-unit buffer and 40 % of the pool; wholesale from the DC with 60 %. Each channel's HMAC key goes into Key Vault
// as channel-{id}-secret (see bicep/README.md); only the reference is an app setting.
param channels = [
  {
    id: 'pos'
    locations: ['store-1']
  }
  {
    id: 'web'
    locations: ['dc-1', 'store-1', 'store-2']
    buffer: 1
    allocationPercent: 40
  }
  {
    id: 'wholesale'
    locations: ['dc-1']
    allocationPercent: 60
  }
]

param defaultSafetyStock = 0
param appSettingsOverrides = {}
