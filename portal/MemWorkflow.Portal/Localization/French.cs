namespace MemWorkflow.Portal.Localization;

public static class French
{
    public static IReadOnlyDictionary<string, string> Words { get; } = new Dictionary<string, string>
    {
    };
}
