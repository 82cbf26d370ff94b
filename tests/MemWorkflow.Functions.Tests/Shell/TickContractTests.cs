using System.Net;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Shell;

/// <summary>The timer trigger as the Functions host delivers it to a custom handler.</summary>
public sealed class TickContractTests
{
    private const string TimerInvocation = """
        {
          "Data": {
            "timer": {
              "Schedule": { "AdjustForDST": true },
              "ScheduleStatus": { "Last": "2027-01-04T08:55:00+00:00", "Next": "2027-01-04T09:05:00+00:00", "LastUpdated": "2027-01-04T08:55:00+00:00" },
              "IsPastDue": true
            }
          },
          "Metadata": {
            "sys": { "MethodName": "Tick", "UtcNow": "2027-01-04T09:00:00.0123Z", "RandGuid": "0b9c3a1e-5d1f-4c43-9b8e-4c8a3b1c2d3e" }
          }
        }
        """;

    [Fact]
    public async Task Tick_TakesTheHostsTimerPayload_AndAnswersOutputsLogsAndReturnValue()
    {
        await using var app = await MemApp.StartAsync();
        await app.RegisterAsync("nce", "CHL");
        await app.StartRoundAsync(new { thematicEvaluation = "R8-2021", memberStates = new[] { "CHL" }, schedule = new { submissionDue = MemApp.Epoch.AddDays(3) } });

        var response = await app.Client().PostRawAsync("/Tick", TimerInvocation);
        var body = await response.JsonAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], body.AsObject().Select(p => p.Key));
        Assert.Empty(body["Outputs"]!.AsObject());
        var log = Assert.Single(body["Logs"]!.AsArray())!.Str();
        Assert.Contains("(past due)", log);
        Assert.Contains("1 rounds", log);
        Assert.Equal(1, body["ReturnValue"]!["rounds"]!.GetValue<int>());
    }

    [Fact]
    public async Task Tick_WhenTheHostSendsTheTimerAsAJsonString_ReadsItAllTheSame()
    {
        await using var app = await MemApp.StartAsync();
        var invocation = System.Text.Json.Nodes.JsonNode.Parse(TimerInvocation)!;
        var timer = invocation["Data"]!["timer"]!.ToJsonString();
        invocation["Data"]!["timer"] = timer;

        var body = await (await app.Client().PostRawAsync("/Tick", invocation.ToJsonString())).JsonAsync(HttpStatusCode.OK);
        Assert.Contains("(past due)", Assert.Single(body["Logs"]!.AsArray())!.Str());
    }

    [Fact]
    public async Task Tick_WithAMalformedPayload_Is400()
    {
        await using var app = await MemApp.StartAsync();
        await (await app.Client().PostRawAsync("/Tick", "{\"Data\": [")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await app.Client().PostRawAsync("/Tick", "{\"Data\": 5}")).ProblemAsync(HttpStatusCode.BadRequest);
    }
}
