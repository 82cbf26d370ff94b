namespace MemWorkflow.LocalHost;

/// <summary>Serves the portal at <c>/</c> the way Static Web Apps does in Azure: its files, and
/// <c>index.html</c> for every page route (the portal routes in the browser). API paths never fall
/// back to the page: an unknown API route stays a 404 problem.</summary>
internal static class PortalHosting
{
    /// <summary>Marks the endpoints that serve the portal rather than a function.</summary>
    public sealed class PortalEndpoint;

    public static void UsePortal(this WebApplicationBuilder builder) =>
        // The portal's files come from its project's build output; a published host carries them itself.
        builder.WebHost.UseStaticWebAssets();

    public static void MapPortal(this WebApplication app)
    {
        var marker = new PortalEndpoint();
        app.MapStaticAssets().Add(e => e.Metadata.Add(marker));
        app.MapFallbackToFile("{*path:nonfile}", "index.html").WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]), marker);
        app.MapFallback("api/{**path}", () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
            title: "Not found", detail: "There is no such API route; see /openapi/v1.json.")).WithMetadata(marker);
    }
}
