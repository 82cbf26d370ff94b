using System.Text.Json.Nodes;
using MemWorkflow.Functions.Development;
using MemWorkflow.Functions.Http;
using MemWorkflow.Functions.Notifications;
using MemWorkflow.Functions.Storage;

namespace MemWorkflow.LocalHost;

/// <summary>Serves the portal at <c>/</c> the way Static Web Apps does in Azure: its files, and
/// <c>index.html</c> for every page route (the portal routes in the browser), with the response headers of
/// the portal's own <c>staticwebapp.config.json</c>. API paths never fall back to the page: an unknown API
/// route stays a 404 problem.</summary>
internal static class PortalHosting
{
    /// <summary>Marks the endpoints that serve the portal rather than a function.</summary>
    public sealed class PortalEndpoint;

    public static void UsePortal(this WebApplicationBuilder builder)
    {
        // The portal's files come from its project's build output; a published host carries them itself.
        builder.WebHost.UseStaticWebAssets();
        // The build compressed every file (gzip); in Development ASP.NET Core would otherwise compare each with its
        // build-time record and, for the runtime's assemblies copied later, send "gzip" that is stored, not
        // compressed (System.Private.CoreLib: 4.9 MB either way). Nothing edits the portal's files while it runs.
        builder.Configuration["ReloadStaticAssetsAtRuntime"] = "false";
    }

    public static void MapPortal(this WebApplication app)
    {
        var marker = new PortalEndpoint();
        var headers = GlobalHeaders(app);
        app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<PortalEndpoint>() is not null && !context.Request.Path.StartsWithSegments("/api"))
                foreach (var (name, value) in headers)
                    context.Response.Headers[name] = value;
            return next(context);
        });
        app.MapStaticAssets().Add(e => e.Metadata.Add(marker));
        app.MapFallbackToFile("{*path:nonfile}", "index.html").WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]), marker);
        app.MapFallback("api/{**path}", () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
            title: "Not found", detail: "There is no such API route; see /openapi/v1.json.")).WithMetadata(marker);
    }

    /// <summary>The <c>globalHeaders</c> Static Web Apps adds to every file and page it serves, from the config the
    /// portal deploys with. One difference: locally the portal uploads to the storage emulator rather than to
    /// <c>*.blob.core.windows.net</c>, so the emulator's blob origin joins the policy's <c>connect-src</c>.</summary>
    private static IReadOnlyList<(string Name, string Value)> GlobalHeaders(WebApplication app)
    {
        var file = app.Environment.WebRootFileProvider.GetFileInfo("staticwebapp.config.json");
        if (!file.Exists)
            return [];
        using var stream = file.CreateReadStream();
        var config = JsonNode.Parse(stream)?["globalHeaders"]?.AsObject() ?? [];
        var intake = app.Services.GetRequiredService<StorageBlobs>().IntakeService;
        var uploads = intake.AccountName == StorageBlobs.EmulatorAccount ? intake.Uri.GetLeftPart(UriPartial.Authority) : null;
        return config.Select(h => (h.Key, h.Key == "Content-Security-Policy" && uploads is not null
            ? h.Value!.GetValue<string>().Replace("connect-src 'self'", $"connect-src 'self' {uploads}", StringComparison.Ordinal)
            : h.Value!.GetValue<string>())).ToList();
    }
}
