// The private network, deployed only with privateNetworking (main.bicep): a virtual network with one
// subnet the function app integrates with and one for private endpoints; a private endpoint for each
// storage service and the vault the app reaches, each registered in its privatelink DNS zone, which is
// linked to the network. The app's outbound calls resolve those names to the endpoints' private
// addresses, so storage and the vault can refuse public network access altogether. Everything else the
// app calls (SendGrid, Application Insights, the upload intake account) leaves through a NAT gateway with
// one static public address: Flex Consumption sends all of an integrated app's outbound traffic into the
// network, and subnets of networks created with newer API versions have no implicit internet access.

param name string
param location string
param tags object

@description('What gets a private endpoint: the resource, its sub-resource (blob, queue, table or vault) and a short name.')
param endpoints {
  name: string
  resourceId: string
  groupId: ('blob' | 'queue' | 'table' | 'vault')
}[]

// The app subnet (/22) has an address for each of up to 1,000 instances (maximumInstanceCount's ceiling),
// should each take one; the endpoint subnet one per endpoint. Nothing else is in the network.
var appSubnetName = 'snet-app'
var endpointSubnetName = 'snet-endpoints'

// One zone per sub-resource, named after the cloud this deploys to. Key Vault's privatelink zone is
// vaultcore where its public names are vault (privatelink.vaultcore.azure.net in Azure's public cloud).
var zones = {
  blob: 'privatelink.blob.${environment().suffixes.storage}'
  queue: 'privatelink.queue.${environment().suffixes.storage}'
  table: 'privatelink.table.${environment().suffixes.storage}'
  vault: 'privatelink${replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.')}'
}
var zoneKeys = objectKeys(zones)

resource outboundAddress 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: 'pip-${name}-outbound'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIPAllocationMethod: 'Static'
    publicIPAddressVersion: 'IPv4'
  }
}

resource nat 'Microsoft.Network/natGateways@2024-05-01' = {
  name: 'ng-${name}'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    idleTimeoutInMinutes: 4
    publicIpAddresses: [
      {
        id: outboundAddress.id
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-${name}'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.20.0.0/16'
      ]
    }
    subnets: [
      {
        name: appSubnetName
        properties: {
          addressPrefix: '10.20.0.0/22'
          // The app's way out, explicit rather than the platform's implicit default outbound access.
          defaultOutboundAccess: false
          natGateway: {
            id: nat.id
          }
          // Flex Consumption integrates through a subnet delegated to Container Apps environments.
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: endpointSubnetName
        properties: {
          addressPrefix: '10.20.4.0/24'
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }
}

resource dnsZones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for zone in zoneKeys: {
    name: zones[zone]
    location: 'global'
    tags: tags
  }
]

resource dnsLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (zone, i) in zoneKeys: {
    parent: dnsZones[i]
    name: vnet.name
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2024-05-01' = [
  for endpoint in endpoints: {
    name: 'pe-${endpoint.name}-${endpoint.groupId}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, endpointSubnetName)
      }
      privateLinkServiceConnections: [
        {
          name: '${endpoint.name}-${endpoint.groupId}'
          properties: {
            privateLinkServiceId: endpoint.resourceId
            groupIds: [
              endpoint.groupId
            ]
          }
        }
      ]
    }
  }
]

// The zone group writes the endpoint's A record into its zone, and keeps it there if the address changes.
resource zoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = [
  for (endpoint, i) in endpoints: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: endpoint.groupId
          properties: {
            privateDnsZoneId: resourceId('Microsoft.Network/privateDnsZones', zones[endpoint.groupId])
          }
        }
      ]
    }
    dependsOn: [
      dnsZones
      dnsLinks
    ]
  }
]

output appSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, appSubnetName)

@description('The one public address the app\'s outbound calls come from (for allow-lists such as SendGrid\'s IP access management).')
output outboundAddress string = outboundAddress.properties.ipAddress
