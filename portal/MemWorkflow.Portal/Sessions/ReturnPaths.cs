using System.Text.RegularExpressions;

namespace MemWorkflow.Portal.Sessions;

/// <summary>Where sign-in may send someone: a route of this portal, written as a plain path (and an optional plain
/// query). Anything else (another origin, "//", a backslash, a scheme such as <c>javascript:</c>, a percent-encoded
/// form of any of them, the sign-in page itself) falls back to the home page. The API applies the same rule to the
/// links it emails (<c>functions/MemWorkflow.Functions/Participants/PortalReturnPaths.cs</c>).</summary>
public static partial class ReturnPaths
{
    private const int MaxLength = 1_000;

    private static readonly string[][] Routes = new[]
    {
        "/", "/assignments", "/participants", "/reports", "/reports/{x}/{x}", "/rounds", "/rounds/new", "/rounds/{x}",
        "/rounds/{x}/assignments", "/rounds/{x}/countries/{x}", "/rounds/{x}/countries/{x}/questionnaire",
        "/rounds/{x}/countries/{x}/submission", "/rounds/{x}/outbox",
    }.Select(r => r.Split('/', StringSplitOptions.RemoveEmptyEntries)).ToArray();

    /// <summary>The path if it is a page of this portal, else null (the home page).</summary>
    public static string? Safe(string? path)
    {
        if (path is null || path.Length > MaxLength || !Shape().IsMatch(path))
            return null;
        var segments = path.Split('?', 2)[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        return Routes.Any(route => route.Length == segments.Length && route.Zip(segments).All(p => p.First == "{x}" || p.First == p.Second)) ? path : null;
    }

    /// <summary>The same page relative to the portal's base address (for NavigationManager), "" for home.</summary>
    public static string Relative(string? path) => Safe(path)?.TrimStart('/') ?? "";

    [GeneratedRegex(@"^/([A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*)?(\?[A-Za-z0-9_.=&-]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
