using System.Xml;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Rounds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace MemWorkflow.Functions.Development;

public sealed record ClockAdvance(string? Advance);

public sealed record FaultRequest(string? Activity, string? MemberState, string? For);

/// <summary>Development aids: the local mailbox, the manual clock, and faults injected into the workflows'
/// activities. Each answers 404 unless the configuration turns it on, so in production they do not exist
/// for a client.</summary>
public sealed class DevFunctions(HttpFunctions http)
{
    [Function(nameof(ReadLocalMailbox)), HttpHandler(nameof(ReadMailAsync), Access.MemUnit)]
    public Task<IResult> ReadLocalMailbox([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/dev/mail")] HttpRequest request) =>
        http.RunAsync(request);

    [Function(nameof(AdvanceClock)), HttpHandler(nameof(AdvanceClockAsync), Access.MemUnit)]
    public Task<IResult> AdvanceClock([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dev/clock")] HttpRequest request, [DurableClient] DurableTaskClient durable) =>
        http.RunAsync(request, durable);

    [Function(nameof(InjectFault)), HttpHandler(nameof(InjectFaultAsync), Access.MemUnit)]
    public Task<IResult> InjectFault([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/dev/faults")] HttpRequest request) =>
        http.RunAsync(request);

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
        if (Duration(request.Advance) is not { } by)
            return Problems.Invalid("advance", "An ISO 8601 duration is required, e.g. P7D or PT12H.");
        if (by < TimeSpan.Zero || by > TimeSpan.FromDays(3660))
            return Problems.Invalid("advance", "The clock only moves forward, by at most ten years at a time.");
        return TypedResults.Ok(await workflows.AdvanceAsync(doorbell.Client, clock, by, cancellationToken));
    }

    /// <summary>Makes an activity throw from now (app time) for the given duration, for one member state's
    /// evaluation or every workflow; a duration of zero disarms it. Only with the manual clock: the fault's
    /// time is app time, and the clock is what ends it.</summary>
    private static async Task<Results<Ok<InjectedFault>, ValidationProblem, ProblemHttpResult>> InjectFaultAsync(
        FaultRequest request, InjectedFaults faults, CancellationToken cancellationToken)
    {
        if (!faults.Available)
            return Problems.NotFound("Faults are injected in app time: only with a manual clock (Mem:Clock=manual).");
        if (request.Activity is not { } activity || !WorkflowActivities.Faultable.Contains(activity))
            return Problems.Invalid("activity", $"One of {string.Join(", ", WorkflowActivities.Faultable)} is required.");
        if (request.MemberState is { } ms && (ms.Length != 3 || !ms.All(char.IsAsciiLetterUpper)))
            return Problems.Invalid("memberState", "A member state is three capital letters (ISO 3166-1 alpha-3), or absent for every workflow.");
        if (Duration(request.For) is not { } duration)
            return Problems.Invalid("for", "An ISO 8601 duration is required, e.g. PT10M (PT0S disarms the fault).");
        if (duration < TimeSpan.Zero || duration > TimeSpan.FromDays(30))
            return Problems.Invalid("for", "A fault lasts from zero (disarmed) to thirty days of app time.");
        return TypedResults.Ok(await faults.ArmAsync(activity, request.MemberState, duration, cancellationToken));
    }

    private static TimeSpan? Duration(string? iso8601)
    {
        try
        {
            return XmlConvert.ToTimeSpan(iso8601 ?? "");
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return null;
        }
    }
}
