// MemWorkflow in Azure: the .NET 10 isolated-worker function app on a Flex Consumption plan, whose
// rounds are Durable Functions orchestrations on the Azure Storage backend; its storage account (the
// app's tables and blobs, the Functions host's storage and the Durable task hub), Application Insights
// and a Key Vault. The app, the Functions host and the Durable extension reach storage, the vault and
// Application Insights as one user-assigned managed identity: no account key or connection string
// exists anywhere. The deployment package is in an account of its own that only a second identity, the
// deployment identity, may write; browsers upload means of verification to a third, the intake account,
// from which the app moves each verified upload into its own. With privateNetworking, the app's storage,
// the package's and the vault are reachable only through private endpoints in a virtual network the app
// integrates with; the intake account stays public. Deploy into an existing resource group (README,
// "Deploy to Azure").

@description('Short name of the environment (lower-case letters and digits, e.g. prod or test); part of every resource name.')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Azure region of every resource; it must offer the Flex Consumption plan.')
param location string = resourceGroup().location

// On by default for production (environmentName prod, in any case), off for other environments, where a
// network and its endpoints cost more than they protect. Browser uploads work either way: upload URLs
// write to the intake account, which stays public (intakestorage.bicep), never to the private data account.
@description('The app\'s storage, the deployment package\'s and Key Vault refuse public network access; the app reaches them through private endpoints in a virtual network it integrates with. The upload intake account stays public. Default: on for environmentName prod, off otherwise.')
param privateNetworking bool = toLower(environmentName) == 'prod'


@description('Access token of the first MEM Unit user (16 characters or more), kept in Key Vault. Empty: none is set, and one stored earlier stays.')
@secure()
param bootstrapAdminToken string = ''

@description('SendGrid API key, kept in Key Vault and read by the app through a Key Vault reference. Empty: the stored one stays.')
@secure()
param sendGridApiKey string = ''

@description('Email delivery: sendgrid sends through SendGrid with the stored key; local keeps messages in the app\'s own mailbox (GET /api/dev/mail, MEM Unit only).')
@allowed([
  'sendgrid'
  'local'
])
param emailMode string = 'sendgrid'

@description('The MEM Unit\'s address for operational alerts: Azure Monitor writes to it when an incident opens (and when it resolves).')
param memUnitAlertEmail string

@description('Sender address of the emails.')
param emailFrom string = 'mem@oas.org'

@description('Where links in emails point: the portal\'s address. Empty means the Static Web App this template creates (set it when a custom domain is bound to the portal).')
param portalBaseUrl string = ''

@description('Browser origins allowed to PUT means of verification to the intake account with an upload URL, besides the portal\'s own.')
param uploadOrigins array = []

@description('Region of the portal\'s Static Web App (a region that offers Static Web Apps).')
param portalLocation string = 'eastus2'

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Memory of one instance, in MB (the GEG assignment solver is the largest user).')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

var token = uniqueString(resourceGroup().id, environmentName)
var env = toLower(environmentName)
var tags = {
  application: 'MemWorkflow'
  environment: env
}
var deploymentContainer = 'app-package'
// The app's name for its intake container (Mem:Storage:ContainerPrefix is empty in Azure).
var intakeContainer = 'intake'
// The Durable task hub: its queues, tables and containers in the host's storage carry this name, so it
// depends on the environment only and stays the same on every redeployment (a new name would strand
// running orchestrations). Letters and digits, 3-45 characters, as the Azure Storage backend requires:
// env is letters and digits because the storage account's name, which Azure checks, contains it.
var taskHubName = 'mem${env}'

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: 'id-mem-${env}-${token}'
    location: location
    tags: tags
  }
}

// The identity Flex Consumption writes and reads the deployment package as, apart from the app's own
// so that the app's identity cannot replace the code it runs (packagestorage.bicep).
module deploymentIdentity 'modules/identity.bicep' = {
  name: 'deployment-identity'
  params: {
    name: 'id-mem-deploy-${env}-${token}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: 'log-mem-${env}-${token}'
    applicationInsightsName: 'appi-mem-${env}-${token}'
    location: location
    tags: tags
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    actionGroupName: 'ag-mem-${env}-${token}'
    alertRuleName: 'alert-mem-${env}-incident-open'
    location: location
    tags: tags
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    memUnitAlertEmail: memUnitAlertEmail
  }
}

module portal 'modules/portal.bicep' = {
  name: 'portal'
  params: {
    name: 'stapp-mem-${env}-${token}'
    location: portalLocation
    tags: tags
  }
}

// The portal's browsers upload to the intake account: its origin (or the custom one) may PUT there.
var portalOrigin = empty(portalBaseUrl) ? portal.outputs.origin : join(take(split(portalBaseUrl, '/'), 3), '/')

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take('stmem${env}${token}', 24)
    location: location
    tags: tags
    privateNetworking: privateNetworking
  }
}

