// Parameters for infra/main.bicep; docs/deploy.md lists every one. Secrets are read from the
// environment of the shell that runs `az deployment group create`, never written here.
using './main.bicep'

param namePrefix = 'groupgate'

// The image `az acr build` pushed (docs/deploy.md, step 2).
param containerImage = readEnvironmentVariable('GROUPGATE_IMAGE')

// The registry that image is in, when it is in this resource group; '' for a public image.
param registryName = readEnvironmentVariable('GROUPGATE_REGISTRY', '')

param minReplicas = 2
param maxReplicas = 4
param botSku = 'F0'
param redisSku = 'Balanced_B0'

// Slack: off until its secrets are set (docs/deploy.md, step 6).
param enableSlack = bool(readEnvironmentVariable('GROUPGATE_ENABLE_SLACK', 'false'))
param slackBotToken = readEnvironmentVariable('GROUPGATE_SLACK_BOT_TOKEN', '')
param slackSigningSecret = readEnvironmentVariable('GROUPGATE_SLACK_SIGNING_SECRET', '')

// Teams: GroupGate's id in your Teams app catalog, to install itself for owners (docs/deploy.md, step 5); '' for off.
param teamsAppCatalogId = readEnvironmentVariable('GROUPGATE_TEAMS_APP_CATALOG_ID', '')

// openssl rand -hex 32; keep it: your Prometheus scraper sends it.
param metricsToken = readEnvironmentVariable('GROUPGATE_METRICS_TOKEN')

// Your own object id (az ad signed-in-user show --query id -o tsv), to set vault secrets; '' for nobody.
param secretsOfficerPrincipalId = readEnvironmentVariable('GROUPGATE_SECRETS_OFFICER', '')
