// Klaxon on Azure: a Flex Consumption (FC1) function app running the dotnet-isolated 10.0 worker, reaching its storage
// account, Key Vault and Application Insights only through a user-assigned managed identity (no keys, no connection
// strings). Deployed into an existing resource group: `azd up` (see azure.yaml) or .github/workflows/deploy.yml.
// Only local modules: nothing is restored from a registry, so `bicep build` and `bicep lint` work offline.
targetScope = 'resourceGroup'

@description('Short prefix for every resource name: 2-9 lowercase letters or digits, starting with a letter. A hash of the subscription, resource group and prefix is appended, so names are unique but stable across deployments.')
@minLength(2)
@maxLength(9)
param namePrefix string = 'klaxon'

@description('Azure region for every resource. It must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Memory of each Flex Consumption instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the app may scale out to (Flex Consumption allows 1-1000).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Instances kept warm for each function on the paging path (HTTP, ApplyEvent, DispatchNotification, RunEscalation), so no hop waits for a cold start. 0 turns it off (cheaper, slower first page after idle).')
@minValue(0)
@maxValue(10)
param alwaysReadyInstances int = 1

@description('E-mail address alerts go to (/api/health availability, failed requests, messages moved to a poison queue), through an Azure Monitor action group that does not depend on Klaxon. Empty: the alert rules exist but notify nobody.')
param alertEmail string = ''

@description('Tags added to every resource (the function app also gets azd-service-name).')
param tags object = {}

@description('NCRONTAB schedule of the Escalate timer (app setting EscalationSchedule; six fields, seconds first).')
param escalationSchedule string = '*/15 * * * * *'

@description('Seconds an instance keeps an account\'s configuration in memory when accepting webhooks (Klaxon__ConfigCacheSeconds).')
@minValue(0)
param configCacheSeconds int = 10

@description('Base URL printed in integration URLs (Klaxon__PublicBaseUrl). Empty: the function app\'s own https://<name>.azurewebsites.net address. Set it when a custom domain fronts the app.')
param publicBaseUrl string = ''

@description('How the Key Vault is created: default, or recover to bring back a soft-deleted vault of the same name (a resource group deleted and created again within the 7-day retention; purge protection keeps the name reserved until then).')
@allowed([
  'default'
  'recover'
])
param keyVaultCreateMode string = 'default'

// Responder app sign-in: App Service Authentication ("Easy Auth") with Microsoft Entra ID. Empty client id = no
// sign-in configured: the app's pages load but nobody can sign in, and a client-sent principal header is refused.
// See docs/app.md for the app registration (the one manual step).
@description('Application (client) id of the Entra ID app registration people sign in with; empty turns sign-in off.')
param authClientId string = ''

@description('Entra ID tenant the app registration lives in; empty means the deployment\'s tenant.')
param authTenantId string = ''

