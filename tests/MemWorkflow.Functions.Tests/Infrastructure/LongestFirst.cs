using Xunit.Abstractions;

[assembly: TestCollectionOrderer("MemWorkflow.Functions.Tests.Infrastructure.LongestFirst", "MemWorkflow.Functions.Tests")]

namespace MemWorkflow.Functions.Tests.Infrastructure;

/// <summary>Starts the longest collections first: the browser tests (one at a time, about six minutes together) and
/// the hostile-input sweep (one test of about two and a half). Started wherever the default order put them, the
/// browser tests began three minutes into a CI run and ran alone for its last one and a half.</summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private static readonly string[] Longest = [Portal.PortalCollection.Name, $"Test collection for {typeof(Hardening.HostileInputTests).FullName}"];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => Array.IndexOf(Longest, c.DisplayName) is var at and >= 0 ? at : Longest.Length);
}
