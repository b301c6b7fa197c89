// Log Analytics and a workspace-based Application Insights. Local (instrumentation-key) ingestion is disabled:
// the function app sends telemetry with its identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING=Authorization=AAD)
// and holds Monitoring Metrics Publisher on this component (roles.bicep).

@description('Log Analytics workspace name.')
param logAnalyticsName string

@description('Application Insights component name.')
param applicationInsightsName string

@description('Region of both resources.')
param location string

@description('Tags applied to both resources.')
param tags object

@description('Days Log Analytics keeps data (30 is included in the price).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    // Entra ID only: a leaked connection string cannot be used to write telemetry.
    DisableLocalAuth: true
  }
}

@description('Application Insights component name; the function app reads its connection string from the resource.')
output applicationInsightsName string = applicationInsights.name

@description('Log Analytics workspace resource id.')
output logAnalyticsId string = logAnalytics.id