@description('Days of logs kept in the Log Analytics workspace.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

// Notification channels. Plain values are ordinary app settings; secrets go to Key Vault and reach the app as Key Vault
// references. An empty secret creates no Key Vault secret (an existing one is left alone, so secrets may also be set
// with `az keyvault secret set`); a channel without its secrets is "not configured" and its notifications stay in
// the outbox.
@description('Twilio phone number SMS and voice calls come from (Notifications__Twilio__FromNumber), e.g. +15551230000.')
param twilioFromNumber string = ''

@description('Twilio account SID; stored as Key Vault secret twilio-account-sid.')
@secure()
param twilioAccountSid string = ''

@description('Twilio auth token; stored as Key Vault secret twilio-auth-token.')
@secure()
param twilioAuthToken string = ''

@description('Address notification e-mails come from (Notifications__SendGrid__FromAddress).')
param sendGridFromAddress string = ''

@description('SendGrid event webhook verification key, base64 as SendGrid shows it (Notifications__SendGrid__WebhookPublicKey); events are refused without it.')
param sendGridWebhookPublicKey string = ''

@description('SendGrid API key; stored as Key Vault secret sendgrid-api-key.')
@secure()
param sendGridApiKey string = ''

@description('VAPID public key for Web Push (Notifications__WebPush__VapidPublicKey).')
param webPushVapidPublicKey string = ''

@description('VAPID subject for Web Push, a mailto: or https: URL (Notifications__WebPush__Subject).')
param webPushSubject string = ''

@description('VAPID private key for Web Push; stored as Key Vault secret webpush-vapid-private-key.')
@secure()
param webPushVapidPrivateKey string = ''

@description('Key that signs the acknowledge/resolve links in notification e-mails; stored as Key Vault secret email-links-signing-key.')
@secure()
param emailLinksSigningKey string = ''

@description('Operator key (at least 32 characters): creates accounts and manages their API keys; stored as Key Vault secret operator-key. Empty = leave Key Vault as it is.')
@secure()
param operatorKey string = ''

var token = uniqueString(subscription().id, resourceGroup().id, namePrefix)
// Names are computed here, from parameters only, so every module gets values known before deployment (what-if can
// predict the role assignment names and resource ids).
var identityName = '${namePrefix}-id-${token}'
var storageAccountName = '${toLower(replace(namePrefix, '-', ''))}st${token}'

module identity 'modules/identity.bicep' = {
  name: 'klaxon-identity'
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'klaxon-monitoring'
  params: {
    workspaceName: '${namePrefix}-log-${token}'
    applicationInsightsName: '${namePrefix}-appi-${token}'
    location: location
    tags: tags
    retentionInDays: logRetentionDays
    identityName: identityName
  }
  dependsOn: [
    identity
  ]
}

module storage 'modules/storage.bicep' = {
  name: 'klaxon-storage'
  params: {
    name: storageAccountName
    location: location
    tags: tags
    identityName: identityName
  }
  dependsOn: [
    identity
  ]
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'klaxon-keyvault'
  params: {
    name: '${namePrefix}-kv-${take(token, 11)}'
    location: location
    tags: tags
    identityName: identityName
    createMode: keyVaultCreateMode
    twilioAccountSid: twilioAccountSid
    twilioAuthToken: twilioAuthToken
    sendGridApiKey: sendGridApiKey
    webPushVapidPrivateKey: webPushVapidPrivateKey
    emailLinksSigningKey: emailLinksSigningKey
    operatorKey: operatorKey
  }
  dependsOn: [
    identity
  ]
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'klaxon-functionapp'
  params: {
    planName: '${namePrefix}-plan-${token}'
    appName: '${namePrefix}-func-${token}'
    location: location
    tags: tags
    identityName: identityName
    storageAccountName: storageAccountName
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultSecretUris: keyVault.outputs.secretUris
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyInstances: alwaysReadyInstances
    escalationSchedule: escalationSchedule
    configCacheSeconds: configCacheSeconds
    publicBaseUrl: publicBaseUrl
    twilioFromNumber: twilioFromNumber
    sendGridFromAddress: sendGridFromAddress
    sendGridWebhookPublicKey: sendGridWebhookPublicKey
    webPushVapidPublicKey: webPushVapidPublicKey
    webPushSubject: webPushSubject
    authClientId: authClientId
    authTenantId: empty(authTenantId) ? tenant().tenantId : authTenantId
  }
  dependsOn: [
    identity
  ]
}

@description('Name of the function app (for az functionapp commands).')
module alerts 'modules/alerts.bicep' = {
  name: 'klaxon-alerts'
  params: {
    location: location
    tags: tags
    namePrefix: namePrefix
    token: token
    applicationInsightsName: '${namePrefix}-appi-${token}'
    workspaceName: '${namePrefix}-log-${token}'
    storageAccountName: storageAccountName
    appUrl: functionApp.outputs.url
    alertEmail: alertEmail
  }
  // Runs after the workspace and the storage account exist: functionApp, whose url it reads, waits for both.
}

output FUNCTION_APP_NAME string = functionApp.outputs.name

@description('https URL of the function app, e.g. for GET /api/health and the management API under /api/accounts.')
output FUNCTION_APP_URL string = functionApp.outputs.url

@description('Base of every integration\'s webhook URL: POST <base>/<accountId>/<integrationId>/<token>.')
output WEBHOOK_BASE_URL string = '${functionApp.outputs.publicBaseUrl}/integration'

@description('The responder app (sign in with Entra ID when authClientId is set).')
output APP_URL string = '${functionApp.outputs.url}/app/'

@description('Redirect URI to register on the Entra ID app registration (Authentication > Web).')
output AUTH_REDIRECT_URI string = '${functionApp.outputs.url}/.auth/login/aad/callback'

@description('Storage account holding the tables, queues and deployment packages.')
output STORAGE_ACCOUNT_NAME string = storageAccountName

@description('Key Vault holding the notification secrets.')
output KEY_VAULT_NAME string = keyVault.outputs.name
