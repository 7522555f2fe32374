// GroupGate on Azure, in one resource group: the bot's user-assigned managed identity (its identity
// for Bot Framework and for Microsoft Graph), a Key Vault for the secrets, Azure Managed Redis for the
// state every replica shares, a Container Apps environment running the image, and the Azure Bot with
// its Teams channel. docs/deploy.md walks an admin through it, from nothing to a bot in Teams and Slack.
// test/operations/azure-template.test.ts checks what this file promises (there is no Bicep compiler
// where GroupGate is built; run `az bicep build -f infra/main.bicep` before changing it).
targetScope = 'resourceGroup'

@description('Short prefix for every resource name: lowercase letters and digits, starting with a letter. A hash of the resource group id is appended, so names are unique.')
@minLength(2)
@maxLength(10)
param namePrefix string = 'groupgate'

@description('Azure region for everything except the bot registration, which is global.')
param location string = resourceGroup().location

@description('The GroupGate image to run, as registry/repository:tag, for example contosoacr.azurecr.io/groupgate:1.0.0.')
param containerImage string

@description('Name of an Azure Container Registry in this resource group that holds containerImage: the bot identity is given AcrPull on it and pulls with it. Leave empty for a public image.')
param registryName string = ''

@description('Fewest replicas kept running. 2 or more keeps GroupGate answering through a restart or an update; replicas share their state in Redis.')
@minValue(1)
@maxValue(10)
param minReplicas int = 2

@description('Most replicas the HTTP scale rule may run.')
@minValue(1)
@maxValue(10)
param maxReplicas int = 4

@description('Azure Bot pricing tier. Teams is a standard channel, free on both; S1 only matters for premium channels, which GroupGate does not use.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('The bot\'s display name in the Azure portal (Teams shows the name from the Teams app package).')
param botDisplayName string = 'GroupGate'

@description('Azure Managed Redis size, from the Balanced tier: B0 (0.5 GB) is the smallest. Only sizes up to 24 GB are listed, as the Non-clustered policy this template uses is for the smaller sizes (docs/deploy.md).')
@allowed([
  'Balanced_B0'
  'Balanced_B1'
  'Balanced_B3'
  'Balanced_B5'
  'Balanced_B10'
  'Balanced_B20'
])
param redisSku string = 'Balanced_B0'

@description('Keep a replica of the Redis data on a second node (about twice the price). Off means one node: a node failure loses what the append-only file had not yet written.')
param redisHighAvailability bool = true

@description('Serve Slack too. Needs the Slack app\'s bot token and signing secret, as the two parameters below or as the Key Vault secrets slack-bot-token and slack-signing-secret set before this deployment.')
param enableSlack bool = false

@description('Slack Bot User OAuth Token (Slack app: OAuth & Permissions). Empty: the Key Vault secret slack-bot-token is left as it is.')
@secure()
param slackBotToken string = ''

@description('Slack signing secret (Slack app: Basic Information, App Credentials). Empty: the Key Vault secret slack-signing-secret is left as it is.')
@secure()
param slackSigningSecret string = ''

@description('GroupGate\'s id in your Teams app catalog (Teams admin center, Manage apps, GroupGate: App ID). Set, GroupGate installs itself in Teams for owners it cannot reach (TEAMS_INSTALL_FOR_OWNERS=on); the identity then needs TeamsAppInstallation.ReadWriteSelfForUser.All. Empty: off.')
param teamsAppCatalogId string = ''

@description('The bearer token /metrics asks for: the ingress is public, so metrics are not. Give your Prometheus scraper the same value.')
@secure()
param metricsToken string

@description('Object id of the person or group who may write the vault\'s secrets (Key Vault Secrets Officer), e.g. you, to run az keyvault secret set. Empty: nobody is given that role here.')
param secretsOfficerPrincipalId string = ''

@description('Days Log Analytics keeps the container logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Tags put on every resource.')
param tags object = {
  app: 'groupgate'
}

var prefix = toLower(namePrefix)
var suffix = uniqueString(resourceGroup().id)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${prefix}-id-${suffix}'
  location: location
  tags: tags
}

module vault 'modules/key-vault.bicep' = {
  name: 'groupgate-key-vault'
  params: {
    name: take('${prefix}-kv-${suffix}', 24)
    location: location
    tags: tags
    readerPrincipalId: identity.properties.principalId
    secretsOfficerPrincipalId: secretsOfficerPrincipalId
    slackBotToken: slackBotToken
    slackSigningSecret: slackSigningSecret
    metricsToken: metricsToken
  }
}

module redis 'modules/redis.bicep' = {
  name: 'groupgate-redis'
  params: {
    name: '${prefix}-redis-${suffix}'
    location: location
    tags: tags
    skuName: redisSku
    highAvailability: redisHighAvailability
    keyVaultName: vault.outputs.name
  }
}

module containerEnvironment 'modules/container-environment.bicep' = {
  name: 'groupgate-container-environment'
  params: {
    name: '${prefix}-env-${suffix}'
    workspaceName: '${prefix}-logs-${suffix}'
    location: location
    tags: tags
    logRetentionDays: logRetentionDays
  }
}

module app 'modules/container-app.bicep' = {
  name: 'groupgate-container-app'
  params: {
    appName: take('${prefix}-app-${suffix}', 32)
    environmentId: containerEnvironment.outputs.id
    environmentDefaultDomain: containerEnvironment.outputs.defaultDomain
    location: location
    tags: tags
    containerImage: containerImage
    registryName: registryName
    minReplicas: minReplicas
    maxReplicas: max(minReplicas, maxReplicas)
    identityId: identity.id
    identityClientId: identity.properties.clientId
    identityPrincipalId: identity.properties.principalId
    storeUrlVaultUri: redis.outputs.storeUrlVaultUri
    metricsTokenVaultUri: vault.outputs.metricsTokenVaultUri
    slackBotTokenVaultUri: enableSlack ? vault.outputs.slackBotTokenVaultUri : ''
    slackSigningVaultUri: enableSlack ? vault.outputs.slackSigningVaultUri : ''
    teamsAppCatalogId: teamsAppCatalogId
  }
}

module bot 'modules/bot.bicep' = {
  name: 'groupgate-bot'
  params: {
    name: '${prefix}-bot-${suffix}'
    displayName: botDisplayName
    sku: botSku
    tags: tags
    identityId: identity.id
    identityClientId: identity.properties.clientId
    endpoint: 'https://${app.outputs.fqdn}/api/messages'
  }
}

@description('The messaging endpoint the Azure Bot sends Teams activities to.')
output botEndpoint string = bot.outputs.endpoint

@description('The container app\'s public host name; Slack\'s request URL is https://<this>/slack/events.')
output containerAppFqdn string = app.outputs.fqdn

@description('Client id of the bot identity: the Teams app package\'s bot id (MicrosoftAppId).')
output identityClientId string = identity.properties.clientId

@description('Object id of the bot identity\'s service principal: grant it the Microsoft Graph app roles (docs/permissions.md).')
output identityPrincipalId string = identity.properties.principalId

@description('The Key Vault holding store-url, metrics-token and the Slack secrets.')
output keyVaultName string = vault.outputs.name
