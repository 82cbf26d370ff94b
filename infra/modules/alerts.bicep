// Tells the MEM Unit when an incident opens (a workflow step that keeps failing, an email provider that
// refuses): an action group with the MEM Unit's address, and a log search alert on the app's
// `mem.incidents.open` metric (OpenTelemetry, exported to Application Insights as a custom metric with a
// `kind` dimension). Why the metric and not the "incident opened" log line: every kind of incident
// reports into this one named gauge, whereas each kind writes its own line; and the rule is stateful
// (autoMitigate), so the MEM Unit hears once when an incident of a kind opens and once when it resolves,
// not every five minutes while it stays open. The app's own alert email (through the local mailbox when
// the provider is what fails) still goes out; this one does not depend on the app being able to send.

param actionGroupName string
param alertRuleName string
param location string
param tags object
param applicationInsightsName string
@description('Where the MEM Unit is told about incidents.')
param memUnitAlertEmail string

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource memUnit 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'MEM Unit'
    enabled: true
    emailReceivers: [
      {
        name: 'MEM Unit'
        emailAddress: memUnitAlertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource incidentOpen 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: alertRuleName
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'MemWorkflow: an incident is open'
    description: 'The app reports an open incident (mem.incidents.open > 0): see /api/health and the portal\'s incidents for what and since when.'
    severity: 1
    enabled: true
    scopes: [
      insights.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'customMetrics | where name == "mem.incidents.open" | extend Kind = tostring(customDimensions["kind"]), Open = valueMax | project timestamp, Kind, Open'
          timeAggregation: 'Maximum'
          metricMeasureColumn: 'Open'
          dimensions: [
            {
              name: 'Kind'
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
    autoMitigate: true
    actions: {
      actionGroups: [
        memUnit.id
      ]
    }
  }
}

output actionGroupId string = memUnit.id
output alertRuleName string = incidentOpen.name
