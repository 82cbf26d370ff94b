// The vault for the app's secrets, read through Key Vault references in app settings. Access is by
// Azure RBAC only (the app's identity is a Key Vault Secrets User, see access.bicep). A secret is
// written only when a value is given, so a redeployment without it keeps the stored one.

param name string
param location string
param tags object
@description('Refuse public network access: the app reads secrets through a private endpoint (network.bicep).')
param privateNetworking bool

@secure()
param bootstrapAdminToken string

@secure()
param sendGridApiKey string

var sendGridSecretName = 'SendGridApiKey'
var bootstrapSecretName = 'BootstrapAdminToken'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
      bypass: privateNetworking ? 'None' : 'AzureServices'
    }
  }
}

resource sendGrid 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: sendGridSecretName
  properties: {
    value: sendGridApiKey
  }
}

resource bootstrap 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(bootstrapAdminToken)) {
  parent: vault
  name: bootstrapSecretName
  properties: {
    value: bootstrapAdminToken
  }
}

output name string = vault.name
output id string = vault.id
output sendGridSecretName string = sendGridSecretName
output bootstrapSecretName string = bootstrapSecretName