// Public whatever privateNetworking says: browsers are outside the network (intakestorage.bicep).
module intakeStorage 'modules/intakestorage.bicep' = {
  name: 'intake'
  params: {
    name: take('stin${env}${token}', 24)
    location: location
    tags: tags
    containerName: intakeContainer
    uploadOrigins: union([portalOrigin], uploadOrigins)
  }
}

module packageStorage 'modules/packagestorage.bicep' = {
  name: 'packagestore'
  params: {
    name: take('stpkg${env}${token}', 24)
    location: location
    tags: tags
    containerName: deploymentContainer
    privateNetworking: privateNetworking
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: take('kv-mem-${env}-${token}', 24)
    location: location
    tags: tags
    bootstrapAdminToken: bootstrapAdminToken
    sendGridApiKey: sendGridApiKey
    privateNetworking: privateNetworking
  }
}

module network 'modules/network.bicep' = if (privateNetworking) {
  name: 'network'
  params: {
    name: 'mem-${env}-${token}'
    location: location
    tags: tags
    endpoints: [
      { name: storage.outputs.name, resourceId: storage.outputs.id, groupId: 'blob' }
      { name: storage.outputs.name, resourceId: storage.outputs.id, groupId: 'queue' }
      { name: storage.outputs.name, resourceId: storage.outputs.id, groupId: 'table' }
      { name: packageStorage.outputs.name, resourceId: packageStorage.outputs.id, groupId: 'blob' }
      { name: vault.outputs.name, resourceId: vault.outputs.id, groupId: 'vault' }
    ]
  }
}

module access 'modules/access.bicep' = {
  name: 'access'
  params: {
    principalId: identity.outputs.principalId
    deploymentPrincipalId: deploymentIdentity.outputs.principalId
    storageAccountName: storage.outputs.name
    packageStorageAccountName: packageStorage.outputs.name
    intakeStorageAccountName: intakeStorage.outputs.name
    keyVaultName: vault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

// Settings the app reads (API.md, "Configuration"); `__` stands for `:`. MemTaskHub is read by the
// Functions host instead: host.json's durableTask.hubName is "%MemTaskHub%".
var memSettings = union(
  {
    Mem__Storage__AccountName: storage.outputs.name
    Mem__Storage__IntakeAccountName: intakeStorage.outputs.name
    Mem__Storage__ClientId: identity.outputs.clientId
    Mem__Clock: 'system'
    Mem__Email__Mode: emailMode
    // The local mailbox is a development feature: in Azure (Production) it runs only when asked for.
    Mem__AllowDevelopmentFeaturesInProduction: emailMode == 'local' ? 'true' : 'false'
    Mem__Email__From: emailFrom
    // The bootstrap MEM Unit user is the MEM Unit's alert address: its notices and alerts go there.
    Mem__BootstrapAdminEmail: memUnitAlertEmail
    Mem__Email__SendGridApiKey: '@Microsoft.KeyVault(VaultName=${vault.outputs.name};SecretName=${vault.outputs.sendGridSecretName})'
    MemTaskHub: taskHubName
  },
  // Only with a stored token: an unresolved reference would leave its own text as the token.
  empty(bootstrapAdminToken)
    ? {}
    : {
        Mem__BootstrapAdminToken: '@Microsoft.KeyVault(VaultName=${vault.outputs.name};SecretName=${vault.outputs.bootstrapSecretName})'
      }
)

module app 'modules/functionapp.bicep' = {
  name: 'functionapp'
  params: {
    name: 'func-mem-${env}-${token}'
    planName: 'asp-mem-${env}-${token}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    deploymentIdentityId: deploymentIdentity.outputs.id
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: packageStorage.outputs.containerUrl
    // The network's endpoints exist before the app first starts, so its first start can reach storage.
    subnetId: privateNetworking ? network!.outputs.appSubnetId : ''
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appSettings: memSettings
    portalBaseUrl: empty(portalBaseUrl) ? '${portal.outputs.origin}/' : portalBaseUrl
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
  // The identity's roles exist before the app first starts, so its first start can reach storage.
  dependsOn: [
    access
  ]
}

module portalBackend 'modules/portalbackend.bicep' = {
  name: 'portalbackend'
  params: {
    portalName: portal.outputs.name
    functionAppName: app.outputs.name
    location: location
  }
}

output portalName string = portal.outputs.name
output portalUrl string = '${portal.outputs.origin}/'
output functionAppName string = app.outputs.name
output url string = app.outputs.url
output storageAccountName string = storage.outputs.name
output packageStorageAccountName string = packageStorage.outputs.name
output intakeStorageAccountName string = intakeStorage.outputs.name
output keyVaultName string = vault.outputs.name
@description('With privateNetworking: the one public address the app\'s outbound calls (SendGrid among them) come from. Empty without it.')
output outboundAddress string = privateNetworking ? network!.outputs.outboundAddress : ''
