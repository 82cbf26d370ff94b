using MemWorkflow.Core.Evaluations;
using MemWorkflow.Core.Rounds;
using RoundStatus = MemWorkflow.Contracts.Rounds.RoundStatus;

namespace MemWorkflow.Core.Tests.Rounds;

public sealed class RoundDeciderSpecs
{
    private static readonly DateTimeOffset Now = new(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor MemUnit = new("p-mem", "Marta (MEM Unit)");
    private static readonly RoundSettings Settings = new("R8-2023", [new RoundCountry("MEX", []), new RoundCountry("GRD", ["IC"])],
        new EvaluationPeriod(2019, 2023), "en", new RoundSchedule(Now.AddDays(90), 45, 14, 21, 21, 30, [14, 7, 1], 7), 2, true);

    private static Spec<RoundState, RoundCommand, RoundEvent> Spec() => new(RoundDecider.Decide, RoundDecider.Evolve);

    [Fact]
    public void StartRound_RecordsTheRoundWithItsCountriesAndSchedule()
    {
        var state = Spec().When(new StartRound("r2023-00000001", Settings, MemUnit, Now)).Then(new RoundStarted("r2023-00000001", Settings, Now));
        Assert.Equal(RoundStatus.Open, state.Status);
        Assert.Equal(["IC"], state.Country("GRD")!.ExcludedPillarIds);
        Assert.Null(state.Country("COL"));
    }

    [Fact]
    public void StartRound_WithAnIdInUse_IsRefused() =>
        Spec().Given(new RoundStarted("r2023-00000001", Settings, Now)).When(new StartRound("r2023-00000001", Settings, MemUnit, Now))
            .ThenRefused(RejectionKind.Conflict, "already exists");

    [Fact]
    public void CancelRound_OfAnOpenRound_CancelsItWithTheReason()
    {
        var state = Spec().Given(new RoundStarted("r2023-00000001", Settings, Now))
            .When(new CancelRound("Plenary postponed the round", MemUnit, Now.AddDays(1)))
            .Then(new RoundCancelled("Plenary postponed the round", Now.AddDays(1)));
        Assert.Equal(RoundStatus.Cancelled, state.Status);
        Assert.Equal("Plenary postponed the round", state.CancellationReason);
    }

    [Fact]
    public void CancelRound_Twice_ChangesNothing() =>
        Spec().Given(new RoundStarted("r2023-00000001", Settings, Now), new RoundCancelled("x", Now))
            .When(new CancelRound("again", MemUnit, Now)).ThenNothing();

    [Fact]
    public void CancelRound_ThatDoesNotExist_IsNotFound() =>
        Spec().When(new CancelRound("x", MemUnit, Now)).ThenRefused(RejectionKind.NotFound, "does not exist");
}
