namespace MemWorkflow.Core.Catalogue;

// Compiled into the portal as well (its names for pages), where these types are its own, internal ones.
#if MEM_PORTAL
internal
#else
public
#endif
sealed record MemberState(string Code, string Name);

/// <summary>OAS member states by ISO 3166-1 alpha-3 code. Kept whole (Nicaragua and Cuba included)
/// because past rounds and participants may still name them; which states a round evaluates is the
/// round's own list.</summary>
#if MEM_PORTAL
internal
#else
public
#endif
static class MemberStates
{
    public static IReadOnlyList<MemberState> All { get; } =
    [
        new("ATG", "Antigua and Barbuda"), new("ARG", "Argentina"), new("BHS", "The Bahamas"),
        new("BRB", "Barbados"), new("BLZ", "Belize"), new("BOL", "Bolivia"), new("BRA", "Brazil"),
        new("CAN", "Canada"), new("CHL", "Chile"), new("COL", "Colombia"), new("CRI", "Costa Rica"),
        new("CUB", "Cuba"), new("DMA", "Dominica"), new("DOM", "Dominican Republic"), new("ECU", "Ecuador"),
        new("SLV", "El Salvador"), new("GRD", "Grenada"), new("GTM", "Guatemala"), new("GUY", "Guyana"),
        new("HTI", "Haiti"), new("HND", "Honduras"), new("JAM", "Jamaica"), new("MEX", "Mexico"),
        new("NIC", "Nicaragua"), new("PAN", "Panama"), new("PRY", "Paraguay"), new("PER", "Peru"),
        new("KNA", "Saint Kitts and Nevis"), new("LCA", "Saint Lucia"),
        new("VCT", "Saint Vincent and the Grenadines"), new("SUR", "Suriname"),
        new("TTO", "Trinidad and Tobago"), new("USA", "United States"), new("URY", "Uruguay"),
        new("VEN", "Venezuela"),
    ];

    private static readonly Dictionary<string, MemberState> ByCode =
        All.ToDictionary(s => s.Code, StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && ByCode.ContainsKey(code);

    public static string NameOf(string code) => ByCode.TryGetValue(code, out var state) ? state.Name : code;
}
