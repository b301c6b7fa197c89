// The vault holding the channel secrets (HMAC keys of webhooks and pushes). Access is Azure RBAC only: the function
// app reads secrets through Key Vault references with Key Vault Secrets User (roles.bicep); the deployer writes them.

@description('Key Vault name (3 to 24 letters, digits and dashes).')
@minLength(3)
@maxLength(24)
param name string

@description('Region of the vault.')
param location string

@description('Tags applied to the vault.')
param tags object

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // RBAC, not access policies: role assignments are auditable and scoped like every other grant here.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // A deleted secret can be recovered but never purged early: channel secrets are not re-creatable by us.
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

@description('Key Vault name, used in the app settings\' Key Vault references.')
output name string = vault.name

@description('Key Vault URI, for the deployer setting the channel secrets.')
output uri string = vault.properties.vaultUri
