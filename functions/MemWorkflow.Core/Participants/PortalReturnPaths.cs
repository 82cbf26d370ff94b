using System.Text.RegularExpressions;

namespace MemWorkflow.Core.Participants;

/// <summary>Where the portal may send someone after sign-in: a route of the portal itself, written as a plain
/// path (and an optional plain query), so no value can leave the portal's origin: no scheme, no "//", no
/// backslash, no percent-encoded form of any of them, not the sign-in page itself. The API refuses any other
/// <c>returnTo</c> in a sign-in request (so none goes into an emailed link), and the portal, which compiles this
/// same file, falls back to its home page for any other one it is given.</summary>
#if MEM_PORTAL
internal
#else
public
#endif
static partial class PortalReturnPaths
{
    public const int MaxLength = 1_000;

    /// <summary>The portal's routes a sign-in may return to ({x}: one segment). Not the sign-in page itself.</summary>
    public static readonly IReadOnlyList<string> Routes =
    [
        "/", "/assignments", "/participants", "/reports", "/reports/{x}/{x}", "/rounds", "/rounds/new", "/rounds/{x}",
        "/rounds/{x}/assignments", "/rounds/{x}/countries/{x}", "/rounds/{x}/countries/{x}/questionnaire",
        "/rounds/{x}/countries/{x}/submission", "/rounds/{x}/outbox",
    ];

    public static bool IsSafe(string? path)
    {
        if (path is null || path.Length > MaxLength || !Shape().IsMatch(path))
            return false;
        var segments = path.Split('?', 2)[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        return Routes.Any(route => Matches(route.Split('/', StringSplitOptions.RemoveEmptyEntries), segments));
    }

    /// <summary>The path if it is a page of the portal, else null (the home page).</summary>
    public static string? Safe(string? path) => IsSafe(path) ? path : null;

    /// <summary>The same page relative to the portal's base address (for NavigationManager), "" for home.</summary>
    public static string Relative(string? path) => Safe(path)?.TrimStart('/') ?? "";

    private static bool Matches(string[] route, string[] segments) =>
        route.Length == segments.Length && route.Zip(segments).All(p => p.First == "{x}" || string.Equals(p.First, p.Second, StringComparison.Ordinal));

    // A path of plain segments (letters, digits, '-', '_', '.'), then at most a plain query: nothing that
    // percent-decodes, names a scheme or an authority, or that a browser reads as something else.
    [GeneratedRegex(@"^/([A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*)?(\?[A-Za-z0-9_.=&-]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
