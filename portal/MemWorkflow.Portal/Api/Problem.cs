using System.Text.Json;

namespace MemWorkflow.Portal.Api;

/// <summary>An RFC 9457 problem as the API writes it. <see cref="Current"/> is the answer someone else
/// saved (412 on an answer); <see cref="Unstaffable"/> explains a round that cannot be staffed (422).</summary>
public sealed record Problem(
    string? Title,
    string? Detail,
    int? Status,
    Dictionary<string, string[]>? Errors = null,
    AnswerView? Current = null,
    List<UnstaffableEvaluation>? Unstaffable = null)
{
    public static Problem Of(int status, string title, string? detail = null) => new(title, detail, status);

    public static Problem Read(string json, int status)
    {
        try
        {
            return JsonSerializer.Deserialize(json, MemJsonContext.Default.Problem) is { } p ? p with { Status = p.Status ?? status } : Of(status, "");
        }
        catch (JsonException)
        {
            return Of(status, "", json.Length > 300 ? json[..300] : json);
        }
    }
}
