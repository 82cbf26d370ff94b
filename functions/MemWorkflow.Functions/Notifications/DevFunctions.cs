using System.Xml;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Shell.Http;
using MemWorkflow.Functions.Shell;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Notifications;

public sealed record ClockAdvance(string? Advance);

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

    /// <summary>Moves the manual clock; answers once every workflow has re-planned at the new time (or
    /// after the wait's bound, with <c>settled: false</c>), so what is due by then is sent.</summary>
    private static async Task<Results<Ok<ClockMoved>, ValidationProblem, ProblemHttpResult>> AdvanceClockAsync(
        ClockAdvance request, Doorbell doorbell, TimeProvider time, WorkflowClock workflows, CancellationToken cancellationToken)
    {
        if (time is not ManualClock clock)
            return Problems.NotFound("The clock is the system's; only a manual clock (Mem:Clock=manual) can be moved.");
        TimeSpan by;
        try
        {
            by = XmlConvert.ToTimeSpan(request.Advance ?? "");
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return Problems.Invalid("advance", "An ISO 8601 duration is required, e.g. P7D or PT12H.");
        }
        if (by < TimeSpan.Zero || by > TimeSpan.FromDays(3660))
            return Problems.Invalid("advance", "The clock only moves forward, by at most ten years at a time.");
        return TypedResults.Ok(await workflows.AdvanceAsync(doorbell.Client, clock, by, cancellationToken));
    }
}
