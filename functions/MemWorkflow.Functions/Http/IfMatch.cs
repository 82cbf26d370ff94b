namespace MemWorkflow.Functions.Http;

/// <summary>Versions of answers and summaries travel as ETags: <c>"3"</c>. No If-Match means a first save.</summary>
public static class IfMatch
{
    public static bool TryRead(HttpRequest request, out int? version)
    {
        version = null;
        string? header = request.Headers.IfMatch;
        if (string.IsNullOrWhiteSpace(header))
            return true;
        var value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
            value = value[2..];
        if (int.TryParse(value.Trim('"'), out var parsed) && parsed > 0)
        {
            version = parsed;
            return true;
        }
        return false;
    }
}
