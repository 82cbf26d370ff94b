using MemWorkflow.Contracts.Participants;
using MemWorkflow.Core.Catalogue;
using MemWorkflow.Core.Participants;

namespace MemWorkflow.Core.Tests.Participants;

public sealed class ParticipantRulesSpecs
{
    private static Dictionary<string, string[]> Validate(NewParticipant p) => ParticipantRules.Validate(p, PlanCatalogue.Current);

    [Fact]
    public void Validate_AGegExpertWithStateLanguagesAndExpertise_IsValid() =>
        Assert.Empty(Validate(new(Role.Geg, "Juan Pérez", "jperez@cicad.example.org", "COL", ["es", "en"], ["IS", "RIME"])));

    [Fact]
    public void Validate_AGegExpertWithoutADesignatingState_IsRefused() =>
        Assert.Contains("designated", Validate(new(Role.Geg, "Juan", "j@x.org", null, ["es"], ["IS"]))["memberState"][0]);

    [Fact]
    public void Validate_AnNceUserWithoutAState_IsRefused() =>
        Assert.Contains("answers for", Validate(new(Role.Nce, "Ana", "a@x.org", null, ["es"], []))["memberState"][0]);

    [Fact]
    public void Validate_BadFields_AreEachNamed()
    {
        var errors = Validate(new(null, "", "not-an-email", "XXX", ["de", "en", "en"], ["NOPE"]));
        Assert.Equal(["role", "name", "email", "memberState", "languages", "expertise"], errors.Keys);
        Assert.Equal(2, errors["languages"].Length);
    }

    [Fact]
    public void Validate_OverLongNameAndEmail_AreRefused()
    {
        var errors = Validate(new(Role.MemUnit, new string('x', 201), new string('a', 250) + "@x.org", null, ["en"], []));
        Assert.Contains("at most 200", errors["name"][0]);
        Assert.Contains("not a valid email", errors["email"][0]);
    }

    [Fact]
    public void Validate_MemUnitStaffWithAMemberState_IsRefused() =>
        Assert.Contains("represent no member state", Validate(new(Role.MemUnit, "M", "m@oas.org", "USA", ["en"], []))["memberState"][0]);
}
