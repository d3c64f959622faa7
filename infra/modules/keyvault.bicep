// Key Vault (RBAC mode) for the notification secrets. A secret is written only when its parameter is non-empty, so a
// deployment with empty parameters neither creates nor overwrites it (secrets may also be set with
// `az keyvault secret set`). The app reads them through Key Vault references with its managed identity.
param name string
param location string
param tags object

@description('Name of the user-assigned identity the app runs as (modules/identity.bicep).')
param identityName string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: identityName
}

@description('default, or recover: bring back a soft-deleted vault of this name instead of failing on it.')
@allowed([
  'default'
  'recover'
])
param createMode string = 'default'

@secure()
param twilioAccountSid string

@secure()
param twilioAuthToken string

@secure()
param sendGridApiKey string

@secure()
param webPushVapidPrivateKey string

@secure()
param emailLinksSigningKey string

@secure()
param operatorKey string

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    createMode: createMode
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    // A deleted vault (and its secrets) cannot be purged before the retention ends: nobody can destroy the paging
    // credentials for good by mistake or on purpose. Its name stays taken until then; see docs/deploy.md.
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource twilioAccountSidSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(twilioAccountSid)) {
  parent: vault
  name: 'twilio-account-sid'
  properties: {
    value: twilioAccountSid
  }
}

resource twilioAuthTokenSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(twilioAuthToken)) {
  parent: vault
  name: 'twilio-auth-token'
  properties: {
    value: twilioAuthToken
  }
}

resource sendGridApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(sendGridApiKey)) {
  parent: vault
  name: 'sendgrid-api-key'
  properties: {
    value: sendGridApiKey
  }
}

resource webPushVapidPrivateKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(webPushVapidPrivateKey)) {
  parent: vault
  name: 'webpush-vapid-private-key'
  properties: {
    value: webPushVapidPrivateKey
  }
}

resource emailLinksSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(emailLinksSigningKey)) {
  parent: vault
  name: 'email-links-signing-key'
  properties: {
    value: emailLinksSigningKey
  }
}

resource operatorKeySecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(operatorKey)) {
  parent: vault
  name: 'operator-key'
  properties: {
    value: operatorKey
  }
}

// Key Vault Secrets User: read secret values, which is all a Key Vault reference needs.
resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name

@description('Versionless secret URIs (the reference follows the latest version), whether or not the secret exists yet.')
output secretUris object = {
  twilioAccountSid: '${vault.properties.vaultUri}secrets/${twilioAccountSidSecret.name}'
  twilioAuthToken: '${vault.properties.vaultUri}secrets/${twilioAuthTokenSecret.name}'
  sendGridApiKey: '${vault.properties.vaultUri}secrets/${sendGridApiKeySecret.name}'
  webPushVapidPrivateKey: '${vault.properties.vaultUri}secrets/${webPushVapidPrivateKeySecret.name}'
  emailLinksSigningKey: '${vault.properties.vaultUri}secrets/${emailLinksSigningKeySecret.name}'
  operatorKey: '${vault.properties.vaultUri}secrets/${operatorKeySecret.name}'
}
