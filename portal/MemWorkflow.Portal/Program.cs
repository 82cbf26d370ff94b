using MemWorkflow.Portal;
using MemWorkflow.Portal.Api;
using MemWorkflow.Portal.Localization;
using MemWorkflow.Portal.Sessions;
using MemWorkflow.Portal.Shared;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// The API is same-origin under api/: one HttpClient for the whole app.
builder.Services.AddSingleton(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<Session>();
builder.Services.AddSingleton<Browser>();
builder.Services.AddSingleton<MemApi>();
builder.Services.AddSingleton<SessionStore>();
builder.Services.AddSingleton<Text>();
builder.Services.AddSingleton<LanguageChoice>();
builder.Services.AddSingleton<CatalogueCache>();

var host = builder.Build();
// The session and the language are known before the first page renders, so no page flashes signed out or in English.
var sessions = host.Services.GetRequiredService<SessionStore>();
sessions.Watch();
await sessions.RestoreAsync();
await host.Services.GetRequiredService<LanguageChoice>().ApplyAsync();
await host.RunAsync();
