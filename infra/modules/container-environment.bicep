// Where GroupGate's container runs: a Log Analytics workspace for its logs and a Container Apps
// environment with the Consumption workload profile. Property names as in
// Azure/bicep-registry-modules avm/res/app/managed-environment and Azure/bicep-types-az
// generated/app/microsoft.app/2024-03-01.

@description('Container Apps environment name.')
param name string

@description('Log Analytics workspace name.')
param workspaceName string

@description('Azure region.')
param location string

@description('Tags put on both resources.')
param tags object

@description('Days Log Analytics keeps logs.')
param logRetentionDays int

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource managedEnvironment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

@description('Resource id of the environment.')
output id string = managedEnvironment.id

@description('The environment\'s default domain; an app named A is reachable at A.<this>.')
output defaultDomain string = managedEnvironment.properties.defaultDomain
