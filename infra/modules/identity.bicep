// The app's identity. User-assigned rather than system-assigned: it exists, with its role
// assignments, before the function app does, so the app's first start is not refused by storage.

param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
