// GroupGate's container app: public ingress on PORT 3978, the bot identity attached, its secrets read
// from Key Vault with that identity, and the probes docs/monitoring.md describes (/livez for liveness,
// /readyz for readiness). Property names as in Azure/bicep-registry-modules avm/res/app/container-app
// and Azure/bicep-types-az generated/app/microsoft.app/2024-03-01.

@description('Container app name: at most 32 lowercase letters, digits and hyphens.')
param appName string

@description('Resource id of the Container Apps environment.')
param environmentId string

@description('The environment\'s default domain: the app is reachable at <appName>.<this>.')
param environmentDefaultDomain string

@description('Azure region.')
param location string

@description('Tags put on every resource here.')
param tags object

@description('The image, as registry/repository:tag.')
param containerImage string

@description('An Azure Container Registry in this resource group to pull from with the bot identity; empty for a public image.')
param registryName string

@description('Fewest replicas.')
param minReplicas int

@description('Most replicas.')
param maxReplicas int

@description('Resource id of the bot identity.')
param identityId string

@description('Client id of the bot identity.')
param identityClientId string

@description('Object id of the bot identity (for the AcrPull role).')
param identityPrincipalId string

@description('Key Vault URI of the store-url secret.')
param storeUrlVaultUri string

@description('Key Vault URI of the metrics-token secret.')
param metricsTokenVaultUri string

@description('Key Vault URI of the slack-bot-token secret; empty when Slack is off.')
param slackBotTokenVaultUri string

@description('Key Vault URI of the slack-signing-secret secret; empty when Slack is off.')
param slackSigningVaultUri string

@description('GroupGate\'s id in the Teams app catalog; empty leaves TEAMS_INSTALL_FOR_OWNERS off.')
param teamsAppCatalogId string

var port = 3978
var slack = !empty(slackBotTokenVaultUri) && !empty(slackSigningVaultUri)
// AcrPull, a built-in role.
var acrPullRole = '7f951dda-4ed3-4680-a7ca-43fe172d538d'

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = if (!empty(registryName)) {
  name: registryName
}

resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(registryName)) {
  name: guid(resourceGroup().id, registryName, identityPrincipalId, acrPullRole)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRole)
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
  }
}

// The app's address, known before the app exists: PUBLIC_URL names it, and the bot's endpoint uses it.
var fqdn = '${appName}.${environmentDefaultDomain}'

var secrets = concat(
  [
    {
      name: 'store-url'
      keyVaultUrl: storeUrlVaultUri
      identity: identityId
    }
    {
      name: 'metrics-token'
      keyVaultUrl: metricsTokenVaultUri
      identity: identityId
    }
  ],
  slack
    ? [
        {
          name: 'slack-bot-token'
          keyVaultUrl: slackBotTokenVaultUri
          identity: identityId
        }
        {
          name: 'slack-signing-secret'
          keyVaultUrl: slackSigningVaultUri
          identity: identityId
        }
      ]
    : []
)

// Every name here is a variable bot/config.ts reads; the test checks it. No NODE_ENV: neither GroupGate
// nor its runtime dependencies read it (see the Dockerfile).
var environmentVariables = concat(
  [
    {
      name: 'HOST'
      value: '0.0.0.0'
    }
    {
      name: 'PORT'
      value: string(port)
    }
    {
      name: 'PUBLIC_URL'
      value: 'https://${fqdn}'
    }
    {
      name: 'STORE_URL'
      secretRef: 'store-url'
    }
    {
      name: 'DIRECTORY'
      value: 'graph'
    }
    {
      name: 'GRAPH_CREDENTIAL'
      value: 'managed-identity'
    }
    {
      name: 'AZURE_TENANT_ID'
      value: tenant().tenantId
    }
    {
      name: 'AZURE_CLIENT_ID'
      value: identityClientId
    }
    {
      name: 'TEAMS'
      value: 'on'
    }
    {
      name: 'MicrosoftAppType'
      value: 'UserAssignedMSI'
    }
    {
      name: 'MicrosoftAppId'
      value: identityClientId
    }
    {
      name: 'MicrosoftAppTenantId'
      value: tenant().tenantId
    }
    {
      name: 'WEB_CHAT'
      value: 'off'
    }
    {
      name: 'METRICS_TOKEN'
      secretRef: 'metrics-token'
    }
  ],
  slack
    ? [
        {
          name: 'SLACK_BOT_TOKEN'
          secretRef: 'slack-bot-token'
        }
        {
          name: 'SLACK_SIGNING_SECRET'
          secretRef: 'slack-signing-secret'
        }
      ]
    : [],
  // Owners Teams cannot reach get GroupGate installed for them through Graph (docs/graph.md).
  empty(teamsAppCatalogId)
    ? []
    : [
        {
          name: 'TEAMS_INSTALL_FOR_OWNERS'
          value: 'on'
        }
        {
          name: 'TEAMS_APP_CATALOG_ID'
          value: teamsAppCatalogId
        }
      ]
)

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: port
        transport: 'auto'
        allowInsecure: false
      }
      registries: empty(registryName)
        ? []
        : [
            {
              server: '${registryName}${environment().suffixes.acrLoginServer}'
              identity: identityId
            }
          ]
      secrets: secrets
    }
    template: {
      containers: [
        {
          name: 'groupgate'
          image: containerImage
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: environmentVariables
          probes: [
            {
              type: 'Liveness'
              httpGet: {
                path: '/livez'
                port: port
              }
              periodSeconds: 10
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/readyz'
                port: port
              }
              periodSeconds: 10
              timeoutSeconds: 3
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http'
            http: {
              metadata: {
                concurrentRequests: '50'
              }
            }
          }
        ]
      }
    }
  }
  dependsOn: [
    acrPull
  ]
}

@description('The app\'s public host name.')
output fqdn string = app.properties.configuration.ingress.fqdn
