using System.Net;
using System.Text.Json.Nodes;
using MemWorkflow.Functions.Tests.Infrastructure;

namespace MemWorkflow.Functions.Tests.Reminders;

/// <summary>Deadlines over weeks, driven through the manual clock endpoint: each advance wakes the workflows whose timers it passes.</summary>
public sealed class ReminderTests
{
    private static async Task<List<(string Kind, string To, double Day)>> AdvanceDailyAsync(MemApp app, string roundId, int days)
    {
        for (var i = 0; i < days; i++)
            await app.AdvanceClockAsync("P1D");
        return Mail(await app.MailAsync(roundId));
    }

    private static List<(string Kind, string To, double Day)> Mail(JsonArray mail) => mail
        .Select(m => (m!["category"].Str(), m["to"].Str(), (m["sentAt"]!.GetValue<DateTimeOffset>() - MemApp.Epoch).TotalDays))
        .ToList();

    [Fact]
    public async Task Reminders_OverNinetyDays_AreSentOnceEach_OnTheExactDays()
    {
        await using var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "MEX");
        var roundId = await app.StartRoundAsync(new
        {
            thematicEvaluation = "R8-2023",
            memberStates = new[] { "MEX" },
            schedule = new { submissionDue = MemApp.Epoch.AddDays(60) },
        });

        var mail = await AdvanceDailyAsync(app, roundId, 90);

        const string memUnit = "mem-unit@localhost.test";
        Assert.Equal(
        [
            ("questionnaireIssued", nce.Email, 0),
            ("reminder", nce.Email, 46),
            ("reminder", nce.Email, 53),
            ("reminder", nce.Email, 59),
            ("overdue", nce.Email, 61),
            ("escalation", memUnit, 67),
        ], mail);
        var reminders = (await app.MailAsync(roundId)).Where(m => m!["category"].Str() == "reminder").Select(m => m!["subject"].Str()).ToList();
        Assert.Equal(["MEM 2023: Mexico questionnaire submission due in 14 days", "MEM 2023: Mexico questionnaire submission due in 7 days",
            "MEM 2023: Mexico questionnaire submission due in 1 day"], reminders);

        var evaluation = await (await app.Admin().GetAsync($"/api/rounds/{roundId}/countries/MEX")).JsonAsync(HttpStatusCode.OK);
        Assert.True(evaluation["overdue"]!.GetValue<bool>());
        Assert.Equal(["questionnaireIssued", "reminderRecorded", "reminderRecorded", "reminderRecorded", "reminderRecorded", "reminderRecorded"],
            evaluation["history"]!.AsArray().Select(h => h!["type"].Str()));
    }

    [Fact]
    public async Task AnExtension_RePlansTheReminders_FromTheNewDueDate()
    {
        await using var app = await MemApp.StartAsync();
        var nce = await app.RegisterAsync("nce", "JAM");
        var roundId = await app.StartRoundAsync(new
        {
            thematicEvaluation = "R8-2021",
            memberStates = new[] { "JAM" },
            schedule = new { submissionDue = MemApp.Epoch.AddDays(60) },
        });
        await AdvanceDailyAsync(app, roundId, 50);

        var extended = await (await app.Admin().PostJsonAsync($"/api/rounds/{roundId}/countries/JAM/extension",
            new { due = MemApp.Epoch.AddDays(80), reason = "Hurricane Beryl closed the ministry for two weeks" })).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(MemApp.Epoch.AddDays(80), extended["due"]!.GetValue<DateTimeOffset>());
        Assert.Equal("Due date of stage Issued moved from 2027-03-05 09:00:00Z to 2027-03-25 09:00:00Z: Hurricane Beryl closed the ministry for two weeks",
            extended["history"]!.AsArray()[^1]!["summary"].Str());

        var mail = await AdvanceDailyAsync(app, roundId, 50);
        Assert.Equal(
        [
            ("questionnaireIssued", nce.Email, 0),
            ("reminder", nce.Email, 46),
            ("deadlineExtended", nce.Email, 50),
            ("reminder", nce.Email, 66),
            ("reminder", nce.Email, 73),
            ("reminder", nce.Email, 79),
            ("overdue", nce.Email, 81),
            ("escalation", "mem-unit@localhost.test", 87),
        ], mail);
    }

    [Fact]
    public async Task TheClock_OnlyMovesForward_AndSaysWhyNot()
    {
        await using var app = await MemApp.StartAsync();
        await (await app.Admin().PostJsonAsync("/api/dev/clock", new { advance = "-P1D" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await app.Admin().PostJsonAsync("/api/dev/clock", new { advance = "a week" })).ProblemAsync(HttpStatusCode.BadRequest);
        var advanced = await app.AdvanceClockAsync("PT36H");
        Assert.Equal(MemApp.Epoch.AddHours(36), advanced["now"]!.GetValue<DateTimeOffset>());
    }
}
