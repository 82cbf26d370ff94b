namespace MemWorkflow.Portal.Localization;

public static class English
{
    public static IReadOnlyDictionary<string, string> Words { get; } = new Dictionary<string, string>
    {
    };
}
