// The storage account that holds the deployment package and nothing else. It is apart from the app's
// account because the app's identity holds Storage Blob Data Owner there on the whole account (the
// Functions host and the Durable task hub create containers, and upload URLs need a user delegation key,
// which no container-scoped role grants), and the package must be out of that identity's reach: code
// the app runs must not be able to replace the code it runs. Only the deployment identity may write
// here (access.bicep); Flex Consumption's deployment service writes the package as that identity.
// That identity is assigned to the app too (Flex reaches deployment storage only as one of the app's
// identities), so code in the app that asked the platform for its token by name could still get one:
// what this rules out is the app's own identity, the one its code, host and SDKs are given, writing it.

param name string
param location string
param tags object
param containerName string
@description('Refuse public network access: the deployment service reaches the package through the app\'s virtual network (network.bicep).')
param privateNetworking bool

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: privateNetworking ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateNetworking ? 'Deny' : 'Allow'
      bypass: privateNetworking ? 'None' : 'AzureServices'
    }
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: containerName
  properties: {
    publicAccess: 'None'
  }
}

output name string = account.name
output id string = account.id
output containerUrl string = '${account.properties.primaryEndpoints.blob}${container.name}'
