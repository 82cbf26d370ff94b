using MemWorkflow.Core.Catalogue;

namespace MemWorkflow.Core.Tests.Catalogue;

public sealed class MemberStateNamesSpecs
{
    [Theory]
    [InlineData("MEX", "México", "Mexique", "México", "de México", "du Mexique", "do México")]
    [InlineData("USA", "Estados Unidos", "États-Unis", "Estados Unidos", "de los Estados Unidos", "des États-Unis", "dos Estados Unidos")]
    [InlineData("KNA", "San Cristóbal y Nieves", "Saint-Kitts-et-Nevis", "São Cristóvão e Névis", "de San Cristóbal y Nieves", "de Saint-Kitts-et-Nevis", "de São Cristóvão e Névis")]
    [InlineData("HTI", "Haití", "Haïti", "Haiti", "de Haití", "d'Haïti", "do Haiti")]
    [InlineData("COL", "Colombia", "Colombie", "Colômbia", "de Colombia", "de la Colombie", "da Colômbia")]
    public void Names_AndTheirOfForms(string code, string es, string fr, string pt, string esOf, string frOf, string ptOf)
    {
        Assert.Equal([es, fr, pt], new[] { "es", "fr", "pt" }.Select(l => MemberStateNames.NameOf(code, l)));
        Assert.Equal([esOf, frOf, ptOf], new[] { "es", "fr", "pt" }.Select(l => MemberStateNames.OfForm(code, l)));
    }

    [Fact]
    public void EveryOasMemberState_HasItsNameInEveryLanguage()
    {
        foreach (var state in MemberStates.All)
        {
            Assert.Equal(state.Name, MemberStateNames.NameOf(state.Code, "en"));
            foreach (var language in new[] { "es", "fr", "pt" })
            {
                var name = MemberStateNames.NameOf(state.Code, language);
                var of = MemberStateNames.OfForm(state.Code, language);
                Assert.False(string.IsNullOrWhiteSpace(name), $"{state.Code} {language}");
                Assert.Matches(@"^(de |de la |de las |de los |del |du |des |d'|de l'|do |da |dos |das )", of);
            }
        }
    }

    [Fact]
    public void AnUnknownCodeOrLanguage_FallsBackToEnglish()
    {
        Assert.Equal("XXX", MemberStateNames.NameOf("XXX", "es"));
        Assert.Equal("Jamaica", MemberStateNames.NameOf("JAM", "de"));
        Assert.Equal("of Jamaica", MemberStateNames.OfForm("JAM", "en"));
    }
}
