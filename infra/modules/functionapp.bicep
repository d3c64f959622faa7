// The Flex Consumption plan and the function app. On Flex the worker runtime, deployment storage and scale settings
// live in functionAppConfig, not in app settings (FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION,
// WEBSITE_RUN_FROM_PACKAGE, WEBSITE_CONTENT* and the like must not be set). The app settings are every setting the
// code reads; see the comments on each.
param planName string
param appName string
param location string
param tags object

@description('Name of the user-assigned identity the app runs as (modules/identity.bicep).')
param identityName string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

param storageAccountName string
param deploymentContainerName string
param applicationInsightsConnectionString string

@description('Versionless Key Vault secret URIs, from keyvault.bicep.')
param keyVaultSecretUris object

param instanceMemoryMB int
param maximumInstanceCount int

@description('Instances kept warm for each function on the paging path (0: none).')
param alwaysReadyInstances int
param escalationSchedule string
param configCacheSeconds int
param publicBaseUrl string
param twilioFromNumber string
param sendGridFromAddress string
param sendGridWebhookPublicKey string
param webPushVapidPublicKey string
param webPushSubject string

@description('Entra ID app registration client id for App Service Authentication; empty = no platform sign-in.')
param authClientId string

@description('Entra ID tenant id of that app registration.')
param authTenantId string

var platformAuthentication = !empty(authClientId)

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: appName
  location: location
  // azd finds the resource to deploy service "functions" (azure.yaml) by this tag.
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    // Key Vault references are resolved with the user-assigned identity (the default would be a system-assigned one).
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        // The paging path, webhook to phone, crosses the HTTP functions and three queues; each hop could otherwise wait
        // for a cold start. Flex Consumption scales HTTP functions as one group and every other function on its own.
        alwaysReady: alwaysReadyInstances == 0 ? [] : [
          { name: 'http', instanceCount: alwaysReadyInstances }
          { name: 'function:ApplyEvent', instanceCount: alwaysReadyInstances }
          { name: 'function:DispatchNotification', instanceCount: alwaysReadyInstances }
          { name: 'function:RunEscalation', instanceCount: alwaysReadyInstances }
        ]
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

var baseUrl = empty(publicBaseUrl) ? 'https://${site.properties.defaultHostName}' : publicBaseUrl

// Deployments use Entra ID (azd, az functionapp deployment source config-zip); publishing with a user name and
// password over SCM or FTP is switched off.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Functions host and Klaxon's own Table/Queue clients (Functions/Storage/StorageClientFactory.cs): identity-based
    // connection, no AzureWebJobsStorage connection string.
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.properties.clientId
    AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
    AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
    AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table

    // Application Insights, Entra ID authentication only (the component has local auth disabled).
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'

    // Timer trigger schedule (%EscalationSchedule%); the host does not start without it.
    EscalationSchedule: escalationSchedule

    // Functions/Hosting/KlaxonOptions.cs
    Klaxon__ConfigCacheSeconds: string(configCacheSeconds)
    Klaxon__PublicBaseUrl: baseUrl
    // An opened incident's escalation start and first pages run in the invocation that applied it (one queue hop).
    Klaxon__DispatchInline: 'true'

    // Functions/App/AppOptions.cs: trust the platform's principal header only when Easy Auth is configured above.
    // The operator credential (docs/security.md). Unresolved, the reference's text is never accepted as a key.
    Klaxon__Access__OperatorKey: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUris.operatorKey})'
    Klaxon__App__PlatformAuthentication: platformAuthentication ? 'true' : 'false'
    Klaxon__App__SignInUrl: '/.auth/login/aad'
    Klaxon__App__SignOutUrl: '/.auth/logout'

    // Notification channels. Secrets are Key Vault references, always present; a reference to a secret that was never
    // set does not resolve, and that channel counts as not configured (its notifications stay in the outbox).
    Notifications__Twilio__AccountSid: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUris.twilioAccountSid})'
    Notifications__Twilio__AuthToken: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUris.twilioAuthToken})'
    Notifications__Twilio__FromNumber: twilioFromNumber
    Notifications__SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUris.sendGridApiKey})'
    Notifications__SendGrid__FromAddress: sendGridFromAddress
    Notifications__SendGrid__WebhookPublicKey: sendGridWebhookPublicKey
    Notifications__WebPush__VapidPublicKey: webPushVapidPublicKey
    Notifications__WebPush__VapidPrivateKey: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUris.webPushVapidPrivateKey})'
    Notifications__WebPush__Subject: webPushSubject
    Notifications__EmailLinks__SigningKey: '@Microsoft.KeyVault(SecretUri=${keyVaultSecretUris.emailLinksSigningKey})'

    // Functions/Notifications/NotificationsOptions.cs defaults, stated so they can be tuned without a release.
    Notifications__Twilio__ApiBaseUrl: 'https://api.twilio.com'
    Notifications__SendGrid__ApiBaseUrl: 'https://api.sendgrid.com'
    Notifications__EmailLinks__Lifetime: '1.00:00:00'
    Notifications__WebPush__AllowedHosts: 'fcm.googleapis.com,*.push.services.mozilla.com,*.notify.windows.com,*.push.apple.com'
    Notifications__WebPush__AllowLoopback: 'false'
    Notifications__Delivery__RetryBaseDelay: '00:00:01'
    Notifications__Delivery__RetryAttempts: '3'
    Notifications__Delivery__AttemptTimeout: '00:00:10'
    Notifications__Delivery__RequeueBaseDelay: '00:00:30'
    Notifications__Delivery__MaxRequeues: '4'
    Notifications__Delivery__ThrottleWindow: '00:15:00'
    Notifications__Delivery__SmsPerWindow: '5'
    Notifications__Delivery__CallsPerWindow: '3'

    // Functions/Outgoing/OutgoingOptions.cs defaults (outgoing webhooks and chat posts). AllowLoopback stays false in
    // Azure: receivers must be https on public addresses.
    Outgoing__AllowLoopback: 'false'
    Outgoing__AttemptTimeout: '00:00:10'
    Outgoing__MaxAttempts: '8'
    Outgoing__RetryBaseDelay: '00:00:30'
    Outgoing__MaxRetryDelay: '00:15:00'
    Outgoing__AnnounceDelay: '00:00:01'
    Outgoing__DeliveryLogSize: '200'
  }
}

// App Service Authentication for the responder app (/app). Anonymous requests are allowed through: webhooks, Twilio
// and SendGrid callbacks and action links must stay reachable without a sign-in, and the app's own API answers 401
// with the sign-in URL. When on, the platform removes any X-MS-CLIENT-PRINCIPAL a client sends and sets its own,
// which is why the app trusts that header only with Klaxon__App__PlatformAuthentication (below).
// No client secret: Entra ID returns an ID token straight to /.auth/login/aad/callback (form_post), which needs
// "ID tokens" enabled on the app registration; nothing secret is stored.
resource authSettings 'Microsoft.Web/sites/config@2024-11-01' = if (platformAuthentication) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    httpSettings: {
      requireHttps: true
    }
    login: {
      // The session cookie is enough; Klaxon never calls other APIs with the user's tokens.
      tokenStore: {
        enabled: false
      }
      preserveUrlFragmentsForLogins: true
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${authTenantId}/v2.0'
        }
        validation: {
          allowedAudiences: [
            authClientId
            'api://${authClientId}'
          ]
        }
      }
    }
  }
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostName}'
output publicBaseUrl string = baseUrl
