// Parameters for `azd up` / `azd provision` and for .github/workflows/deploy.yml
// (`az deployment group create --parameters infra/main.bicepparam`).
// Sizing and schedules are committed here (change them in a pull request). Everything deployment-specific or secret
// comes from environment variables, so none of it is committed: azd passes its environment (`azd env set NAME value`),
// the workflow passes repository variables and secrets. Unset variables fall back to the defaults shown.
// The location is the resource group's (azd creates the group in AZURE_LOCATION).
using 'main.bicep'

param namePrefix = readEnvironmentVariable('KLAXON_NAME_PREFIX', 'klaxon')
param tags = {
  'azd-env-name': readEnvironmentVariable('AZURE_ENV_NAME', 'klaxon')
}

param instanceMemoryMB = 2048
param maximumInstanceCount = 100
param escalationSchedule = '*/15 * * * * *'
param configCacheSeconds = 10
param publicBaseUrl = readEnvironmentVariable('KLAXON_PUBLIC_BASE_URL', '')

// Notification channels: plain settings.
param twilioFromNumber = readEnvironmentVariable('TWILIO_FROM_NUMBER', '')
param sendGridFromAddress = readEnvironmentVariable('SENDGRID_FROM_ADDRESS', '')
param sendGridWebhookPublicKey = readEnvironmentVariable('SENDGRID_WEBHOOK_PUBLIC_KEY', '')
param webPushVapidPublicKey = readEnvironmentVariable('WEBPUSH_VAPID_PUBLIC_KEY', '')
param webPushSubject = readEnvironmentVariable('WEBPUSH_SUBJECT', '')

// Notification channels: secrets, written to Key Vault only when non-empty (empty = leave Key Vault as it is).
param twilioAccountSid = readEnvironmentVariable('TWILIO_ACCOUNT_SID', '')
param twilioAuthToken = readEnvironmentVariable('TWILIO_AUTH_TOKEN', '')
param sendGridApiKey = readEnvironmentVariable('SENDGRID_API_KEY', '')
param webPushVapidPrivateKey = readEnvironmentVariable('WEBPUSH_VAPID_PRIVATE_KEY', '')
param emailLinksSigningKey = readEnvironmentVariable('EMAIL_LINKS_SIGNING_KEY', '')
param operatorKey = readEnvironmentVariable('KLAXON_OPERATOR_KEY', '')

// Responder app sign-in (App Service Authentication with Microsoft Entra ID); empty client id = sign-in off.
param authClientId = readEnvironmentVariable('KLAXON_AUTH_CLIENT_ID', '')
param authTenantId = readEnvironmentVariable('KLAXON_AUTH_TENANT_ID', '')

// Where Azure Monitor alerts go (health availability, failed requests, poison queues); empty = the rules notify nobody.
param alertEmail = readEnvironmentVariable('KLAXON_ALERT_EMAIL', '')
