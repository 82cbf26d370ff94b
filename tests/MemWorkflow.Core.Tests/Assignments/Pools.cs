using MemWorkflow.Core.Assignments;

namespace MemWorkflow.Core.Tests.Assignments;

/// <summary>Hand-built candidates and problems: a Spanish round, two experts per evaluation, no caps.</summary>
internal static class Pools
{
    public static Candidate Expert(string id, string name, string state, string languages = "es", string expertise = "IS DR SR RIME IC") =>
        new(id, name, state, Words(languages), Words(expertise));

    public static Candidate Consultant(string id, string name, string? nationality, string languages = "es en") =>
        new(id, name, nationality, Words(languages), []);

    public static EvaluationNeed Evaluation(string state, string pillars = "IS") => new(state, Words(pillars));

    public static AssignmentProblem Problem(IReadOnlyList<EvaluationNeed> evaluations, IReadOnlyList<Candidate> experts, IReadOnlyList<Candidate>? consultants = null) =>
        new("es", 2, null, null, evaluations, experts, consultants ?? [Consultant("c-1", "Claire Martin", null)], [], [], [], [], Seed: 7);

    private static List<string> Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
}
