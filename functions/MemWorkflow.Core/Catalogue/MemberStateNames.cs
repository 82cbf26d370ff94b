namespace MemWorkflow.Core.Catalogue;

/// <summary>The OAS member states' short names in Spanish, French and Portuguese (Brazilian usage),
/// each with its "of" form, which in French and Portuguese carries the article ("du Mexique",
/// "da Colômbia"). English, and any code or language not listed, falls back to
/// <see cref="MemberStates.NameOf"/>.</summary>
#if MEM_PORTAL
internal
#else
public
#endif
static class MemberStateNames
{
    private sealed record Names(string Es, string EsOf, string Fr, string FrOf, string Pt, string PtOf);

    private static readonly Dictionary<string, Names> ByCode = new(StringComparer.Ordinal)
    {
        ["ATG"] = new("Antigua y Barbuda", "de Antigua y Barbuda", "Antigua-et-Barbuda", "d'Antigua-et-Barbuda", "Antígua e Barbuda", "de Antígua e Barbuda"),
        ["ARG"] = new("Argentina", "de Argentina", "Argentine", "de l'Argentine", "Argentina", "da Argentina"),
        ["BHS"] = new("Bahamas", "de las Bahamas", "Bahamas", "des Bahamas", "Bahamas", "das Bahamas"),
        ["BRB"] = new("Barbados", "de Barbados", "Barbade", "de la Barbade", "Barbados", "de Barbados"),
        ["BLZ"] = new("Belice", "de Belice", "Belize", "du Belize", "Belize", "de Belize"),
        ["BOL"] = new("Bolivia", "de Bolivia", "Bolivie", "de la Bolivie", "Bolívia", "da Bolívia"),
        ["BRA"] = new("Brasil", "de Brasil", "Brésil", "du Brésil", "Brasil", "do Brasil"),
        ["CAN"] = new("Canadá", "de Canadá", "Canada", "du Canada", "Canadá", "do Canadá"),
        ["CHL"] = new("Chile", "de Chile", "Chili", "du Chili", "Chile", "do Chile"),
        ["COL"] = new("Colombia", "de Colombia", "Colombie", "de la Colombie", "Colômbia", "da Colômbia"),
        ["CRI"] = new("Costa Rica", "de Costa Rica", "Costa Rica", "du Costa Rica", "Costa Rica", "da Costa Rica"),
        ["CUB"] = new("Cuba", "de Cuba", "Cuba", "de Cuba", "Cuba", "de Cuba"),
        ["DMA"] = new("Dominica", "de Dominica", "Dominique", "de la Dominique", "Dominica", "da Dominica"),
        ["DOM"] = new("República Dominicana", "de la República Dominicana", "République dominicaine", "de la République dominicaine", "República Dominicana", "da República Dominicana"),
        ["ECU"] = new("Ecuador", "de Ecuador", "Équateur", "de l'Équateur", "Equador", "do Equador"),
        ["SLV"] = new("El Salvador", "de El Salvador", "El Salvador", "d'El Salvador", "El Salvador", "de El Salvador"),
        ["GRD"] = new("Granada", "de Granada", "Grenade", "de la Grenade", "Granada", "de Granada"),
        ["GTM"] = new("Guatemala", "de Guatemala", "Guatemala", "du Guatemala", "Guatemala", "da Guatemala"),
        ["GUY"] = new("Guyana", "de Guyana", "Guyana", "du Guyana", "Guiana", "da Guiana"),
        ["HTI"] = new("Haití", "de Haití", "Haïti", "d'Haïti", "Haiti", "do Haiti"),
        ["HND"] = new("Honduras", "de Honduras", "Honduras", "du Honduras", "Honduras", "de Honduras"),
        ["JAM"] = new("Jamaica", "de Jamaica", "Jamaïque", "de la Jamaïque", "Jamaica", "da Jamaica"),
        ["MEX"] = new("México", "de México", "Mexique", "du Mexique", "México", "do México"),
        ["NIC"] = new("Nicaragua", "de Nicaragua", "Nicaragua", "du Nicaragua", "Nicarágua", "da Nicarágua"),
        ["PAN"] = new("Panamá", "de Panamá", "Panama", "du Panama", "Panamá", "do Panamá"),
        ["PRY"] = new("Paraguay", "de Paraguay", "Paraguay", "du Paraguay", "Paraguai", "do Paraguai"),
        ["PER"] = new("Perú", "de Perú", "Pérou", "du Pérou", "Peru", "do Peru"),
        ["KNA"] = new("San Cristóbal y Nieves", "de San Cristóbal y Nieves", "Saint-Kitts-et-Nevis", "de Saint-Kitts-et-Nevis", "São Cristóvão e Névis", "de São Cristóvão e Névis"),
        ["LCA"] = new("Santa Lucía", "de Santa Lucía", "Sainte-Lucie", "de Sainte-Lucie", "Santa Lúcia", "de Santa Lúcia"),
        ["VCT"] = new("San Vicente y las Granadinas", "de San Vicente y las Granadinas", "Saint-Vincent-et-les-Grenadines", "de Saint-Vincent-et-les-Grenadines", "São Vicente e Granadinas", "de São Vicente e Granadinas"),
        ["SUR"] = new("Suriname", "de Suriname", "Suriname", "du Suriname", "Suriname", "do Suriname"),
        ["TTO"] = new("Trinidad y Tobago", "de Trinidad y Tobago", "Trinité-et-Tobago", "de Trinité-et-Tobago", "Trinidad e Tobago", "de Trinidad e Tobago"),
        ["USA"] = new("Estados Unidos", "de los Estados Unidos", "États-Unis", "des États-Unis", "Estados Unidos", "dos Estados Unidos"),
        ["URY"] = new("Uruguay", "de Uruguay", "Uruguay", "de l'Uruguay", "Uruguai", "do Uruguai"),
        ["VEN"] = new("Venezuela", "de Venezuela", "Venezuela", "du Venezuela", "Venezuela", "da Venezuela"),
    };

    /// <summary>The state's name in <paramref name="language"/> ("en", "es", "fr", "pt").</summary>
    public static string NameOf(string code, string language) => (ByCode.GetValueOrDefault(code), language) switch
    {
        ({ } n, "es") => n.Es,
        ({ } n, "fr") => n.Fr,
        ({ } n, "pt") => n.Pt,
        _ => MemberStates.NameOf(code),
    };

    /// <summary>"of Mexico", "de México", "du Mexique", "do México".</summary>
    public static string OfForm(string code, string language) => (ByCode.GetValueOrDefault(code), language) switch
    {
        ({ } n, "es") => n.EsOf,
        ({ } n, "fr") => n.FrOf,
        ({ } n, "pt") => n.PtOf,
        (_, "es" or "fr" or "pt") => $"de {MemberStates.NameOf(code)}",
        _ => $"of {MemberStates.NameOf(code)}",
    };
}
