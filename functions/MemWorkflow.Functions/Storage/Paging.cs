using System.Text;
using Azure.Data.Tables;
using MemWorkflow.Functions.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MemWorkflow.Functions.Storage;

/// <summary>A page of a list read in row-key order: the rows, and the cursor of the next page when
/// there is one. The cursor is the last row key returned, opaque to clients (base64url), so a page
/// never depends on Azure's continuation tokens and a forged cursor can only start the range elsewhere.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>The paging every list of the API shares: <c>?pageSize=</c> (1 to <see cref="MaxSize"/>,
/// <see cref="DefaultSize"/> by default) and <c>?page=</c> (the cursor a previous page gave). The body
/// stays a JSON array; the next page's address is in a <c>Link: &lt;…&gt;; rel="next"</c> header (RFC 8288).</summary>
public sealed record PageRequest(string? After, int Size)
{
    public const int DefaultSize = 100;
    public const int MaxSize = 500;
    private const int MaxCursorChars = 1024;

    public static (PageRequest? Request, ValidationProblem? Problem) Parse(string? page, string? pageSize, string prefix)
    {
        var size = DefaultSize;
        if (pageSize is not null && (!int.TryParse(pageSize, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxSize))
            return (null, Problems.Invalid("pageSize", $"pageSize is a whole number from 1 to {MaxSize}."));
        if (page is null)
            return (new PageRequest(null, size), null);
        var after = page.Length <= MaxCursorChars ? Decode(page) : null;
        if (after is null || !after.StartsWith(prefix, StringComparison.Ordinal))
            return (null, Problems.Invalid("page", "page is the cursor a previous page's Link header gave; this one is not."));
        return (new PageRequest(after, size), null);
    }

    public static string Cursor(string rowKey) => Convert.ToBase64String(Encoding.UTF8.GetBytes(rowKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Decode(string cursor)
    {
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 += (base64.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => "!" };
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
            return null;
        try
        {
            var text = new UTF8Encoding(false, true).GetString(bytes, 0, written);
            return text.Any(char.IsControl) ? null : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>One page of the rows of <paramref name="partition"/> whose row key starts with
    /// <paramref name="prefix"/>, after the cursor: a range query inside one partition, never a scan.</summary>
    public async Task<Page<TableEntity>> ReadAsync(TableClient table, string partition, string prefix, CancellationToken cancellationToken, string? where = null)
    {
        var filter = $"PartitionKey eq {OData.Quote(partition)} and {Storage.RowKeys.StartsWith(prefix)}"
            + (After is null ? "" : $" and RowKey gt {OData.Quote(After)}")
            + (where is null ? "" : $" and ({where})");
        var rows = new List<TableEntity>(Size + 1);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(Size + 1, 1000), cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count > Size)
                break;
        }
        return rows.Count > Size
            ? new Page<TableEntity>(rows.Take(Size).ToList(), Cursor(rows[Size - 1].RowKey))
            : new Page<TableEntity>(rows, null);
    }

    /// <summary>Sets the <c>Link</c> header to the next page, when there is one.</summary>
    public void Link<T>(HttpContext http, Page<T> page)
    {
        if (page.Next is null)
            return;
        var query = http.Request.Query
            .Where(q => q.Key is not "page")
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append($"page={page.Next}");
        http.Response.Headers.Append("Link", $"<{http.Request.Path}?{string.Join('&', query)}>; rel=\"next\"");
    }
}
