namespace MemWorkflow.Portal.Localization;

public static class Spanish
{
    public static IReadOnlyDictionary<string, string> Words { get; } = new Dictionary<string, string>
    {
    };
}
