// The upload intake account: where browsers PUT means of verification with an upload URL (a user delegation
// SAS that can create one blob of the intake container), and nothing else. It stays reachable from public
// networks even with privateNetworking, by design: browsers are outside any network of ours, and a private
// account refuses them whatever the SAS says. That is safe because nothing here is evidence: the app verifies
// each upload, streams it into the data account's verification container and deletes it here (the app's
// Documents/DocumentStore.Intake.cs), and a lifecycle rule deletes whatever is left. The app reaches it over
// its public endpoint (through the virtual network when there is one), as browsers do: no private endpoint.
// Shared keys are refused (upload URLs are signed with a user delegation key, through the app's identity);
// CORS lets the portal's origins PUT, nothing more.

param name string
param location string
param tags object
@description('The container uploads land in: the app\'s name for it (Mem:Storage:ContainerPrefix, empty in Azure, then intake).')
param containerName string
@description('Browser origins allowed to PUT to upload URLs.')
param uploadOrigins array

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
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    // Unverified uploads: a deleted one is gone, unlike evidence (storage.bicep keeps those 30 days).
    deleteRetentionPolicy: {
      enabled: false
    }
    cors: {
      corsRules: [
        {
          allowedOrigins: uploadOrigins
          allowedMethods: [
            'PUT'
          ]
          allowedHeaders: [
            '*'
          ]
          exposedHeaders: [
            'ETag'
          ]
          maxAgeInSeconds: 3600
        }
      ]
    }
  }
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: containerName
  properties: {
    publicAccess: 'None'
  }
}

// The backstop for uploads the app did not delete (a process stopped between its steps, a URL used again after
// its upload was moved). A day is safe: the workflow refuses an upload not completed within AbandonedAfter, at
// most 23 hours, so a blob older than a day is never needed. Storage runs the rule once a day, so what it finds
// goes within two. Snapshots too: the "create" right of an upload URL can make them.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-unverified-uploads'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                '${containerName}/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterCreationGreaterThan: 1
                }
              }
              snapshot: {
                delete: {
                  daysAfterCreationGreaterThan: 1
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    container
  ]
}

output name string = account.name
output id string = account.id
