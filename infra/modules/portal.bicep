// The portal: a Static Web App serving the Blazor WebAssembly build of portal/. Standard tier,
// because only Standard links a backend: its /api routes go to the function app.

param name string
param location string
param tags object

resource portal 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // Deployed from CI with the site's deployment token (swa deploy), not from a linked repository.
    provider: 'None'
    stagingEnvironmentPolicy: 'Disabled'
    allowConfigFileUpdates: true
  }
}

output name string = portal.name
output origin string = 'https://${portal.properties.defaultHostname}'
