using MemWorkflow.Contracts.Participants;
using MemWorkflow.Core.Participants;

namespace MemWorkflow.Core.Tests.Participants;

/// <summary>Given the active participants, when someone is registered or deactivated, then it is allowed or
/// refused by the caps and the last-MEM-Unit rule.</summary>
public sealed class RosterRulesSpecs
{
    private static readonly DateTimeOffset At = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly RosterCaps Caps = new(MaxNceUsersPerState: 2, MaxMemUnitUsers: 2);

    private static Participant Person(string id, Role role, string? state = null, string? email = null) =>
        new(id, role, id, email ?? $"{id}@example.org", state, ["es"], [], true, At);

    private static NewParticipant Nce(string email, string state = "MEX") => new(Role.Nce, "Ana", email, state, ["es"], []);

    [Fact]
    public void AStatesNceUsers_AreCappedPerState_NotAcrossStates()
    {
        Participant[] active = [Person("a", Role.Nce, "MEX"), Person("b", Role.Nce, "MEX")];
        Assert.Equal(RejectionKind.Conflict, RosterRules.Registration(Nce("c@example.org"), active, Caps)?.Kind);
        Assert.Null(RosterRules.Registration(Nce("c@example.org", "COL"), active, Caps));
    }

    [Fact]
    public void TheSameAddress_IsRegisteredOncePerRoleAndState_WhateverItsCase()
    {
        Participant[] active = [Person("a", Role.Nce, "MEX", "ana@sre.gob.mx")];
        Assert.Contains("already registered", RosterRules.Registration(Nce("ANA@sre.gob.mx"), active, Caps)?.Detail);
        Assert.Null(RosterRules.Registration(new NewParticipant(Role.Geg, "Ana", "ana@sre.gob.mx", "MEX", ["es"], []), active, Caps));
    }

    [Fact]
    public void TheMemUnit_IsCapped()
    {
        Participant[] active = [Person("m1", Role.MemUnit), Person("m2", Role.MemUnit)];
        Assert.Equal(RejectionKind.Conflict, RosterRules.Registration(new NewParticipant(Role.MemUnit, "M", "m3@oas.org", null, ["en"], []), active, Caps)?.Kind);
    }

    [Fact]
    public void TheLastActiveMemUnitUser_CannotBeDeactivated_OneOfTwoCan()
    {
        var only = Person("m1", Role.MemUnit);
        Assert.Contains("last active MEM Unit user", RosterRules.Deactivation(only, [only, Person("n", Role.Nce, "MEX")])?.Detail);
        Assert.Null(RosterRules.Deactivation(only, [only, Person("m2", Role.MemUnit)]));
        Assert.Null(RosterRules.Deactivation(Person("n", Role.Nce, "MEX"), [only, Person("n", Role.Nce, "MEX")]));
    }
}
