// The storage account: the app's tables and blob containers, the Functions host's own storage and the
// Durable task hub (the deployment package is elsewhere: packagestorage.bicep). Shared keys are refused:
// the app, the host and the Durable extension use the managed identity. Browsers never reach this account:
// upload URLs write to the intake account (intakestorage.bicep), and the app moves each verified upload
// from there into the verification container here, so this account can refuse public networks.
// No container is public: published reports are served by the app (GET /api/reports/...).
// The task hub's queues ({hub}-control-NN, {hub}-workitems), tables ({hub}History, {hub}Instances) and
// containers ({hub}-leases, ...) are not declared here: the Durable extension creates them on first
// start, named after the MemTaskHub setting (main.bicep).

param name string
param location string
param tags object
@description('Refuse public network access: the app reaches blob, queue and table through private endpoints (network.bicep).')
param privateNetworking bool

// Mem:Storage:TablePrefix and ContainerPrefix keep their defaults ('mem' and none) in Azure.
var tables = [
  'memrounds'
  'memparticipants'
  'memmailbox'
  'memindex'
]
var containers = [
  'verification'
  'answers'
  'reports'
  'published'
]

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
  properties: {
    // Means of verification are evidence: a deleted one can be brought back for 30 days.
    deleteRetentionPolicy: {
      enabled: true
      days: 30
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: 30
    }
    // None, and said so: a redeployment removes the rules that let browsers PUT here before the intake account.
    cors: {
      corsRules: []
    }
  }
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for container in containers: {
    parent: blobs
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource appTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for table in tables: {
    parent: tableService
    name: table
  }
]

output name string = account.name
output id string = account.id
