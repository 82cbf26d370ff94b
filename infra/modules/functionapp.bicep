// The function app on a Flex Consumption plan (FC1), running the .NET 10 isolated worker: runtime
// 'dotnet-isolated' 10.0, the deployment package in a blob container of its own account, reached with
// the deployment identity (not the app's), HTTPS only, TLS 1.2 and up, no basic-auth publishing. Flex
// takes no FUNCTIONS_WORKER_RUNTIME or WEBSITE_* package settings: runtime and package location are in
// functionAppConfig. With a subnet it integrates with the virtual network; on Flex Consumption that
// routes all its outbound traffic through the network (no vnetRouteAllEnabled to set).

param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
@description('The identity Flex Consumption writes and reads the deployment package as; the app\'s code and host use identityId.')
param deploymentIdentityId string
param storageAccountName string
@description('The blob container URL of the deployment package.')
param deploymentContainerUrl string
@description('The subnet to integrate with (delegated to Microsoft.App/environments); empty: no virtual network.')
param subnetId string
param applicationInsightsName string
param appSettings object
@description('The portal\'s address: links in emails start here.')
param portalBaseUrl string
param maximumInstanceCount int
param instanceMemoryMB int

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
      '${deploymentIdentityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    virtualNetworkSubnetId: empty(subnetId) ? null : subnetId
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: deploymentIdentityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, {
    // The host's storage, by identity: no AzureWebJobsStorage connection string. The Durable task hub
    // (Azure Storage backend) uses this same connection.
    AzureWebJobsStorage__accountName: storage.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    Mem__PortalBaseUrl: portalBaseUrl
  })
}

resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostName}/'
