// Alerts that reach people by a path that does not depend on Klaxon: Azure Monitor e-mails an action group when
// /api/health stops answering 200 from outside, when the app's requests fail, or when a message is moved to a poison
// queue. A pager that is down cannot page about itself.
param location string
param tags object
param namePrefix string
param token string

@description('The Application Insights component the app reports to (modules/monitoring.bicep).')
param applicationInsightsName string

@description('https://host of the function app, probed at /api/health.')
param appUrl string

@description('Where alerts go; empty: the rules exist but notify nobody.')
param alertEmail string

@description('The Log Analytics workspace storage logs go to (modules/monitoring.bicep).')
param workspaceName string

@description('The storage account whose queues the host moves failing messages out of (modules/storage.bicep).')
param storageAccountName string

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' existing = {
  parent: storageAccount
  name: 'default'
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: '${namePrefix}-ag-${token}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take('${namePrefix}ops', 12)
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var actions = empty(alertEmail) ? [] : [
  {
    actionGroupId: actionGroup.id
  }
]

// A standard availability test: /api/health from three regions every 5 minutes, 200 expected.
resource healthTest 'Microsoft.Insights/webtests@2022-06-15' = {
  name: '${namePrefix}-health-${token}'
  location: location
  // Availability tests must name their component in a hidden-link tag.
  tags: union(tags, { 'hidden-link:${applicationInsights.id}': 'Resource' })
  kind: 'standard'
  properties: {
    SyntheticMonitorId: '${namePrefix}-health-${token}'
    Name: 'Klaxon /api/health'
    Enabled: true
    Frequency: 300
    Timeout: 30
    Kind: 'standard'
    RetryEnabled: true
    Locations: [
      { Id: 'us-va-ash-azr' }
      { Id: 'emea-nl-ams-azr' }
      { Id: 'apac-sg-sin-azr' }
    ]
    Request: {
      RequestUrl: '${appUrl}/api/health'
      HttpVerb: 'GET'
      ParseDependentRequests: false
    }
    ValidationRules: {
      ExpectedHttpStatusCode: 200
      SSLCheck: true
      SSLCertRemainingLifetimeCheck: 7
    }
  }
}

resource healthAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-health-down-${token}'
  location: 'global'
  tags: tags
  properties: {
    description: 'Klaxon /api/health failed from two or more locations: storage is not answering or the app is down; nobody is being paged.'
    severity: 0
    enabled: true
    scopes: [
      healthTest.id
      applicationInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'
      webTestId: healthTest.id
      componentId: applicationInsights.id
      failedLocationCount: 2
    }
    actions: actions
  }
}

resource failedRequestsAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-failed-requests-${token}'
  location: 'global'
  tags: tags
  properties: {
    description: 'Klaxon answered requests with server errors in the last 5 minutes: webhooks may not have been accepted.'
    severity: 1
    enabled: true
    scopes: [
      applicationInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'failed-requests'
          metricNamespace: 'microsoft.insights/components'
          metricName: 'requests/failed'
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Count'
        }
      ]
    }
    actions: actions
  }
}

// Poisoned messages. Azure Monitor's queue metrics are per account, not per queue, so a metric alert cannot tell a
// poison queue from the busy ones. Instead the queue service sends its write log (StorageQueueLogs, category
// StorageWrite) to the workspace, and a log alert counts messages put on any *-poison queue: the Functions host puts
// a message there after maxDequeueCount (5) failed attempts. It fires on arrivals, not on a standing depth: a message
// left in a poison queue alerts once, when it arrives. Storage writes its own log, so this works while Klaxon is down.
resource queueWriteLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'klaxon-queue-writes'
  scope: queueService
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'StorageWrite'
        enabled: true
      }
    ]
  }
}

@description('Messages put on a poison queue, per queue. PutMessage is the write that adds a message; Uri names the queue.')
var poisonedMessagesQuery = '''
StorageQueueLogs
| where OperationName == "PutMessage" and StatusText == "Success"
| extend Queue = extract(@"/([a-z0-9-]+-poison)/messages", 1, Uri)
| where isnotempty(Queue)
| summarize Poisoned = count() by Queue
'''

resource poisonAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${namePrefix}-poisoned-${token}'
  location: location
  tags: tags
  properties: {
    displayName: 'Klaxon: messages moved to a poison queue'
    description: 'A Klaxon queue message failed 5 times and was moved to its poison queue: an event was not applied, a page not delivered or an escalation not run. See docs/incidents.md (Poison messages and how to replay them).'
    severity: 1
    enabled: true
    scopes: [
      workspace.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    // The query reads StorageQueueLogs, which exists only once the diagnostic setting has sent its first row.
    skipQueryValidation: true
    // The 15-minute window overlaps three evaluations, so a row that is ingested late is still counted; muting
    // notifications for as long keeps one arrival from e-mailing three times.
    autoMitigate: false
    muteActionsDuration: 'PT15M'
    criteria: {
      allOf: [
        {
          query: poisonedMessagesQuery
          timeAggregation: 'Total'
          metricMeasureColumn: 'Poisoned'
          dimensions: [
            {
              name: 'Queue'
              operator: 'Include'
              values: [
                '*'
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    actions: {
      actionGroups: empty(alertEmail) ? [] : [
        actionGroup.id
      ]
    }
  }
  dependsOn: [
    queueWriteLogs
  ]
}
