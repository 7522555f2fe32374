// The Azure Bot registration and its Teams channel. The bot signs in as the user-assigned managed
// identity (msaAppType UserAssignedMSI), so there is no app password anywhere. Follows
// OfficeDev/Microsoft-Teams-Samples (M365Agent/infra/botRegistration/azurebot.bicep) and
// Azure/AI-in-a-Box (semantic-kernel-bot-in-a-box/infra/modules/botservice.bicep), with the 2022-09-15
// API of Azure/bicep-types-az generated/botservice/microsoft.botservice/2022-09-15.

@description('Bot resource name: globally unique, 2 to 64 letters, digits, hyphens, dots and underscores.')
param name string

@description('The bot\'s display name in the Azure portal.')
param displayName string

@description('F0 or S1.')
param sku string

@description('Tags put on the bot.')
param tags object

@description('Resource id of the bot identity.')
param identityId string

@description('Client id of the bot identity: the bot\'s app id.')
param identityClientId string

@description('The messaging endpoint: https://<container app>/api/messages.')
param endpoint string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  kind: 'azurebot'
  tags: tags
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppType: 'UserAssignedMSI'
    msaAppId: identityClientId
    msaAppTenantId: tenant().tenantId
    msaAppMSIResourceId: identityId
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('The messaging endpoint, as registered.')
output endpoint string = bot.properties.endpoint
