using System.Xml;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Reminders;
using MemWorkflow.Functions.Shell;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemWorkflow.Functions.Notifications;

public sealed record ClockAdvance(string? Advance);

public sealed record ClockAdvanced(DateTimeOffset Now, TickReport Tick);

/// <summary>Development aids: the local mailbox, and the manual clock. Mapped only when the
/// configuration turns them on, so they do not exist in production.</summary>
public static class DevEndpoints
{
    public static IEndpointRouteBuilder MapDevEndpoints(this IEndpointRouteBuilder app, bool localMail, bool manualClock)
    {
        var group = app.MapGroup("/api/dev").WithTags("Development").RequireAuthorization(Policies.MemUnit);
        if (localMail)
            group.MapGet("/mail", ReadMailAsync).WithName("ReadLocalMailbox");
        if (manualClock)
            group.MapPost("/clock", AdvanceClockAsync).WithName("AdvanceClock");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<MailboxEntry>>> ReadMailAsync(
        string? roundId, string? to, LocalMailboxSender mailbox, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mailbox.ReadAsync(roundId, to, cancellationToken));

    private static async Task<Results<Ok<ClockAdvanced>, ValidationProblem>> AdvanceClockAsync(
        ClockAdvance request, ManualClock clock, TickRunner tick, CancellationToken cancellationToken)
    {
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
        clock.Advance(by);
        var report = await tick.RunAsync(cancellationToken);
        return TypedResults.Ok(new ClockAdvanced(clock.GetUtcNow(), report));
    }
}
