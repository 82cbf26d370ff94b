using MemWorkflow.Core.Assignments;
using MemWorkflow.Core.Catalogue;

namespace MemWorkflow.Assignments.Benchmarks;

/// <summary>A generated round shaped like a real one: Spanish round, experts mostly working in Spanish and
/// English with some French and Portuguese, one to three pillars of expertise each, designating states
/// spread over the evaluated states, a few consultants, and the previous round's pairs.</summary>
public static class RealisticPool
{
    private static readonly string[] AllPillars = ["IS", "DR", "SR", "RIME", "IC"];

    public static AssignmentProblem Generate(int states, int experts, int seats, IReadOnlyList<string> pillars, int seed)
    {
        var random = new Random(seed);
        var codes = MemberStates.All.Select(s => s.Code).Concat(Enumerable.Range(1, Math.Max(0, states - MemberStates.All.Count)).Select(n => $"X{n:000}")).Take(states).ToList();
        // Pillars may not apply to every state (no Supply Reduction for Grenada): one state in ten loses one.
        var evaluations = codes.Select(code =>
        {
            var applying = pillars.Count > 1 && random.NextDouble() < 0.1 ? pillars.Where((_, k) => k != random.Next(pillars.Count)).ToList() : pillars.ToList();
            return new EvaluationNeed(code, applying);
        }).ToList();

        var designators = Enumerable.Range(0, experts).Select(n => codes[n % codes.Count]).OrderBy(_ => random.Next()).ToList();
        var expertPool = Enumerable.Range(0, experts).Select(n => new Candidate(
            $"e{n:000}", $"Expert {n:000}", designators[n], Languages(random), Expertise(random))).ToList();
        var consultantPool = Enumerable.Range(0, Math.Max(2, states / 4)).Select(n => new Candidate(
            $"c{n:000}", $"Consultant {n:000}", random.NextDouble() < 0.3 ? null : codes[random.Next(codes.Count)], Languages(random), [])).ToList();

        // Last round's pairs: two experts from other states and one consultant per evaluation.
        var previous = new List<Seat>();
        foreach (var code in codes)
        {
            previous.AddRange(expertPool.Where(e => e.MemberState != code).OrderBy(_ => random.Next()).Take(seats).Select(e => new Seat(code, e.ParticipantId)));
            previous.Add(new Seat(code, consultantPool[random.Next(consultantPool.Count)].ParticipantId));
        }
        return new AssignmentProblem("es", seats, null, null, evaluations, expertPool, consultantPool, [], [], [], previous, seed);
    }

    private static List<string> Languages(Random random)
    {
        var draw = random.NextDouble();
        var first = draw < 0.6 ? "es" : draw < 0.85 ? "en" : draw < 0.93 ? "pt" : "fr";
        var languages = new List<string> { first };
        if (random.NextDouble() < 0.5)
            languages.Add(first == "es" ? "en" : "es");
        return languages;
    }

    private static List<string> Expertise(Random random) =>
        AllPillars.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
}
