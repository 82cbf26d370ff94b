using MemWorkflow.Functions;
using Microsoft.Azure.Functions.Worker.Builder;

// The isolated worker under the Functions host. Locally and in tests, MemWorkflow.LocalHost runs the
// same functions without the host.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddMemWorkflow(builder.Configuration);
builder.Services.AddMemTelemetry(builder.Configuration);
builder.Build().Run();
