using MemWorkflow.Functions.Shell;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemWorkflow.Functions.Reminders;

public static class TickEndpoints
{
    /// <summary>The timer trigger as the custom handler receives it: <c>POST /Tick</c> with
    /// <c>{ Data: { timer: ... }, Metadata: ... }</c>. Not under /api: the host calls it, not clients.</summary>
    public static IEndpointRouteBuilder MapTick(this IEndpointRouteBuilder app)
    {
        app.MapPost("/Tick", TickAsync).WithTags(Triggers.Tag).WithName("Tick").ExcludeFromDescription();
        return app;
    }

    private static async Task<Ok<InvocationResponse>> TickAsync(InvocationRequest invocation, TickRunner runner, CancellationToken cancellationToken)
    {
        var report = await runner.RunAsync(cancellationToken);
        var timer = invocation.Data is { } data && data.TryGetValue("timer", out var value) ? Triggers.Unwrap(value) : default;
        var pastDue = timer.ValueKind == System.Text.Json.JsonValueKind.Object
            && timer.TryGetProperty("IsPastDue", out var isPastDue) && isPastDue.ValueKind == System.Text.Json.JsonValueKind.True;
        var logs = new List<string>
        {
            $"Tick at {report.Now:O}{(pastDue ? " (past due)" : "")}: {report.Rounds} rounds, {report.QuestionnairesIssued} questionnaires issued, " +
            $"{report.EvaluationsWithdrawn} withdrawn, {report.RemindersRecorded} reminders recorded, {report.EmailsSent} emails sent",
        };
        return TypedResults.Ok(new InvocationResponse([], logs, report));
    }
}
