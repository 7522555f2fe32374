// The vault for GroupGate's secrets. Access is by Azure RBAC only (no access policies): the bot
// identity reads secrets (Key Vault Secrets User); an optional person or group writes them.
// Soft delete and purge protection are on, so a deleted secret or vault can be recovered for 90 days.

@description('Vault name: 3 to 24 letters, digits and hyphens, globally unique.')
param name string

@description('Azure region.')
param location string

@description('Tags put on the vault.')
param tags object

@description('Object id of the bot identity, which reads the secrets at run time.')
param readerPrincipalId string

@description('Object id of a person or group who may write secrets; empty for none.')
param secretsOfficerPrincipalId string

@description('Slack bot token to store as slack-bot-token; empty leaves that secret as it is.')
@secure()
param slackBotToken string

@description('Slack signing secret to store as slack-signing-secret; empty leaves that secret as it is.')
@secure()
param slackSigningSecret string

@description('The /metrics bearer token, stored as metrics-token.')
@secure()
param metricsToken string

// Built-in role definition ids (the same in every tenant).
var secretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'
var secretsOfficerRole = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource readerRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerPrincipalId, secretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRole)
    principalId: readerPrincipalId
    // A new identity may not have reached every Entra replica yet; the type skips that lookup.
    principalType: 'ServicePrincipal'
  }
}

resource officerRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(secretsOfficerPrincipalId)) {
  name: guid(vault.id, secretsOfficerPrincipalId, secretsOfficerRole)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsOfficerRole)
    principalId: secretsOfficerPrincipalId
  }
}

resource metricsTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'metrics-token'
  properties: {
    value: metricsToken
  }
}

resource slackBotTokenSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(slackBotToken)) {
  parent: vault
  name: 'slack-bot-token'
  properties: {
    value: slackBotToken
  }
}

resource slackSigningSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(slackSigningSecret)) {
  parent: vault
  name: 'slack-signing-secret'
  properties: {
    value: slackSigningSecret
  }
}

@description('The vault\'s name.')
output name string = vault.name

// Versionless secret URIs: Container Apps reads the latest version of each.
@description('URI of the metrics-token secret.')
output metricsTokenVaultUri string = '${vault.properties.vaultUri}secrets/metrics-token'

@description('URI of the slack-bot-token secret.')
output slackBotTokenVaultUri string = '${vault.properties.vaultUri}secrets/slack-bot-token'

@description('URI of the slack-signing-secret secret.')
output slackSigningVaultUri string = '${vault.properties.vaultUri}secrets/slack-signing-secret'
