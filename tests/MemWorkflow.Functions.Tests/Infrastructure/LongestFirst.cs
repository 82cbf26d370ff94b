using Xunit.Abstractions;

[assembly: TestCollectionOrderer("MemWorkflow.Functions.Tests.Infrastructure.LongestFirst", "MemWorkflow.Functions.Tests")]

namespace MemWorkflow.Functions.Tests.Infrastructure;

/// <summary>Starts the longest collection first: the hostile-input sweep (one test of about two and a half minutes).
/// Started wherever the default order put it, it could run alone at the end of a run. (The browser tests, once first
/// here too, are their own project now: MemWorkflow.Portal.Tests.)</summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private static readonly string[] Longest = [$"Test collection for {typeof(Hardening.HostileInputTests).FullName}"];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => Array.IndexOf(Longest, c.DisplayName) is var at and >= 0 ? at : Longest.Length);
}
