using MemWorkflow.Functions.Assignments;
using MemWorkflow.Functions.Catalogue;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Documents;
using MemWorkflow.Functions.Participants;
using MemWorkflow.Functions.Publication;
using MemWorkflow.Functions.Reviews;
using MemWorkflow.Functions.Questionnaires;
using MemWorkflow.Functions.Reminders;
using MemWorkflow.Functions.Rounds;
using MemWorkflow.Functions.Shell;

var builder = WebApplication.CreateBuilder(args);

// Under the Functions host the custom handler listens where the host says.
if (builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] is { Length: > 0 } port)
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);
builder.Services.AddMemWorkflow(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapCatalogue();
app.MapParticipants();
app.MapRounds();
app.MapQuestionnaires();
app.MapDocuments();
app.MapAssignments();
app.MapReviews();
app.MapReports();
app.MapOutbox();
app.MapTick();
app.MapDevEndpoints(
    localMail: app.Configuration.GetValue("Mem:Email:Mode", "local") == "local",
    manualClock: app.Configuration.GetValue("Mem:Clock", "system") == "manual");

app.Run();

public partial class Program;
