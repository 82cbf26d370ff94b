namespace MemWorkflow.Portal.Api;

/// <summary>What one API call answered: the value, or the problem; the ETag where the API versions the
/// resource (answers and evaluative summaries).</summary>
public sealed record ApiResult<T>(T? Value, Problem? Problem, int Status, string? ETag = null)
{
    /// <summary>The next page of a list (its <c>Link: &lt;…&gt;; rel="next"</c> header), when there is one.</summary>
    public string? Next { get; init; }

    public bool Ok => Problem is null;

    /// <summary>The version an ETag carries: <c>"3"</c> is 3.</summary>
    public int? Version => int.TryParse(ETag?.Trim('"', 'W', '/'), out var v) ? v : null;
}

/// <summary>The body of a command the API answers with nothing the portal reads.</summary>
public sealed record Nothing;
