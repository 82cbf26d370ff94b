namespace MemWorkflow.Portal.Localization;

public static class Portuguese
{
    public static IReadOnlyDictionary<string, string> Words { get; } = new Dictionary<string, string>
    {
    };
}
