namespace MemWorkflow.Functions.Storage;

/// <summary>Row keys of a round's partition. Member state codes are upper case, so the round
/// header's stream <c>round</c> never collides with one.</summary>
public static class RowKeys
{
    public const string RoundStream = "round";

    public static string State(string streamId) => $"state|{streamId}";

    public static string Event(string streamId, int version) => $"evt|{streamId}|{version:D10}";

    public static string EventPrefix(string streamId) => $"evt|{streamId}|";

    /// <summary>The marker of a command recorded on a stream (<see cref="CommandScope"/>).</summary>
    public static string Command(string streamId, string commandId) => $"cmd|{streamId}|{commandId}";

    public static string Outbox(string streamId, int version, int index) => $"outbox|{streamId}|{version:D10}|{index:D3}";

    public const string StatePrefix = "state|";
    public const string OutboxPrefix = "outbox|";

    /// <summary>An OData filter for the row keys that start with <paramref name="prefix"/>.</summary>
    public static string StartsWith(string prefix) =>
        $"RowKey ge {OData.Quote(prefix)} and RowKey lt {OData.Quote(prefix[..^1] + (char)(prefix[^1] + 1))}";
}

public static class StreamEvents
{
    /// <summary>The stored name of an event: its type in camelCase, as the JSON discriminator.</summary>
    public static string TypeName(object @event) => JsonNamingPolicyCamel(@event.GetType().Name);

    private static string JsonNamingPolicyCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
