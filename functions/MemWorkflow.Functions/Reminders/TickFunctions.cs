using Microsoft.Azure.Functions.Worker;

namespace MemWorkflow.Functions.Reminders;

/// <summary>Under the Functions host, the timer runs the Tick every five minutes; the local host runs it
/// in-process (<see cref="LocalScheduler"/>). Durable orchestrations are to replace both.</summary>
public sealed class TickFunctions(TickRunner runner, ILogger<TickFunctions> logger)
{
    [Function("Tick")]
    public async Task Tick([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await runner.RunAsync(cancellationToken);
        logger.LogInformation("Tick at {Now} (past due: {PastDue}): {Rounds} rounds, {Issued} questionnaires issued, {Reminders} reminders, {Sent} emails sent",
            report.Now, timer.IsPastDue, report.Rounds, report.QuestionnairesIssued, report.RemindersRecorded, report.EmailsSent);
    }
}
