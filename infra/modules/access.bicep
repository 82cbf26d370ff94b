// What the app's identity may do, and nothing more (built-in role ids; scopes are the single resources).
// The three storage roles are what the Durable extension needs on AzureWebJobsStorage by identity:
// - Storage Blob Data Owner: the Functions host's own storage (host lock, keys) asks for Owner; the
//   task hub's leases and large messages; the app's containers. Not the deployment package: that is in
//   another account, where the app's identity holds nothing.
// - Storage Table Data Contributor: the app's tables (rounds, participants, mailbox, index) and the task hub's
//   history and instances tables.
// - Storage Queue Data Contributor: the task hub's control and work-item queues.
// One more storage role, on the upload intake account (intakestorage.bicep):
// - Storage Blob Data Contributor: the user delegation key that signs upload URLs (a key is per account, and
//   the role includes asking for one), reading and deleting what browsers uploaded. Not Owner: nothing more
//   is done there.
// - Key Vault Secrets User: read the secrets that app settings reference.
// - Monitoring Metrics Publisher: send telemetry to Application Insights, whose keys are switched off.
// The deployment identity holds one role: Storage Blob Data Contributor on the package's account, the
// role Azure gives the identity a Flex Consumption app's deployment storage is reached with (the
// deployment service writes the package as it, and the platform reads it back as it on start-up).

param principalId string
param deploymentPrincipalId string
param storageAccountName string
param packageStorageAccountName string
param intakeStorageAccountName string
param keyVaultName string
param applicationInsightsName string

var storageRoles = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b' // Storage Blob Data Owner
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3' // Storage Table Data Contributor
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88' // Storage Queue Data Contributor
]
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource packageStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: packageStorageAccountName
}

resource intakeStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: intakeStorageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource storageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in storageRoles: {
    name: guid(storage.id, principalId, role)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
      principalId: principalId
      principalType: 'ServicePrincipal'
    }
  }
]

resource packageAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(packageStorage.id, deploymentPrincipalId, storageBlobDataContributor)
  scope: packageStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: deploymentPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource intakeAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(intakeStorage.id, principalId, storageBlobDataContributor)
  scope: intakeStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource vaultAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, keyVaultSecretsUser)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource telemetryAccess 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, principalId, monitoringMetricsPublisher)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
