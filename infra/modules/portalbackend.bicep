// Links the portal to the function app: Static Web Apps forwards the portal's /api/* requests to it,
// so the browser talks to one origin and the API needs no CORS rule of its own.

param portalName string
param functionAppName string
param location string

resource portal 'Microsoft.Web/staticSites@2024-04-01' existing = {
  name: portalName
}

resource app 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2024-04-01' = {
  parent: portal
  name: 'functions'
  properties: {
    backendResourceId: app.id
    region: location
  }
}
