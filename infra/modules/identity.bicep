// The one identity Klaxon runs as. User-assigned, so it exists (and holds its role assignments) before the function
// app does: the first start of the app can already reach storage, Key Vault and Application Insights.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output principalId string = identity.properties.principalId
