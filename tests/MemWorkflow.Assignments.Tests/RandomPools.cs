using FsCheck;
using FsCheck.Fluent;
using MemWorkflow.Core.Assignments;
using MemWorkflow.Core.Catalogue;

namespace MemWorkflow.Assignments.Tests;

/// <summary>The shape of a generated pool; FsCheck shrinks it towards fewer states and candidates.</summary>
public sealed record PoolShape(int Seed, int Evaluations, int Experts, int Seats, int? Cap, int Consultants)
{
    public override string ToString() => $"seed {Seed}, {Evaluations} evaluations, {Experts} experts, {Seats} seats, cap {Cap?.ToString() ?? "none"}, {Consultants} consultants";
}

/// <summary>Small random MEM pools: anything goes (languages, pillars, declines, caps, previous pairs),
/// or balanced ones, where every state designates the same number of experts who all qualify.</summary>
public static class RandomPools
{
    private static readonly string[] Pillars = ["IS", "DR", "SR", "RIME", "IC"];
    private static readonly string[] States = MemberStates.All.Take(10).Select(s => s.Code).ToArray();

    public static Arbitrary<PoolShape> AnyShape { get; } = (
        from seed in Gen.Choose(0, 1_000_000)
        from evaluations in Gen.Choose(1, 6)
        from experts in Gen.Choose(2, 12)
        from seats in Gen.Choose(1, 3)
        from cap in Gen.Elements<int?>(null, 1, 2, 3)
        from consultants in Gen.Choose(1, 3)
        select new PoolShape(seed, evaluations, experts, seats, cap, consultants)).ToArbitrary();

    public static Arbitrary<PoolShape> BalancedShape { get; } = (
        from seed in Gen.Choose(0, 1_000_000)
        from seats in Gen.Choose(1, 3)
        from evaluations in Gen.Choose(seats + 1, 8)
        from perState in Gen.Choose(1, 3)
        select new PoolShape(seed, evaluations, evaluations * perState, seats, null, 2)).ToArbitrary();

    public static AssignmentProblem Any(PoolShape shape)
    {
        var random = new Random(shape.Seed);
        var round = Pillars.Where(_ => random.NextDouble() < 0.5).DefaultIfEmpty("IS").ToList();
        var evaluated = States.OrderBy(_ => random.Next()).Take(shape.Evaluations).ToList();
        var evaluations = evaluated.Select(s => new EvaluationNeed(s, random.NextDouble() < 0.2 && round.Count > 1 ? round.Skip(1).ToList() : round)).ToList();
        var experts = Enumerable.Range(0, shape.Experts).Select(n => new Candidate(
            $"e-{n}", $"Expert {n}", States[random.Next(States.Length)],
            random.NextDouble() < 0.85 ? ["es", "en"] : ["en"],
            Pillars.Where(_ => random.NextDouble() < 0.4).DefaultIfEmpty(round[0]).ToList())).ToList();
        var consultants = Enumerable.Range(0, shape.Consultants).Select(n => new Candidate(
            $"c-{n}", $"Consultant {n}", random.NextDouble() < 0.5 ? null : States[random.Next(States.Length)], random.NextDouble() < 0.9 ? ["es"] : ["fr"], [])).ToList();
        var seats = evaluated.SelectMany(s => experts.Concat(consultants).Select(c => new Seat(s, c.ParticipantId))).ToList();
        var declined = seats.Where(_ => random.NextDouble() < 0.1).ToList();
        var previous = seats.Where(_ => random.NextDouble() < 0.2).ToList();
        return new AssignmentProblem("es", shape.Seats, shape.Cap, shape.Cap is null ? null : shape.Cap + 1,
            evaluations, experts, consultants, declined, [], [], previous, shape.Seed);
    }

    public static AssignmentProblem Balanced(PoolShape shape)
    {
        var random = new Random(shape.Seed);
        var evaluated = States.OrderBy(_ => random.Next()).Take(shape.Evaluations).ToList();
        var experts = Enumerable.Range(0, shape.Experts).Select(n => new Candidate(
            $"e-{n}", $"Expert {n}", evaluated[n % evaluated.Count], ["es"],
            Pillars.Where(_ => random.NextDouble() < 0.5).Append("IS").Distinct().ToList())).ToList();
        var previous = evaluated.SelectMany(s => experts.Where(_ => random.NextDouble() < 0.2).Select(e => new Seat(s, e.ParticipantId))).ToList();
        return new AssignmentProblem("es", shape.Seats, null, null,
            evaluated.Select(s => new EvaluationNeed(s, ["IS", "DR"])).ToList(), experts,
            [new Candidate("c-0", "Consultant 0", null, ["es"], []), new Candidate("c-1", "Consultant 1", evaluated[0], ["es"], [])],
            [], [], [], previous, shape.Seed);
    }
}
