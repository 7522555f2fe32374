// Azure Managed Redis (Microsoft.Cache/redisEnterprise), the store every GroupGate replica shares,
// and the Key Vault secret store-url GroupGate connects with. Azure Cache for Redis is being retired
// in favour of Azure Managed Redis. Properties as in the 2025-07-01 API (Azure/bicep-types-az,
// generated/redisenterprise/microsoft.cache/2025-07-01) and Azure/bicep-registry-modules
// avm/res/cache/redis-enterprise.
//
// Clustering policy: NoCluster. GroupGate's single-Redis layout (rediss://) runs Lua scripts that
// touch a value and its index keys together, which a sharded database refuses across hash slots
// (CROSSSLOT): EnterpriseCluster allows only DEL, MSET, MGET, EXISTS, UNLINK and TOUCH across slots.
// OSSCluster would need GroupGate's cluster layout (rediss-cluster://, which bot/config.ts does not
// accept in STORE_URL yet), and the client then talks to every shard at the addresses the cluster
// announces. One unsharded endpoint on TLS port 10000 is what the plain rediss:// client expects.

@description('Cluster name: letters, digits and single hyphens, at most 60.')
param name string

@description('Azure region.')
param location string

@description('Tags put on the cluster.')
param tags object

@description('Azure Managed Redis SKU, e.g. Balanced_B0.')
param skuName string

@description('Keep a replica of the data on a second node.')
param highAvailability bool

@description('The vault that receives the store-url secret.')
param keyVaultName string

resource cluster 'Microsoft.Cache/redisEnterprise@2025-07-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  properties: {
    minimumTlsVersion: '1.2'
    highAvailability: highAvailability ? 'Enabled' : 'Disabled'
    // The Container Apps environment has no virtual network here; TLS and the access key guard it.
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.Cache/redisEnterprise/databases@2025-07-01' = {
  parent: cluster
  name: 'default'
  properties: {
    clientProtocol: 'Encrypted'
    port: 10000
    clusteringPolicy: 'NoCluster'
    // GroupGate's join requests and decisions live here: never evict them to make room.
    evictionPolicy: 'NoEviction'
    persistence: {
      aofEnabled: true
      aofFrequency: '1s'
    }
    // GroupGate's STORE_URL carries a password (adapters/store/store-url.ts); it has no Entra sign-in to Redis.
    accessKeysAuthentication: 'Enabled'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// The key is base64 (it may hold '/', '+' and '='), so it is percent-encoded in the URL; node-redis decodes it.
resource storeUrl 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'store-url'
  properties: {
    value: 'rediss://:${uriComponent(database.listKeys().primaryKey)}@${cluster.properties.hostName}:${database.properties.port}'
  }
}

@description('Versionless URI of the store-url secret.')
output storeUrlVaultUri string = '${vault.properties.vaultUri}secrets/store-url'

@description('The Redis host name, for redis-cli and monitoring.')
output hostName string = cluster.properties.hostName
