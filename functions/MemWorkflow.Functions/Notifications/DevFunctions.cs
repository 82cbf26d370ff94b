using System.Xml;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Shell;
using Microsoft.AspNetCore.Http.HttpResults;
using MemWorkflow.Functions.Shell.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Notifications;

public sealed record ClockAdvance(string? Advance);

public sealed record ClockMoved(DateTimeOffset Now, int Woken, bool Settled);

/// <summary>Development aids: the local mailbox, and the manual clock. Each answers 404 unless the
/// configuration turns it on, so in production they do not exist for a client.</summary>
public sealed class DevFunctions(HttpFunctions http)
{
    [Function(nameof(ReadLocalMailbox)), HttpHandler(nameof(ReadMailAsync), Access.MemUnit)]
    public Task<IResult> ReadLocalMailbox([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dev/mail")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(AdvanceClock)), HttpHandler(nameof(AdvanceClockAsync), Access.MemUnit)]
    public Task<IResult> AdvanceClock([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dev/clock")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    private static async Task<Results<Ok<IReadOnlyList<MailboxEntry>>, ProblemHttpResult>> ReadMailAsync(
        string? roundId, string? to, LocalMailboxSender mailbox, IOptions<EmailOptions> email, CancellationToken cancellationToken)
    {
        if (email.Value.SendGrid)
            return Problems.NotFound("There is no local mailbox: email goes out through SendGrid (Mem:Email:Mode).");
        return TypedResults.Ok(await mailbox.ReadAsync(roundId, to, cancellationToken));
    }

    /// <summary>Moves the manual clock, wakes every running workflow, and answers once each has planned
    /// at the new time (or after 30 seconds, with <c>settled: false</c>), so what is due by then is sent.</summary>
    private static async Task<Results<Ok<ClockMoved>, ValidationProblem, ProblemHttpResult>> AdvanceClockAsync(
        ClockAdvance request, Doorbell doorbell, TimeProvider time, RoundQueries queries, WorkflowProbe probe, CancellationToken cancellationToken)
    {
        if (time is not ManualClock clock)
            return Problems.NotFound("The clock is the system's; only a manual clock (Mem:Clock=manual) can be moved.");
        TimeSpan by;
        try
        {
            by = XmlConvert.ToTimeSpan(request.Advance ?? "");
        }
        catch (FormatException)
        {
            return Problems.Invalid("advance", "An ISO 8601 duration is required, e.g. P7D or PT12H.");
        }
        if (by < TimeSpan.Zero || by > TimeSpan.FromDays(3660))
            return Problems.Invalid("advance", "The clock only moves forward, by at most ten years at a time.");
        var running = new List<string>();
        var query = new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending], PageSize = 1000 };
        await foreach (var instance in doorbell.Client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.Name == EvaluationOrchestrator.Name)
                running.Add(instance.InstanceId);
        }
        // What is due before the move happens before it: workflows wake at the current time first, so a
        // command just answered has its effects (and emails) dated before the move.
        await WakeAsync(doorbell.Client, running, cancellationToken);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        foreach (var roundId in running.Select(id => id[..id.LastIndexOf('.')]).Distinct())
        {
            if (await queries.GetAsync(roundId, cancellationToken) is not { } round)
                continue;
            while (!(await probe.DescribeAsync(doorbell.Client, round, cancellationToken)).CaughtUp && DateTimeOffset.UtcNow < deadline)
                await Task.Delay(100, cancellationToken);
        }

        clock.Advance(by);
        var now = clock.GetUtcNow();
        await WakeAsync(doorbell.Client, running, cancellationToken);
        deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        var waiting = running.ToList();
        while (waiting.Count > 0 && DateTimeOffset.UtcNow < deadline)
        {
            var planned = await Task.WhenAll(waiting.Select(async id =>
            {
                var instance = await doorbell.Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken);
                return instance is null || !instance.IsRunning || instance.ReadCustomStatusAs<WorkflowStatus>()?.PlannedAt >= now;
            }));
            waiting = waiting.Where((_, i) => !planned[i]).ToList();
            if (waiting.Count > 0)
                await Task.Delay(100, cancellationToken);
        }
        return TypedResults.Ok(new ClockMoved(now, running.Count, waiting.Count == 0));
    }

    private static Task WakeAsync(Microsoft.DurableTask.Client.DurableTaskClient client, IEnumerable<string> instances, CancellationToken cancellationToken) =>
        Task.WhenAll(instances.Select(id => client.RaiseEventAsync(id, Workflow.ClockAdvanced, cancellation: cancellationToken)));
}
